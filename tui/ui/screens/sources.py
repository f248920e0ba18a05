"""The sources screen (`S`): who says so, and what rests on each source.

Top: every source of the situation (a DataTable, virtualized) with its type, its
Admiralty grade in words ("B (usually reliable)") and how many items rest on it.
Bottom: the items resting on the highlighted source (an OptionList, virtualized); an
item on a weak basis (only claimed, or only sources graded D-F / ungraded) carries
WEAK_MARK ("!"), which reads without colour. `enter` on a source moves to its items;
`enter` on an item opens its detail; `tab` moves between the two lists (the focused one
has a bar on its left: it reads without colour); `escape` goes back to the board at once.
The footer names each of these keys where it acts.

Every string from the situation file is a `rich.text.Text` of `visible(s)`: never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tui.model.plain import CONFIDENCE_SYMBOLS, item_heading
from tui.model.provenance import SourceUsage, grade_text, source_usage, weak_basis
from tui.model.text import visible
from tui.ui.theme import MUTED_STYLE, YELLOW
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.marking import TitleBar

if TYPE_CHECKING:
    from tui.model.types import Item, Situation

# An item on a weak basis: ASCII so it reads in any font, without colour.
WEAK_MARK = "!"
WEAK_STYLE = f"bold {YELLOW}"
LOW_GRADE_STYLE = YELLOW


def _text(value: str, style: str = "") -> Text:
    """Untrusted data on one line, literal, control characters made visible."""
    return Text(visible(value, single_line=True), style=style, no_wrap=True, overflow="ellipsis", end="")


def item_prompt(item: Item, situation: Situation, weak: str | None = None) -> Text:
    """ "! ◐ Evacuations › Kursk region border areas" (the flag column is blank when sound)."""
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    if weak:
        t.append(WEAK_MARK, style=WEAK_STYLE)
    else:
        t.append(" ")
    t.append(" ")
    t.append(CONFIDENCE_SYMBOLS.get(item.confidence, "?"))
    t.append(" ")
    t.append_text(_text(item_heading(item)))
    return t


class SourceTable(DataTable):
    """The sources; j/k as well as the arrows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Its items", id="sources.items"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)

    def action_last(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)


class SourceItems(OptionList):
    """The items resting on the highlighted source."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open item", id="sources.open"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class SourcesScreen(Screen[None]):
    """Every source with its grade and the items resting on it."""

    DEFAULT_CSS = """
    SourcesScreen { layout: vertical; }
    SourcesScreen #sources-title {
        height: 1; padding: 0 1; background: $boost; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    SourcesScreen #sources-table { height: auto; max-height: 50%; }
    SourcesScreen #sources-items-title {
        height: 1; padding: 0 1; text-style: bold; color: $accent;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    SourcesScreen #sources-items {
        height: 1fr; border: none; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    SourcesScreen #sources-items:focus { background-tint: $foreground 5%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="sources.back"),
        Binding("tab", "switch_list", "Sources/items", id="sources.switch"),
        Binding("shift+tab", "switch_list", "Sources/items", show=False, id="sources.switch_back"),
        Binding("S", "close", "Close", show=False, id="sources.close"),
    ]

    AUTO_FOCUS = "#sources-table"

    def __init__(self, situation: Situation) -> None:
        super().__init__()
        self.situation = situation
        self.usages: list[SourceUsage] = []
        self.weak: dict[str, str] = {}  # item id -> reason
        self.item_ids: list[str] = []  # the items listed now, in order
        self.source_id: str | None = None  # the source whose items are listed

    def compose(self) -> ComposeResult:
        yield TitleBar(Static(id="sources-title"), self.situation.marking)
        yield SourceTable(id="sources-table", cursor_type="row", zebra_stripes=False)
        yield Static(id="sources-items-title")
        yield SourceItems(id="sources-items")
        yield KeyFooter()  # (Textual's Footer leaks per rebuild: tui/ui/widgets/footer.py)

    def on_mount(self) -> None:
        self._fill()

    # -- building -----------------------------------------------------------------

    def _fill(self, keep: str | None = None) -> None:
        sit = self.situation
        self.usages = source_usage(sit)
        self.weak = {}
        for item in sit.all_items():
            reason = weak_basis(item, sit)
            if reason:
                self.weak[item.id] = reason
        title = Text(
            f"Sources ({len(self.usages)}) · {len(self.weak)} items on a weak basis ({WEAK_MARK}) · ",
            style="bold",
            no_wrap=True,
            end="",
        )
        title.append_text(_text(sit.title))
        self.query_one("#sources-title", Static).update(title)
        table = self.query_one(SourceTable)
        table.clear(columns=True)
        # each column has one cell of padding either side; 2 for the vertical scrollbar
        width = max(self.size.width, 60) - 2 * 4 - 2
        self._table_width = self.size.width
        count_w = 5
        grade_w = min(32, max(24, width // 3))
        name_w = max((width - grade_w - count_w) * 3 // 5, 12)
        type_w = max(width - grade_w - count_w - name_w, 8)
        table.add_column(Text("Source", style="bold"), width=name_w, key="name")
        table.add_column(Text("Grade", style="bold"), width=grade_w, key="grade")
        table.add_column(Text("Items", style="bold", justify="right"), width=count_w, key="count")
        table.add_column(Text("Type", style="bold"), width=type_w, key="type")
        for usage in self.usages:
            src = usage.source
            low = src.reliability in ("D", "E", "F") or not src.reliability
            grade = Text(
                grade_text(src.reliability),
                style=LOW_GRADE_STYLE if low else "",
                no_wrap=True,
                overflow="ellipsis",
                end="",
            )
            table.add_row(
                _text(src.name),
                grade,
                Text(str(usage.count), justify="right", end=""),
                _text(src.type or ""),
                key=src.id,
            )
        if not self.usages:
            self.query_one("#sources-items-title", Static).update(Text("No sources declared in this situation"))
            self._list_items(None)
            return
        ids = [u.source.id for u in self.usages]
        row = ids.index(keep) if keep in ids else 0
        table.move_cursor(row=row, animate=False)
        self._list_items(ids[row])

    def _usage(self, source_id: str | None) -> SourceUsage | None:
        for usage in self.usages:
            if usage.source.id == source_id:
                return usage
        return None

    def _list_items(self, source_id: str | None) -> None:
        items = self.query_one(SourceItems)
        items.clear_options()
        self.item_ids = []
        self.source_id = source_id
        usage = self._usage(source_id)
        if usage is None:
            return
        head = Text("Items resting on ", style="bold", no_wrap=True, end="")
        head.append_text(_text(usage.source.name, "bold"))
        head.append(f" ({usage.count})")
        self.query_one("#sources-items-title", Static).update(head)
        if not usage.items:
            items.add_option(Option(Text("No item cites this source", style=MUTED_STYLE), disabled=True))
            return
        options = []
        for item in usage.items:
            options.append(Option(item_prompt(item, self.situation, self.weak.get(item.id)), id=None))
            self.item_ids.append(item.id)
        items.add_options(options)
        items.highlighted = 0

    # -- behaviour ----------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()  # not the board's (live reload marks watch highlighted rows)
        key = event.row_key.value if event.row_key is not None else None
        if key != self.source_id:
            self._list_items(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        items = self.query_one(SourceItems)
        if self.item_ids:
            items.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.item_ids):
            self.open_item(self.item_ids[event.option_index])

    def open_item(self, item_id: str) -> None:
        from tui.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(self.situation, item_id))

    @property
    def highlighted_item_id(self) -> str | None:
        items = self.query_one(SourceItems)
        i = items.highlighted
        if i is None or not (0 <= i < len(self.item_ids)):
            return None
        return self.item_ids[i]

    def action_switch_list(self) -> None:
        table = self.query_one(SourceTable)
        items = self.query_one(SourceItems)
        if table.has_focus and self.item_ids:
            items.focus()
        else:
            table.focus()

    def action_back(self) -> None:
        """`escape`: back to the board, from either list (the footer says so)."""
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()

    def refresh_situation(self, situation: Situation) -> None:
        """Live reload: the same screen over the new situation (the source kept)."""
        self.situation = situation
        if self.is_mounted:
            self.query_one(TitleBar).set_marking(situation.marking)
            self._fill(keep=self.source_id)

    _table_width = -1

    def on_resize(self) -> None:
        if self.usages and self.size.width != self._table_width:
            keep_item = self.highlighted_item_id
            self._fill(keep=self.source_id)
            if keep_item in self.item_ids:
                self.query_one(SourceItems).highlighted = self.item_ids.index(keep_item)
