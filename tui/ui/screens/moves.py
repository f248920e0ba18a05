"""Stepping through rows across panes (`n`/`N` through search hits, `c`/`C` through
changed items): the next wanted row after the cursor, in pane order, wrapping round."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Rows(Protocol):
    @property
    def cursor_row(self) -> int: ...

    @property
    def row_count(self) -> int: ...


P = TypeVar("P", bound=Rows)


def step(panes: Sequence[P], current: P, rows_of: Callable[[P], Sequence[int]], forward: bool) -> tuple[P, int] | None:
    """The pane and row of the next wanted row (`rows_of(pane)`: the wanted row numbers
    of a pane, ascending) after the cursor of `current`, or before it when not `forward`;
    None when no pane has one. Panes are visited in their order, from `current` round."""
    if current not in panes:
        current = panes[0]
    start = panes.index(current)
    here = current.cursor_row if current.row_count else -1
    n = len(panes)
    for k in range(n + 1):
        index = (start + k) % n if forward else (start - k) % n
        pane = panes[index]
        rows = rows_of(pane)
        if not rows:
            continue
        if k == 0:  # the current pane: only rows after (before) the cursor
            if forward:
                j = bisect_right(rows, here)
                if j < len(rows):
                    return pane, rows[j]
            else:
                j = bisect_left(rows, here) - 1
                if j >= 0:
                    return pane, rows[j]
            continue
        return pane, rows[0] if forward else rows[-1]
    return None
