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
import json
from types import MappingProxyType
from typing import Any, cast

from tui.model.serialize_values import (
    BROKEN_FIELDS,
    SERIALIZED_KINDS,
    SerializeError,
    as_dict,
    as_list,
    as_str,
    diagnostic_from_json,
    fail,
    field_kind,
    from_json_value,
    location_from_json,
    location_to_json,
    pairs_from_json,
    pairs_to_json,
    req_str,
    to_json_value,
    when_from_json,
    when_to_json,
)
from tui.model.types import ITEM_TYPES, LISTS, BrokenItem, Item, Situation, Source

__all__ = [
    "SERIALIZED_KINDS",
    "field_kind",
    "SERIAL_VERSION",
    "SerializeError",
    "situation_to_dict",
    "situation_from_dict",
    "situation_to_json",
    "situation_from_json",
]

SERIAL_VERSION = 1

# -- writing ------------------------------------------------------------------------------


def _item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {}
    owner = type(item).__name__
    if isinstance(item, BrokenItem):
        out["broken"] = True
        for name in BROKEN_FIELDS:
            value = getattr(item, name)
            if name == "problems":
                out[name] = [d.to_json() for d in value]
            elif name == "values":
                out[name] = [[k, to_json_value(field_kind(item.pane, k), k, v, owner)] for k, v in value]
            else:
                kind = "text" if name == "label" else field_kind(item.pane, name)
                out[name] = to_json_value(kind, name, value, owner)
        return out
    for f in dataclasses.fields(item):
        out[f.name] = to_json_value(field_kind(item.pane, f.name), f.name, getattr(item, f.name), owner)
    return out


def _source(src: Source) -> dict[str, Any]:
    return {
        "id": src.id,
        "name": src.name,
        "type": src.type,
        "reliability": src.reliability,
        "url": src.url,
        "document": src.document,
        "extensions": pairs_to_json(src.extensions),
        "origin": location_to_json(src.origin),
    }


def situation_to_dict(sit: Situation) -> dict[str, Any]:
    return {
        "sitboard_situation": SERIAL_VERSION,
        "id": sit.id,
        "title": sit.title,
        "as_of": when_to_json(sit.as_of),
        "area": sit.area,
        "summary": sit.summary,
        "marking": sit.marking,
        "next_update": when_to_json(sit.next_update),
        "sources": [_source(s) for s in sit.sources.values()],
        "panes": {pane: [_item(it) for it in sit.pane(pane)] for pane in LISTS},
        "files": list(sit.files),
        "extensions": pairs_to_json(sit.extensions),
        "origin": location_to_json(sit.origin),
    }


def situation_to_json(sit: Situation, *, indent: int | None = None) -> str:
    """JSON text (ASCII only: control characters are escaped, never raw)."""
    return json.dumps(situation_to_dict(sit), ensure_ascii=True, indent=indent, allow_nan=True)


# -- reading ------------------------------------------------------------------------------


def _read_broken(pane: str, d: dict[str, Any], what: str) -> BrokenItem:
    unknown = set(d) - set(BROKEN_FIELDS) - {"broken"}
    if unknown:
        raise fail(f"{what} has unknown fields {sorted(unknown)}")
    kwargs: dict[str, Any] = {}
    for name, value in d.items():
        where = f"{what}.{name}"
        if name == "broken":
            continue
        if name == "problems":
            kwargs[name] = tuple(diagnostic_from_json(p, where) for p in as_list(value, where))
        elif name == "values":
            pairs = []
            for pair in as_list(value, where):
                if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
                    raise fail(f"{where} should be [name, value] pairs")
                kind = field_kind(pane, pair[0])
                if kind is None or kind == "meta":
                    raise fail(f"{where} names an unknown field")
                pairs.append((pair[0], from_json_value(kind, pair[0], pair[1], where)))
            kwargs[name] = tuple(pairs)
        else:
            kind = "text" if name == "label" else field_kind(pane, name)
            kwargs[name] = from_json_value(kind, name, value, where)
    try:
        return BrokenItem(**kwargs)
    except TypeError:
        raise fail(f"{what} lacks a required field") from None


def _read_item(pane: str, v: Any, what: str) -> Item:
    d = as_dict(v, what)
    if d.get("broken") is True:
        item: Item = _read_broken(pane, d, what)
        if item.pane != pane:
            raise fail(f"{what} is in the wrong pane")
        return item
    cls = ITEM_TYPES[pane]
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(d) - names
    if unknown:
        raise fail(f"{what} has unknown fields {sorted(unknown)}")
    kwargs = {name: from_json_value(field_kind(pane, name), name, value, f"{what}.{name}") for name, value in d.items()}
    if kwargs.get("pane", pane) != pane:
        raise fail(f"{what} is in the wrong pane")
    try:
        return cls(**kwargs)
    except TypeError:
        raise fail(f"{what} lacks a required field") from None


def situation_from_dict(data: Any) -> Situation:
    d = as_dict(data, "the document")
    version = d.get("sitboard_situation")
    if version != SERIAL_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > SERIAL_VERSION:
            raise SerializeError(f"saved by a newer sitboard (version {version}); this one reads {SERIAL_VERSION}")
        raise fail("no sitboard_situation version")
    sources = {}
    for i, raw in enumerate(as_list(d.get("sources", []), "sources")):
        s = as_dict(raw, f"sources[{i}]")
        src = Source(
            id=req_str(s.get("id"), "source id"),
            name=req_str(s.get("name"), "source name"),
            type=as_str(s.get("type"), "source type"),
            reliability=as_str(s.get("reliability"), "source reliability"),
            url=as_str(s.get("url"), "source url"),
            document=as_str(s.get("document"), "source document"),
            extensions=pairs_from_json(s.get("extensions"), "source extensions"),
            origin=location_from_json(s.get("origin"), "source origin"),
        )
        sources[src.id] = src
    panes_raw = as_dict(d.get("panes", {}), "panes")
    unknown = set(panes_raw) - set(LISTS)
    if unknown:
        raise fail(f"unknown panes {sorted(unknown)}")
    panes = {
        pane: tuple(
            _read_item(pane, raw, f"{pane}[{i}]") for i, raw in enumerate(as_list(panes_raw.get(pane, []), pane))
        )
        for pane in LISTS
    }
    as_of = when_from_json(d.get("as_of"), "as_of")
    if as_of is None:
        raise fail("no as_of")
    return Situation(
        id=req_str(d.get("id"), "id"),
        title=req_str(d.get("title"), "title"),
        as_of=as_of,
        area=as_str(d.get("area"), "area"),
        summary=as_str(d.get("summary"), "summary"),
        marking=as_str(d.get("marking"), "marking"),
        next_update=when_from_json(d.get("next_update"), "next_update"),
        sources=MappingProxyType(sources),
        files=tuple(req_str(f, "files") for f in as_list(d.get("files", []), "files")),
        extensions=pairs_from_json(d.get("extensions"), "extensions"),
        origin=location_from_json(d.get("origin"), "origin"),
        **cast(dict[str, Any], panes),  # each list's tuple holds its own item type (or BrokenItem)
    )


def situation_from_json(text: str | bytes) -> Situation:
    """The Situation saved by `situation_to_json`; SerializeError for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise SerializeError(f"not a saved situation: not JSON ({type(exc).__name__})") from None
    return situation_from_dict(data)
