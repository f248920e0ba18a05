"""The order of importance the outputs read a situation in (UI-free).

    brief_lists()                 the lists in briefing order: figures, judgments, watch, needs,
                                  then the panes as the board numbers them
    ordered(pane, items, now)     the items of one list in reading order

Statements and events are in time order, newest first (undated last, in file order);
watch items overdue first, then by due time; every other list puts critical, then high
items first and keeps the analyst's order otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tui.model.types import LISTS, Item, When

__all__ = ["BRIEF_FIRST", "SEVERITY_RANK", "brief_lists", "ordered", "is_overdue", "moment"]

BRIEF_FIRST = ("figures", "judgments", "watch", "needs")
SEVERITY_RANK = {"critical": 0, "high": 1}
TIME_FIELDS = {"statements": "date", "events": "date"}
_FAR = dt.datetime.max.replace(tzinfo=dt.UTC)


def brief_lists() -> list[str]:
    return [p for p in BRIEF_FIRST if p in LISTS] + [p for p in LISTS if p not in BRIEF_FIRST]


def moment(w: When) -> dt.datetime:
    """When a time is over (a date: its end; a month: its last day's end; a period: its
    end), offset-aware: a watch item due then is overdue from that moment."""
    return w.end_datetime()


def is_overdue(item: Item, now: dt.datetime) -> bool:
    """An open watch item whose `due` has passed."""
    due = getattr(item, "due", None)
    status = getattr(item, "status", None) or "open"
    return isinstance(due, When) and status == "open" and moment(due) < now


def ordered(pane: str, items: Iterable[Item], now: dt.datetime) -> list[Item]:
    rows = list(items)
    if pane in TIME_FIELDS:
        name = TIME_FIELDS[pane]

        def newest_first(it: Item) -> tuple[int, float]:
            w = getattr(it, name, None)
            return (0, -moment(w).timestamp()) if isinstance(w, When) else (1, 0.0)

        return sorted(rows, key=newest_first)  # stable: undated keep file order
    if pane == "watch":

        def overdue_first(it: Item) -> tuple[int, dt.datetime]:
            due = getattr(it, "due", None)
            return (0 if is_overdue(it, now) else 1, moment(due) if isinstance(due, When) else _FAR)

        return sorted(rows, key=overdue_first)
    return sorted(rows, key=lambda it: SEVERITY_RANK.get(getattr(it, "severity", None) or "", 9))
