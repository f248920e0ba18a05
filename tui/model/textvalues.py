"""Values as people read them (UI-free; tui.model.text re-exports every name here):
"76,000", "over 76,000", "almost 1,000", "up to 5", "~07 Aug", "Jul 2024", "28-29 Nov",
"3 h ago", "2 operational · 2 shut down", "17 killed · 83 missing", "likely (55-75 %)".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from tui.model.spec import LIKELIHOOD_BANDS
from tui.model.types import Funding, Geo, Quantity, SeriesPoint, When

# ---------------------------------------------------------------------------
# numbers, quantities, times
# ---------------------------------------------------------------------------


def format_number(n: int | float) -> str:
    """76000 -> "76,000"; 2.5 -> "2.5"; 12.0 -> "12"; 0.125 -> "0.13"."""
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        return str(n)
    if isinstance(n, float):
        if n != n or n in (float("inf"), float("-inf")):
            return str(n)
        if n.is_integer():
            return f"{int(n):,}"
        text = f"{n:,.2f}".rstrip("0").rstrip(".")
        if text in ("0", "-0"):  # tiny but not zero: do not show it as nothing
            return f"{n:g}"
        return text
    return f"{n:,}"


_QUALIFIER_WORDS = {
    "almost": "almost",
    "over": "over",
    "under": "under",
    "about": "about",
    "up_to": "up to",
    "at_least": "at least",
}


def _with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    if unit == "%":
        return text + unit
    return f"{text} {unit}"


def format_quantity(q: Quantity | int | float | None, unit_default: str | None = None) -> str:
    """A figure as people read it: "over 76,000", "up to 20 km", "1,000–2,000".

    A range with only `min` reads "at least …", with only `max` "up to …".
    An empty quantity gives "".
    """
    if q is None:
        return ""
    if not isinstance(q, Quantity):  # a plain number
        return _with_unit(format_number(q), unit_default)
    unit = q.unit or unit_default
    if q.value is not None:
        text = format_number(q.value)
        if q.qualifier:
            word = _QUALIFIER_WORDS.get(q.qualifier, q.qualifier.replace("_", " "))
            text = f"{word} {text}"
        return _with_unit(text, unit)
    if q.min is not None and q.max is not None:
        if q.min == q.max:
            return _with_unit(format_number(q.min), unit)
        return _with_unit(f"{format_number(q.min)}–{format_number(q.max)}", unit)
    if q.min is not None:
        return _with_unit(f"at least {format_number(q.min)}", unit)
    if q.max is not None:
        return _with_unit(f"up to {format_number(q.max)}", unit)
    return ""


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value: dt.date, with_year: bool, with_month: bool = True) -> str:
    text = f"{value.day:02d}"
    if with_month:
        text += f" {_MONTHS[value.month - 1]}"
    if with_year:
        text += f" {value.year}"
    if isinstance(value, dt.datetime):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def format_when(w: When | None, with_year: bool = False, *, tz: dt.tzinfo | None = None) -> str:
    """ "07 Aug" / "07 Aug 2024" / "~07 Aug" / "09 Aug 12:00" (time as written, or in `tz`);
    a month "Jul 2024"; a period "28-29 Nov", "30 Nov-02 Dec", "~28-29 Nov 2022"."""
    if w is None:
        return ""
    value = w.value
    if isinstance(value, dt.datetime) and tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    if w.kind == "month":
        text = f"{_MONTHS[value.month - 1]} {value.year}"  # a month alone is ambiguous without its year
    elif w.kind == "period" and w.end is not None:
        text = _period(value, w.end, with_year, tz)
    else:
        text = _day(value, with_year)
    return ("~" + text) if w.approx else text


def _period(start: dt.date, end: dt.date, with_year: bool, tz: dt.tzinfo | None) -> str:
    """ "28-29 Nov", "30 Nov-02 Dec", "30 Dec 2022-02 Jan 2023", "28 Nov 10:00-29 Nov 12:00"."""
    if isinstance(end, dt.datetime) and tz is not None and end.tzinfo is not None:
        end = end.astimezone(tz)
    if isinstance(start, dt.datetime) or isinstance(end, dt.datetime):
        return f"{_day(start, with_year)}-{_day(end, with_year)}"
    if start.year != end.year:
        return f"{_day(start, True)}-{_day(end, True)}"
    if start.month != end.month:
        return f"{_day(start, False)}-{_day(end, with_year)}"
    return f"{_day(start, False, with_month=False)}-{_day(end, with_year)}"


def format_age(as_of: When | dt.date | dt.datetime, now: dt.datetime) -> str:
    """How old a picture is: "just now", "12 min ago", "3 h ago", "2 d ago", "in 5 min".

    Naive datetimes count as UTC; a bare date as its midnight UTC.
    """
    if not isinstance(as_of, When):
        as_of = When(as_of)
    then = as_of.as_datetime()
    if then.tzinfo is None:
        then = then.replace(tzinfo=dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    seconds = (now - then).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        span = f"{minutes} min"
    elif minutes < 24 * 60:
        span = f"{minutes // 60} h"
    elif minutes < 365 * 24 * 60:
        span = f"{minutes // (24 * 60)} d"
    else:
        span = f"{minutes // (365 * 24 * 60)} y"
    return f"in {span}" if future else f"{span} ago"


def format_units(units: Iterable[tuple[str, int]] | Mapping[str, int]) -> str:
    """(("operational", 2), ("shut_down", 2)) -> "2 operational · 2 shut down" (author's words)."""
    pairs = units.items() if isinstance(units, Mapping) else units
    return " · ".join(f"{format_number(count)} {str(state).replace('_', ' ')}" for state, count in pairs)


def format_counts(counts: Iterable[tuple[str, Quantity]]) -> str:
    """(("killed", 17), ("missing", 83)) -> "17 killed · 83 missing" (labels as written, `_` a space)."""
    return " · ".join(f"{format_quantity(q)} {str(label).replace('_', ' ')}" for label, q in counts)


def format_likelihood(likelihood: str | None) -> str:
    """ "likely" -> "likely (55-75 %)"; the band from the probability yardstick (UK PHIA)."""
    if not likelihood:
        return ""
    words = likelihood.replace("_", " ")
    band = LIKELIHOOD_BANDS.get(likelihood)
    if band is None:
        return words
    lo, hi = band
    if lo == 0:
        return f"{words} (≤{hi} %)"
    if hi == 100:
        return f"{words} (≥{lo} %)"
    return f"{words} ({lo}-{hi} %)"


def format_geo(geo: Geo | None) -> str:
    """ "51.68° N 35.65° E (near, UA59)"."""
    if geo is None:
        return ""
    lat = f"{abs(geo.lat):.4f}".rstrip("0").rstrip(".") + ("° N" if geo.lat >= 0 else "° S")
    lon = f"{abs(geo.lon):.4f}".rstrip("0").rstrip(".") + ("° E" if geo.lon >= 0 else "° W")
    extra = ", ".join(p for p in (geo.precision, geo.pcode) if p)
    return f"{lat} {lon}" + (f" ({extra})" if extra else "")


def format_funding(funding: Funding | None) -> str:
    """ "24,300,000 USD received of 93,600,000 USD required (26 %)"."""
    if funding is None:
        return ""
    got, need = funding.received, funding.required
    if got is None and need is None:
        return ""
    if need is None:
        return f"{format_quantity(got)} received"
    if got is None:
        return f"{format_quantity(need)} required"
    text = f"{format_quantity(got)} received of {format_quantity(need)} required"
    if got.value is not None and need.value and (not got.unit or not need.unit or got.unit == need.unit):
        text += f" ({round(100 * got.value / need.value)} %)"
    return text


def format_series(points: Iterable[SeriesPoint]) -> str:
    """ "Jul 2024: 32 → Oct 2024: 57" (oldest first, as written)."""
    return " → ".join(f"{format_when(p.at, with_year=True)}: {format_quantity(p.value)}" for p in points)
