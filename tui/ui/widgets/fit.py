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
5. what is left: the label whole (when it is a few cells short, or the main text column
   keeps half the pane all the same), the other columns whole (the same half); the main
   text column; then the rest.

A label too long for its 24 cells gives up to 8 of them to a figure or a status that would
be left out otherwise (the people in need beside 'multi-sector (earthquak…').

A pane without the focus gives status and figures their room before the label's 24
cells (`label_first=False`); the focused pane reads its labels whole.

A column that does not get its minimum is left out (from the right), rather than shown as
two letters and an ellipsis; the first column always stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

__all__ = ["LABEL_WHOLE", "MEASURED_ITEMS", "fit_columns", "natural_widths"]

LABEL_WHOLE = 25  # the label's room before the others get theirs: 24 cells and the gap
LABEL_CUT = 17  # a label too long for its 24 cells keeps 16 of them before a figure goes
NEARLY_WHOLE = 4  # a label this close to whole is made whole ('Kursk Nuclear Power Pla…' is no help)


class ColumnSpec(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def width(self) -> int: ...  # > 0: a date, a status or a figure (its natural width now)
    @property
    def min(self) -> int: ...
    @property
    def max(self) -> int: ...


def fit_columns(
    cols: Sequence[ColumnSpec],
    width: int,
    natural: Mapping[str, int],
    *,
    main: str | None = None,
    label_first: bool = True,
) -> list[tuple[ColumnSpec, int]]:
    """Widths for `cols` in `width` cells (see the module's docstring). `label_first`
    False (a pane without the focus): status and figures come before the label's 24
    cells, the label keeping its minimum; the focused pane reads its labels whole."""
    if not cols:
        return []
    width = max(width, 0)
    label = cols[0]
    main_col = next((c for c in cols if c.key == main), label)
    want = {c.key: max(natural.get(c.key, c.min), 2) for c in cols}
    if sum(want.values()) <= width:  # everything whole: the main text column takes the rest
        out = dict(want)
        # (a label that is the main column leaves it at the end: the area, then its people)
        out[(cols[-1] if main_col is label else main_col).key] += width - sum(want.values())
        return [(c, out[c.key]) for c in cols]

    got: dict[str, int] = {}
    left = width

    def give(col: ColumnSpec, cells: int) -> None:
        nonlocal left
        cells = max(0, min(cells, left))
        got[col.key] = got.get(col.key, 0) + cells
        left -= cells

    fixed = [c for c in cols if c.width and c is not label and c is not main_col]
    others = [c for c in cols if not c.width and c is not label and c is not main_col]
    if main_col is not label:
        give(main_col, min(want[main_col.key], max(main_col.min, 2)))

    def label_up_to_whole() -> None:
        give(label, min(want[label.key], LABEL_WHOLE) - got.get(label.key, 0))

    def status_and_figures() -> None:
        for col in fixed:
            if col.key not in got and want[col.key] <= left:
                give(col, want[col.key])

    if label_first:
        label_up_to_whole()
        status_and_figures()
        for col in fixed:  # a label cut all the same gives up cells for a figure that misses by as few
            short = want[col.key] - left
            if col.key not in got and want[label.key] > LABEL_WHOLE and got[label.key] - short >= LABEL_CUT:
                got[label.key] -= short
                left += short
                give(col, want[col.key])
    else:  # the label its minimum, status and figures whole, then the label's 24 cells
        give(label, min(want[label.key], max(label.min, 2)))
        status_and_figures()
        label_up_to_whole()
    for col in others:
        cap = min(want[col.key], col.max or want[col.key])
        if max(col.min, 2) <= left:
            give(col, cap)
    rest_of_label = want[label.key] - got[label.key]
    rest_of_others = sum(want[c.key] - got[c.key] for c in others if c.key in got)
    if main_col is label:
        give(label, rest_of_label)
    else:  # the label, then the others whole only if the main text keeps half the pane
        if rest_of_label <= NEARLY_WHOLE or got[main_col.key] + left - rest_of_label >= width // 2:
            give(label, rest_of_label)
        if got[main_col.key] + left - rest_of_others >= width // 2:
            for col in others:
                if col.key in got:
                    give(col, want[col.key] - got[col.key])
        give(main_col, want[main_col.key] - got[main_col.key])
        give(label, want[label.key] - got[label.key])
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
            if not text:
                continue
            # printable ASCII (most cells) is one cell a character, shown as it is
            width = len(text) if text.isascii() and text.isprintable() else cell_len(visible(text, single_line=True))
            if width > widest:
                widest = width
        out[col.key] = widest + 1
    return out
