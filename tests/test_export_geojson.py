"""`sitboard export --geojson`: a FeatureCollection of every item with a place, valid GeoJSON
(RFC 7946) as the `geojson` package reads it, coordinates [lon, lat], the marking on the
collection and on every feature."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import geojson

from tui.model.geojson import export_geojson
from tui.model.load import load
from tui.runtime.paths import default_situation_path

ROOT = Path(__file__).resolve().parent.parent

PLACED = """\
situation:
  id: placed
  title: "Placed \\u001b]0;x\\u0007"
  as_of: 2024-08-09T12:00:00+03:00
  marking: TLP:AMBER
sources:
  w: {name: Wire, reliability: B}
  c: {name: Channel, reliability: E}
events:
  - id: strike
    what: "Strike \\u202e on a depot"
    date: 2024-08-08
    severity: high
    confidence: verified
    geo: {lat: 51.73, lon: 36.19, precision: near, pcode: RU-KRS}
    sources: [w, c]
    updated: 2024-08-09T10:00:00+03:00
  - id: unplaced
    what: Somewhere
    date: 2024-08-08
infrastructure:
  - id: plant
    name: Plant
    geo: {lat: -33.5, lon: -70.25}
"""


def validate(text: str) -> dict:
    """RFC 7946 as the geojson package checks it, and what it leaves to us."""
    collection = geojson.loads(text)
    assert isinstance(collection, geojson.FeatureCollection)
    assert collection.is_valid, collection.errors()
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc  # §4: no crs member
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature["id"], str)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    return doc


def test_every_placed_item_is_a_feature(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(PLACED, encoding="utf-8")
    result = load([tmp_path / "s.yaml"])
    assert result.ok, [str(d) for d in result.errors]
    text = export_geojson(result.situations[0])
    assert all(ord(ch) < 128 for ch in text)  # no raw control, bidi or C1 character, ever
    doc = validate(text)
    assert doc["marking"] == "TLP:AMBER"
    by_id = {f["id"]: f for f in doc["features"]}
    assert sorted(by_id) == ["plant", "strike"]  # `unplaced` has no geo
    strike = by_id["strike"]
    assert strike["geometry"]["coordinates"] == [36.19, 51.73]  # [lon, lat]
    assert by_id["plant"]["geometry"]["coordinates"] == [-70.25, -33.5]
    props = strike["properties"]
    assert props == {
        "marking": "TLP:AMBER", "pane": "events", "pane_title": "Events", "id": "strike",
        "label": "Strike \u202e on a depot", "confidence": "verified", "best_grade": "B",
        "severity": "high", "updated": "2024-08-09T10:00:00+03:00", "precision": "near", "pcode": "RU-KRS",
    }  # fmt: skip
    assert all(f["properties"]["marking"] == "TLP:AMBER" for f in doc["features"])


def test_the_embedded_default_exports_valid_geojson() -> None:
    sit = load([default_situation_path()]).situations[0]
    doc = validate(export_geojson(sit))
    placed = [it.id for it in sit.all_items() if getattr(it, "geo", None) is not None]
    assert [f["id"] for f in doc["features"]] == placed  # every placed item, in list order
    assert doc["marking"] == "TLP:CLEAR"


def test_cli_geojson_to_stdout_and_to_a_folder(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(PLACED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path / "state")}
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "tui", "export", *map(str, a)], cwd=tmp_path, env=env, capture_output=True, timeout=60
    )
    proc = run("--geojson", "s.yaml")
    assert proc.returncode == 0, proc.stderr
    validate(proc.stdout.decode("utf-8"))
    assert proc.stderr.decode("utf-8") == "sitboard: 2 of 3 items have a place (geo); the others are not on the map\n"
    folder = run("--geojson", "--out", tmp_path / "maps", "s.yaml")
    assert folder.returncode == 0 and (tmp_path / "maps" / "placed.geojson").is_file()
    validate((tmp_path / "maps" / "placed.geojson").read_text(encoding="utf-8"))
    both = run("--geojson", "--csv", "events", "s.yaml")
    assert both.returncode == 2 and b"not allowed with" in both.stderr
