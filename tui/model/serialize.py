"""A Situation as JSON and back, losslessly (UI-free): baselines in the state directory.

    situation_to_json(sit) -> str      situation_from_json(text) -> Situation
    situation_to_dict(sit) -> dict     situation_from_dict(data) -> Situation

`situation_from_json(situation_to_json(s)) == s` for every situation the loader builds
(tests check it on the embedded default and on split situations). Reading is strict:
anything unexpected raises `SerializeError` (a ValueError) with a short reason, so a
corrupt or foreign file is refused, never half-read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from types import MappingProxyType
from typing import Any

from tui.model.spec import LIST
from tui.model.types import (
    ITEM_TYPES,
    PANES,
    Item,
    Location,
    Quantity,
    Situation,
    Source,
    SourceRef,
    When,
)

__all__ = [
    "SERIAL_VERSION",
    "SerializeError",
    "situation_to_dict",
    "situation_from_dict",
    "situation_to_json",
    "situation_from_json",
]

SERIAL_VERSION = 1

# How each item field is written: by its kind in the spec (tui.model.spec), per list (a
# name may have another kind in another list). The fields that are not in the spec:
ITEM_META_FIELDS = frozenset({"pane", "id_derived", "extensions", "origin"})
SCALAR_KINDS = frozenset({"text", "enum", "slug", "path"})
SERIALIZED_KINDS = SCALAR_KINDS | {"time", "quantity", "textlist", "ids", "units", "sources"}


def field_kind(pane: str, name: str) -> str | None:
    """The kind of an item field of this list ("meta" for the fields not in the spec)."""
    if name in ITEM_META_FIELDS:
        return "meta"
    f = LIST[pane].field(name)
    return None if f is None else f.kind


class SerializeError(ValueError):
    """The JSON is not a serialized situation (corrupt, foreign or from a newer version)."""


# -- writing ------------------------------------------------------------------------------


def _when(w: When | None) -> Any:
    if w is None:
        return None
    kind = "datetime" if isinstance(w.value, dt.datetime) else "date"
    out: dict[str, Any] = {kind: w.value.isoformat()}
    if w.approx:
        out["approx"] = True
    if w.extensions:
        out["extensions"] = _pairs(w.extensions)
    return out


def _quantity(q: Quantity | None) -> Any:
    if q is None:
        return None
    out = {k: getattr(q, k) for k in ("value", "qualifier", "min", "max", "unit") if getattr(q, k) is not None}
    if q.extensions:
        out["extensions"] = _pairs(q.extensions)
    return out


def _pairs(pairs: tuple[tuple[str, Any], ...]) -> list[list[Any]]:
    return [[k, v] for k, v in pairs]


def _location(loc: Location | None) -> Any:
    return None if loc is None else [loc.file, loc.line, loc.column]


def _ref(ref: SourceRef) -> dict[str, Any]:
    out: dict[str, Any] = {"source": ref.source}
    if ref.quote is not None:
        out["quote"] = ref.quote
    if ref.extensions:
        out["extensions"] = _pairs(ref.extensions)
    return out


def _item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        name = f.name
        value = getattr(item, name)
        kind = field_kind(item.pane, name)
        if kind == "time":
            value = _when(value)
        elif kind == "quantity":
            value = _quantity(value)
        elif kind in ("textlist", "ids"):
            value = list(value)
        elif kind == "units" or name == "extensions":
            value = _pairs(value)
        elif kind == "sources":
            value = [_ref(r) for r in value]
        elif name == "origin":
            value = _location(value)
        elif kind not in SCALAR_KINDS and kind != "meta":
            raise TypeError(f"serialize: field {type(item).__name__}.{name} has no JSON form")
        out[name] = value
    return out


def _source(src: Source) -> dict[str, Any]:
    return {
        "id": src.id,
        "name": src.name,
        "type": src.type,
        "reliability": src.reliability,
        "url": src.url,
        "document": src.document,
        "extensions": _pairs(src.extensions),
        "origin": _location(src.origin),
    }


def situation_to_dict(sit: Situation) -> dict[str, Any]:
    return {
        "sitboard_situation": SERIAL_VERSION,
        "id": sit.id,
        "title": sit.title,
        "as_of": _when(sit.as_of),
        "area": sit.area,
        "summary": sit.summary,
        "marking": sit.marking,
        "sources": [_source(s) for s in sit.sources.values()],
        "panes": {pane: [_item(it) for it in sit.pane(pane)] for pane in PANES},
        "files": list(sit.files),
        "extensions": _pairs(sit.extensions),
        "origin": _location(sit.origin),
    }


def situation_to_json(sit: Situation, *, indent: int | None = None) -> str:
    """JSON text (ASCII only: control characters are escaped, never raw)."""
    return json.dumps(situation_to_dict(sit), ensure_ascii=True, indent=indent, allow_nan=True)


# -- reading ------------------------------------------------------------------------------


def _fail(what: str) -> SerializeError:
    return SerializeError(f"not a saved situation: {what}")


def _str(v: Any, what: str, optional: bool = True) -> str | None:
    if v is None and optional:
        return None
    if not isinstance(v, str):
        raise _fail(f"{what} should be text")
    return v


def _list(v: Any, what: str) -> list[Any]:
    if not isinstance(v, list):
        raise _fail(f"{what} should be a list")
    return v


def _dict(v: Any, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise _fail(f"{what} should be an object")
    return v


def _number(v: Any, what: str) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _fail(f"{what} should be a number")
    return v


def _read_pairs(v: Any, what: str) -> tuple[tuple[str, Any], ...]:
    out = []
    for pair in _list(v or [], what):
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise _fail(f"{what} should be [key, value] pairs")
        out.append((pair[0], _freeze(pair[1])))
    return tuple(out)


def _freeze(v: Any) -> Any:
    """Extension values as the loader keeps them (plain lists and dicts)."""
    return v


def _read_when(v: Any, what: str) -> When | None:
    if v is None:
        return None
    d = _dict(v, what)
    try:
        if "datetime" in d:
            value: dt.date | dt.datetime = dt.datetime.fromisoformat(_str(d["datetime"], what, False))  # type: ignore[arg-type]
        elif "date" in d:
            value = dt.date.fromisoformat(_str(d["date"], what, False))  # type: ignore[arg-type]
        else:
            raise _fail(f"{what} has no date")
    except (TypeError, ValueError) as exc:
        if isinstance(exc, SerializeError):
            raise
        raise _fail(f"{what} is not an ISO date") from None
    approx = d.get("approx", False)
    if not isinstance(approx, bool):
        raise _fail(f"{what}.approx should be true or false")
    return When(value, approx, _read_pairs(d.get("extensions"), what))


def _read_quantity(v: Any, what: str) -> Quantity | None:
    if v is None:
        return None
    d = _dict(v, what)
    return Quantity(
        value=_number(d.get("value"), what),
        qualifier=_str(d.get("qualifier"), what),
        min=_number(d.get("min"), what),
        max=_number(d.get("max"), what),
        unit=_str(d.get("unit"), what),
        extensions=_read_pairs(d.get("extensions"), what),
    )


def _read_location(v: Any, what: str) -> Location | None:
    if v is None:
        return None
    if (
        not isinstance(v, list)
        or len(v) != 3
        or not isinstance(v[0], str)
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in v[1:])
    ):
        raise _fail(f"{what} should be [file, line, column]")
    return Location(v[0], v[1], v[2])


def _read_ref(v: Any, what: str) -> SourceRef:
    d = _dict(v, what)
    return SourceRef(
        source=_str(d.get("source"), what, False),  # type: ignore[arg-type]
        quote=_str(d.get("quote"), what),
        extensions=_read_pairs(d.get("extensions"), what),
    )


def _read_item(pane: str, v: Any, what: str) -> Item:
    d = _dict(v, what)
    cls = ITEM_TYPES[pane]
    kwargs: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(d) - names
    if unknown:
        raise _fail(f"{what} has unknown fields {sorted(unknown)}")
    for name, value in d.items():
        where = f"{what}.{name}"
        kind = field_kind(pane, name)
        if kind == "time":
            value = _read_when(value, where)
        elif kind == "quantity":
            value = _read_quantity(value, where)
        elif kind in ("textlist", "ids"):
            value = tuple(_str(s, where, False) for s in _list(value, where))
        elif kind == "units":
            pairs = _read_pairs(value, where)
            if not all(isinstance(n, int) and not isinstance(n, bool) for _, n in pairs):
                raise _fail(f"{where} counts should be whole numbers")
            value = pairs
        elif name == "extensions":
            value = _read_pairs(value, where)
        elif kind == "sources":
            value = tuple(_read_ref(r, where) for r in _list(value, where))
        elif name == "origin":
            value = _read_location(value, where)
        elif name == "id_derived":
            if not isinstance(value, bool):
                raise _fail(f"{where} should be true or false")
        else:
            value = _str(value, where, optional=name not in ("pane", "id", "confidence"))
        kwargs[name] = value
    if kwargs.get("pane", pane) != pane:
        raise _fail(f"{what} is in the wrong pane")
    try:
        return cls(**kwargs)
    except TypeError:
        raise _fail(f"{what} lacks a required field") from None


def situation_from_dict(data: Any) -> Situation:
    d = _dict(data, "the document")
    version = d.get("sitboard_situation")
    if version != SERIAL_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > SERIAL_VERSION:
            raise SerializeError(f"saved by a newer sitboard (version {version}); this one reads {SERIAL_VERSION}")
        raise _fail("no sitboard_situation version")
    sources = {}
    for i, raw in enumerate(_list(d.get("sources", []), "sources")):
        s = _dict(raw, f"sources[{i}]")
        src = Source(
            id=_str(s.get("id"), "source id", False),  # type: ignore[arg-type]
            name=_str(s.get("name"), "source name", False),  # type: ignore[arg-type]
            type=_str(s.get("type"), "source type"),
            reliability=_str(s.get("reliability"), "source reliability"),
            url=_str(s.get("url"), "source url"),
            document=_str(s.get("document"), "source document"),
            extensions=_read_pairs(s.get("extensions"), "source extensions"),
            origin=_read_location(s.get("origin"), "source origin"),
        )
        sources[src.id] = src
    panes_raw = _dict(d.get("panes", {}), "panes")
    unknown = set(panes_raw) - set(PANES)
    if unknown:
        raise _fail(f"unknown panes {sorted(unknown)}")
    panes = {
        pane: tuple(_read_item(pane, raw, f"{pane}[{i}]") for i, raw in enumerate(_list(panes_raw.get(pane, []), pane)))
        for pane in PANES
    }
    as_of = _read_when(d.get("as_of"), "as_of")
    if as_of is None:
        raise _fail("no as_of")
    return Situation(
        id=_str(d.get("id"), "id", False),  # type: ignore[arg-type]
        title=_str(d.get("title"), "title", False),  # type: ignore[arg-type]
        as_of=as_of,
        area=_str(d.get("area"), "area"),
        summary=_str(d.get("summary"), "summary"),
        marking=_str(d.get("marking"), "marking"),
        sources=MappingProxyType(sources),
        files=tuple(_str(f, "files", False) for f in _list(d.get("files", []), "files")),  # type: ignore[misc]
        extensions=_read_pairs(d.get("extensions"), "extensions"),
        origin=_read_location(d.get("origin"), "origin"),
        **panes,
    )


def situation_from_json(text: str | bytes) -> Situation:
    """The Situation saved by `situation_to_json`; SerializeError for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise SerializeError(f"not a saved situation: not JSON ({type(exc).__name__})") from None
    return situation_from_dict(data)
