"""What each pane shows of an item: cells (rich Text only; the columns are in columns.py), search spans.

Every cell is a `rich.text.Text` made from `visible(value)`, never markup:
`[@click=app.quit]` in a file stays text. The looks of the marks (search hit, stale,
change marks, broken items) come in a `CellLook`: the pane fills it from its CSS
component classes; the defaults here are the same looks as Rich styles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.style import StyleType
from rich.text import Text

# Confidence: a symbol whose SHAPE differs (reads without colour; shared with the detail
# view and the plain-text exports) plus a colour.
from tui.model.plain import CONFIDENCE_SYMBOLS  # noqa: E402
from tui.model.search import Query, spans
from tui.model.text import visible
from tui.model.types import BrokenItem, Diagnostic, Item, Situation
from tui.ui.theme import CYAN, GREEN, MAGENTA, ORANGE, RED, YELLOW
from tui.ui.widgets.columns import (  # noqa: F401 - the pane and the tests read them here
    COLUMNS,
    CONF_COL_WIDTH,
    DEFAULT_COLUMNS,
    MEDIUM,
    WIDE,
    Col,
    RowContext,
    column_widths,
    content_need,
    empty_columns,
    layout_columns,
)

CONFIDENCE_STYLES: dict[str, str] = {
    "verified": f"bold {GREEN}",
    "reported": CYAN,
    "claimed": ORANGE,
    "disputed": f"bold {RED}",
    "unconfirmed": MAGENTA,
}
NO_GRADE = "–"
HIT_STYLE = "bold reverse"
# The flag after the grade: shapes that read without colour. An item on a weak basis
# (only claimed, or only sources graded D-F / ungraded) shows WEAK_FLAG; a stale item
# (not updated within the threshold before the as-of) shows STALE_FLAG and its whole
# row is grey. Both: WEAK_FLAG on a grey row (the detail says both).
WEAK_FLAG = "!"
STALE_FLAG = "◷"
WEAK_STYLE = f"bold {YELLOW}"
STALE_STYLE = "#aab4be"  # (tui.ui.theme.MUTED; not dim: a terminal draws dim text at half the contrast)


@dataclass(frozen=True)
class CellLook:
    """Styles of what the cells mark: a search hit, a stale row, the change marks, a
    broken item."""

    hit: StyleType = HIT_STYLE
    stale: StyleType = STALE_STYLE
    new: StyleType = f"bold {GREEN}"
    changed: StyleType = f"bold {YELLOW}"
    broken: StyleType = f"bold {RED}"


DEFAULT_LOOK = CellLook()

BROKEN_FLAG = "✗"
SHORT_LABEL = 12  # a broken row's label this short is never cut for its problem


def problems_of(item: Item) -> tuple[Diagnostic, ...]:
    """The problems of an item that did not validate (a BrokenItem), else ()."""
    return item.problems if isinstance(item, BrokenItem) else ()


def broken_cells(item: Item, look: CellLook | None = None, specs: Sequence[tuple[Any, int]] = ()) -> list[Text]:
    """The row of an item that did not validate: ✗ where the confidence goes, what its
    label field held, then its first problem across the rest of the row (a row with
    fewer cells than columns: its last cell runs to the end of the line). `specs`: the
    pane's columns and widths; the label gives up cells of its column (down to its minimum; a short one whole) for
    the problem to show whole."""
    look = look or DEFAULT_LOOK
    problems = problems_of(item)
    first = problems[0] if problems else None
    field = first.path.split("].", 1)[1] if first is not None and "]." in first.path else ""
    message = first.message if first is not None else "does not validate"
    flag = Text(BROKEN_FLAG, style=look.broken, no_wrap=True, end="")
    flag.append(" " * (CONF_COL_WIDTH - 1))
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    label = cell(item.label or "")
    problem = cell(f"{field}: {message}{more}" if field else f"{message}{more}", style=look.broken)
    if not specs:
        return [flag, label, problem]
    first, column = specs[0]
    floor = label.cell_len if label.cell_len <= SHORT_LABEL else first.min  # 'North axis' stays whole
    room = min(column, max(sum(w for _, w in specs) - problem.cell_len, floor))
    if label.cell_len > room:
        label.truncate(room, overflow="ellipsis")
    label.pad_right(room - label.cell_len)
    return [flag, label + problem]


def best_grade(item: Item, situation: Situation) -> str:
    """The best (lowest letter) Admiralty reliability among the item's sources, or "–"."""
    grades = []
    for ref in item.sources:
        src = situation.sources.get(ref.source)
        if src is not None and src.reliability:
            grades.append(src.reliability)
    return min(grades) if grades else NO_GRADE


def cell(value: str, *, gap: bool = True, style: StyleType = "") -> Text:
    """One cell: the value made visible, on one line, cut with '…' by the column width."""
    shown = visible(value, single_line=True) if value else ""
    return Text((" " if gap else "") + shown, style=style, no_wrap=True, overflow="ellipsis", end="")


def label_cell(label: str) -> Text:
    return Text(" " + label, style="bold", no_wrap=True, overflow="ellipsis", end="")


def confidence_cell(item: Item, situation: Situation, colour: bool = True, stale: bool = False) -> Text:
    """Symbol (shape per confidence; coloured unless NO_COLOR), best source grade, and
    the flag: WEAK_FLAG for an item on a weak basis, else STALE_FLAG when stale.

    Without colour the symbol is bold in the normal foreground: a monochrome filter
    would turn red or magenta into a grey too dark to read.
    """
    from tui.model.provenance import weak_basis

    conf = item.confidence if item.confidence in CONFIDENCE_SYMBOLS else "unconfirmed"
    t = Text(no_wrap=True, end="")
    t.append(CONFIDENCE_SYMBOLS[conf], style=CONFIDENCE_STYLES[conf] if colour else "bold")
    t.append(best_grade(item, situation))
    if weak_basis(item, situation):
        t.append(WEAK_FLAG, style=WEAK_STYLE if colour else "bold")
    elif stale:
        t.append(STALE_FLAG)
    else:
        t.append(" ")
    return t


SEVERITY_STYLES = {"critical": f"bold {RED}", "high": f"bold {YELLOW}"}


def severity_cell(item: Item, colour: bool = True) -> Text:
    """▲ critical, △ high (shapes: they read without colour), else a blank."""
    from tui.model.picture import SEVERITY_MARKS

    severity = item.severity or ""
    mark = SEVERITY_MARKS.get(severity)
    if mark is None:
        return Text(" ", no_wrap=True, end="")
    return Text(mark, style=SEVERITY_STYLES[severity] if colour else "bold", no_wrap=True, end="")


def row_cells(
    item: Item,
    situation: Situation,
    columns: list[tuple[Col, int]],
    colour: bool = True,
    stale: bool = False,
    look: CellLook | None = None,
    now: dt.datetime | None = None,
) -> list[Text]:
    """The row of an item; a stale item's cells are dim (and flagged, see above)."""
    look = look or DEFAULT_LOOK
    cells = [confidence_cell(item, situation, colour, stale)]
    ctx = RowContext(situation, now or dt.datetime.now(dt.UTC))
    for col, _w in columns:
        try:
            value = col.get(item, ctx) if col.ctx else col.get(item)
        except Exception:  # a value the formatter does not know: show it, never crash
            value = str(getattr(item, col.key, ""))
        cells.append(cell(value, style=look.stale if stale else ""))
    if stale:
        cells[0].stylize(look.stale)
    return cells


def highlight(text: Text, query: Query | str, look: CellLook | None = None) -> Text:
    """A copy of `text` with every match of the query's words stylized."""
    look = look or DEFAULT_LOOK
    found = spans(text.plain, query)
    if not found:
        return text
    out = text.copy()
    for a, b in found:
        out.stylize(look.hit, a, b)
    return out


MARK_GLYPHS = {"new": "+", "changed": "•"}


def mark_cell(kind: str | None, look: CellLook = DEFAULT_LOOK) -> Text:
    """The change mark of a row: + new, • changed (live reload), else a blank."""
    glyph = MARK_GLYPHS.get(kind or "", " ")
    style = look.new if kind == "new" else look.changed if kind == "changed" else ""
    return Text(glyph, style=style, no_wrap=True, end="")
