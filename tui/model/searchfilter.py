"""The filter tokens of a search, as steps over row positions (UI-free).

Each step keeps the positions of one pane whose item passes one filter (`conf:`,
`grade:`, `sev:`, `pane:`, `weak`, `stale`, `overdue`). The per-item facts a filter
reads (best grade, weak basis, stale) are computed once per version of the situation
and kept, like the search texts, for items that did not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from itertools import compress
from typing import Any

from tui.model.provenance import best_grade, weak_basis
from tui.model.query import SEVERITIES, Filter
from tui.model.stale import is_stale, latest_moment
from tui.model.types import CONFIDENCES, Item, Situation, When

__all__ = ["Flags", "filter_steps", "is_overdue", "TODO", "Step"]

TODO = object()  # a fact not computed yet
_CANON = {v: v for v in (*CONFIDENCES, *SEVERITIES)}
Step = Callable[[Sequence[int]], Sequence[int]]


class Flags:
    """Per pane and kind ("grade", "weak", "stale", "confidence", "severity"): one fact
    per position (grade None: no graded source)."""

    def __init__(self, situation: Situation | None, panes: dict[str, Sequence[Item]], stale_hours: float) -> None:
        self.situation = situation
        self.panes = panes
        self.stale_hours = stale_hours
        self._values: dict[tuple[str, str], list[Any]] = {}
        self._complete: set[tuple[str, str]] = set()

    def carry(self, old: Flags, pane: str, keep: list[tuple[int, int, int]]) -> None:
        """Take over the facts of the unchanged items: runs (new start, old start, length)."""
        n = len(self.panes[pane])
        for (p, kind), values in old._values.items():
            if p == pane:
                carried: list[Any] = [TODO] * n
                for i, j, length in keep:
                    carried[i : i + length] = values[j : j + length]
                self._values[(p, kind)] = carried

    def get(self, pane: str, kind: str) -> list[Any]:
        key = (pane, kind)
        values = self._values.get(key)
        if values is not None and key in self._complete:
            return values
        sit = self.situation
        items = self.panes[pane]
        out = list(values) if values is not None else [TODO] * len(items)
        for i, it in enumerate(items):
            if out[i] is TODO:
                if kind in ("confidence", "severity"):  # the canonical string: compared by identity
                    value = getattr(it, kind, None)
                    out[i] = _CANON.get(value, value) if isinstance(value, str) else None
                elif sit is None:
                    out[i] = None if kind == "grade" else False
                elif kind == "grade":
                    out[i] = best_grade(it, sit)
                elif kind == "weak":
                    out[i] = weak_basis(it, sit) is not None
                else:
                    out[i] = is_stale(it, sit, self.stale_hours)
        self._values[key] = out
        self._complete.add(key)
        return out


def is_overdue(item: Item, now: dt.datetime) -> bool:
    """An open watch item whose `due` has passed (a bare date: once that day is over).

    The header's `next_update` is not an item: the header shows when it is overdue."""
    due = getattr(item, "due", None)
    if not isinstance(due, When) or (getattr(item, "status", None) or "open") != "open":
        return False
    try:
        # the moment it is over: a date at its end, a month at the next 1st, a period at
        # its last day's end (When.end_datetime, format additions), a date-time at once
        end = getattr(due, "end_datetime", None)
        return (end() if callable(end) else latest_moment(due)) < now
    except Exception:  # a time it cannot compare: not known to be overdue
        return False


def _keep(flags: list[Any], rows: Sequence[int]) -> Sequence[int]:
    if isinstance(rows, range) and rows == range(len(flags)):
        return list(compress(rows, flags))  # a full scan: at C speed
    return [r for r in rows if flags[r]]


def _among(values: list[Any], allowed: frozenset[str | None], rows: Sequence[int]) -> Sequence[int]:
    if isinstance(rows, range) and rows == range(len(values)):
        return list(compress(rows, map(allowed.__contains__, values)))
    return [r for r in rows if values[r] in allowed]


def _due(items: Sequence[Item], now: dt.datetime, rows: Sequence[int]) -> Sequence[int]:
    return [r for r in rows if is_overdue(items[r], now)]


def filter_steps(
    flags: Flags, pane: str, filters: Sequence[Filter], now: Callable[[], dt.datetime]
) -> list[Step] | None:
    """One step per filter for the rows of `pane`; None when the pane cannot match."""
    items = flags.panes[pane]
    steps: list[Step] = []
    for f in filters:
        allowed = f.allowed
        if allowed is not None and not allowed:
            return None  # a bad value: nothing passes
        if f.kind == "pane":
            if allowed is not None and pane not in allowed:
                return None
        elif f.kind in ("weak", "stale"):
            steps.append(partial(_keep, flags.get(pane, f.kind)))
        elif f.kind in ("grade", "conf", "sev") and allowed is not None:
            kind = {"conf": "confidence", "sev": "severity"}.get(f.kind, f.kind)
            steps.append(partial(_among, flags.get(pane, kind), allowed))
        elif f.kind == "overdue":
            moment = now()
            moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
            steps.append(partial(_due, items, moment))
    return steps
