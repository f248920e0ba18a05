"""0 Key figures: the headline numbers as compact tiles above the panes.

A tile reads as people say it: the severity and confidence marks and the best grade, the
value ("over 76,000"), what is counted, a sparkline of its `series` and ↑/↓ against the
same figure at the baseline. Tiles fill a line, as many as stay readable; more lines on
a tall screen; the selected tile scrolls into view, and the line ends with "+3 ›" for
the tiles out of sight. It is a Pane (number 0): the same cursor, keys (j/k and ←/→
move, enter opens, y copies), search filter and change marks; maximized (`z`) it is a
table with a row per figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.strip import Strip

from tui.model.picture import sparkline, trend_values, versus
from tui.model.text import format_quantity
from tui.model.types import Figure
from tui.ui.theme import FOCUS, MUTED_STYLE
from tui.ui.widgets.cells import BROKEN_FLAG, confidence_cell, highlight, mark_cell, severity_cell
from tui.ui.widgets.pane import Pane

if TYPE_CHECKING:
    from tui.model.search import PaneHits, Query
    from tui.model.types import Item, Situation

KEY_CELLS = 2  # "0 " before the first line: the key that focuses the figures
GAP = " │ "
TILE_MIN = 30  # a tile narrower than this cuts its label to nothing much
TILE_COMFORT = 55  # wide enough for most labels whole: fewer tiles a line when there are lines to spare


class FigurePane(Pane):
    """The key figures: tiles (the board), a table when maximized."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "cursor_down", "Next figure", show=False),
        Binding("left,h", "cursor_up", "Previous figure", show=False),
    ]

    def __init__(self, *, stale_hours: float = 24.0) -> None:
        super().__init__("figures", 0, "Key figures", stale_hours=stale_hours)
        self.baseline: Situation | None = None  # ↑/↓ against its figures
        self._tiles_mode = True
        self._tile_cache: dict[tuple[str, int, bool], Text] = {}

    # -- what the board hands down -------------------------------------------------
    def show_baseline(self, baseline: Situation | None) -> None:
        """The figures of the saved baseline: each tile says ↑ / ↓ / = against them."""
        if baseline is self.baseline:
            return
        self.baseline = baseline
        self.clear_cells()

    def clear_cells(self) -> None:
        self._tile_cache.clear()
        self.clear_rows_cache()

    # -- mode ------------------------------------------------------------------------
    @property
    def tiles(self) -> bool:
        """Tiles on the board; a table when maximized."""
        return not self.has_class("-maximized")

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.tiles != self._tiles_mode:
            self._tiles_mode = self.tiles
            self.clear_cells()
            self.call_after_refresh(self._after_mode_change)

    def _after_mode_change(self) -> None:
        self._relayout()
        self._update_virtual_size()
        self.clear_rows_cache()
        self.move_cursor(self.cursor_row)

    # -- geometry --------------------------------------------------------------------

    @property
    def max_lines(self) -> int:
        """The lines the board gives the tiles (CSS max-height: 1, 3 on a tall screen)."""
        cells = self.styles.max_height.cells if self.styles.max_height is not None else None
        return max(cells or 1, 1)

    def per_line(self, width: int) -> int:
        """How many tiles a line holds at `width` cells: as few as the lines allow (wider
        tiles, whole labels), as many as stay readable."""
        room = max(width - KEY_CELLS, 1)
        fit = max(1, (room + len(GAP)) // (TILE_MIN + len(GAP)))
        comfortable = max(1, (room + len(GAP)) // (TILE_COMFORT + len(GAP)))
        count = max(self.row_count, 1)
        return min(fit, count, max(comfortable, -(-count // self.max_lines)))

    def tile_width(self, width: int) -> int:
        k = self.per_line(width)
        return (max(width - KEY_CELLS, 1) - len(GAP) * (k - 1)) // k

    def line_count(self, width: int) -> int:
        k = self.per_line(width)
        return max(1, -(-self.row_count // k))

    def get_content_height(self, container, viewport, width: int) -> int:
        if self.tiles:
            return self.line_count(width)
        return super().get_content_height(container, viewport, width)

    def _update_virtual_size(self) -> None:
        if self.tiles:  # the tiles fit the widget: nothing to scroll (the cursor's line is drawn)
            self.virtual_size = self.scrollable_content_region.size
        else:
            super()._update_virtual_size()

    def set_rows(self, row_ids: list[str], *, keep_id: str | None = None) -> None:
        lines = self.line_count(self.size.width)
        super().set_rows(row_ids, keep_id=keep_id)
        if self.tiles and self.line_count(self.size.width) != lines:
            self.refresh(layout=True)  # the number of lines changed

    def move_cursor(self, row: int, *, scroll: bool = True) -> None:
        super().move_cursor(row, scroll=scroll and not self.tiles)
        if self.tiles:
            self.refresh()

    # -- drawing ---------------------------------------------------------------------
    def _top_line(self, width: int, height: int) -> int:
        """The first tile line shown: the cursor's line in view while the figures have focus;
        else the first, the headline figures (the cursor stays where it was)."""
        if not self.has_focus:
            return 0
        k = self.per_line(width)
        cursor_line = self.cursor_row // k
        return max(0, min(cursor_line - height + 1, self.line_count(width) - height)) if cursor_line >= height else 0

    def render_line(self, y: int) -> Strip:
        if not self.tiles:
            return super().render_line(y)
        width, height = self.size.width, max(self.size.height, 1)
        k = self.per_line(width)
        top = self._top_line(width, height)
        line = top + y
        first = line * k
        rows = self.row_ids
        segments: list[Segment] = []
        console = self.app.console
        key = Text("0 " if y == 0 else "  ", style=f"bold {FOCUS}" if self.has_focus else MUTED_STYLE, end="")
        segments.extend(key.render(console))
        x = KEY_CELLS
        tile_w = self.tile_width(width)
        hidden_after = max(0, len(rows) - (top + height) * k)
        last_line = y == height - 1 or first + k >= len(rows)
        more = Text(f" +{hidden_after} ›", style=MUTED_STYLE, end="") if hidden_after and last_line else None
        for i in range(first, min(first + k, len(rows))):
            if i > first:
                segments.append(Segment(GAP, Style.parse(MUTED_STYLE)))
                x += len(GAP)
            w = tile_w
            if more is not None and i == min(first + k, len(rows)) - 1:
                w = max(1, min(w, width - x - more.cell_len))
            segments.extend(self._tile_segments(rows[i], i == self.cursor_row and self.has_focus, w))
            x += w
        if more is not None:
            segments.extend(more.render(console))
        if not rows and y == 0 and self.situation is not None:
            segments.extend(
                Text("no match" if self.search_active else "no key figures", style=MUTED_STYLE).render(console)
            )
        styled = Segment.apply_style(segments, self.rich_style)  # every segment styled (NO_COLOR's filter reads them)
        return Strip(styled).adjust_cell_length(width, self.rich_style).simplify()

    def _tile_segments(self, row_id: str, cursor: bool, width: int) -> list[Segment]:
        text = self._tile(row_id, width)
        if cursor:
            text = text.copy()
            text.stylize(self.get_component_rich_style("item-table--cursor"))
        return list(text.render(self.app.console))

    def _tile(self, row_id: str, width: int) -> Text:
        cache_key = (row_id, width, bool(self.search.words))
        cached = self._tile_cache.get(cache_key)
        if cached is not None:
            return cached
        item, situation = self.item_for_key(row_id), self.situation
        text = tile_text(item, situation, width, baseline=self.baseline, colour=self.colour)
        if self.search.words:
            text = highlight(text, self.search, self._current_look())
        mark = self.marks.get(row_id)
        if mark:
            text = mark_cell(mark, self._current_look()) + text
        text.truncate(width, overflow="ellipsis", pad=True)
        if len(self._tile_cache) > 2000:
            self._tile_cache.clear()
        self._tile_cache[cache_key] = text
        return text

    def set_marks(self, marks: dict[str, str]) -> None:
        super().set_marks(marks)
        self.clear_cells()

    def set_search(self, query: Query, hits: PaneHits | None) -> None:
        super().set_search(query, hits)
        self.clear_cells()

    def show_situation(
        self, situation: Situation | None, keep_id: str | None = None, hits: PaneHits | None = None
    ) -> None:
        super().show_situation(situation, keep_id=keep_id, hits=hits)
        self._tile_cache = {}

    def on_click(self, event: events.Click) -> None:
        if not self.tiles:
            return  # the table's own click
        offset = event.get_content_offset(self)
        if offset is None or offset.x < KEY_CELLS:
            return
        width, height = self.size.width, max(self.size.height, 1)
        k, tile_w = self.per_line(width), self.tile_width(width)
        column = (offset.x - KEY_CELLS) // (tile_w + len(GAP))
        index = (self._top_line(width, height) + offset.y) * k + min(column, k - 1)
        if 0 <= index < self.row_count:
            event.stop()
            if index == self.cursor_row:
                self.action_select_cursor()
            else:
                self.move_cursor(index)


def tile_text(item: Item | None, situation: Situation | None, width: int, *, baseline=None, colour=True) -> Text:
    """One tile, `width` cells at most (less the change mark): marks, value, label, trend."""
    out = Text(no_wrap=True, end="")
    if item is None or situation is None:
        return out
    if item.broken:
        out.append(BROKEN_FLAG + " ", style="bold red")
        out.append(_plain(item.label))
        return out
    if item.severity in ("critical", "high"):
        out.append_text(severity_cell(item, colour))
    conf = confidence_cell(item, situation, colour)
    conf.rstrip()  # no flag: no blank
    out.append_text(conf)
    value = format_quantity(item.value) if isinstance(item, Figure) else ""
    trend = sparkline(trend_values(item)) if isinstance(item, Figure) else ""
    vs = versus(item, baseline)
    tail = (" " + trend if trend else "") + (" " + vs if vs else "")
    room = width - 1 - out.cell_len - len(value) - 1 - len(tail)  # 1: a change mark before the tile
    if room < 6 and trend:  # a narrow tile keeps the label before the sparkline
        tail = " " + vs if vs else ""
        room += len(trend) + 1
    out.append(" ")
    out.append(_plain(value), style="bold")
    label = Text(" " + _plain(item.label), no_wrap=True, end="")
    if label.cell_len > max(room, 0) + 1:
        label.truncate(max(room, 1) + 1, overflow="ellipsis")
    out.append_text(label)
    if tail:
        out.append(tail, style="bold" if vs in ("↑", "↓") else "")
    return out


def _plain(value: str) -> str:
    from tui.model.text import visible

    return visible(value or "", single_line=True)
