"""The picture in words (`i` on the board): the whole summary, the as-of and the next
update, the key figures and the watch items that are overdue. `escape`, `i` or `q` closes.

Every string from the file is a `rich.text.Text` of visible(): never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.model.picture import next_update, overdue_watch
from tui.model.text import format_age, format_quantity, format_when, visible
from tui.ui.theme import MUTED_STYLE
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.marking import TitleBar

if TYPE_CHECKING:
    from tui.model.types import Situation


def _text(value: str | None, style: str = "") -> Text:
    return Text(visible(value or "", spaces=True), style=style)


def picture_text(situation: Situation, now: dt.datetime) -> Group:
    """The summary and what frames it, as shown on the screen."""
    parts: list[Text] = []
    head = Text()  # (end="" would glue the next line, the area, to it in the Group)
    head.append(f"as of {format_when(situation.as_of, with_year=True)} ({format_age(situation.as_of, now)})")
    up = next_update(situation, now)
    if up is not None:
        head.append(" · ")
        head.append(f"{up.text} ({up.when})", style="bold" if up.overdue else "")
    parts.append(head)
    if situation.area:
        parts.append(_text(situation.area, MUTED_STYLE))
    parts.append(Text(""))
    parts.append(_text(situation.summary or "This situation has no summary.", "" if situation.summary else MUTED_STYLE))
    figures = [f for f in situation.figures if not f.broken]
    if figures:
        parts.append(Text("\nKey figures", style="bold"))
        for fig in figures:
            line = Text("• ")
            line.append(visible(format_quantity(getattr(fig, "value", None)), single_line=True), style="bold")
            line.append(" ")
            line.append_text(_text(fig.label))
            parts.append(line)
    late = overdue_watch(situation, now)
    if late:
        parts.append(Text(f"\nOverdue watch items ({len(late)})", style="bold"))
        for item in late:
            line = Text("⚠ ")
            line.append_text(_text(item.label))
            due = getattr(item, "due", None)
            if due is not None:
                line.append(f" (due {format_when(due)})", style=MUTED_STYLE)
            parts.append(line)
    return Group(*parts)


class SummaryScreen(Screen[None]):
    """The whole summary of the situation on the board."""

    DEFAULT_CSS = """
    SummaryScreen #summary-title { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SummaryScreen #summary-body { height: 1fr; padding: 1 2; }
    SummaryScreen #summary-body > Static { max-width: 100; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="summary.close"),
        Binding("i,q", "close", "Close", show=False, id="summary.toggle"),
    ]

    def __init__(self, situation: Situation, clock: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.situation = situation
        self.clock = clock

    def compose(self) -> ComposeResult:
        sit = self.situation
        title = Text(visible(sit.title, single_line=True), style="bold", end="")
        yield TitleBar(Static(title, id="summary-title", markup=False), sit.marking)
        with VerticalScroll(id="summary-body"):
            yield Static(picture_text(sit, self.clock()), id="summary-text", markup=False)
        yield KeyFooter()  # (Textual's Footer leaks per rebuild: tui/ui/widgets/footer.py)

    def refresh_situation(self, situation: Situation) -> None:
        """Live reload: the new summary."""
        self.situation = situation
        if self.is_mounted:
            self.query_one(TitleBar).set_marking(situation.marking)
            self.query_one("#summary-text", Static).update(picture_text(situation, self.clock()))

    def action_close(self) -> None:
        self.dismiss()
