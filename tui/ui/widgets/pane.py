"""One pane of the board: a DataTable of items (virtualized), one row per item.

Row keys are item ids. The pane keeps the rows it was given and rebuilds its table
(one `clear()` + one pass of `add_row`) only when the situation, the search query or
its column layout changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from tui.model.text import search_text, visible
from tui.ui.widgets.cells import CONF_COL_WIDTH, empty_columns, highlight, label_cell, layout_columns, row_cells

if TYPE_CHECKING:
    from tui.model.types import Item, Situation


class Pane(DataTable):
    """Items of one pane (fronts, evacuations, ...)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", id="open"),
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
    ]

    def __init__(self, pane: str, number: int, title: str, *, id: str | None = None) -> None:
        super().__init__(
            id=id or f"pane-{pane}",
            cursor_type="row",
            cell_padding=0,
            zebra_stripes=False,
            show_row_labels=False,
        )
        self.pane = pane
        self.number = number
        self.title = title
        self.situation: Situation | None = None
        self.items: tuple[Item, ...] = ()
        self._search: dict[str, str] = {}  # item id -> folded search text
        self._by_key: dict[str, Item] = {}
        self._row_ids: list[str] = []  # rows in the table, in order
        self._pending: list[str] = []  # hits still to be added (after the first screenful)
        self._rest_timer = None
        self.query = ""  # folded
        self._layout_width = -1
        self._columns: list = []
        self._cells: dict[str, list[Text]] = {}  # item id -> cells for the current layout (rows read so far)
        self._colour = True
        self._empty: frozenset[str] = frozenset()  # optional columns no item fills
        self.loading_text = "loading…"
        self.marks: dict[str, str] = {}  # item id -> "new" / "changed" (live reload)
        self.stale_ids: frozenset[str] = frozenset()  # items older than the threshold
        self.freshest = ""  # "09 Aug 12:00": the most recent `updated` of the pane's items
        self._update_titles()

    def _stale_hours(self) -> float:
        from tui.model.stale import DEFAULT_STALE_HOURS

        try:
            return float(getattr(self.app, "stale_hours", DEFAULT_STALE_HOURS))
        except Exception:  # no app (a bare widget in a test)
            return DEFAULT_STALE_HOURS

    def _staleness(self, situation: Situation | None, items: tuple[Item, ...]) -> None:
        """Which items are stale, and the freshest update for the title."""
        from tui.model.stale import freshest_update, is_stale
        from tui.model.text import format_when

        if situation is None:
            self.stale_ids, self.freshest = frozenset(), ""
            return
        hours = self._stale_hours()
        self.stale_ids = frozenset(it.id for it in items if it.updated is not None and is_stale(it, situation, hours))
        fresh = freshest_update(items)
        self.freshest = format_when(fresh) if fresh is not None else ""

    def set_marks(self, marks: dict[str, str]) -> None:
        """Change markers of the shown rows, updated in place (no rebuild)."""
        old, self.marks = self.marks, dict(marks)
        for key in set(old) | set(self.marks):
            if old.get(key) != self.marks.get(key) and key in self._by_key:
                try:
                    cur = self.get_cell(key, "_conf")
                    self.update_cell(key, "_conf", mark_cell(self.marks.get(key)) + cur[1:])
                except Exception:  # the row went away meanwhile
                    pass

    # -- data ------------------------------------------------------------------

    def show_situation(self, situation: Situation | None, keep_id: str | None = None) -> None:
        """Swap in the pane's items from `situation`, keeping the cursor on `keep_id`."""
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
        if not same_sources or new_items != old_items:
            self._staleness(situation, new_items)
        if new_items != old_items:
            self._empty = empty_columns(self.pane, new_items)
        if same_sources and new_items == old_items and self.row_count == len(self.row_ids):
            # live reload of another part: nothing in this pane changed; keep its rows
            self._update_titles()
            return
        if same_sources:  # keep the cells (and search text) of items that did not change
            before = {it.id: it for it in old_items}
            keep = {it.id for it in new_items if before.get(it.id) == it}
            self._cells = {k: v for k, v in self._cells.items() if k in keep}
            self._search = {k: v for k, v in self._search.items() if k in keep}
        else:
            self._search = {}
            self._cells = {}
        # A live reload of the same situation puts every row in place at once (a changed
        # item far down is there when the reload is applied); a new picture shows a
        # screenful first.
        self._rebuild(keep_id, split=not same_sources)
        if situation is not None:
            self.call_after_refresh(self._warm_search)

    def set_query(self, folded_query: str) -> None:
        if folded_query == self.query:
            return
        keep = self.selected_id
        old = self.query
        self.query = folded_query
        # A longer query only narrows the hits of the shorter one: test those only.
        narrow = bool(old) and folded_query.startswith(old) and self.situation is not None
        within = None
        if narrow:
            by_key = self._by_key
            within = [by_key[k] for k in self._row_ids + self._pending]
        self._rebuild(keep, within=within)

    def search_text_of(self, item: Item) -> str:
        s = self._search.get(item.id)
        if s is None:
            s = self._search[item.id] = search_text(item)
        return s

    def _warm_search(self) -> None:
        """Compute the folded search text of every item in a thread, once the board is
        on screen, so the first letter typed does not pay for 100,000 of them."""
        items, cache = self.items, self._search
        if not items or len(cache) >= len(items):
            return

        def run() -> None:
            for item in items:
                if item.id not in cache:
                    try:
                        cache[item.id] = search_text(item)
                    except Exception:  # computed again (and shown) on demand
                        pass

        import threading

        threading.Thread(target=run, name=f"search-{self.pane}", daemon=True).start()

    def matches(self, item: Item) -> bool:
        return not self.query or self.query in self.search_text_of(item)

    @property
    def row_ids(self) -> list[str]:
        """Every shown row (hit), in order; rows still pending are added first."""
        self.flush_rows()
        return self._row_ids

    @row_ids.setter
    def row_ids(self, keys: list[str]) -> None:
        self._row_ids = keys

    @property
    def hit_count(self) -> int:
        return len(self._row_ids) + len(self._pending)

    @property
    def selected_id(self) -> str | None:
        rows = self._row_ids
        if not rows or not (0 <= self.cursor_row < len(rows)):
            return None
        return rows[self.cursor_row]

    @property
    def selected_item(self) -> Item | None:
        rid = self.selected_id
        return self._by_key.get(rid) if rid is not None else None

    def item_for_key(self, key: str) -> Item | None:
        return self._by_key.get(key)

    def select_id(self, item_id: str) -> bool:
        """Move the cursor to the row of `item_id`; False when it is not shown."""
        try:
            index = self.get_row_index(item_id)
        except RowDoesNotExist:
            if not (self._pending and item_id in self._by_key):
                return False
            self.flush_rows()  # a hit not added yet
            try:
                index = self.get_row_index(item_id)
            except RowDoesNotExist:
                return False
        self.move_cursor(row=index, animate=False, scroll=True)
        return True

    # -- building ----------------------------------------------------------------

    def _content_width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else 36

    FIRST_ROWS = 200  # rows added at once; the rest follow once that frame is out
    REST_DELAY = 0.15  # seconds; typing on within this restarts the rebuild

    def _rebuild(self, keep_id: str | None = None, within: list[Item] | None = None, split: bool = True) -> None:
        """Fill the table for the situation, query and layout. `within`: only these items
        (in order) can match: the hits of a shorter query."""
        old_y, old_row = self.scroll_y, self.cursor_row
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None
        self._pending = []
        width = self._content_width()
        self._layout_width = width
        columns = layout_columns(self.pane, max(width - 1, 0), self._empty)  # 1: the mark column
        if columns != self._columns:
            self._cells = {}
        self._columns = columns
        self.clear(columns=True)
        # the first column: a live-reload change mark, then confidence and grade
        self.add_column(Text("", end=""), width=CONF_COL_WIDTH + 1, key="_conf")
        for col, w in self._columns:
            self.add_column(label_cell(col.label), width=w, key=col.key)
        situation = self.situation
        self._by_key = {}
        self.row_ids = []
        if situation is not None:
            self._colour = not getattr(self.app, "no_color", False)
            query = self.query
            by_key = self._by_key
            rows = []
            search = self._search
            for item in self.items if within is None else within:
                if query:
                    text = search.get(item.id)
                    if text is None:
                        text = self.search_text_of(item)
                    if query not in text:
                        continue
                key = item.id
                if key in by_key:  # ids are unique per the loader; never crash if not
                    n = 2
                    while f"{item.id}#{n}" in by_key:
                        n += 1
                    key = f"{item.id}#{n}"
                by_key[key] = item
                rows.append(key)
            first = rows
            if split and len(rows) > self.FIRST_ROWS * 2:
                # a screenful now (the cursor's row included), the rest after this frame
                upto = self.FIRST_ROWS
                if keep_id is not None and keep_id in by_key:
                    try:
                        upto = max(upto, rows.index(keep_id) + self.FIRST_ROWS)
                    except ValueError:
                        pass
                if upto < len(rows):
                    first, self._pending = rows[:upto], rows[upto:]
                    self._rest_timer = self.set_timer(self.REST_DELAY, self._add_batch)
            self._add_rows_fast(first)
            self._row_ids = first
        if keep_id is not None and keep_id in self._by_key:
            self.select_id(keep_id)
        elif keep_id is not None and self._row_ids:
            # the selected item went away: the cursor stays on the same row
            if old_row >= len(self._row_ids):
                self.flush_rows()
            self.move_cursor(row=min(old_row, len(self._row_ids) - 1), animate=False, scroll=True)
        if old_y > 0 and self._row_ids:
            # The view stays put when the selected row is still in it (rows changed
            # elsewhere); after the cursor's own scroll-into-view (queued the same way).
            self.call_after_refresh(self._keep_scroll, old_y)
        self._update_titles()

    def _keep_scroll(self, old_y: float) -> None:
        visible = self.scrollable_content_region.height - (1 if self.show_header else 0)
        if visible > 0 and old_y <= self.cursor_row < old_y + visible and old_y <= self.max_scroll_y:
            self.scroll_to(y=old_y, animate=False, immediate=True)

    REST_BATCH = 4000  # pending rows added per turn of the event loop (~20 ms)

    def _add_batch(self) -> None:
        """Add the next batch of pending hits; keys typed meanwhile are handled between
        batches (a new query drops the rest)."""
        self._rest_timer = None
        batch, self._pending = self._pending[: self.REST_BATCH], self._pending[self.REST_BATCH :]
        if batch:
            self._add_rows_fast(batch)
            self._row_ids = self._row_ids + batch
        if self._pending:
            self._rest_timer = self.set_timer(0.01, self._add_batch)

    def flush_rows(self) -> None:
        """Add the hits not in the table yet (the timer after a rebuild, or now: `G`,
        jumping to an item, stepping through hits)."""
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None
        rest, self._pending = self._pending, []
        if rest:
            self._add_rows_fast(rest)
            self._row_ids = self._row_ids + rest

    def _row_cells(self, key: str, item: Item) -> list[Text]:
        """The cells of one row as shown now (mark, search hits): built when the table
        first reads the row, i.e. when it scrolls into view."""
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = row_cells(
                item, self.situation, self._columns, self._colour, stale=item.id in self.stale_ids
            )
        query = self.query
        if query:
            cells = [cells[0]] + [highlight(c, query) for c in cells[1:]]
        return [mark_cell(self.marks.get(key)) + cells[0]] + cells[1:]

    def _add_rows_fast(self, keys: list[str]) -> None:
        """`add_row` for many rows at once, with cells built lazily (`_LazyRow`).

        DataTable.add_row re-assigns the cursor reactive for every row and wants every
        cell up front: for 10,000 rows that is seconds and a `Text` per cell kept for rows
        nobody scrolls to. This fills the same structures once (textual is pinned to
        8.2.x; tests cover every path through here), the dimensions at once (so the
        first frame is laid out with its rows, not one frame later), and falls back to
        add_row with every cell built if the internals moved.
        """
        try:
            from textual.widgets.data_table import Row, RowKey

            locations = self._row_locations
            data = self._data
            table_rows = self.rows
            column_keys = tuple(c.key for c in self.ordered_columns)
            self._require_update_dimensions  # noqa: B018 - present in this textual
        except AttributeError:  # pragma: no cover - a textual that changed its internals
            for key in keys:
                self.add_row(*self._row_cells(key, self._by_key[key]), key=key)
            return
        start = len(table_rows)
        by_key = self._by_key
        for offset, key in enumerate(keys):
            row_key = RowKey(key)
            locations[row_key] = start + offset
            data[row_key] = _LazyRow((self, key, by_key[key], column_keys))
            table_rows[row_key] = Row(row_key, 1, None, False)
        if keys:
            self._update_count += len(keys)
            self._clear_caches()
            self._update_dimensions(())
            self.cursor_coordinate = self.cursor_coordinate
            if start == 0 and self.show_cursor and self.cursor_type != "none":
                self._highlight_cursor()
            self.refresh()

    # Rows are only ever appended in order (a rebuild clears first), one line each: the
    # table order is the insertion order of `self.rows`. DataTable walks its row index
    # one row at a time in Python for these (100,000 rows: ~0.2 s each, several per
    # keystroke); these read it at C speed, and fall back when rows were sorted/removed.
    _rows_in_order = True

    @property
    def ordered_rows(self):  # type: ignore[override]
        if not self._rows_in_order:
            return super().ordered_rows
        key = (self.row_count, self._update_count)
        cache = self._ordered_row_cache
        rows = cache.get(key)
        if rows is None:
            rows = cache[key] = list(self.rows.values())
        return rows

    @property
    def _y_offsets(self):  # type: ignore[override]
        if not self._rows_in_order:
            return super()._y_offsets
        cache = self._offset_cache
        offsets = cache.get(self._update_count)
        if offsets is None:
            offsets = cache[self._update_count] = [(k, 0) for k in self.rows]
        return offsets

    def sort(self, *args, **kwargs):  # type: ignore[override]
        self._rows_in_order = False
        return super().sort(*args, **kwargs)

    def remove_row(self, row_key):  # type: ignore[override]
        self._rows_in_order = False
        return super().remove_row(row_key)

    def add_row(self, *cells, height=1, key=None, label=None):  # type: ignore[override]
        if height != 1:
            self._rows_in_order = False
        return super().add_row(*cells, height=height, key=key, label=label)

    def clear(self, columns: bool = False):  # type: ignore[override]
        self._rows_in_order = True
        return super().clear(columns)

    def _update_dimensions(self, new_rows) -> None:
        # Every column has a fixed width and every row is one line: measuring each new
        # cell (what DataTable does for auto-width columns) would be wasted work.
        super()._update_dimensions(())
        if new_rows:
            self._line_cache.clear()
            self._styles_cache.clear()

    def _update_titles(self) -> None:
        total = len(self.items)
        title = Text(f"{self.number} {self.title} ", end="")
        if self.query:
            title.append(f"{self.hit_count}/{total}", style="bold")
        else:
            title.append(f"({total})")
        if self.freshest:
            fresh = f" · upd {self.freshest}"
            room = self.size.width - 6  # the border's corners and padding
            if room > 0 and len(title.plain) + len(fresh) > room:
                fresh = f" · {self.freshest}"  # narrow: the date and time, without "upd"
            title.append(fresh, style="dim")
        self.title_plain = title.plain
        self.border_title = title
        if self.loading_text:
            self.border_subtitle = self.loading_text
        elif self.situation is not None and not self.hit_count:
            self.border_subtitle = "no match" if self.query else "none"
        else:
            self.border_subtitle = None

    def on_resize(self) -> None:
        if self.freshest:
            self._update_titles()
        width = self._content_width()
        if width != self._layout_width and self.situation is not None:
            if layout_columns(self.pane, max(width - 1, 0), self._empty) != self._columns:
                self._rebuild(self.selected_id)
            self._layout_width = width

    # -- actions -----------------------------------------------------------------

    def action_select_cursor(self) -> None:
        """`enter`. Pressed before the first load arrived (the officer typed `3` `enter`
        at start-up): remembered, and the item opens once the rows are there."""
        if self.situation is None and self.loading_text:
            screen = self.screen
            if hasattr(screen, "open_when_loaded"):
                screen.open_when_loaded(self)
            return
        super().action_select_cursor()

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)

    def action_last(self) -> None:
        self.flush_rows()
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)


class _LazyRow(dict):
    """One row of `DataTable._data` (column key -> cell) whose cells are built the first
    time the table reads one (`__missing__`): rows off screen cost a small object, not a
    `Text` per cell. A cell set with `update_cell` before that is kept."""

    __slots__ = ("_src",)

    def __init__(self, src: tuple) -> None:  # (pane, key, item, column keys); None once built
        self._src = src

    def fill(self) -> None:
        src = self._src
        if src is None:
            return
        self._src = None
        pane, key, item, columns = src
        for column, cell in zip(columns, pane._row_cells(key, item)):
            if not dict.__contains__(self, column):
                dict.__setitem__(self, column, cell)

    def __missing__(self, column):
        if self._src is not None:
            self.fill()
            if dict.__contains__(self, column):
                return dict.__getitem__(self, column)
        raise KeyError(column)

    def __iter__(self):
        self.fill()
        return dict.__iter__(self)

    def values(self):
        self.fill()
        return dict.values(self)

    def items(self):
        self.fill()
        return dict.items(self)

    def __len__(self) -> int:
        self.fill()
        return dict.__len__(self)


MARK_GLYPHS = {"new": ("+", "bold green"), "changed": ("•", "bold yellow")}


def mark_cell(kind: str | None) -> Text:
    glyph, style = MARK_GLYPHS.get(kind or "", (" ", ""))
    return Text(glyph, style=style, no_wrap=True, end="")


def safe_label(item: Item) -> str:
    return visible(item.label, single_line=True)
