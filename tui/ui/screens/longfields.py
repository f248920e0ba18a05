"""Long fields in the detail (issue 10, bounded work).

A field is shown up to `SHOWN_MAX` characters, then "… N more characters (f: the whole
field)"; `f` opens every field cut so in the document view, whose lines are virtualized,
so the rest stays reachable. A 10 MB note froze the detail for over a minute: Rich
wrapped all of it in a table. A heading (one line, cut at the screen's edge anyway) is
cut at `HEADING_MAX` before it is made visible.
"""

from __future__ import annotations

from rich.text import Text

from tui.model.documents import Document
from tui.model.text import visible

SHOWN_MAX = 4_000  # characters of one field in the detail (two screens at 80x24)
HEADING_MAX = 500


def heading(text: str) -> str:
    return text if len(text) <= HEADING_MAX else text[:HEADING_MAX] + "…"


class LongFields:
    """The fields of the item on screen that were cut, for `f`."""

    def __init__(self) -> None:
        self.cut: list[tuple[str, str]] = []  # (field, whole value), in the order shown

    def clear(self) -> None:
        self.cut = []

    def text(self, field: str, value: str, style: str = "") -> Text:
        """The value as the detail shows it: literal, control characters made visible, cut."""
        if len(value) <= SHOWN_MAX:
            return Text(visible(value), style=style, overflow="fold")
        self.cut.append((field, value))
        out = Text(visible(value[:SHOWN_MAX]), style=style, overflow="fold")
        out.append(f" … {len(value) - SHOWN_MAX:,} more characters (f: the whole field)", style="bold")
        return out

    def document(self, name: str) -> Document:
        """Every cut field whole, one after the other under its name, for the document view."""
        return Document(name, text="\n\n".join(f"{field}\n{value}" for field, value in self.cut))
