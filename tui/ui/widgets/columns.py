"""The columns of each list on the board: what a row shows of an item, and how wide.

`COLUMNS[list]` is the list's columns in order (a list without columns shows its items by
name: DEFAULT_COLUMNS); `layout_columns` fits them to a pane's width (optional columns
join from MEDIUM and WIDE content widths, and drop when no item fills them:
`empty_columns`). A cell's value is text (cells.py makes it a visible `rich.text.Text`);
a column whose value depends on the clock or the as-of (`ctx`) gets a RowContext.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tui.model.text import format_likelihood, format_quantity, format_units, format_when
from tui.model.types import Situation, When

CONF_COL_WIDTH = 3  # "●B!": confidence, best grade, weak/stale flag


def _day(w: When | None) -> str:
    """The day, without the time of day (a month or a period as it reads: "Jul 2024", "28-29 Nov")."""
    if w is None:
        return ""
    if w.kind in ("month", "period"):
        return format_when(w)
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
class RowContext:
    """What a cell may need beyond its item: the situation (its as-of) and the clock."""

    situation: Situation
    now: dt.datetime


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    get: Callable[..., str]  # the item (of the pane's type) -> its value as text; with `ctx`: (item, RowContext)
    width: int = 0  # fixed width (cells, the leading gap included); 0 = flexible
    weight: int = 0  # share of the remaining width for flexible columns
    min: int = 6
    level: int = 0  # 0 always; 1 from MEDIUM content width; 2 from WIDE
    max: int = 0  # a flexible column never wider than this (0: no cap); the spare
    # width goes to the pane's main text column (the heaviest), so on a wide screen
    # quotes and event texts get the room, not the actor's or the place's column
    ctx: bool = False  # `get` takes (item, RowContext): a value that depends on the clock or the as-of
    drop_empty: bool = False  # left out when no item fills it, like an optional column


MEDIUM = 50
TEXT_WEIGHT = 4  # a column this heavy is a text (the quote, the what), not a label
WIDE = 80


def _words(value: str | None) -> str:
    """An enum value as words: "partly_met" -> "partly met"."""
    return value.replace("_", " ") if value else ""


def _event_date(item: Any, ctx: RowContext) -> str:
    """The day; after the as-of (expected, not yet seen), marked with an arrow."""
    from tui.model.picture import EXPECTED_MARK, is_expected

    return (EXPECTED_MARK if is_expected(item, ctx.situation) else "") + _day(item.date)


def _due(item: Any, ctx: RowContext) -> str:
    from tui.model.picture import due_text

    return due_text(item, ctx.now)


def _funded(item: Any) -> str:
    """ "26 %": how much of the required funding was received (same currency), else ""."""
    funding = item.funding
    if funding is None or funding.required is None or funding.received is None:
        return ""
    need, got = funding.required, funding.received
    if not need.value or got.value is None or (need.unit and got.unit and need.unit != got.unit):
        return ""
    return f"{round(100 * got.value / need.value)} %"


def _trend(item: Any) -> str:
    from tui.model.picture import sparkline, trend_values

    return sparkline(trend_values(item))


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
        Col("date", "Date", _event_date, width=10, ctx=True),
        Col("what", "What", lambda i: i.what, weight=5, min=10),
        Col("where", "Where", lambda i: i.where or "", weight=2, level=1, max=30),
        Col("count", "Count", lambda i: _q(i.count), width=14, level=2),
    ),
    # The December 2026 lists.
    "figures": (
        Col("value", "Value", lambda i: _q(i.value), width=16),
        Col("label", "Figure", lambda i: i.label, weight=4, min=10),
        Col("trend", "Trend", _trend, width=14, level=1),
        Col("where", "Where", lambda i: i.where or "", weight=2, level=1, max=28),
        Col("date", "As of", lambda i: _day(i.date), width=8, level=2),
    ),
    "needs": (
        Col("sector", "Sector", lambda i: i.sector, weight=2, min=8, max=28),
        Col("people", "People", lambda i: _q(i.people), width=15),
        Col("status", "Status", lambda i: _words(i.status), width=11, drop_empty=True),
        Col("funded", "Funded", _funded, width=7, drop_empty=True),
        Col("need", "Need", lambda i: i.need or "", weight=4, level=1),
        Col("by", "By", lambda i: _join(i.by), weight=2, level=2, max=28),
    ),
    "watch": (
        Col("due", "Due", _due, width=12, ctx=True, drop_empty=True),
        Col("what", "What", lambda i: i.what, weight=5, min=10),
        Col("status", "Status", lambda i: "" if i.status == "open" else _words(i.status), width=10, drop_empty=True),
        Col("owner", "Owner", lambda i: i.owner or "", weight=1, level=2, max=20),
        Col("trigger", "Trigger", lambda i: i.trigger or "", weight=3, level=2),
    ),
    "judgments": (
        Col("likelihood", "Likelihood", lambda i: format_likelihood(i.likelihood), width=18, drop_empty=True),
        Col("text", "Judgment", lambda i: i.text, weight=5, min=10),
        Col("by", "By", lambda i: i.by or "", weight=2, level=2, max=28),
    ),
}


# A list the board has no columns for yet (a list added to the format): its items by name.
DEFAULT_COLUMNS = (Col("label", "Item", lambda i: i.label, weight=1, min=8),)


def layout_columns(
    pane: str,
    width: int,
    empty: frozenset[str] | set[str] = frozenset(),
    natural: Mapping[str, int] | None = None,
    label_first: bool = True,
) -> list[tuple[Col, int]]:
    """Columns that fit `width` cells (after the confidence column), each with its width.

    `empty`: keys of optional columns (level > 0) no item of the pane fills; they are
    left out, their room goes to the others. `natural`: the width each column needs for
    its widest value (column_widths); the widths come from it (tui/ui/widgets/fit.py:
    nothing cut while there is room, the label first, then status and figures, the main
    text column taking the rest). Without it (before the first picture), the columns'
    own sizes. `label_first`: the label's 24 cells before status and figures (the
    focused pane; the others keep status and figures whole first).
    """
    from tui.ui.widgets.fit import fit_columns

    width = max(width - CONF_COL_WIDTH, 0)
    level = 2 if width >= WIDE else 1 if width >= MEDIUM else 0
    filled = [c for c in COLUMNS.get(pane, DEFAULT_COLUMNS) if not ((c.level or c.drop_empty) and c.key in empty)]
    if natural is not None:  # from what the columns hold: a level's columns where they fit
        level = max(lv for lv in (0, 1, 2) if lv == 0 or _fits([c for c in filled if c.level <= lv], natural, width))
    cols = [c for c in filled if c.level <= level]
    main = _main(cols)
    if natural is None:  # the columns' own sizes, a capped column up to its cap
        natural = {c.key: c.width or min(max(c.min, width * c.weight // 10), c.max or width) for c in cols}
    return [
        (c, w) for c, w in fit_columns(cols, width, natural, main=main, label_first=label_first) if isinstance(c, Col)
    ]


def _main(cols: list[Col]) -> str | None:
    """The main text column (the quote, the event's what): it takes what the others leave."""
    return max(cols, key=lambda c: (not c.width, not c.max, c.weight)).key if cols else None


def _fits(cols: list[Col], natural: Mapping[str, int], width: int) -> bool:
    """Whether `cols` fit `width` with the label up to its 24 cells, the others up to their
    cap and the main text column a third of the pane (Kind and Location at 200 columns only
    where Infrastructure's units stay whole)."""
    from tui.ui.widgets.fit import LABEL_WHOLE, NEARLY_WHOLE

    main = _main(cols)
    total = 0
    for i, c in enumerate(cols):
        need = natural.get(c.key, c.min)
        if i == 0:  # the label (a few cells longer than 24: whole)
            need = LABEL_WHOLE if need > LABEL_WHOLE + NEARLY_WHOLE else need
        elif c.key == main:
            need = min(need, max(c.min, width // 3))
        elif c.max:
            need = min(need, c.max)
        total += need
    return total <= width


def column_widths(pane: str, items, ctx: RowContext | None = None, *, headings: bool = True) -> dict[str, int]:
    """The width each of the pane's columns needs to show its widest value whole (over the
    first 2,000 items; its heading too when the header row is shown)."""
    from tui.ui.widgets.fit import natural_widths

    cols = COLUMNS.get(pane, DEFAULT_COLUMNS)

    def value(col: Any, item: Any) -> str:
        return col.get(item, ctx) if col.ctx else col.get(item)

    return natural_widths(cols, items, value, headings={c.key: c.label for c in cols} if headings else None)


def content_need(pane: str, natural: Mapping[str, int] | None, empty: frozenset[str], marks: int) -> int:
    """The width a pane needs to show its first columns whole (those shown at any width; a
    long label counted at 24 cells), its borders, marks and scrollbar included: how the
    board shares a band of boxes on a wide screen (the other columns where room is left)."""
    from tui.ui.widgets.fit import LABEL_WHOLE, NEARLY_WHOLE

    if natural is None:
        return 0
    cols = [c for c in COLUMNS.get(pane, DEFAULT_COLUMNS) if c.key not in empty and c.level == 0]
    need = [natural.get(c.key, c.min) for c in cols]
    # a label a few cells longer than 24 whole; a text first (a judgment, no likelihood) whole
    if need and need[0] > LABEL_WHOLE + NEARLY_WHOLE and cols[0].weight < TEXT_WEIGHT:
        need[0] = LABEL_WHOLE
    return marks + sum(need) + 3


def content_want(pane: str, natural: Mapping[str, int] | None, empty: frozenset[str], marks: int) -> int:
    """The width that shows every column of the pane whole (the optional ones too): a band's
    spare room goes first to the boxes that want more than they need (content_need)."""
    if natural is None:
        return 0
    cols = [c for c in COLUMNS.get(pane, DEFAULT_COLUMNS) if c.key not in empty]
    return marks + sum(natural.get(c.key, c.min) for c in cols) + len(cols) + 3


def empty_columns(pane: str, items, ctx: RowContext | None = None) -> frozenset[str]:
    """Keys of the pane's optional columns that no item fills (cheap: stops at the first
    value found per column)."""
    out = set()
    for c in COLUMNS.get(pane, DEFAULT_COLUMNS):
        if not (c.level or c.drop_empty):
            continue
        for it in items:
            try:
                if c.get(it, ctx) if c.ctx else c.get(it):
                    break
            except Exception:  # a value the formatter does not know: a value all the same
                break
        else:
            out.add(c.key)
    return frozenset(out)
