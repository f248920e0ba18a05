"""ItemTable: a table of rows keyed by id, drawn line by line (Textual's Line API).

Like Textual's `OptionList` and toolong's `LogLines`, it is a `ScrollView` whose
`render_line(y)` draws only the lines on screen: 100,000 rows cost a list of ids, not a
widget or a `Text` each. A subclass supplies the cells of a row (`row_cells(row_id)`,
one `rich.text.Text` per column, from its own cache); the table cuts them to the
column widths, lays the cursor or header style over them and keeps the finished line
(a `Strip`) until that row changes.

* Rows: `set_rows(ids)` replaces the list (a filter, a new picture: a list operation,
  nothing rebuilt); `refresh_rows(ids)` redraws those rows only (a change mark);
  `clear_rows_cache()` redraws them all (new columns, a new search).
* The cursor: `cursor_row` / `cursor_id`, `move_cursor(row)`, `select_id(id)`; keys
  up/down, page up/down, home/end, enter. Moving it redraws two lines.
* Messages (nested, so handlers read `on_item_table_highlighted` / `..._selected`):
  `ItemTable.Highlighted` when the row under the cursor changes (with the id it was on
  before), `ItemTable.Selected` on enter or a click on the cursor's row.
* Styling through COMPONENT_CLASSES (the app's CSS decides the looks): the header row,
  the cursor row, and the marks a subclass draws in its cells (search hit, stale, new
  and changed marks, broken items): `look(name)` gives their Rich style.
* Lines are made of Segments whose styles come from a few shared Style objects (the
  same look is the same object), so the terminal sees the same few style codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

__all__ = ["Column", "ItemTable"]


@dataclass(frozen=True)
class Column:
    """One column: `key` names it, `label` heads it, `width` in cells (its gap included)."""

    key: str
    label: Text
    width: int


class ItemTable(ScrollView, can_focus=True):
    """Rows of items keyed by id, a header row, a row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select_cursor", "Select", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-table--header",
        "item-table--cursor",
        "item-table--hit",
        "item-table--stale",
        "item-table--new",
        "item-table--changed",
        "item-table--broken",
    }

    DEFAULT_CSS = """
    ItemTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        & > .item-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:focus > .item-table--header {
            background-tint: $foreground 5%;
        }
        &:ansi > .item-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .item-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .item-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .item-table--hit { text-style: bold reverse; }
        & > .item-table--stale { color: $text-muted; }
        & > .item-table--new { color: ansi_green; text-style: bold; }
        & > .item-table--changed { color: ansi_yellow; text-style: bold; }
        & > .item-table--broken { color: ansi_red; text-style: bold; }
    }
    """

    class Highlighted(Message):
        """The row under the cursor changed (`row_id` None: no rows)."""

        def __init__(self, table: ItemTable, row_id: str | None, index: int, previous_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id
            self.index = index
            self.previous_id = previous_id  # the row the cursor was on before

        @property
        def control(self) -> ItemTable:
            return self.table

    class Selected(Message):
        """`enter` (or a click) on the cursor's row."""

        def __init__(self, table: ItemTable, row_id: str, index: int) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id
            self.index = index

        @property
        def control(self) -> ItemTable:
            return self.table

    STRIP_CACHE = 2000  # finished lines kept (several screens of every pane)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.show_header = True
        self._rows: list[str] = []
        self._cursor = 0
        self._highlighted: str | None = None  # the id the last Highlighted message named
        self._strips: LRUCache[tuple[str, bool, bool, int], Strip] = LRUCache(self.STRIP_CACHE)
        self._width = 0  # the width the cached lines were drawn at
        self._looks: dict[str, Style] = {}

    # -- what subclasses supply --------------------------------------------------------
    def row_cells(self, row_id: str) -> Sequence[Text]:
        """The cells of a row, one per column (cut to width by the table)."""
        raise NotImplementedError

    # -- rows ---------------------------------------------------------------------------
    @property
    def row_ids(self) -> list[str]:
        """The rows shown, in order (read it, never change it: use set_rows)."""
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def index_of(self, row_id: str) -> int | None:
        try:
            return self._rows.index(row_id)
        except ValueError:
            return None

    def set_show_header(self, show: bool) -> None:
        """The header row (the column headings) shown or not; the rows move up or down."""
        if show != self.show_header:
            self.show_header = show
            self._update_virtual_size()
            self.clear_rows_cache()
            self._scroll_to_cursor()

    def set_columns(self, columns: list[Column]) -> None:
        if columns != self.columns:
            self.columns = columns
            self.clear_rows_cache()

    def set_rows(self, row_ids: list[str], *, keep_id: str | None = None) -> None:
        """Show these rows (the list is the table's from now on). The cursor stays on
        `keep_id` if it is among them, else on the same row number. The same rows as
        before: nothing is drawn again (but the cursor's move)."""
        same = row_ids is self._rows or row_ids == self._rows
        self._rows = row_ids
        index = self.index_of(keep_id) if keep_id is not None else None
        if index is None:
            index = max(0, min(self._cursor, len(row_ids) - 1))
        if same:
            self.move_cursor(index)
            return
        self._cursor = index
        self._update_virtual_size()
        self.refresh()
        self._scroll_to_cursor()
        self._post_highlighted()

    def refresh_rows(self, row_ids: Iterable[str]) -> None:
        """Draw these rows again (their cells changed); the others stay as drawn."""
        wanted = set(row_ids)
        if not wanted:
            return
        for key in [k for k in self._strips.keys() if k[0] in wanted]:  # noqa: SIM118 - LRUCache has no __iter__
            self._strips.discard(key)
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        for index in range(top, min(top + height, len(self._rows))):
            if self._rows[index] in wanted:
                self.refresh_line(index + self._header_height)

    def clear_rows_cache(self) -> None:
        """Draw every row again (new columns, a new search, new looks)."""
        self._strips.clear()
        self.refresh()

    # -- the cursor -----------------------------------------------------------------------
    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_id(self) -> str | None:
        rows = self._rows
        return rows[self._cursor] if 0 <= self._cursor < len(rows) else None

    def move_cursor(self, row: int, *, scroll: bool = True) -> None:
        """Put the cursor on row number `row` (clamped); redraws the two rows it touched."""
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        old, self._cursor = self._cursor, row
        if old != row:
            self.refresh_line(old + self._header_height)
            self.refresh_line(row + self._header_height)
        if scroll:
            self._scroll_to_cursor()
        self._post_highlighted()

    def select_id(self, row_id: str) -> bool:
        """Move the cursor to the row of `row_id`; False when it is not shown."""
        index = self.index_of(row_id)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    def _post_highlighted(self) -> None:
        current = self.cursor_id
        if current != self._highlighted:
            previous, self._highlighted = self._highlighted, current
            self.post_message(self.Highlighted(self, current, self._cursor, previous))

    @property
    def _header_height(self) -> int:
        return 1 if self.show_header else 0

    @property
    def _page_height(self) -> int:
        return max(self.scrollable_content_region.height - self._header_height, 1)

    def _scroll_to_cursor(self) -> None:
        visible = self.scrollable_content_region.height - self._header_height
        if visible <= 0:
            return
        top, row = int(self.scroll_offset.y), self._cursor
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False, force=True)

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + self._header_height)

    # -- keys and mouse ---------------------------------------------------------------------
    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_down(self) -> None:
        page = self._page_height
        self.scroll_to(y=self.scroll_offset.y + page, animate=False, force=True)
        self.move_cursor(self._cursor + page)

    def action_page_up(self) -> None:
        page = self._page_height
        self.scroll_to(y=max(self.scroll_offset.y - page, 0), animate=False, force=True)
        self.move_cursor(self._cursor - page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        row_id = self.cursor_id
        if row_id is not None:
            self.post_message(self.Selected(self, row_id, self._cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._header_height:
            return
        row = int(self.scroll_offset.y) + offset.y - self._header_height
        if not 0 <= row < len(self._rows):
            return
        event.stop()
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    # -- drawing ----------------------------------------------------------------------------
    def look(self, name: str) -> Style:
        """The Rich style of a component class ("item-table--hit"): only what it sets."""
        style = self._looks.get(name)
        if style is None:
            style = self._looks[name] = self.get_component_rich_style(name, partial=True)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks.clear()
        self._strips.clear()

    def on_resize(self) -> None:
        self._update_virtual_size()

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.size.width
        if width != self._width:
            self._width = width
            self._strips.clear()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self.show_header:
            if y == 0:
                return self._header_strip(width)
            y -= 1
        index = int(self.scroll_offset.y) + y
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.rich_style)
        row_id = self._rows[index]
        cursor = index == self._cursor
        key = (row_id, cursor, cursor and self.has_focus, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._row_strip(row_id, cursor, width)
        return strip

    def _header_strip(self, width: int) -> Strip:
        style = self.get_component_rich_style("item-table--header")
        return self._draw([c.label for c in self.columns], style, None, style, width)

    def _row_strip(self, row_id: str, cursor: bool, width: int) -> Strip:
        base = self.rich_style
        if not cursor:
            return self._draw(self.row_cells(row_id), base, None, base, width)
        # The cursor's colours win over the cells' (a confidence colour on the cursor
        # row would vanish in it); its background lies under them.
        look = self.get_component_rich_style("item-table--cursor")
        over = Style.from_color(look.color) if look.color is not None else None
        return self._draw(self.row_cells(row_id), base + look, over, base + look, width)

    def _draw(self, cells: Sequence[Text], pre: Style, post: Style | None, rest: Style, width: int) -> Strip:
        console = self.app.console
        segments: list[Segment] = []
        x = 0
        last = len(cells) - 1 if len(cells) < len(self.columns) else -1  # runs to the end of the line
        for i, (text, column) in enumerate(zip(cells, self.columns)):
            w = width - x if i == last else min(column.width, width - x)
            if w <= 0:
                break
            if text.cell_len > w:
                text = text.copy()
                text.truncate(w, overflow="ellipsis")
            segments.extend(text.render(console))
            if text.cell_len < w:
                segments.append(Segment(" " * (w - text.cell_len)))
            x += w
        line = list(Segment.apply_style(segments, pre, post))
        if x < width:
            line.append(Segment(" " * (width - x), rest))
        return Strip(line).adjust_cell_length(width, self.rich_style).simplify()
