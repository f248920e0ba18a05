"""Changes since the baseline (`B`): what is new, what changed (old -> new), what went.

Built from `diff_situations(baseline, current)`, with the values written as the brief
writes them (`tui.model.brief`), so the board and `sitboard brief --since` agree. One
option per item (virtualized OptionList): "+ new", "~ changed" with a line per field
"Status: holding → advancing", "- removed". `enter` opens the item's detail (a removed
item as it was at the baseline); `escape` (or `B` again) closes.

Every data string is `visible()` inside a `rich.text.Text`: never markup.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.model.diff import SituationDiff, diff_situations
from tui.model.plain import item_heading
from tui.model.text import format_when, visible
from tui.ui.theme import GREEN, MUTED_STYLE, RED, YELLOW
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.marking import TitleBar

if TYPE_CHECKING:
    from tui.model.types import Situation

KIND_MARKS = {"new": ("+", f"bold {GREEN}"), "changed": ("~", f"bold {YELLOW}"), "removed": ("-", f"bold {RED}")}
VALUE_MAX = 300


def _one_line(s: object) -> str:
    return " ".join(visible(str(s), single_line=True, spaces=True).split())


def _cut(s: str, n: int = VALUE_MAX) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def change_line(field: str, old: object, new: object, before: Situation, after: Situation) -> Text:
    """ "Status: holding → advancing", as the brief writes it."""
    from tui.model.values import field_name, value_text

    t = Text("    ", end="")
    t.append(field_name(field) + ": ", style="bold")
    t.append(_cut(_one_line(value_text(field, old, before))), style=MUTED_STYLE)
    t.append(" → ")
    t.append(_cut(_one_line(value_text(field, new, after))))
    return t


def _heading(kind: str, heading: str) -> Text:
    mark, style = KIND_MARKS[kind]
    t = Text(end="")
    t.append(mark + " ", style=style)
    t.append(_one_line(heading))
    return t


class ChangeList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open item", id="changes.open"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class ChangesScreen(Screen[None]):
    """The current situation against its baseline."""

    DEFAULT_CSS = """
    ChangesScreen { layout: vertical; }
    ChangesScreen #changes-title {
        height: 1; padding: 0 1; background: $boost; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    ChangesScreen #changes-summary { height: auto; padding: 0 1; }
    ChangesScreen #changes-list { height: 1fr; border: none; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="changes.close"),
        Binding("B", "close", "Close", show=False, id="changes.toggle"),
    ]

    AUTO_FOCUS = "#changes-list"

    def __init__(self, baseline: Situation, current: Situation, *, saved_at: dt.datetime | None = None) -> None:
        super().__init__()
        self.baseline = baseline
        self.current = current
        self.saved_at = saved_at
        self.diff: SituationDiff = diff_situations(baseline, current)
        self.targets: list[tuple[str, str]] = []  # per option: ("new"|"changed"|"removed", item id)

    @property
    def marking(self) -> str | None:
        """The stricter of the two pictures' markings (both are on this screen)."""
        from tui.model.assembly import strictest_marking

        return strictest_marking([self.baseline.marking, self.current.marking])

    def compose(self) -> ComposeResult:
        yield TitleBar(Static(id="changes-title"), self.marking)
        yield Static(id="changes-summary")
        yield ChangeList(id="changes-list")
        yield KeyFooter()  # (Textual's Footer leaks per rebuild: tui/ui/widgets/footer.py)

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        diff = self.diff
        title = Text("Changes since baseline · as of ", style="bold", no_wrap=True, end="")
        title.append(format_when(self.baseline.as_of))
        if self.saved_at is not None:
            title.append(" (marked " + self.saved_at.astimezone().strftime("%d %b %H:%M") + ")")
        title.append(" · " + diff.summary)
        self.query_one("#changes-title", Static).update(title)
        summary = self.query_one("#changes-summary", Static)
        lines = Text(end="")
        for change in diff.situation_changes:
            if change.field == "sources":
                lines.append("Sources: ", style="bold")
                lines.append(self._sources_change() + "\n")
                continue
            line = change_line(change.field, change.old, change.new, self.baseline, self.current)
            lines.append_text(line[4:])  # without the indent of an item's field
            lines.append("\n")
        lines.rstrip()
        summary.update(lines)
        summary.display = bool(diff.situation_changes)
        options: list[Option] = []
        self.targets = []
        for iid in diff.new:
            item = self.current.item(iid)
            if item is None:
                continue
            options.append(Option(_heading("new", item_heading(item))))
            self.targets.append(("new", iid))
        for iid, changes in diff.changed.items():
            item = self.current.item(iid)
            if item is None:
                continue
            prompt = _heading("changed", item_heading(item))
            for c in changes:
                prompt.append("\n")
                prompt.append_text(change_line(c.field, c.old, c.new, self.baseline, self.current))
            options.append(Option(prompt))
            self.targets.append(("changed", iid))
        for item in diff.removed:
            options.append(Option(_heading("removed", item_heading(item))))
            self.targets.append(("removed", item.id))
        listing = self.query_one(ChangeList)
        listing.clear_options()
        if options:
            listing.add_options(options)
            listing.highlighted = 0
        else:
            listing.add_option(Option(Text("No item changed since the baseline.", style=MUTED_STYLE), disabled=True))

    def _sources_change(self) -> str:
        before, after = self.baseline.sources, self.current.sources
        added = [after[s].name for s in after if s not in before]
        gone = [before[s].name for s in before if s not in after]
        parts = []
        if added:
            parts.append("added " + "; ".join(added))
        if gone:
            parts.append("removed " + "; ".join(gone))
        return _one_line(", ".join(parts) or "changed")

    # -- behaviour ----------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.targets):
            kind, iid = self.targets[event.option_index]
            self.open_item(kind, iid)

    def open_item(self, kind: str, item_id: str) -> None:
        from tui.ui.screens.detail import DetailScreen

        situation = self.baseline if kind == "removed" else self.current
        self.app.push_screen(DetailScreen(situation, item_id))

    def refresh_situation(self, situation: Situation) -> None:
        """Live reload: compare the new picture with the same baseline."""
        if situation.id != self.baseline.id:
            return
        self.current = situation
        self.diff = diff_situations(self.baseline, situation)
        if self.is_mounted:
            self.query_one(TitleBar).set_marking(self.marking)
            self._fill()

    def action_close(self) -> None:
        self.dismiss()
