"""Column widths from what the columns hold (issue 13): nothing cut while there is room.

    fit_columns(cols, width, natural, main=...) -> [(col, width), ...]

`natural[key]` is the width a column needs to show its widest value whole (its leading gap
and its heading included; the pane measures it over its items, on a new picture or a
resize, never when the cursor moves). When every column fits, each gets its natural width
and the main text column (the quote, the event's what; the name where a list has no other
text) takes the rest. When they do not, room is given in this order:

1. the main text column its minimum;
2. the item's label (the first column) up to LABEL_WHOLE cells: "Alexander Lukashenko"
   whole in a half-width pane at 80 columns;
3. status and figures (the fixed-width columns: a date, a status, a number), whole;
4. the other columns up to their cap (`Col.max`);
5. what is left: the label whole, then the main text column, then the other columns.

A column that does not get its minimum is left out (from the right), rather than shown as
two letters and an ellipsis; the first column always stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

__all__ = ["LABEL_WHOLE", "MEASURED_ITEMS", "fit_columns", "natural_widths"]

LABEL_WHOLE = 25  # the label's room before the others get theirs: 24 cells and the gap


class ColumnSpec(Protocol):
    key: str
    width: int  # > 0: a date, a status or a figure (fixed in the old layout: now its natural width)
    min: int
    max: int


def fit_columns(
    cols: Sequence[ColumnSpec],
    width: int,
    natural: Mapping[str, int],
    *,
    main: str | None = None,
) -> list[tuple[ColumnSpec, int]]:
    """Widths for `cols` in `width` cells (see the module's docstring)."""
    if not cols:
        return []
    width = max(width, 0)
    label = cols[0]
    main_col = next((c for c in cols if c.key == main), label)
    want = {c.key: max(natural.get(c.key, c.min), 2) for c in cols}
    if sum(want.values()) <= width:  # everything whole: the main text column takes the rest
        out = dict(want)
        out[main_col.key] += width - sum(want.values())
        return [(c, out[c.key]) for c in cols]

    got: dict[str, int] = {}
    left = width

    def give(col: ColumnSpec, cells: int) -> None:
        nonlocal left
        cells = max(0, min(cells, left))
        got[col.key] = got.get(col.key, 0) + cells
        left -= cells

    main_min = min(want[main_col.key], max(main_col.min, 2))
    if main_col is not label:
        give(main_col, main_min)
    give(label, min(want[label.key], LABEL_WHOLE))
    fixed = [c for c in cols if c.width and c is not label and c is not main_col]
    others = [c for c in cols if not c.width and c is not label and c is not main_col]
    for col in fixed:
        if want[col.key] <= left:
            give(col, want[col.key])
    for col in others:
        cap = min(want[col.key], col.max or want[col.key])
        if max(col.min, 2) <= left:
            give(col, cap)
    give(label, want[label.key] - got[label.key])
    if main_col is not label:
        give(main_col, want[main_col.key] - got[main_col.key])
    for col in others:
        if col.key in got:
            give(col, want[col.key] - got[col.key])
    # what is still left (a label cut short is whole now): the main text column
    give(main_col, left)
    shown = [c for c in cols if got.get(c.key, 0) >= min(max(c.min, 2), want[c.key]) or c is label]
    spare = sum(got.get(c.key, 0) for c in cols if c not in shown)
    if spare:  # a column left out: its cells to the main text column
        got[main_col.key] = got.get(main_col.key, 0) + spare
    return [(c, got[c.key]) for c in shown]


MEASURED_ITEMS = 2000  # a pane of 100,000 items is measured on its first 2,000 (in its order)


def natural_widths(
    cols: Sequence[ColumnSpec],
    items: Sequence[object],
    value: Callable[[ColumnSpec, object], str],
    *,
    headings: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """The width each column needs for its widest value (and its heading), its leading gap
    included; values as the cells show them (one line, control characters made visible)."""
    from rich.cells import cell_len

    from tui.model.text import visible

    out: dict[str, int] = {}
    sample = items[:MEASURED_ITEMS]
    for col in cols:
        widest = cell_len(headings.get(col.key, "")) if headings else 0
        for item in sample:
            try:
                text = value(col, item)
            except Exception:  # a value the formatter does not know: the cell says so, narrow
                continue
            if text:
                widest = max(widest, cell_len(visible(text, single_line=True)))
        out[col.key] = widest + 1
    return out
