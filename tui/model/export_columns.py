"""The columns of each list's CSV export: header, HXL hashtag, value (UI-free).

Each column's tag is distinct: no column's hashtag and attributes are a subset of another's
(HXL reads `#affected+idps` as every column tagged `#affected+idps+...`), so a query for the
number displaced finds the number, never its qualifier or its bounds. Numbers sit in the
HXL columns that hold numbers (#affected, #inneed, #indicator+num, #value), as plain
numbers; the figure as people read it has its own text column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.model.provenance import best_grade
from tui.model.text import (
    format_counts,
    format_funding,
    format_likelihood,
    format_quantity,
    format_series,
    format_units,
)
from tui.model.types import Item, Quantity, Situation, When

__all__ = ["Column", "PANE_COLUMNS", "MARKING", "COMMON_TAIL"]

Column = tuple[str, str, Callable[[Item, Situation], Any]]


def _iso(w: When | None) -> str:
    return "" if w is None else w.value.isoformat()


def _approx(w: When | None) -> str:
    return "" if w is None or not w.approx else "approx"


def _num(q: Quantity | None) -> Any:
    return None if q is None else q.value


def _qual(q: Quantity | None) -> str:
    return "" if q is None or not q.qualifier else q.qualifier


def _min(q: Quantity | None) -> Any:
    return None if q is None else q.min


def _max(q: Quantity | None) -> Any:
    return None if q is None else q.max


def _sources(item: Item, sit: Situation) -> str:
    names = []
    for ref in item.sources:
        src = sit.sources.get(ref.source)
        name = src.name if src is not None else ref.source
        via = getattr(ref, "via", None)
        if via:
            name += f" (via {via})"  # second-hand: whose word the source passed on
        if name not in names:
            names.append(name)
    return "; ".join(names)


def _grades(item: Item, sit: Situation) -> str:
    out = []
    for ref in item.sources:
        src = sit.sources.get(ref.source)
        grade = (src.reliability if src is not None else None) or "?"
        if grade not in out:
            out.append(grade)
    return "; ".join(out)


def _geo(item: Item, key: str) -> Any:
    geo = getattr(item, "geo", None)
    return None if geo is None else getattr(geo, key, None)


def _fund(key: str, part: Callable[[Quantity | None], Any]) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: part(getattr(getattr(it, "funding", None), key, None))


def _unit(q: Quantity | None) -> str:
    return "" if q is None or not q.unit else q.unit


def _join(values: tuple[str, ...]) -> str:
    return "; ".join(values)


def _list(name: str) -> Callable[[Item, Situation], str]:
    return lambda it, _s: _join(getattr(it, name, ()))


def _get(name: str) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: getattr(it, name, None)


def _q(name: str, fn: Callable[[Quantity | None], Any]) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: fn(getattr(it, name, None))


def _w(name: str, fn: Callable[[When | None], Any]) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: fn(getattr(it, name, None))


def _text_q(name: str, unit: str | None = None) -> Callable[[Item, Situation], Any]:
    def f(it: Item, _s: Situation) -> str:
        q = getattr(it, name, None)
        return "" if q is None else format_quantity(q, unit_default=unit)

    return f


_ID: Column = ("ID", "#meta+id", _get("id"))
# The handling marking on every row, first: a row copied, filtered or sorted away from the
# header keeps it.
MARKING: Column = ("Marking", "#meta+marking", lambda it, s: s.marking or "")
COMMON_TAIL: tuple[Column, ...] = (
    ("Confidence", "#x_confidence", _get("confidence")),
    ("Sources", "#meta+source", _sources),
    ("Source grades", "#x_reliability+list", _grades),
    ("Best grade", "#x_reliability+best", lambda it, s: best_grade(it, s) or ""),
    ("Updated", "#date+reported", _w("updated", _iso)),
    ("Note", "#description+note", _get("note")),
    ("Severity", "#severity", _get("severity")),
    ("Counts", "#x_counts", lambda it, s: format_counts(getattr(it, "counts", ()) or ())),
    ("Latitude", "#geo+lat", lambda it, s: _geo(it, "lat")),
    ("Longitude", "#geo+lon", lambda it, s: _geo(it, "lon")),
    ("Place precision", "#geo+precision", lambda it, s: _geo(it, "precision")),
    ("P-code", "#loc+code", lambda it, s: _geo(it, "pcode")),
    ("Situation", "#crisis+code", lambda it, s: s.id),
)

PANE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "fronts": (
        _ID,
        ("Name", "#x_front+name", _get("name")),
        ("Status", "#status", _get("status")),
        ("Sides", "#group+name", _list("sides")),
        ("Depth", "#x_depth+text", _text_q("depth_km", "km")),
        ("Depth km", "#x_depth+km+num", _q("depth_km", _num)),
        ("Depth qualifier", "#x_depth+qualifier", _q("depth_km", _qual)),
        ("Depth km min", "#x_depth+km+min", _q("depth_km", _min)),
        ("Depth km max", "#x_depth+km+max", _q("depth_km", _max)),
        ("Strength", "#x_strength", _get("strength")),
        ("Since", "#date+start", _w("since", _iso)),
        ("Since approx", "#meta+approx", _w("since", _approx)),
        ("Places", "#adm1+name", _list("places")),
    ),
    "evacuations": (
        _ID,
        ("Area", "#adm1+name", _get("area")),
        ("People", "#x_people+text", _text_q("people")),
        ("People displaced", "#affected+idps", _q("people", _num)),
        ("People qualifier", "#x_people+qualifier", _q("people", _qual)),
        ("People min", "#x_people+min", _q("people", _min)),
        ("People max", "#x_people+max", _q("people", _max)),
        ("Status", "#status", _get("status")),
        ("Authority", "#org+name", _get("authority")),
        ("Destination", "#loc+dest+name", _get("destination")),
        ("Since", "#date+start", _w("since", _iso)),
        ("Since approx", "#meta+approx", _w("since", _approx)),
    ),
    "statements": (
        _ID,
        ("Actor", "#x_actor+name", _get("actor")),
        ("Role", "#x_actor+role", _get("role")),
        ("Quote", "#x_quote", _get("quote")),
        ("Summary", "#description+summary", _get("summary")),
        ("Date", "#date+occurred", _w("date", _iso)),
        ("Date approx", "#meta+approx", _w("date", _approx)),
        ("Channel", "#x_medium", _get("channel")),
    ),
    "infrastructure": (
        _ID,
        ("Name", "#loc+name", _get("name")),
        ("Kind", "#loc+type", _get("kind")),
        ("Status", "#status", _get("status")),
        ("Location", "#adm1+name", _get("location")),
        ("Units", "#x_units", lambda it, s: format_units(getattr(it, "units", ()))),
        ("Significance", "#x_significance", _get("significance")),
    ),
    "events": (
        _ID,
        ("What", "#event+name", _get("what")),
        ("Date", "#date+occurred", _w("date", _iso)),
        ("Date approx", "#meta+approx", _w("date", _approx)),
        ("Where", "#adm1+name", _get("where")),
        ("Count", "#x_count+text", _text_q("count")),
        ("Count number", "#x_count+num", _q("count", _num)),
        ("Count qualifier", "#x_count+qualifier", _q("count", _qual)),
        ("Count min", "#x_count+min", _q("count", _min)),
        ("Count max", "#x_count+max", _q("count", _max)),
        ("Count unit", "#x_count+unit", _q("count", _unit)),
    ),
    "figures": (
        _ID,
        ("Label", "#indicator+name", _get("label")),
        ("Value", "#x_value+text", _text_q("value")),
        ("Value number", "#indicator+num", _q("value", _num)),
        ("Value qualifier", "#x_value+qualifier", _q("value", _qual)),
        ("Value min", "#x_value+min", _q("value", _min)),
        ("Value max", "#x_value+max", _q("value", _max)),
        ("Value unit", "#x_value+unit", _q("value", _unit)),
        ("Where", "#loc+name", _get("where")),
        ("Date", "#date+figure", _w("date", _iso)),
        ("Date approx", "#meta+approx", _w("date", _approx)),
        ("Breakdown", "#x_breakdown", lambda it, s: format_counts(getattr(it, "breakdown", ()) or ())),
        ("Series", "#x_series", lambda it, s: format_series(getattr(it, "series", ()) or ())),
    ),
    "judgments": (
        _ID,
        ("Judgment", "#description+judgment", _get("text")),
        ("Likelihood", "#x_likelihood+code", _get("likelihood")),
        ("Likelihood band", "#x_likelihood+text", lambda it, s: format_likelihood(getattr(it, "likelihood", None))),
        ("By", "#org+name", _get("by")),
        ("Basis", "#x_basis", _get("basis")),
    ),
    "watch": (
        _ID,
        ("What", "#x_watch", _get("what")),
        ("Due", "#date+due", _w("due", _iso)),
        ("Due approx", "#meta+approx", _w("due", _approx)),
        ("Trigger", "#x_trigger", _get("trigger")),
        ("Status", "#status", _get("status")),
        ("Owner", "#contact+name", _get("owner")),
    ),
    "needs": (
        _ID,
        ("Sector", "#sector", _get("sector")),
        ("Need", "#description+need", _get("need")),
        ("People in need", "#x_inneed+text", _text_q("people")),
        ("People in need number", "#inneed", _q("people", _num)),
        ("People qualifier", "#x_inneed+qualifier", _q("people", _qual)),
        ("People min", "#x_inneed+min", _q("people", _min)),
        ("People max", "#x_inneed+max", _q("people", _max)),
        ("Response", "#x_response", _get("response")),
        ("By", "#org+name", lambda it, s: _join(getattr(it, "by", ()) or ())),
        ("Gap", "#x_gap", _get("gap")),
        ("Status", "#status", _get("status")),
        ("Funding required", "#value+funding+required", _fund("required", _num)),
        ("Funding received", "#value+funding+received", _fund("received", _num)),
        ("Currency", "#currency", _fund("required", _unit)),
        ("Funding", "#x_funding+text", lambda it, s: format_funding(getattr(it, "funding", None))),
    ),
}
