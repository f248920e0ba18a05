"""The compound values of the December 2026 additions: counts and breakdowns (label ->
quantity), series ({at, value} points), geo points, funding; and the breakdown's sum."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .spec import FUNDING, GEO, SERIES_POINT
from .types import Counts, Funding, Geo, Quantity, SeriesPoint
from .yamlpos import format_path
from .yamlread import describe

if TYPE_CHECKING:
    from .validate_values import Checker

_GEO_SET = frozenset(GEO.keys)
_FUNDING_SET = frozenset(FUNDING.keys)
_POINT_SET = frozenset(SERIES_POINT.keys)
MAX_SERIES = 10_000  # points in one series (a loop over input has a bound)


def counts(c: Checker, value: Any, path: tuple) -> Counts | None:
    """{killed: 17, missing: 83}: label -> quantity, in file order."""
    if not isinstance(value, dict):
        c.error(path, f"expected a mapping of label -> figure ({{killed: 17, missing: 83}}), found {describe(value)}")
        return None
    out: list[tuple[str, Quantity]] = []
    good = True
    for key, sub in value.items():
        label = _key_text(key)
        if label is None:
            c.error(
                path + (str(key)[:40],), f"labels must be text, found {describe(key)} in {format_path(path)}", "key"
            )
            good = False
            continue
        q = c.quantity(sub, path + (label,))
        if q is None:
            good = False
            continue
        out.append((label, q))
    return tuple(out) if good else None


def _key_text(key: Any) -> str | None:
    """A label as text: `2024: 5` is the label "2024" (a key that YAML read as a number)."""
    if type(key) is str:
        return key
    if type(key) is bool:
        return "true" if key else "false"
    if type(key) is int and abs(key) <= 10**15:
        return str(key)
    return None


def series(c: Checker, value: Any, path: tuple) -> tuple[SeriesPoint, ...] | None:
    """[{at: 2024-07, value: 32}, ...], oldest first (a warning when not)."""
    if not isinstance(value, list):
        c.error(path, f"expected a list of {{at, value}} (earlier values, oldest first), found {describe(value)}")
        return None
    if len(value) > MAX_SERIES:
        c.error(path, f"a series holds at most {MAX_SERIES:,} points, found {len(value):,}")
        return None
    out: list[SeriesPoint] = []
    good = True
    for i, point in enumerate(value):
        ppath = path + (i,)
        if not isinstance(point, dict):
            c.error(ppath, f"expected {{at: <time>, value: <figure>}}, found {describe(point)}")
            good = False
            continue
        before = len(c.problems)
        ext = c.keys(point, ppath, SERIES_POINT.keys, None, _POINT_SET, "a series point")
        for name in ("at", "value"):
            if point.get(name) is None:
                c.error(ppath, f"missing required field {name!r} (a series point is {{at: <time>, value: <figure>}})")
        at = c.time(point["at"], ppath + ("at",)) if point.get("at") is not None else None
        q = c.quantity(point["value"], ppath + ("value",)) if point.get("value") is not None else None
        if c.errors_since(before) or at is None or q is None:
            good = False
            continue
        out.append(SeriesPoint(at, q, ext))
    if not good:
        return None
    for i in range(1, len(out)):
        if out[i].at.sort_key() < out[i - 1].at.sort_key():
            c.warning(path + (i,), "the series is not oldest first: this point is earlier than the one before")
            break
    return tuple(out)


def geo(c: Checker, value: Any, path: tuple) -> Geo | None:
    """{lat, lon} in decimal degrees (WGS 84), optional precision and pcode."""
    if not isinstance(value, dict):
        c.error(path, f"expected {{lat, lon}} in decimal degrees, found {describe(value)}")
        return None
    before = len(c.problems)
    ext = c.keys(value, path, GEO.keys, None, _GEO_SET, "a geo point")
    found: dict[str, Any] = {}
    for f in GEO.fields:
        raw = value.get(f.name)
        if raw is None:
            if f.required:
                c.error(path, f"missing required field {f.name!r} ({{lat, lon}} in decimal degrees)")
            continue
        if f.range is not None:
            found[f.name] = degrees(c, raw, path + (f.name,), f.range)
        elif f.kind == "enum":
            found[f.name] = c.enum(raw, path + (f.name,), f.values)
        else:
            found[f.name] = c.text(raw, path + (f.name,))
    if c.errors_since(before):
        return None
    return Geo(found["lat"], found["lon"], found.get("precision"), found.get("pcode"), ext)


def degrees(c: Checker, value: Any, path: tuple, bounds: tuple[float, float]) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        c.error(path, f"expected a number of decimal degrees, found {describe(value)}")
        return None
    lo, hi = bounds
    if not (isinstance(value, int) or math.isfinite(value)) or not lo <= value <= hi:
        shown = f"{value!r}" if abs(value) <= 10**15 else describe(value)
        c.error(path, f"expected decimal degrees from {lo:g} to {hi:g}, found {shown}")
        return None
    return float(value)


def funding(c: Checker, value: Any, path: tuple) -> Funding | None:
    """{required: quantity, received: quantity}, quantities with a currency unit."""
    if not isinstance(value, dict):
        c.error(path, f"expected {{required, received}} (quantities with a currency unit), found {describe(value)}")
        return None
    before = len(c.problems)
    ext = c.keys(value, path, FUNDING.keys, None, _FUNDING_SET, "funding")
    required = c.quantity(value["required"], path + ("required",)) if value.get("required") is not None else None
    received = c.quantity(value["received"], path + ("received",)) if value.get("received") is not None else None
    if c.errors_since(before):
        return None
    return Funding(required, received, ext)


# -- a breakdown's parts against the total ----------------------------------------------------------


def _bounds(q: Quantity) -> tuple[float, float] | None:
    """What a figure says for sure, as [low, high]; None when it is only approximate."""
    if q.value is not None:
        return None if q.qualifier else (float(q.value), float(q.value))
    if q.min is not None and q.max is not None:
        return float(q.min), float(q.max)
    return None


def breakdown_mismatch(total: Quantity, parts: Counts) -> str | None:
    """Why the parts do not add up to the total, or None (also when either side is only
    approximate, or the units differ: there is nothing certain to compare)."""
    whole = _bounds(total)
    if whole is None or not parts:
        return None
    lo = hi = 0.0
    for _label, q in parts:
        b = _bounds(q)
        if b is None or (q.unit and total.unit and q.unit != total.unit):
            return None
        lo, hi = lo + b[0], hi + b[1]
    slack = 1e-9 * max(1.0, abs(whole[1]))
    if hi + slack < whole[0] or lo - slack > whole[1]:
        from .text import format_number

        said = format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"
        total_said = (
            format_number(whole[0]) if whole[0] == whole[1] else f"{format_number(whole[0])}–{format_number(whole[1])}"
        )
        return f"the parts add up to {said}, not to the value {total_said}"
    return None
