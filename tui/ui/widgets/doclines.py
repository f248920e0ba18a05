"""The lines of a document (the `d` and `f` views): drawn only where they are on screen.

Textual's OptionList measured every line (wrapping each one) when the view opened: a
4 MB document (24,750 lines) froze the board for 6-12 s on `d`, a 10 MB field for
~10 s on `f` (issue 10, item 6). This Line-API widget (ScrollView + render_line, like
tui.ui.widgets.table.ItemTable) counts each line's rows with one regular expression on
its plain text and builds a line's `Text` only when one of its rows is drawn.

A line wraps at word boundaries (a word longer than the width is cut); the cursor is a
whole line (`highlighted`, its index), moved with j/k, arrows, g/G, home/end, page keys.
The lines come from the caller: `set_lines(count, text, plain)` where `text(i)` builds
line i as a `rich.text.Text` and `plain(i)` is its plain text, cheaply.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

__all__ = ["DocumentLines", "row_starts"]

_WORD_OR_SPACE = re.compile(r"\S+|\s+")
_WRAP: dict[int, re.Pattern[str]] = {}


def _wrap_pattern(width: int) -> re.Pattern[str]:
    """Rows of at most `width` characters ending before white space (which the row
    keeps), else `width` characters of a longer word."""
    pattern = _WRAP.get(width)
    if pattern is None:
        pattern = _WRAP[width] = re.compile(rf"(?:.{{1,{width}}}(?=\s|$)|.{{{width}}})\s*", re.DOTALL)
    return pattern


def row_starts(plain: str, width: int) -> tuple[int, ...]:
    """Where each row of `plain` starts when it is wrapped to `width` cells."""
    width = max(1, width)
    if len(plain) <= width and (plain.isascii() or cell_len(plain) <= width):
        return (0,)
    if plain.isascii() or cell_len(plain) == len(plain):  # one cell a character: at C speed
        found = tuple(m.start() for m in _wrap_pattern(width).finditer(plain))
        return found or (0,)
    starts = [0]  # wide or zero-width characters: by cells
    col = 0
    for m in _WORD_OR_SPACE.finditer(plain):
        word = m.group()
        n = cell_len(word)
        if word[0].isspace():
            col += n
            continue
        if col + n > width and col > 0:
            starts.append(m.start())
            col = 0
        if n <= width:
            col += n
            continue
        for pos, ch in enumerate(word, m.start()):
            w = cell_len(ch)
            if col + w > width and col > 0:
                starts.append(pos)
                col = 0
            col += w
    return tuple(starts)


class DocumentLines(ScrollView, can_focus=True):
    """A document's lines, wrapped, with a line cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"document-lines--cursor"}

    DEFAULT_CSS = """
    DocumentLines { background: $surface; color: $foreground; }
    DocumentLines > .document-lines--cursor {
        color: $block-cursor-blurred-foreground; background: $block-cursor-blurred-background;
    }
    DocumentLines:focus > .document-lines--cursor {
        color: $block-cursor-foreground; background: $block-cursor-background;
    }
    """

    TEXT_CACHE = 512  # lines kept built
    STRIP_CACHE = 1024  # rows kept drawn

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0
        self._text_of: Callable[[int], Text] = lambda i: Text()
        self._plain_of: Callable[[int], str] = lambda i: ""
        self._highlighted: int | None = None
        self._width = 0
        self._first_row: list[int] = [0]  # row of each line's first row, and the total
        self._texts: LRUCache[int, Text] = LRUCache(self.TEXT_CACHE)
        self._starts: LRUCache[int, tuple[int, ...]] = LRUCache(self.TEXT_CACHE)
        self._strips: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(self.STRIP_CACHE)

    # -- content --------------------------------------------------------------------------
    def set_lines(self, count: int, text: Callable[[int], Text], plain: Callable[[int], str]) -> None:
        self._count = count
        self._text_of, self._plain_of = text, plain
        self._texts.clear()
        self._width = 0
        self._relayout()

    @property
    def line_count(self) -> int:
        return self._count

    def line(self, index: int) -> Text:
        """Line `index` as drawn (built once, then cached)."""
        text = self._texts.get(index)
        if text is None:
            text = self._texts[index] = self._text_of(index)
        return text

    # -- the cursor ---------------------------------------------------------------------
    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and self._count:
            index = max(0, min(index, self._count - 1))
        elif not self._count:
            index = None
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """The cursor's line on screen: at the top with `top`, else only as far as needed."""
        if self._highlighted is None:
            return
        first = self._first_row[self._highlighted]
        last = self._first_row[self._highlighted + 1] - 1
        height = self.scrollable_content_region.height
        y = int(self.scroll_offset.y)
        if top or first < y:
            self.scroll_to(y=first, animate=False, force=True)
        elif last >= y + height:
            self.scroll_to(y=max(first, last - height + 1), animate=False, force=True)

    def _move(self, index: int) -> None:
        self.highlighted = index
        self.scroll_to_highlight()

    def action_cursor_down(self) -> None:
        self._move(0 if self._highlighted is None else self._highlighted + 1)

    def action_cursor_up(self) -> None:
        self._move(0 if self._highlighted is None else self._highlighted - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self._count - 1)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        y = max(0, int(self.scroll_offset.y) + direction * height)
        self.scroll_to(y=y, animate=False, force=True)
        row = min(y, max(0, self._first_row[-1] - 1))
        self.highlighted = max(0, bisect.bisect_right(self._first_row, row) - 1)

    # -- layout and drawing ---------------------------------------------------------------
    def _relayout(self) -> None:
        """Count every line's rows at the current width (one regular expression a line)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._width = width
        self._starts.clear()
        self._strips.clear()
        plain, first, total = self._plain_of, [0] * (self._count + 1), 0
        for i in range(self._count):
            first[i] = total
            total += len(row_starts(plain(i), width))
        first[self._count] = total
        self._first_row = first
        self.virtual_size = Size(width, total)

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()
            self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._relayout()
        row = int(self.scroll_offset.y) + y
        if not 0 <= row < self._first_row[-1]:
            return Strip.blank(width, self.rich_style)
        index = bisect.bisect_right(self._first_row, row) - 1
        cursor = index == self._highlighted
        key = (index, row - self._first_row[index], cursor, cursor and self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._row_strip(index, key[1], cursor, width)
        return strip

    def _row_strip(self, index: int, row: int, cursor: bool, width: int) -> Strip:
        text = self.line(index)
        starts = self._starts.get(index)
        if starts is None:
            starts = self._starts[index] = row_starts(text.plain, width)
        start = starts[row] if row < len(starts) else len(text.plain)
        end = starts[row + 1] if row + 1 < len(starts) else len(text.plain)
        piece = text[start:end]
        piece.rstrip_end(width)
        base = self.rich_style
        if cursor:
            base = base + self.get_component_rich_style("document-lines--cursor")
        segments = list(Segment.apply_style(piece.render(self.app.console), base))
        return Strip(segments).adjust_cell_length(width, base).simplify()

    def on_focus(self) -> None:
        self.refresh()  # the cursor's colours follow the focus

    def on_blur(self) -> None:
        self.refresh()
