"""What each pane shows of an item: columns, cells (rich Text only), search spans.

Every cell is a `rich.text.Text` made from `visible(value)`, never markup:
`[@click=app.quit]` in a file stays text. The looks of the marks (search hit, stale,
change marks, broken items) come in a `CellLook`: the pane fills it from its CSS
component classes; the defaults here are the same looks as Rich styles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.style import StyleType
from rich.text import Text

# Confidence: a symbol whose SHAPE differs (reads without colour; shared with the detail
# view and the plain-text exports) plus a colour.
from tui.model.plain import CONFIDENCE_SYMBOLS  # noqa: E402
from tui.model.search import Query, spans
from tui.model.text import format_quantity, format_units, format_when, visible
from tui.model.types import BrokenItem, Diagnostic, Item, Situation, When
from tui.ui.theme import CYAN, GREEN, MAGENTA, ORANGE, RED, YELLOW

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


def problems_of(item: Item) -> tuple[Diagnostic, ...]:
    """The problems of an item that did not validate (a BrokenItem), else ()."""
    return item.problems if isinstance(item, BrokenItem) else ()


def broken_cells(item: Item, look: CellLook | None = None) -> list[Text]:
    """The row of an item that did not validate: ✗ where the confidence goes, what its
    label field held, then its first problem across the rest of the row (a row with
    fewer cells than columns: its last cell runs to the end of the line)."""
    look = look or DEFAULT_LOOK
    problems = problems_of(item)
    first = problems[0] if problems else None
    field = first.path.split("].", 1)[1] if first is not None and "]." in first.path else ""
    message = first.message if first is not None else "does not validate"
    flag = Text(BROKEN_FLAG, style=look.broken, no_wrap=True, end="")
    flag.append(" " * (CONF_COL_WIDTH - 1))
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return [
        flag,
        cell(item.label or ""),
        cell(f"{field}: {message}{more}" if field else f"{message}{more}", style=look.broken),
    ]


def best_grade(item: Item, situation: Situation) -> str:
    """The best (lowest letter) Admiralty reliability among the item's sources, or "–"."""
    grades = []
    for ref in item.sources:
        src = situation.sources.get(ref.source)
        if src is not None and src.reliability:
            grades.append(src.reliability)
    return min(grades) if grades else NO_GRADE


def _day(w: When | None) -> str:
    if w is None:
        return ""
    value = w.value
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_when(When(value, w.approx))


def _when(w: When | None) -> str:
    return format_when(w) if w is not None else ""


def _q(q, unit: str | None = None) -> str:
    return format_quantity(q, unit) if q is not None else ""


def _join(values) -> str:
    return ", ".join(values)


def _text_of(item) -> str:
    if item.quote:
        return f"“{item.quote}”"
    return item.summary or ""


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    get: Callable[[Any], str]  # the item (of the pane's type) -> its value as text
    width: int = 0  # fixed width (cells, the leading gap included); 0 = flexible
    weight: int = 0  # share of the remaining width for flexible columns
    min: int = 6
    level: int = 0  # 0 always; 1 from MEDIUM content width; 2 from WIDE
    max: int = 0  # a flexible column never wider than this (0: no cap); the spare
    # width goes to the pane's main text column (the heaviest), so on a wide screen
    # quotes and event texts get the room, not the actor's or the place's column


MEDIUM = 50
WIDE = 80

COLUMNS: dict[str, tuple[Col, ...]] = {
    "fronts": (
        Col("name", "Name", lambda i: i.name, weight=3, min=8),
        Col("status", "Status", lambda i: i.status or "", width=12),
        Col("depth", "Depth", lambda i: _q(i.depth_km, "km"), width=12),
        Col("sides", "Sides", lambda i: _join(i.sides), weight=2, level=1, max=26),
        Col("since", "Since", lambda i: _day(i.since), width=8, level=2),
        Col("places", "Places", lambda i: _join(i.places), weight=2, level=2, max=24),
    ),
    "evacuations": (
        Col("area", "Area", lambda i: i.area, weight=3, min=8),
        Col("people", "People", lambda i: _q(i.people), width=13),
        Col("status", "Status", lambda i: i.status or "", width=10),
        Col("destination", "Destination", lambda i: i.destination or "", weight=2, level=1, max=26),
        Col("authority", "Authority", lambda i: i.authority or "", weight=2, level=2, max=24),
        Col("since", "Since", lambda i: _day(i.since), width=8, level=1),
    ),
    "statements": (
        Col("actor", "Actor", lambda i: i.actor, weight=2, min=8, max=26),
        Col("date", "Date", lambda i: _day(i.date), width=8),
        Col("text", "Quote / summary", _text_of, weight=5, min=10),
        Col("role", "Role", lambda i: i.role or "", weight=2, level=2, max=24),
        Col("channel", "Channel", lambda i: i.channel or "", weight=1, level=2, max=16),
    ),
    "infrastructure": (
        Col("name", "Name", lambda i: i.name, weight=2, min=8, max=34),
        Col("status", "Status", lambda i: i.status or "", width=12),
        Col("units", "Units", lambda i: format_units(i.units), weight=3, min=8),
        Col("kind", "Kind", lambda i: i.kind or "", weight=1, level=2, max=16),
        Col("location", "Location", lambda i: i.location or "", weight=2, level=2, max=26),
    ),
    "events": (
        Col("date", "Date", lambda i: _day(i.date), width=8),
        Col("what", "What", lambda i: i.what, weight=5, min=10),
        Col("where", "Where", lambda i: i.where or "", weight=2, level=1, max=30),
        Col("count", "Count", lambda i: _q(i.count), width=14, level=2),
    ),
}

CONF_COL_WIDTH = 3  # "●B!": confidence, best grade, weak/stale flag


# A list the board has no columns for yet (a list added to the format): its items by name.
DEFAULT_COLUMNS = (Col("label", "Item", lambda i: i.label, weight=1, min=8),)


def layout_columns(pane: str, width: int, empty: frozenset[str] | set[str] = frozenset()) -> list[tuple[Col, int]]:
    """Columns that fit `width` cells (after the confidence column), each with its width.

    `empty`: keys of optional columns (level > 0) no item of the pane fills; they are
    left out, their room goes to the others.
    """
    width = max(width - CONF_COL_WIDTH, 0)
    level = 2 if width >= WIDE else 1 if width >= MEDIUM else 0
    cols = [c for c in COLUMNS.get(pane, DEFAULT_COLUMNS) if c.level <= level and not (c.level and c.key in empty)]
    # Very narrow (a 60-column terminal): drop columns from the right rather than run
    # past the pane's edge; the first (what the item is) always stays.
    while len(cols) > 1 and sum(c.width or c.min for c in cols) > width:
        fixed_ = [c for c in cols[1:] if c.width]  # a date or status before a text column
        cols.remove(fixed_[-1] if fixed_ else cols[-1])
    fixed = sum(c.width for c in cols if c.width)
    flex = [c for c in cols if not c.width]
    free = max(width - fixed, 0)
    total_weight = sum(c.weight for c in flex) or 1
    out: list[tuple[Col, int]] = []
    spare = free
    widths: dict[str, int] = {}
    for c in flex:
        w = max(c.min, free * c.weight // total_weight)
        if c.max:
            w = min(w, max(c.max, c.min))
        widths[c.key] = w
        spare -= w
    while spare < 0:  # the minimums pushed past the edge: take it back from the widest
        c = max(flex, key=lambda c: widths[c.key] - c.min)
        if widths[c.key] <= c.min:
            break
        widths[c.key] -= 1
        spare += 1
    if flex and spare > 0:  # rounding leftovers and capped room go to the main text column
        heaviest = max(flex, key=lambda c: (not c.max, c.weight))
        widths[heaviest.key] += spare
    for c in cols:
        out.append((c, c.width or widths[c.key]))
    return out


def empty_columns(pane: str, items) -> frozenset[str]:
    """Keys of the pane's optional columns that no item fills (cheap: stops at the first
    value found per column)."""
    out = set()
    for c in COLUMNS.get(pane, DEFAULT_COLUMNS):
        if not c.level:
            continue
        for it in items:
            try:
                if c.get(it):
                    break
            except Exception:  # a value the formatter does not know: a value all the same
                break
        else:
            out.add(c.key)
    return frozenset(out)


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


def row_cells(
    item: Item,
    situation: Situation,
    columns: list[tuple[Col, int]],
    colour: bool = True,
    stale: bool = False,
    look: CellLook | None = None,
) -> list[Text]:
    """The row of an item; a stale item's cells are dim (and flagged, see above)."""
    look = look or DEFAULT_LOOK
    cells = [confidence_cell(item, situation, colour, stale)]
    for col, _w in columns:
        try:
            value = col.get(item)
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
