"""What the board's first screen holds below the picture, and in which order (no Textual).

    arrange(counts, width, height) -> Arrangement

The picture (summary, key figures) is on top; below it, a box per list with items, in
rows. What does not get a box is named on ONE line instead ("6 Needs (0) · 7 Watch (3,
1 overdue)"):

- an empty list never takes a box;
- the picture lists (6 Needs, 7 Watch, 8 Judgments) come first, side by side, when
  there is room for them as well as the panes 1-5; on a short screen (80x24 with every
  pane filled) they are on the line (their key opens the list full screen);
- the panes 1-5 keep their places: Fronts | Evacuations, Statements | Infrastructure,
  Events; on a wide and tall screen the short lists (Fronts, Evacuations, Infrastructure)
  share the top band and Statements and Events get the full width;
- a box alone on its row takes the whole width.

Rows get heights in lines: each first what it needs to show its items (up to a share),
then the rest goes to the longest lists. The layout engineer tunes the numbers here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.model.spec import LIST

__all__ = ["Arrangement", "arrange", "PICTURE_LISTS", "CORE_LISTS", "GRID_COLUMNS", "row_heights", "share_band"]

PICTURE_LISTS = ("needs", "watch", "judgments")
CORE_LISTS = ("fronts", "evacuations", "statements", "infrastructure", "events")
SHORT_LISTS = ("fronts", "evacuations", "infrastructure")  # a handful of rows, as a rule
LONG_LISTS = ("statements", "events")  # they pile up, and their texts are long
LIST_ORDER = tuple(sorted(PICTURE_LISTS + CORE_LISTS, key=lambda n: LIST[n].key))  # key order: 1 ... 8
GRID_COLUMNS = 6  # rows of 1, 2 or 3 boxes divide it evenly
BOX_CHROME = 3  # border top and bottom, the column header
MIN_ROW = 6  # a box row shows at least three items
WIDE = 140  # columns from which the short lists share one band
TALL = 30
PICTURE_BOX_MIN_WIDTH = 30  # narrower than this, three picture lists take two rows


@dataclass(frozen=True)
class Arrangement:
    """Rows of boxes (list names, top to bottom, left to right), and the lists named on
    the one line instead: `collapsed` have items but no room, `empty` have none."""

    rows: tuple[tuple[str, ...], ...] = ()
    collapsed: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    heights: tuple[int, ...] = field(default=())  # lines per row (0: share what is left)
    headers: bool = True  # the boxes show their column headings (False: no room for them and every row)

    @property
    def boxed(self) -> tuple[str, ...]:
        return tuple(name for row in self.rows for name in row)

    @property
    def line(self) -> tuple[str, ...]:
        """The lists on the one line: those with items first, then the empty ones."""
        return self.collapsed + self.empty


def _core_rows(lists: list[str], wide: bool) -> list[tuple[str, ...]]:
    if wide:
        short = tuple(n for n in lists if n in SHORT_LISTS)
        return ([short] if short else []) + [(n,) for n in lists if n not in SHORT_LISTS]
    return [tuple(lists[i : i + 2]) for i in range(0, len(lists), 2)]


def _picture_rows(lists: list[str], width: int) -> list[tuple[str, ...]]:
    if not lists:
        return []
    if len(lists) == 3 and width // 3 < PICTURE_BOX_MIN_WIDTH:
        return [tuple(lists[:2]), (lists[2],)]
    return [tuple(lists)]


def _least(rows: list[tuple[str, ...]], counts: Mapping[str, int]) -> int:
    """The lines these rows need at least: what each shows of its items, up to MIN_ROW."""
    return sum(min(max(counts.get(n, 0) for n in row) + BOX_CHROME, MIN_ROW) for row in rows)


def row_heights(
    rows: tuple[tuple[str, ...], ...], counts: Mapping[str, int], height: int, chrome: int = BOX_CHROME
) -> tuple[int, ...]:
    """Lines per row: each row first what it needs (its longest list, up to MIN_ROW), then
    the rest in turn to rows that need more, the last row taking what is left. `chrome`:
    the lines a box takes besides its rows (borders, and the column headings if shown)."""
    if not rows:
        return ()
    need = [max(counts.get(n, 0) for n in row) + chrome for row in rows]
    out = [min(n, MIN_ROW) for n in need]
    left = height - sum(out)
    while left > 0:
        wanting = [i for i in range(len(rows)) if out[i] < need[i]]
        if not wanting:
            break
        for i in wanting:
            if left <= 0:
                break
            out[i] += 1
            left -= 1
    # every box shows all its items: the spare lines go to the rows of long texts
    # (statements, events), evenly; the short lists stay as tall as their rows
    takers = [i for i, row in enumerate(rows) if any(n in LONG_LISTS for n in row)] or list(range(len(rows)))
    for k, i in enumerate(takers):
        share = left // (len(takers) - k)
        out[i] += share
        left -= share
    return tuple(max(h, chrome + 1) for h in out)


def arrange(counts: Mapping[str, int], width: int, height: int) -> Arrangement:
    """The boxes for `counts` (list -> number of items) in `width` x `height` cells (the
    room below the picture, the one line included)."""
    empty = [n for n in LIST_ORDER if not counts.get(n)]
    wide = width >= WIDE and height + 10 >= TALL  # (the picture above takes about 10 lines)
    core = _core_rows([n for n in CORE_LISTS if counts.get(n)], wide)
    picture = _picture_rows([n for n in PICTURE_LISTS if counts.get(n)], width)
    collapsed: list[str] = []
    if picture and _least(picture + core, counts) > height - (1 if empty else 0):
        collapsed = [n for row in picture for n in row]
        picture = []
    rows = tuple(picture + core)
    line = 1 if empty or collapsed else 0
    # Every row of every box before the column headings: at 80x24 the headings cost the
    # last row of Statements and of Events (the mock-up's boxes have none there).
    headers = sum(max(counts.get(n, 0) for n in row) + BOX_CHROME for row in rows) <= height - line
    return Arrangement(
        rows=rows,
        collapsed=tuple(sorted(collapsed, key=LIST_ORDER.index)),
        empty=tuple(empty),
        heights=row_heights(rows, counts, height - line, BOX_CHROME if headers else BOX_CHROME - 1),
        headers=headers,
    )


def share_band(needs: list[int], width: int, wants: list[int] | None = None) -> list[int]:
    """Widths for boxes side by side in `width` cells, from the width each needs to show its
    first columns whole (at least a fifth of the line each): the boxes that need less than an
    even share get what they need, the others share the rest evenly. Room left over when all
    are whole goes to the boxes that want more (`wants`: every column whole), up to what each
    wants, evenly; what is still left is shared by all. The widths add up to `width`."""
    if not needs or width <= 0:
        return [0] * len(needs)
    needs = [max(n, width // 5) for n in needs]
    out = [0] * len(needs)
    left, open_ = width, list(range(len(needs)))
    while open_:
        fair = left // len(open_)
        small = [i for i in open_ if needs[i] <= fair]
        if not small:
            break
        for i in small:
            out[i] = needs[i]
            left -= needs[i]
            open_.remove(i)
    if not open_ and wants is not None and left > 0:
        # all whole: the spare first to a box whose other columns (a long units cell) would be cut
        extra = _fill([max(w - o, 0) for w, o in zip(wants, out, strict=False)], left)
        out = [o + e for o, e in zip(out, extra, strict=False)]
        left -= sum(extra)
    takers = open_ or list(range(len(needs)))  # all whole: the spare shared by all
    for k, i in enumerate(takers):
        out[i] += left // len(takers) + (1 if k < left % len(takers) else 0)
    return out


def _fill(caps: list[int], room: int) -> list[int]:
    """`room` shared evenly among the boxes, none given more than its cap."""
    out = [0] * len(caps)
    open_ = [i for i, c in enumerate(caps) if c > 0]
    while open_ and room > 0:
        fair = max(room // len(open_), 1)
        for i in list(open_):
            give = min(fair, caps[i] - out[i], room)
            out[i] += give
            room -= give
            if out[i] >= caps[i]:
                open_.remove(i)
            if room <= 0:
                break
    return out
