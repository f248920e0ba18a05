"""Values of the baseline JSON (tui.model.serialize): each item field by its kind in the
spec (tui.model.spec), times, quantities, references, places, problems; strict reading."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tui.model.spec import LIST
from tui.model.types import BrokenItem, Diagnostic, Funding, Geo, Location, Quantity, SeriesPoint, SourceRef, When

# How each item field is written: by its kind in the spec (tui.model.spec), per list (a
# name may have another kind in another list). The fields that are not in the spec:
ITEM_META_FIELDS = frozenset({"pane", "id_derived", "extensions", "origin"})
SCALAR_KINDS = frozenset({"text", "enum", "slug", "path"})
SERIALIZED_KINDS = SCALAR_KINDS | {"time", "quantity", "textlist", "ids", "units", "sources"}
SERIALIZED_KINDS |= {"counts", "breakdown", "series", "geo", "funding"}
# A BrokenItem: these fields, and "broken": true.
BROKEN_FIELDS = tuple(f.name for f in dataclasses.fields(BrokenItem))


def field_kind(pane: str, name: str) -> str | None:
    """The kind of an item field of this list ("meta" for the fields not in the spec)."""
    if name in ITEM_META_FIELDS:
        return "meta"
    f = LIST[pane].field(name)
    return None if f is None else f.kind


class SerializeError(ValueError):
    """The JSON is not a serialized situation (corrupt, foreign or from a newer version)."""


def when_to_json(w: When | None) -> Any:
    if w is None:
        return None
    out: dict[str, Any]
    if w.kind == "month":
        out = {"month": f"{w.value.year:04d}-{w.value.month:02d}"}
    elif w.kind == "period" and w.end is not None:
        out = {"period": [w.value.isoformat(), w.end.isoformat()]}
    else:
        out = {"datetime" if isinstance(w.value, dt.datetime) else "date": w.value.isoformat()}
    if w.approx:
        out["approx"] = True
    if w.extensions:
        out["extensions"] = pairs_to_json(w.extensions)
    return out


def quantity_to_json(q: Quantity | None) -> Any:
    if q is None:
        return None
    out = {k: getattr(q, k) for k in ("value", "qualifier", "min", "max", "unit") if getattr(q, k) is not None}
    if q.extensions:
        out["extensions"] = pairs_to_json(q.extensions)
    return out


def pairs_to_json(pairs: tuple[tuple[str, Any], ...]) -> list[list[Any]]:
    return [[k, v] for k, v in pairs]


def location_to_json(loc: Location | None) -> Any:
    return None if loc is None else [loc.file, loc.line, loc.column]


def ref_to_json(ref: SourceRef) -> dict[str, Any]:
    out: dict[str, Any] = {"source": ref.source}
    if ref.quote is not None:
        out["quote"] = ref.quote
    if ref.via is not None:
        out["via"] = ref.via
    if ref.extensions:
        out["extensions"] = pairs_to_json(ref.extensions)
    return out


def _compound_to_json(kind: str, value: Any) -> Any:
    if kind in ("counts", "breakdown"):
        return [[label, quantity_to_json(q)] for label, q in value]
    if kind == "series":
        return [
            {"at": when_to_json(p.at), "value": quantity_to_json(p.value), "extensions": pairs_to_json(p.extensions)}
            for p in value
        ]
    if value is None:
        return None
    if kind == "geo":
        return {"lat": value.lat, "lon": value.lon, "precision": value.precision, "pcode": value.pcode,
                "extensions": pairs_to_json(value.extensions)}  # fmt: skip
    return {"required": quantity_to_json(value.required), "received": quantity_to_json(value.received),
            "extensions": pairs_to_json(value.extensions)}  # fmt: skip


def to_json_value(kind: str | None, name: str, value: Any, owner: str) -> Any:
    """One item field as JSON, by its kind."""
    if kind in ("counts", "breakdown", "series", "geo", "funding"):
        return _compound_to_json(kind, value)
    if kind == "time":
        return when_to_json(value)
    if kind == "quantity":
        return quantity_to_json(value)
    if kind in ("textlist", "ids"):
        return list(value)
    if kind == "units" or name == "extensions":
        return pairs_to_json(value)
    if kind == "sources":
        return [ref_to_json(r) for r in value]
    if name == "origin":
        return location_to_json(value)
    if kind not in SCALAR_KINDS and kind != "meta":
        raise TypeError(f"serialize: field {owner}.{name} has no JSON form")
    return value


def fail(what: str) -> SerializeError:
    return SerializeError(f"not a saved situation: {what}")


def as_str(v: Any, what: str) -> str | None:
    """Optional text: None, or a str."""
    return None if v is None else req_str(v, what)


def req_str(v: Any, what: str) -> str:
    """Required text."""
    if not isinstance(v, str):
        raise fail(f"{what} should be text")
    return v


def as_list(v: Any, what: str) -> list[Any]:
    if not isinstance(v, list):
        raise fail(f"{what} should be a list")
    return v


def as_dict(v: Any, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise fail(f"{what} should be an object")
    return v


def as_number(v: Any, what: str) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise fail(f"{what} should be a number")
    return v


def pairs_from_json(v: Any, what: str) -> tuple[tuple[str, Any], ...]:
    out = []
    for pair in as_list(v or [], what):
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise fail(f"{what} should be [key, value] pairs")
        out.append((pair[0], _freeze(pair[1])))
    return tuple(out)


def _freeze(v: Any) -> Any:
    """Extension values as the loader keeps them (plain lists and dicts)."""
    return v


def when_from_json(v: Any, what: str) -> When | None:
    if v is None:
        return None
    d = as_dict(v, what)
    kind, end = "", None
    try:
        if "datetime" in d:
            value: dt.date | dt.datetime = dt.datetime.fromisoformat(req_str(d["datetime"], what))
        elif "date" in d:
            value = dt.date.fromisoformat(req_str(d["date"], what))
        elif "month" in d:
            value, kind = dt.date.fromisoformat(req_str(d["month"], what) + "-01"), "month"
        elif "period" in d:
            first, last = [_iso(req_str(t, what)) for t in as_list(d["period"], what)]
            value, end, kind = first, last, "period"
        else:
            raise fail(f"{what} has no date")
    except (TypeError, ValueError) as exc:
        if isinstance(exc, SerializeError):
            raise
        raise fail(f"{what} is not an ISO date") from None
    approx = d.get("approx", False)
    if not isinstance(approx, bool):
        raise fail(f"{what}.approx should be true or false")
    return When(value, approx, pairs_from_json(d.get("extensions"), what), kind, end)


def _iso(text: str) -> dt.date | dt.datetime:
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def quantity_from_json(v: Any, what: str) -> Quantity | None:
    if v is None:
        return None
    d = as_dict(v, what)
    return Quantity(
        value=as_number(d.get("value"), what),
        qualifier=as_str(d.get("qualifier"), what),
        min=as_number(d.get("min"), what),
        max=as_number(d.get("max"), what),
        unit=as_str(d.get("unit"), what),
        extensions=pairs_from_json(d.get("extensions"), what),
    )


def location_from_json(v: Any, what: str) -> Location | None:
    if v is None:
        return None
    if (
        not isinstance(v, list)
        or len(v) != 3
        or not isinstance(v[0], str)
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in v[1:])
    ):
        raise fail(f"{what} should be [file, line, column]")
    return Location(v[0], v[1], v[2])


def ref_from_json(v: Any, what: str) -> SourceRef:
    d = as_dict(v, what)
    return SourceRef(
        source=req_str(d.get("source"), what),
        quote=as_str(d.get("quote"), what),
        extensions=pairs_from_json(d.get("extensions"), what),
        via=as_str(d.get("via"), what),
    )


def _compound_from_json(kind: str, value: Any, where: str) -> Any:
    if kind in ("counts", "breakdown"):
        pairs = pairs_from_json(value, where)
        return tuple((label, quantity_from_json(q, where)) for label, q in pairs)
    if kind == "series":
        points = []
        for raw in as_list(value, where):
            d = as_dict(raw, where)
            at, q = when_from_json(d.get("at"), where), quantity_from_json(d.get("value"), where)
            if at is None or q is None:
                raise fail(f"{where} should be {{at, value}} points")
            points.append(SeriesPoint(at, q, pairs_from_json(d.get("extensions"), where)))
        return tuple(points)
    if value is None:
        return None
    d = as_dict(value, where)
    ext = pairs_from_json(d.get("extensions"), where)
    if kind == "geo":
        lat, lon = as_number(d.get("lat"), where), as_number(d.get("lon"), where)
        if lat is None or lon is None:
            raise fail(f"{where} should have lat and lon")
        return Geo(float(lat), float(lon), as_str(d.get("precision"), where), as_str(d.get("pcode"), where), ext)
    return Funding(quantity_from_json(d.get("required"), where), quantity_from_json(d.get("received"), where), ext)


def from_json_value(kind: str | None, name: str, value: Any, where: str) -> Any:
    """One item field from JSON, by its kind."""
    if kind in ("counts", "breakdown", "series", "geo", "funding"):
        return _compound_from_json(kind, value, where)
    if kind == "time":
        return when_from_json(value, where)
    if kind == "quantity":
        return quantity_from_json(value, where)
    if kind in ("textlist", "ids"):
        return tuple(req_str(s, where) for s in as_list(value, where))
    if kind == "units":
        pairs = pairs_from_json(value, where)
        if not all(isinstance(n, int) and not isinstance(n, bool) for _, n in pairs):
            raise fail(f"{where} counts should be whole numbers")
        return pairs
    if name == "extensions":
        return pairs_from_json(value, where)
    if kind == "sources":
        return tuple(ref_from_json(r, where) for r in as_list(value, where))
    if name == "origin":
        return location_from_json(value, where)
    if name == "id_derived":
        if not isinstance(value, bool):
            raise fail(f"{where} should be true or false")
        return value
    return req_str(value, where) if name in ("pane", "id", "confidence", "label") else as_str(value, where)


def diagnostic_from_json(v: Any, where: str) -> Diagnostic:
    d = as_dict(v, where)
    try:
        diag = Diagnostic(**d)
    except TypeError:
        raise fail(f"{where} is not a problem") from None
    if not (isinstance(diag.line, int) and isinstance(diag.column, int) and diag.severity in ("error", "warning")):
        raise fail(f"{where} is not a problem")
    for text in (diag.file, diag.path, diag.message):
        req_str(text, where)
    return diag
