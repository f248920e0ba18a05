"""Every CSV export checked by the real HXL library (libhxl): `hxlvalidate` accepts it,
and each column's tag picks out that column alone (HXL matches `#affected+idps` against
every column tagged `#affected+idps+...`: a qualifier or a bound under the same tag would
be read, summed and charted as the number itself)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import hxl
import pytest

from tui.model.export import export_csv
from tui.model.load import load
from tui.model.types import LISTS, Situation

ROOT = Path(__file__).resolve().parent.parent

HOSTILE_HEAD = """\
situation:
  id: hostile
  title: Hostile
  as_of: 2024-08-09T12:00:00+03:00
sources:
  w: {name: "=cmd|' /C calc'!A0", reliability: C}
"""

HOSTILE_ITEMS = """\
situation: {id: hostile}
fronts:
  - name: " =1+1"
    depth_km: {min: 5, max: 10}
    since: {at: 2024-08-06, approx: true}
    sources: [w]
evacuations:
  - area: "\\u200b@Town"
    people: {value: 1000, qualifier: about}
    since: {at: 2024-08-06, approx: true}
    note: "line one\\n=line two"
    x-people: "-5"
    x-confidence: "+x"
statements:
  - actor: "\\u00a0-Actor"
    quote: "\\n=HYPERLINK(\\"http://x\\")"
    date: {at: 2024-08-07, approx: true}
infrastructure:
  - name: Plant
    units: {operational: 2, shut_down: 1}
events:
  - what: Shelling
    date: {at: 2024-08-08, approx: true}
    count: {min: 3, max: 7, unit: shells}
"""


PICTURE = """\
situation: {id: picture, title: Picture, as_of: 2024-08-09T12:00:00+03:00, marking: TLP:AMBER}
sources:
  ocha: {name: OCHA, reliability: B}
figures:
  - label: deaths
    value: {value: 2601, qualifier: over}
    date: {at: 2024-08-08, approx: true}
    breakdown: {Zindajan: 800, Injil: 400}
    series: [{at: 2024-08-07, value: 1000}]
    severity: critical
    geo: {lat: 34.35, lon: 62.2, precision: area, pcode: AF32}
    sources: [{source: ocha, via: "=residents"}]
  - label: houses
    value: {min: 1000, max: 1300}
judgments:
  - {text: "-Aftershocks will continue", likelihood: very_likely, by: Desk, basis: Seismology}
watch:
  - {what: Road reopens, due: {at: 2024-08-10, approx: true}, owner: Logistics, status: open}
needs:
  - sector: shelter
    people: {value: 114000, qualifier: at_least}
    by: [IOM, UNHCR]
    status: partly_met
    funding: {required: {value: 10000000, unit: USD}, received: {value: 2500000, unit: USD}}
events:
  - what: Aftershock
    counts: {killed: 17, missing: 83}
"""


def _situations(tmp_path: Path) -> list[Situation]:
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "head.yaml").write_text(HOSTILE_HEAD, encoding="utf-8")
    (hostile / "items.yaml").write_text(HOSTILE_ITEMS, encoding="utf-8")
    (tmp_path / "picture.yaml").write_text(PICTURE, encoding="utf-8")
    result = load([ROOT / "data", hostile, tmp_path / "picture.yaml"])
    assert result.ok, [str(d) for d in result.errors]
    return list(result.situations)


# libhxl's own command-line validator (hxlvalidate, default core schema), run over every
# file in ONE Python process: its output and exit code per file, separated by a line.
_VALIDATE = """
import sys
from hxl.scripts import hxlvalidate_main
for path in sys.argv[1:]:
    rc = hxlvalidate_main([path], None, sys.stdout, sys.stderr)
    print(f"==> {path} {rc}", flush=True)
"""


def test_hxlvalidate_accepts_every_export(tmp_path: Path) -> None:
    paths = []
    for sit in _situations(tmp_path):
        for pane in LISTS:
            path = tmp_path / f"{sit.id}-{pane}.csv"
            path.write_text(export_csv(sit, pane), encoding="utf-8", newline="")
            paths.append(path)
    proc = subprocess.run(
        [sys.executable, "-c", _VALIDATE, *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    reports = proc.stdout.split("==> ")
    done = [line.split()[-1] for line in proc.stdout.splitlines() if line.startswith("==> ")]
    assert done == ["0"] * len(paths), proc.stdout  # every file: "Validation succeeded."
    assert proc.stdout.count("Validation succeeded.") == len(paths) and "[error]" not in proc.stdout, reports
    assert len(paths) == 3 * len(LISTS)


def test_each_tag_picks_out_its_own_column(tmp_path: Path) -> None:
    for sit in _situations(tmp_path):
        for pane in LISTS:
            source = hxl.data(io.BytesIO(export_csv(sit, pane).encode("utf-8")))  # type: ignore[attr-defined]
            columns = source.columns
            tags = [c.get_display_tag(sort_attributes=True) for c in columns]
            assert len(set(tags)) == len(tags), tags
            for i, column in enumerate(columns):
                pattern = hxl.model.TagPattern.parse(column.get_display_tag())
                matching = [tags[j] for j, other in enumerate(columns) if pattern.match(other)]
                assert matching == [tags[i]], f"{sit.id}/{pane}: {tags[i]} also reads {matching}"


def test_numbers_and_dates_are_where_hxl_expects_them(tmp_path: Path) -> None:
    """#affected holds the number (not "over"), #date a date (not "approx")."""
    sit = next(s for s in _situations(tmp_path) if s.id == "kursk-2024-08")
    rows = list(hxl.data(io.BytesIO(export_csv(sit, "evacuations").encode("utf-8"))))  # type: ignore[attr-defined]
    assert rows[0].get_all("#affected+idps") == ["76000"]
    assert rows[0].get_all("#date+start") == ["2024-08-06"]
    assert rows[0].get("#meta+approx") == "approx" and rows[0].get("#x_people+qualifier") == "over"


@pytest.mark.parametrize("pane", LISTS)
def test_hostile_cells_stay_text(tmp_path: Path, pane: str) -> None:
    sit = next(s for s in _situations(tmp_path) if s.id == "hostile")
    for row in list(csv.reader(io.StringIO(export_csv(sit, pane), newline="")))[2:]:
        for cell in row:
            stripped = cell.lstrip(" \u00a0\n\t\r")
            assert not stripped.startswith(("=", "+", "-", "@")), (pane, cell)
            assert not cell.startswith(("\n", " ", "\u00a0", "⟨")) or cell == "", (pane, cell)
