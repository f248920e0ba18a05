"""The picture above the panes: the summary, and the line naming the lists without a box.

- `SummaryText`: the situation's summary, wrapped to the width; as many lines as the
  board gives it (two at 80x24), the last cut with "… i: more" when there is more
  (`i` opens the whole summary).
- `ListsLine`: one line for the lists that have no box: "6 Needs (0) · 7 Watch (3,
  ⚠ 1 overdue) · 8 Judgments (2)"; their keys still work (a list without a box opens
  full screen). A click on a name presses its key.

Both draw `rich.text.Text` made from visible() strings: never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.widget import Widget

from tui.model.picture import OVERDUE_MARK
from tui.model.spec import LIST
from tui.model.text import visible
from tui.ui.theme import MUTED_STYLE

if TYPE_CHECKING:
    from textual.app import RenderResult

MORE_HINT = "… i: more"


def _title(name: str) -> str:
    return "Key figures" if name == "figures" else LIST[name].title


class SummaryText(Widget, can_focus=False):
    """The summary of the situation, wrapped; cut to the height the board gives it."""

    DEFAULT_CSS = """
    SummaryText { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = "summary") -> None:
        super().__init__(id=id)
        self.summary = ""
        self.cut = False  # the last line shown ends with the "more" hint

    def show_summary(self, summary: str | None) -> None:
        text = " ".join(visible(summary or "", spaces=True).split())
        if text != self.summary:
            self.summary = text
            self.display = bool(text)
            self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if not self.summary or width <= 0:
            return []
        return list(Text(self.summary).wrap(self.app.console, width))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> RenderResult:
        width, height = self.content_region.width, self.content_region.height
        lines = self._lines(width)
        self.cut = len(lines) > height > 0
        if self.cut:
            lines = lines[:height]
            last = lines[-1]
            room = max(width - len(MORE_HINT) - 1, 1)
            if last.cell_len > room:
                whole = last.plain
                last.truncate(room, overflow="crop")
                kept = len(last.plain)
                space = last.plain.rfind(" ")
                if whole[kept : kept + 1] not in (" ", "") and space > kept // 2:
                    last.right_crop(kept - space)  # cut between words ("Over 76, …" read as a number)
            last.rstrip()
            last.append(" " + MORE_HINT, style=MUTED_STYLE)
        out = Text("\n").join(lines)
        out.end = ""
        return out


class ListsLine(Widget, can_focus=False):
    """The lists with no box, on one line: their key, title and count."""

    DEFAULT_CSS = """
    ListsLine { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = "lists-line") -> None:
        super().__init__(id=id)
        self.entries: tuple[tuple[str, int, int], ...] = ()  # (list, items, overdue)
        self._spans: list[tuple[int, int, str]] = []

    def show_lists(self, entries: tuple[tuple[str, int, int], ...]) -> None:
        """`entries`: (list name, items, overdue) for each list without a box, in order."""
        if entries != self.entries:
            self.entries = entries
            self.display = bool(entries)
            self.refresh()

    @property
    def plain(self) -> str:
        return self.render().plain

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        spans: list[tuple[int, int, str]] = []
        with_items = [e for e in self.entries if e[1]]
        empty = [e for e in self.entries if not e[1]]
        for name, count, overdue in with_items:
            if out.cell_len:
                out.append(" · ", style=MUTED_STYLE)
            start = out.cell_len
            spec = LIST[name]
            out.append(f"{spec.key} {_title(name)}", style="bold")
            out.append(f" ({count}")
            if overdue:
                out.append(", ")
                out.append(f"{OVERDUE_MARK} {overdue} overdue", style="bold")
            out.append(")")
            spans.append((start + 1, out.cell_len + 1, str(spec.key)))  # +1: the padding
        if empty:
            if out.cell_len:
                out.append(" · ", style=MUTED_STYLE)
            out.append("none: ", style=MUTED_STYLE)
            for i, (name, _count, _overdue) in enumerate(empty):
                if i:
                    out.append(" · ", style=MUTED_STYLE)
                start = out.cell_len
                spec = LIST[name]
                out.append(f"{spec.key} {_title(name)}")
                spans.append((start + 1, out.cell_len + 1, str(spec.key)))
        self._spans = spans
        return out

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
