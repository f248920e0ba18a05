"""Staleness: items not confirmed for a while before the situation's as-of (UI-free).

An item is stale when its `updated` is older than `as_of - max_age` (default 24 h).
A bare date counts as the END of that day (the item was confirmed some time that day:
never call it stale before the day is over). Items without `updated` are never stale:
the board cannot know. The threshold comes from, in order: the `--stale-hours` flag,
the environment variable SITBOARD_STALE_HOURS, the default 24.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping

from tui.model.types import Item, Situation, When

__all__ = [
    "DEFAULT_STALE_HOURS",
    "ENV_STALE_HOURS",
    "stale_hours",
    "parse_stale_hours",
    "latest_moment",
    "is_stale",
    "stale_items",
    "freshest_update",
]

DEFAULT_STALE_HOURS = 24.0
ENV_STALE_HOURS = "SITBOARD_STALE_HOURS"


MAX_STALE_HOURS = 87_600.0  # ten years: past that, nothing is ever stale (and 1e15 h overflows dates)


def parse_stale_hours(text: str) -> float:
    """ "36" / "1.5" -> hours; ValueError (with a clear message) for anything else: not a
    number, not finite, not more than 0, more than MAX_STALE_HOURS."""
    try:
        hours = float(str(text).strip())
    except (ValueError, OverflowError):
        raise ValueError(f"stale hours must be a number of hours, not {text!r}") from None
    if not 0 < hours <= MAX_STALE_HOURS:  # nan and inf fail too
        raise ValueError(
            f"stale hours must be a positive number of hours, at most {MAX_STALE_HOURS:,.0f}, not {text!r}"
        )
    return hours


def stale_hours(flag: float | str | None = None, environ: Mapping[str, str] | None = None) -> float:
    """The threshold in hours: the flag, else $SITBOARD_STALE_HOURS, else 24.

    A bad flag raises ValueError; a bad environment value is ignored (the default is used)."""
    if flag is not None:
        return parse_stale_hours(str(flag))
    env = os.environ if environ is None else environ
    raw = env.get(ENV_STALE_HOURS)
    if raw:
        try:
            return parse_stale_hours(raw)
        except ValueError:
            pass
    return DEFAULT_STALE_HOURS


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def latest_moment(when: When) -> dt.datetime:
    """The latest moment `when` can mean: a date-time itself, a bare date its end (UTC), a
    month its last day's end, a period its end (When.end_datetime)."""
    return _aware(when.end_datetime())


def _max_age(max_age: dt.timedelta | float | int | None) -> dt.timedelta:
    if max_age is None:
        return dt.timedelta(hours=DEFAULT_STALE_HOURS)
    if isinstance(max_age, dt.timedelta):
        return max_age
    return dt.timedelta(hours=float(max_age))


def _cutoff(situation: Situation, max_age: dt.timedelta | float | None) -> dt.datetime:
    """The moment before which an update is stale: the situation's as-of minus `max_age`."""
    return _aware(situation.as_of.as_datetime()) - _max_age(max_age)


def is_stale(item: Item, situation: Situation, max_age: dt.timedelta | float | None = None) -> bool:
    """True when the item's `updated` is older than the situation's as-of minus `max_age`."""
    if item.updated is None:
        return False
    return latest_moment(item.updated) < _cutoff(situation, max_age)


def stale_items(situation: Situation, max_age: dt.timedelta | float | None = dt.timedelta(hours=24)) -> set[str]:
    """Ids of the stale items (`max_age` a timedelta, or hours)."""
    return set(staleness(situation.all_items(), situation, max_age)[0])


def staleness(
    items: Iterable[Item], situation: Situation, max_age: dt.timedelta | float | None = None
) -> tuple[frozenset[str], When | None]:
    """(ids of the stale items, the freshest update) in one pass: what a pane shows of them
    (is_stale and freshest_update item by item give the same; big lists pay each moment once)."""
    cutoff = _cutoff(situation, max_age)
    stale: list[str] = []
    best: When | None = None
    best_at: dt.datetime | None = None
    for it in items:
        if it.updated is None:
            continue
        at = latest_moment(it.updated)
        if at < cutoff:
            stale.append(it.id)
        if best_at is None or at > best_at:
            best, best_at = it.updated, at
    return frozenset(stale), best


def freshest_update(items: Iterable[Item]) -> When | None:
    """The most recent `updated` among the items (for pane titles), or None."""
    best: When | None = None
    best_at: dt.datetime | None = None
    for it in items:
        if it.updated is None:
            continue
        at = latest_moment(it.updated)
        if best_at is None or at > best_at:
            best, best_at = it.updated, at
    return best
