"""GeoJSON export (RFC 7946): every item with a `geo` place as a Point Feature (UI-free).

    export_geojson(situation) -> str     a FeatureCollection, one Feature per placed item

Coordinates are [lon, lat] (RFC 7946 §3.1.1: longitude first), WGS 84 decimal degrees.
Each feature's properties: pane, id, label, confidence, best grade, severity, updated (ISO
8601), precision and pcode when given, and the handling marking; the marking is also a
top-level member of the collection (a foreign member, RFC 7946 §6.1), so it travels with
the file and with any feature copied out of it. Items with errors are left out.

Strings are written as JSON with every non-ASCII character escaped, never evaluated.
"""

from __future__ import annotations

import json
import math
from typing import Any

from tui.model.leftout import is_broken
from tui.model.provenance import best_grade
from tui.model.types import PANE_TITLES, Item, Situation

__all__ = ["export_geojson", "placed_items", "point"]


def point(item: Item) -> tuple[float, float] | None:
    """(lon, lat) of the item's `geo`, or None when it has none (or it is out of range)."""
    geo = getattr(item, "geo", None)
    if geo is None:
        return None
    lat, lon = getattr(geo, "lat", None), getattr(geo, "lon", None)
    if isinstance(lat, bool) or isinstance(lon, bool) or not isinstance(lat, (int, float)):
        return None
    if not isinstance(lon, (int, float)):
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None  # the validator reports it; a map must never get it
    return lon, lat


def placed_items(situation: Situation) -> list[Item]:
    return [it for it in situation.all_items() if not is_broken(it) and point(it) is not None]


def _feature(item: Item, situation: Situation) -> dict[str, Any]:
    lon, lat = point(item) or (0.0, 0.0)
    geo = getattr(item, "geo", None)
    props: dict[str, Any] = {
        "marking": situation.marking,
        "pane": item.pane,
        "pane_title": PANE_TITLES.get(item.pane, item.pane),
        "id": item.id,
        "label": item.label,
        "confidence": item.confidence,
        "best_grade": best_grade(item, situation),
        "severity": getattr(item, "severity", None),
        "updated": None if item.updated is None else item.updated.value.isoformat(),
    }
    for key in ("precision", "pcode"):
        value = getattr(geo, key, None)
        if value is not None:
            props[key] = value
    return {
        "type": "Feature",
        "id": item.id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def export_geojson(situation: Situation) -> str:
    """The FeatureCollection as text (UTF-8 JSON, one trailing newline)."""
    doc = {
        "type": "FeatureCollection",
        "marking": situation.marking,
        "situation": {
            "id": situation.id,
            "title": situation.title,
            "as_of": situation.as_of.value.isoformat(),
        },
        "features": [_feature(it, situation) for it in placed_items(situation)],
    }
    # ensure_ascii: every control, C1, bidi and other invisible character is a \u escape, so
    # `cat` of the file never drives the terminal; map tools decode it to the same text
    return json.dumps(doc, ensure_ascii=True, indent=1, allow_nan=False) + "\n"
