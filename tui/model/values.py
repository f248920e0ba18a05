"""Model values as people read them, for the outputs (brief, diff, the changes screen). UI-free.

    when_full(When) -> "09 Aug 2024 12:00 UTC+03:00"
    value_text(field, value, situation) -> "about 1,500", "Reuters “quote”; Wire", ...
    field_name("depth_km") -> "Depth"
    one_line(value) -> the value as one visible line (controls shown, runs of space collapsed)

Raw text in, raw text out except `one_line`: callers make it visible (and escape it for
Markdown) before it leaves the model.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tui.model.plain import extension_value
from tui.model.text import (
    format_counts,
    format_funding,
    format_geo,
    format_likelihood,
    format_quantity,
    format_series,
    format_units,
    format_when,
    visible,
)
from tui.model.types import Funding, Geo, Quantity, SeriesPoint, Situation, Source, SourceRef, When

__all__ = ["when_full", "value_text", "field_name", "one_line", "cut", "VALUE_MAX"]

VALUE_MAX = 300  # old -> new values longer than this are cut (the pane shows them whole)


def one_line(s: Any) -> str:
    """Data as one safe line: controls visible, newlines and tabs as spaces, runs collapsed."""
    return " ".join(visible(str(s), single_line=True, spaces=True).split())


def cut(s: str, n: int = VALUE_MAX) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def when_full(w: When | None) -> str:
    """ "09 Aug 2024 12:00 UTC+03:00" / "~06 Aug 2024"."""
    if w is None:
        return ""
    text = format_when(w, with_year=True)
    value = w.value
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        off = value.utcoffset()
        assert off is not None
        minutes = int(off.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        minutes = abs(minutes)
        text += f" UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}" if minutes else " UTC"
    return text


def value_text(field: str, value: Any, situation: Situation | None) -> str:
    """A model value as people read it (raw: the caller makes it visible)."""
    if value is None or value == () or value == "":
        return "(none)"
    if isinstance(value, Quantity):
        return format_quantity(value, unit_default="km" if field == "depth_km" else None)
    if isinstance(value, Geo):
        return format_geo(value)
    if isinstance(value, Funding):
        return format_funding(value) or "(none)"
    if field == "likelihood" and isinstance(value, str):
        return format_likelihood(value)
    if isinstance(value, When):
        return when_full(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        if all(isinstance(v, SourceRef) for v in value):
            names = []
            for ref in value:
                src = situation.sources.get(ref.source) if situation is not None else None
                name = src.name if src is not None else ref.source
                names.append(f"{name} “{cut(ref.quote, 60)}”" if ref.quote else name)
            return "; ".join(names)
        if all(isinstance(v, SeriesPoint) for v in value):
            return format_series(value)
        if all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Quantity) for v in value):
            return format_counts(value)
        if field == "units":
            return format_units(value)
        if all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return "; ".join(f"{k}: {extension_value(v)}" for k, v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, Source):
        return value.name
    return str(value) if not isinstance(value, (dict, list)) else extension_value(value)


def field_name(name: str) -> str:
    """A model field as a heading word: "depth_km" -> "Depth", "as_of" -> "As of"."""
    return {"depth_km": "Depth", "as_of": "As of", "pane": "Pane"}.get(name, name.replace("_", " ").capitalize())
