"""The values inside items, UI-free: places in files and problems (Location, Diagnostic),
figures (Quantity), times (When), sources and references, points, funding, series.
tui.model.types re-exports every name here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a file; line and column count from 1."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a situation file: `file:line:col: path: message`."""

    file: str
    line: int
    column: int
    path: str  # "fronts[2].status"; "" for the whole file
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        kind = "" if self.severity == "error" else f"{self.severity}: "
        if self.path:
            return f"{where}: {kind}{self.path}: {self.message}"
        return f"{where}: {kind}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as reported: exact, qualified ("over 76,000", "almost 1,000"), a range
    ("10-20") or half a range ({max: 5} "up to 5", {min: 5} "at least 5")."""

    value: int | float | None = None
    qualifier: str | None = None  # one of QUALIFIERS
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys, kept as written

    @property
    def is_range(self) -> bool:
        return self.min is not None or self.max is not None

    def sort_key(self) -> float:
        if self.value is not None:
            return float(self.value)
        return float(self.max if self.max is not None else self.min or 0)


WHEN_KINDS = ("date", "datetime", "month", "period")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
_LAST_DAY = dt.date.max.toordinal()


def _day_seconds(ordinal: int) -> float:
    """The timestamp of a day's midnight UTC (as _midnight(day).timestamp())."""
    return float((ordinal - _EPOCH_DAY) * 86400)


@dataclass(frozen=True, slots=True)
class When:
    """A time as reported: a date, an offset-aware date-time, a month (2024-07) or a period
    ({from, to}); `approx` when the report was vague ("on Wednesday", "~28-29 Nov").

    `value` is the start: the day, the moment, the 1st of the month, the period's start.
    `kind` is one of WHEN_KINDS (left empty, it is "date" or "datetime" by `value`); `end`
    is a period's last day or moment (inclusive)."""

    value: dt.date | dt.datetime
    approx: bool = False
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys of {at, approx}, kept as written
    kind: str = ""
    end: dt.date | dt.datetime | None = None

    def __post_init__(self) -> None:
        if not self.kind:  # When(date) and When(datetime) as before the December 2026 kinds
            object.__setattr__(self, "kind", "datetime" if isinstance(self.value, dt.datetime) else "date")

    @property
    def has_time(self) -> bool:
        return isinstance(self.value, dt.datetime)

    def as_datetime(self) -> dt.datetime:
        """The moment it starts, for comparisons: a bare date (and a month, and a period of
        days) counts from its midnight UTC."""
        if isinstance(self.value, dt.datetime):
            return self.value
        return _midnight(self.value)

    def end_datetime(self) -> dt.datetime:
        """The moment it is over (exclusive): a date's next midnight UTC, a month's next 1st,
        a period's end (the day after a last day); a date-time is over at once. "Due
        2024-04" is overdue from 1 May."""
        if self.kind == "month":
            y, m = self.value.year, self.value.month
            return _midnight(dt.date(y + (m == 12), m % 12 + 1, 1))
        last = self.end if self.kind == "period" and self.end is not None else self.value
        if isinstance(last, dt.datetime):
            return last
        return _midnight(last) + dt.timedelta(days=1)

    def sort_key(self) -> tuple[float, float]:
        """Order by start, then by end (a day before the month it starts): the timestamps of
        as_datetime() and end_datetime(), a day counted from its ordinal instead of through a
        datetime (the board sorts 100,000 items by it; tests/test_sort_key.py holds the two
        equal, errors at the ends of the calendar included)."""
        v = self.value
        start = v.timestamp() if isinstance(v, dt.datetime) else _day_seconds(v.toordinal())
        if self.kind == "month":
            y, m = v.year, v.month
            return (start, _day_seconds(dt.date(y + (m == 12), m % 12 + 1, 1).toordinal()))
        last = self.end if self.kind == "period" and self.end is not None else v
        if isinstance(last, dt.datetime):
            return (start, last.timestamp())
        day = last.toordinal()
        if day >= _LAST_DAY:  # the day after 31 Dec 9999 (end_datetime() overflows too)
            raise OverflowError("date value out of range")
        return (start, _day_seconds(day + 1))


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    type: str | None = None
    reliability: str | None = None  # Admiralty letter A-F
    url: str | None = None
    document: str | None = None  # absolute path, resolved against the declaring file
    extensions: tuple[tuple[str, Any], ...] = ()
    origin: Location | None = None
    # A source with errors keeps what validated (its name falls back to its id) and says
    # what is wrong here; not compared (the same source in two parts is the same source).
    problems: tuple[Diagnostic, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An item's reference to a source, optionally with the words quoted from it; `via`:
    whose word the source passed on (second-hand)."""

    source: str
    quote: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys, kept as written
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Geo:
    """A point for maps, WGS 84 decimal degrees; `precision` one of GEO_PRECISIONS."""

    lat: float
    lon: float
    precision: str | None = None
    pcode: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Funding:
    """Funding of a need: required and received, quantities with a currency unit."""

    required: Quantity | None = None
    received: Quantity | None = None
    extensions: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """An earlier value of a figure."""

    at: When
    value: Quantity
    extensions: tuple[tuple[str, Any], ...] = ()


# `counts` and `breakdown`: label -> quantity, in file order.
Counts = tuple[tuple[str, Quantity], ...]
