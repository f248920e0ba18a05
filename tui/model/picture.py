"""The picture at the top of the board, in words and marks (UI-free).

    next_update(situation, now)      NextUpdate: "next update in 2 h 10 m" / "overdue by 40 m"
    overdue_watch(situation, now)    the open watch items whose `due` has passed
    due_text(watch, now)             a watch row's due cell: "⚠ 3 h late", "in 2 d", "10 Aug"
    is_expected(item, situation)     an event dated after the as-of (expected, not seen)
    figure_number(q)                 a quantity as one number (for trends), or None
    sparkline(values)                "▁▃▅█": the series of a figure, oldest first
    trend_values(figure)             the series' numbers then the figure's own
    versus(figure, baseline)         "↑" / "↓" / "=" against the same figure at the baseline
    board_order(pane, items, mode)   the rows of one list in the board's order

Marks are shapes, so they read without colour: severity ▲ critical, △ high; ⚠ overdue;
→ before a date: expected (after the as-of). Every text here holds no data string.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.model.order import SEVERITY_RANK, is_overdue, moment
from tui.model.text import format_when
from tui.model.types import Figure, Item, Quantity, Situation, When

__all__ = [
    "SEVERITY_MARKS",
    "OVERDUE_MARK",
    "EXPECTED_MARK",
    "TIME_FIELDS",
    "ORDER_MODES",
    "NextUpdate",
    "span",
    "next_update",
    "overdue_watch",
    "due_text",
    "is_expected",
    "figure_number",
    "sparkline",
    "trend_values",
    "versus",
    "default_mode",
    "order_words",
    "board_order",
    "board_positions",
]

SEVERITY_MARKS = {"critical": "▲", "high": "△"}  # filled: the most severe; hollow: high
OVERDUE_MARK = "⚠"
EXPECTED_MARK = "→"
SPARKS = "▁▂▃▄▅▆▇█"
SPARK_MAX = 12  # points of a sparkline at most (the newest)

# The time each list is ordered by when it is shown "by time" (newest first; watch: due soonest).
TIME_FIELDS = {
    "figures": "date",
    "fronts": "since",
    "evacuations": "since",
    "statements": "date",
    "infrastructure": "updated",
    "events": "date",
    "needs": "updated",
    "watch": "due",
    "judgments": "updated",
}
ORDER_MODES = ("time", "file")
BY_TIME_FIRST = frozenset({"statements", "events", "watch"})  # shown by time unless `o` says otherwise


def span(seconds: float) -> str:
    """ "40 m", "2 h 10 m", "3 d 4 h", "2 y" (the sign is the caller's)."""
    minutes = int(abs(seconds) // 60)
    if minutes < 60:
        return f"{minutes} m"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} m" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    if days < 365:
        return f"{days} d {hours} h" if hours and days < 10 else f"{days} d"
    return f"{days // 365} y"


def _aware(moment_: dt.datetime) -> dt.datetime:
    return moment_ if moment_.tzinfo is not None else moment_.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class NextUpdate:
    """When the next update of the picture is due, against the clock."""

    due: When
    seconds: float  # until it is due; below 0: overdue by that much

    @property
    def overdue(self) -> bool:
        return self.seconds < 0

    @property
    def _span(self) -> str:
        return ("~" if self.due.approx else "") + span(self.seconds)

    @property
    def text(self) -> str:
        """ "next update in 2 h 10 m" / "next update ⚠ overdue by 40 m" ("~" when the
        time is approximate)."""
        if self.overdue:
            return f"next update {OVERDUE_MARK} overdue by {self._span}"
        return f"next update in {self._span}"

    @property
    def short(self) -> str:
        """For a narrow header: "next in 2 h 10 m" / "next ⚠ 40 m late"."""
        if self.overdue:
            return f"next {OVERDUE_MARK} {self._span} late"
        return f"next in {self._span}"

    @property
    def when(self) -> str:
        return format_when(self.due)


def next_update(situation: Situation | None, now: dt.datetime) -> NextUpdate | None:
    """The next update against `now`; None when the situation does not say. A date is due
    by its end (an update "on 2 Nov" is overdue from 3 Nov)."""
    due = situation.next_update if situation is not None else None
    if due is None:
        return None
    try:
        at = due.as_datetime() if due.has_time else moment(due)
        return NextUpdate(due, (_aware(at) - _aware(now)).total_seconds())
    except (OverflowError, ValueError):  # a time at the edge of the calendar: say nothing wrong
        return None


def overdue_watch(situation: Situation | None, now: dt.datetime) -> list[Item]:
    """Open watch items whose `due` has passed (items with errors are not counted)."""
    if situation is None:
        return []
    return [it for it in situation.watch if not it.broken and _overdue(it, now)]


def _overdue(item: Item, now: dt.datetime) -> bool:
    try:
        return is_overdue(item, _aware(now))
    except (OverflowError, ValueError, TypeError):
        return False


def due_text(item: Item, now: dt.datetime) -> str:
    """A watch row's due: "⚠ 3 h late" when overdue, "in 5 h" / "in 2 d" when due within a
    week, else the date; "" when there is none (and for closed items, their date)."""
    due = getattr(item, "due", None)
    if not isinstance(due, When):
        return ""
    if _overdue(item, now):
        return f"{OVERDUE_MARK} {span((_aware(now) - _aware(moment(due))).total_seconds())} late"
    status = getattr(item, "status", None) or "open"
    try:
        seconds = (_aware(moment(due)) - _aware(now)).total_seconds()
    except (OverflowError, ValueError):
        return format_when(due)
    if status == "open" and 0 <= seconds < 7 * 86400:
        return f"in {span(seconds)}"
    return format_when(due)


def is_expected(item: Item, situation: Situation) -> bool:
    """An event (or statement) dated after the as-of: expected, not yet seen when the
    picture was taken. A date-only as-of lasts to the end of its day."""
    when = getattr(item, "date", None)
    if not isinstance(when, When) or item.pane not in ("events", "statements"):
        return False
    try:
        start = _aware(when.as_datetime())
        as_of = situation.as_of
        if as_of.has_time:
            return start > _aware(as_of.as_datetime())
        return start >= _aware(as_of.end_datetime())
    except (OverflowError, ValueError):
        return False


def figure_number(q: Quantity | None) -> float | None:
    """One number for a quantity (its value, else the middle of its range, else the end it
    has), or None; what trends and sparklines compare."""
    if q is None:
        return None
    if q.value is not None:
        n = float(q.value)
    elif q.min is not None and q.max is not None:
        n = (float(q.min) + float(q.max)) / 2
    elif q.max is not None:
        n = float(q.max)
    elif q.min is not None:
        n = float(q.min)
    else:
        return None
    return n if math.isfinite(n) else None


def trend_values(figure: Figure) -> list[float]:
    """The figure's earlier values (series, oldest first) then its own, as numbers."""
    out = [n for n in (figure_number(p.value) for p in figure.series) if n is not None]
    own = figure_number(figure.value)
    if own is not None:
        out.append(own)
    return out


def sparkline(values: Sequence[float], width: int = SPARK_MAX) -> str:
    """ "▁▃▅█" for the values (the newest `width` of them); "" for fewer than two."""
    values = [v for v in values if math.isfinite(v)][-max(width, 0) :] if width > 0 else []
    if len(values) < 2:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - lo) / (hi - lo) * top)] for v in values)


def versus(figure: Item, baseline: Situation | None) -> str:
    """ "↑" / "↓" / "=" against the figure of the same id at the baseline; "" when there is
    no baseline, no such figure there, or no number to compare."""
    if baseline is None or not isinstance(figure, Figure):
        return ""
    before = next((f for f in baseline.figures if f.id == figure.id and isinstance(f, Figure)), None)
    if before is None:
        return ""
    a, b = figure_number(before.value), figure_number(figure.value)
    if a is None or b is None:
        return ""
    return "↑" if b > a else "↓" if b < a else "="


# ---------------------------------------------------------------------------
# order
# ---------------------------------------------------------------------------


def default_mode(pane: str) -> str:
    """ "time" for the lists read by time (statements, events, watch), else "file"."""
    return "time" if pane in BY_TIME_FIRST else "file"


def order_words(pane: str, mode: str) -> str:
    """What a pane's title says of its order: "newest first", "by due date", "as written"."""
    if mode == "time":
        return "by due date" if pane == "watch" else "newest first"
    return "as written"


def board_order(pane: str, items: Iterable[Item], mode: str, now: dt.datetime) -> list[Item]:
    """The rows of one list in the board's order.

    - "time": newest first by the list's time (TIME_FIELDS; undated last, as written);
      watch items overdue first, then the open ones by due, soonest first, then the rest;
    - "file": as written, critical then high items first (the order is not by time).
    """
    rows = list(items)
    return [rows[i] for i in board_positions(pane, rows, mode, now)]


def board_positions(pane: str, items: Sequence[Item], mode: str, now: dt.datetime) -> list[int]:
    """board_order() as positions in `items` (the board keeps its rows by position)."""
    key = _order_key(pane, mode, now)
    return sorted(range(len(items)), key=lambda i: key(items[i]))  # stable: ties keep the file's order


def _order_key(pane: str, mode: str, now: dt.datetime) -> Callable[[Item], Any]:
    if mode != "time":
        return lambda it: SEVERITY_RANK.get(it.severity or "", 9)
    name = TIME_FIELDS.get(pane, "updated")
    now = _aware(now)
    if pane == "watch":
        far = dt.datetime.max.replace(tzinfo=dt.UTC)

        def due_first(it: Item) -> tuple[int, dt.datetime]:
            due = getattr(it, "due", None)
            try:
                at = _aware(moment(due)) if isinstance(due, When) else far
            except (OverflowError, ValueError):
                at = far
            still_open = (getattr(it, "status", None) or "open") == "open"
            return (0 if _overdue(it, now) else 1 if still_open else 2, at)

        return due_first

    def newest_first(it: Item) -> tuple[int, float, float]:
        w = getattr(it, name, None)
        if not isinstance(w, When):
            return (1, 0.0, 0.0)
        try:
            start, end = w.sort_key()
        except (OverflowError, ValueError):
            return (1, 0.0, 0.0)
        return (0, -end, -start)  # by when it is over, as the brief orders (tui.model.order)

    return newest_first  # (undated items last, in the file's order)
