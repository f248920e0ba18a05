"""One pane of the board: the items of one list in an ItemTable, one row per item.

Row ids are item ids. The pane keeps its situation's items and the cells of the rows
drawn so far (tui/ui/widgets/cells.py builds them); which rows a search shows comes
from the board's search (tui.model.search: positions in the list, file order); the
table draws what is on screen.

Rows are in the list's order (tui.model.picture.board_order): statements, events and
watch items by time, the others as written with critical and high items first; `o`
(`toggle_order`) switches between the two, and the title says which. Search hits are
shown in that order too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message

from tui.model.picture import OVERDUE_MARK, board_positions, default_mode, order_words, overdue_watch
from tui.model.search import PaneHits, Query, parse
from tui.ui.widgets.cells import (
    CONF_COL_WIDTH,
    CellLook,
    broken_cells,
    empty_columns,
    highlight,
    label_cell,
    mark_cell,
    problems_of,
    row_cells,
    severity_cell,
)
from tui.ui.widgets.columns import column_widths, content_need, content_want, layout_columns
from tui.ui.widgets.table import Column, ItemTable

if TYPE_CHECKING:
    from tui.model.types import Item, Situation

MARK_COLUMN = "_conf"  # the first column: a change mark, confidence, grade, flag


class Pane(ItemTable):
    """Items of one list (fronts, evacuations, ...)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", id="open"),
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
    ]

    class OpenWhenLoaded(Message):
        """`enter` before the first load arrived (the officer typed `3` `enter` at
        start-up): the screen opens the item once the rows are there."""

        def __init__(self, pane: Pane) -> None:
            super().__init__()
            self.pane = pane

    CELL_CACHE = 4000  # rows whose cells are kept (the strips the table keeps are fewer)

    def __init__(self, pane: str, number: int, title: str, *, stale_hours: float = 24.0, id: str | None = None) -> None:
        super().__init__(id=id or f"pane-{pane}")
        self.pane = pane
        self.number = number
        self.title = title
        self.stale_hours = stale_hours
        self.colour = True  # False: NO_COLOR (shapes and bold only)
        self.clock: Callable[[], dt.datetime] = _utc_now  # the board hands down the app's clock
        self.order_mode = default_mode(pane)  # "time" or "file" (`o` toggles)
        self.overdue = 0  # watch: open items past their due
        self.has_severity = False  # an item is critical or high: the rows get a severity mark
        self.situation: Situation | None = None
        self.items: tuple[Item, ...] = ()
        self.search: Query = parse("")  # the board's query (its words are highlighted)
        self.loading_text = "loading…"
        self.marks: dict[str, str] = {}  # item id -> "new" / "changed" (live reload)
        self.stale_ids: frozenset[str] = frozenset()  # items older than the threshold
        self.freshest = ""  # "09 Aug 12:00": the most recent `updated` of the pane's items
        self.title_plain = ""
        self._by_key: dict[str, Item] = {}
        self._keys: list[str] = []  # row id of each item, in file order
        self._order: list[str] = []  # the row ids in the pane's order
        self._rank: dict[str, int] | None = None  # row id -> place in that order (built when a search needs it)
        self._hits: Sequence[int] | None = None  # positions the search shows (None: all)
        self._cells: LRUCache[str, list[Text]] = LRUCache(self.CELL_CACHE)
        self._layout: tuple = ()  # (width, columns) the cells were built for
        self._col_specs: list = []
        self._empty: frozenset[str] = frozenset()  # optional columns no item fills
        self._natural: dict[str, int] | None = None  # each column's widest value: on a new picture only
        self.band_need = self.band_want = self.title_need = 0  # widths whole: first columns, all, title
        self._look = CellLook()
        self._look_stale = True
        self._update_titles()

    # -- data ------------------------------------------------------------------
    def show_situation(
        self, situation: Situation | None, keep_id: str | None = None, hits: PaneHits | None = None
    ) -> None:
        """Swap in the pane's items from `situation`, keeping the cursor on `keep_id`;
        `hits`: what the board's search finds in them (None: every row)."""
        old_sit, old_items = self.situation, self.items
        new_items = situation.pane(self.pane) if situation is not None else ()
        same_sources = (
            old_sit is not None
            and situation is not None
            and old_sit.sources == situation.sources
            and old_sit.as_of == situation.as_of  # staleness is measured from the as-of
        )
        self.situation = situation
        self.items = new_items
        self.loading_text = ""
        self._hits = hits.rows if hits is not None and self.search_active else None
        if same_sources and new_items == old_items:
            self._show_rows(keep_id)  # a reload of another part: nothing here changed
            return
        self._staleness(situation, new_items)
        self._empty = empty_columns(self.pane, new_items, self.row_context())
        self._natural = column_widths(self.pane, new_items, self.row_context())
        severity = any(it.severity in ("critical", "high") for it in new_items)
        if severity != self.has_severity:
            self.has_severity, self._layout = severity, ()  # the mark column grows or shrinks
        self._count_overdue()
        self.band_need = content_need(self.pane, self._natural, self._empty, self.mark_width)
        self.band_want = content_want(self.pane, self._natural, self._empty, self.mark_width)
        keys, by_key = _keys(new_items)
        changed: list[str] = []
        if same_sources:  # keep the cells of items that did not change
            before = {it.id: it for it in old_items}
            for key, item in by_key.items():
                if before.get(item.id) != item:
                    changed.append(key)
                    self._cells.discard(key)
        else:
            self._cells.clear()
        self._by_key, self._keys = by_key, keys
        self._sort()
        if self._relayout() or not same_sources:
            self.clear_rows_cache()
        else:  # a live reload: only the rows that changed are drawn again
            self.refresh_rows(changed)
        self._show_rows(keep_id)

    @property
    def search_active(self) -> bool:
        return not self.search.empty

    def set_search(self, query: Query, hits: PaneHits | None) -> None:
        """Show the rows the board's search found (`hits`: positions in this list)."""
        if query.words != self.search.words:
            self._cells.clear()  # the hit highlight is in the cells
            self.clear_rows_cache()
        self.search = query
        self._hits = hits.rows if hits is not None and self.search_active else None
        self._show_rows(self.cursor_id)

    def _show_rows(self, keep_id: str | None) -> None:
        keys, hits = self._keys, self._hits
        if hits is None:
            rows = self._order
        else:
            rows = [keys[r] for r in hits if r < len(keys)]
            if self._order is not keys:  # sorted (file order: the very list of keys)
                if self._rank is None:
                    self._rank = {k: i for i, k in enumerate(self._order)}
                rows.sort(key=self._rank.__getitem__)
        self.set_rows(rows, keep_id=keep_id)
        self._update_titles()

    # -- order ---------------------------------------------------------------------
    def row_context(self):
        from tui.ui.widgets.cells import RowContext

        return RowContext(self.situation, self.clock()) if self.situation is not None else None

    def _sort(self) -> None:
        """The rows in the pane's order (as written needs no sort unless an item is severe)."""
        if self.order_mode == "file" and not self.has_severity:
            self._order, self._rank = self._keys, None
            return
        keys = self._keys
        self._order = [keys[i] for i in board_positions(self.pane, self.items, self.order_mode, self.clock())]
        self._rank = None  # (built when a search needs it: _show_rows)

    def _count_overdue(self) -> None:
        if self.pane == "watch":
            self.overdue = len(overdue_watch(self.situation, self.clock()))

    def toggle_order(self) -> str:
        """`o`: by time <-> as written; the cursor stays on its item. Returns the new order in words."""
        self.order_mode = "file" if self.order_mode == "time" else "time"
        self._sort()
        self._show_rows(self.cursor_id)
        return order_words(self.pane, self.order_mode)

    def refresh_time(self) -> None:
        """The clock moved on (the board calls it every half minute): a watch item may now
        be overdue, a due cell read differently ("in 2 h" -> "in 1 h")."""
        if self.pane != "watch" or not self.items:
            return
        before = self.overdue
        self._count_overdue()
        if before != self.overdue and self.order_mode == "time":
            self._sort()
            self._show_rows(self.cursor_id)
        self._cells.clear()
        self.clear_rows_cache()
        self._update_titles()

    def set_marks(self, marks: dict[str, str]) -> None:
        """Change marks of the rows, drawn again where they changed."""
        old, self.marks = self.marks, dict(marks)
        changed = {key for key in set(old) | set(self.marks) if old.get(key) != self.marks.get(key)}
        changed &= self._by_key.keys()
        for key in changed:
            self._cells.discard(key)
        self.refresh_rows(changed)

    def _staleness(self, situation: Situation | None, items: tuple[Item, ...]) -> None:
        """Which items are stale, and the freshest update for the title."""
        from tui.model.stale import staleness
        from tui.model.text import format_when

        if situation is None:
            self.stale_ids, self.freshest = frozenset(), ""
            return
        hours = self.stale_hours
        self.stale_ids, fresh = staleness(items, situation, hours)
        self.freshest = format_when(fresh) if fresh is not None else ""

    # -- reading it ----------------------------------------------------------------
    @property
    def hit_count(self) -> int:
        return self.row_count

    @property
    def selected_id(self) -> str | None:
        return self.cursor_id

    @property
    def selected_item(self) -> Item | None:
        key = self.cursor_id
        return self._by_key.get(key) if key is not None else None

    def item_for_key(self, key: str) -> Item | None:
        return self._by_key.get(key)

    def row_id_at(self, position: int) -> str:
        """The row id of the item at `position` in the list (file order)."""
        return self._keys[position]

    def cached_ids(self) -> frozenset[str]:
        """Rows whose cells have been built (the ones drawn lately)."""
        return frozenset(self._cells.keys())

    def cell(self, row_id: str, column: str) -> Text:
        """One cell of a row as drawn (uncut): `column` is a column key or MARK_COLUMN."""
        keys = [c.key for c in self.columns]
        return self.row_cells(row_id)[keys.index(column)]

    # -- cells ---------------------------------------------------------------------
    @property
    def mark_width(self) -> int:
        """The change mark, the severity mark (when the list has critical or high items),
        then confidence, grade and flag."""
        return 1 + (1 if self.has_severity else 0) + CONF_COL_WIDTH

    def _relayout(self) -> bool:
        """Columns for the width now; True when they changed."""
        width = max(self.scrollable_content_region.width, 0) or 36  # (36: not laid out yet)
        marks = self.mark_width - CONF_COL_WIDTH
        # the focused pane reads its labels whole first (screen.focused: has_focus is set after on_focus)
        label_first = (self.is_attached and self.screen.focused is self) or self.has_class("-maximized")
        specs = layout_columns(self.pane, max(width - marks, 0), self._empty, self._natural, label_first)
        layout = (width, marks, tuple((c.key, w) for c, w in specs))
        if layout == self._layout:
            return False
        self._layout, self._col_specs = layout, specs
        self._cells.clear()
        columns = [Column(MARK_COLUMN, Text("", end=""), self.mark_width)]
        columns += [Column(c.key, label_cell(c.label), w) for c, w in specs]
        self.set_columns(columns)
        return True

    def row_cells(self, row_id: str) -> Sequence[Text]:
        cells = self._cells.get(row_id)
        if cells is None:
            cells = self._cells[row_id] = self._build_cells(row_id)
        return cells

    def _build_cells(self, key: str) -> list[Text]:
        item, situation, look = self._by_key[key], self.situation, self._current_look()
        if situation is None:
            return []
        if problems_of(item):
            cells = broken_cells(item, look, self._col_specs)
        else:
            stale = item.id in self.stale_ids
            cells = row_cells(item, situation, self._col_specs, self.colour, stale=stale, look=look, now=self.clock())
        if self.search.words:
            cells = [cells[0]] + [highlight(c, self.search, look) for c in cells[1:]]
        marks = mark_cell(self.marks.get(key), look)
        if self.has_severity:
            marks += severity_cell(item, self.colour)
        return [marks + cells[0], *cells[1:]]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look_stale = True  # read again from the CSS when cells are next built

    def _current_look(self) -> CellLook:
        if self._look_stale:
            self._look_stale = False
            look = CellLook(
                hit=self.look("item-table--hit"),
                stale=self.look("item-table--stale"),
                new=self.look("item-table--new"),
                changed=self.look("item-table--changed"),
                broken=self.look("item-table--broken"),
            )
            if look != self._look:
                self._look = look
                self._cells.clear()
        return self._look

    # -- title ---------------------------------------------------------------------
    def _update_titles(self) -> None:
        total = len(self.items)
        title = Text(f"{self.number} {self.title} ", end="")
        if self.search_active:
            title.append(f"{self.hit_count}/{total}", style="bold")
        else:
            title.append(f"({total})")
        if self.overdue:
            title.append(" · ")
            title.append(f"{OVERDUE_MARK} {self.overdue} overdue", style="bold")
        if total > 1 and (
            self.order_mode == "time" or default_mode(self.pane) == "time"
        ):  # "as written" goes without saying
            title.append(f" · {order_words(self.pane, self.order_mode)}")
        if self.freshest:
            fresh = f" · upd {self.freshest}"
            room, self.title_need = self.size.width - 6, len(title.plain) + len(fresh) + 8  # (corners, padding, border)
            if room > 0 and len(title.plain) + len(fresh) > room:
                fresh = f" · {self.freshest}"  # narrow: the date and time, without "upd"
            title.append(fresh)  # (not dim: a terminal draws dim text at about half the contrast)
        self.title_plain = title.plain
        self.border_title = title
        if self.loading_text:
            self.border_subtitle = self.loading_text
        elif self.situation is not None and not self.hit_count:
            self.border_subtitle = "no match" if self.search_active else "none"
        else:
            self.border_subtitle = None

    def on_focus(self) -> None:  # the focused pane reads its labels whole (_relayout)
        if self._relayout():
            self.clear_rows_cache()

    on_blur = on_focus

    def on_resize(self) -> None:  # (ItemTable's own on_resize runs too: Textual calls each class's)
        if self.freshest:
            self._update_titles()
        if self._relayout():
            self.clear_rows_cache()

    # -- actions -------------------------------------------------------------------
    def action_select_cursor(self) -> None:
        if self.situation is None and self.loading_text:
            self.post_message(self.OpenWhenLoaded(self))
            return
        super().action_select_cursor()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _keys(items: tuple[Item, ...]) -> tuple[list[str], dict[str, Item]]:
    """Row keys (item ids; ids are unique per the loader, but never crash if not)."""
    by_key: dict[str, Item] = {}
    keys = []
    for item in items:
        key = item.id
        if key in by_key:
            n = 2
            while f"{item.id}#{n}" in by_key:
                n += 1
            key = f"{item.id}#{n}"
        by_key[key] = item
        keys.append(key)
    return keys, by_key
