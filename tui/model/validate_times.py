"""Times as written -> When: a date, a date-time with offset, a month (2024-07), {at, approx},
or a period {from, to, approx}; every time in the years 1900-2200."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .spec import TIME
from .types import When
from .yamlread import describe

if TYPE_CHECKING:
    from .validate_values import Checker

TIME_KEYS = TIME.keys
_TIME_SET = frozenset(TIME_KEYS)
TIME_EXPECTED = (
    "expected an ISO 8601 date (2024-08-07), date-time with offset (2024-08-07T10:00:00+03:00)"
    " or month (2024-07), or {at: <date>, approx: true}, or a period {from: <date>, to: <date>}"
)
# Every time has a range: outside it date arithmetic overflows (9999-12-31 + a day).
YEARS = (1900, 2200)
TIME_RANGE = f"times must fall in the years {YEARS[0]}-{YEARS[1]}"
_MONTH = re.compile(r"(\d{4})-(\d{2})\Z")


def parse_iso(text: str) -> tuple[dt.date | dt.datetime | None, str | None]:
    """ISO 8601 date or offset-aware date-time -> value, or (None, reason)."""
    s = text.strip()
    try:
        return _in_range(dt.date.fromisoformat(s), text)
    except ValueError:
        pass
    try:
        value = dt.datetime.fromisoformat(s)
    except ValueError:
        return None, None
    if value.tzinfo is None:
        return None, (
            f"{text!r} has a time but no UTC offset; write it with an offset,"
            " e.g. 2024-08-07T10:00:00+03:00 or 2024-08-07T07:00:00Z"
        )
    return _in_range(value, text)


def parse_month(text: str) -> tuple[dt.date | None, str | None]:
    """ "2024-07" -> the 1st of July 2024; None, None when it is not a month at all."""
    m = _MONTH.match(text.strip())
    if m is None:
        return None, None
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return None, f"{text.strip()!r} is not a month: months run from 01 to 12"
    return _in_range(dt.date(year, month, 1), text)


def _in_range(value: dt.date, text: str) -> tuple[dt.date | None, str | None]:
    if YEARS[0] <= value.year <= YEARS[1]:
        return value, None
    return None, f"{text.strip()!r} is out of range: {TIME_RANGE}"


def _point(c: Checker, value: Any, path: tuple, *, month: bool) -> tuple[dt.date | None, str]:
    """One written time -> (value, kind), or (None, "") with the problem recorded."""
    if type(value) is not str:
        c.error(path, f"{TIME_EXPECTED}, found {describe(value)}")
        return None, ""
    parsed, reason = parse_iso(value)
    if parsed is not None:
        return parsed, "datetime" if isinstance(parsed, dt.datetime) else "date"
    if reason is None and month:
        parsed, reason = parse_month(value)
        if parsed is not None:
            return parsed, "month"
    c.error(path, reason or f"{TIME_EXPECTED}, found {describe(value)}")
    return None, ""


def check_time(c: Checker, value: Any, path: tuple) -> When | None:
    if type(value) is str:
        parsed, kind = _point(c, value, path, month=True)
        return None if parsed is None else When(parsed, kind=kind)
    if not isinstance(value, dict):
        c.error(path, f"{TIME_EXPECTED}, found {describe(value)}")
        return None
    ext = c.keys(value, path, TIME_KEYS, None, _TIME_SET, "a time")
    approx = False
    if value.get("approx") is not None:
        if type(value["approx"]) is bool:
            approx = value["approx"]
        else:
            c.error(path + ("approx",), f"expected true or false, found {describe(value['approx'])}")
    at, start, end = value.get("at"), value.get("from"), value.get("to")
    if at is not None and (start is not None or end is not None):
        c.error(path, "a time is either {at, approx} or a period {from, to, approx}, not both")
        return None
    if at is None and start is None and end is None:
        c.error(
            path,
            "missing required field 'at' (the date, e.g. {at: 2024-08-07, approx: true})"
            " or 'from' and 'to' (a period, e.g. {from: 2022-11-28, to: 2022-11-29})",
        )
        return None
    if at is not None:
        parsed, kind = _point(c, at, path + ("at",), month=True)
        return None if parsed is None else When(parsed, approx=approx, extensions=ext, kind=kind)
    return _period(c, start, end, path, approx, ext)


def _period(c: Checker, start: Any, end: Any, path: tuple, approx: bool, ext: tuple) -> When | None:
    if start is None or end is None:
        missing = "from" if start is None else "to"
        c.error(path, f"a period needs both from and to; {missing!r} is missing")
        return None
    first, kind1 = _point(c, start, path + ("from",), month=False)
    last, kind2 = _point(c, end, path + ("to",), month=False)
    if first is None or last is None:
        return None
    if kind1 != kind2:
        c.error(path, "a period's from and to are both dates or both date-times")
        return None
    if When(first).as_datetime() > When(last).as_datetime():
        c.error(path, f"the period ends ({end}) before it starts ({start})")
        return None
    return When(first, approx=approx, extensions=ext, kind="period", end=last)
