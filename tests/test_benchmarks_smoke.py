"""The benchmark harness: the generator's output is valid format 1, and a smoke run prints a table.

No timings are asserted here (timings live in benchmarks/); only that the harness works.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
import yaml_rs

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ is not part of the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import PANE_SHARES, generate, situation_id  # noqa: E402
PANES = ("fronts", "evacuations", "statements", "infrastructure", "events")


def _items(doc: dict) -> list[dict]:
    return [it for p in PANES for it in doc.get(p) or []]


def test_generate_is_deterministic_and_seeded():
    assert generate(300, parts=3, seed=5) == generate(300, parts=3, seed=5)
    assert generate(300, parts=3, seed=5) != generate(300, parts=3, seed=6)


def test_generate_single_file_has_every_pane_in_proportion():
    files = generate(1000)
    assert list(files) == ["situation.yaml"]
    doc = yaml_rs.loads(files["situation.yaml"])
    assert doc["format"] == 1
    assert doc["situation"]["id"] == situation_id(1000)
    counts = {p: len(doc.get(p) or []) for p in PANES}
    assert sum(counts.values()) == 1000
    assert counts["statements"] > counts["fronts"] and counts["events"] > counts["infrastructure"]
    for p, share in PANE_SHARES.items():
        assert abs(counts[p] - 1000 * share) <= 2, (p, counts)


def test_generate_parts_share_id_and_one_carries_title():
    files = generate(2000, parts=7, seed=1)
    assert len(files) == 7
    docs = [yaml_rs.loads(t) for t in files.values()]
    assert {d["situation"]["id"] for d in docs} == {situation_id(2000, 1)}
    assert sum("title" in d["situation"] for d in docs) == 1
    assert sum("as_of" in d["situation"] for d in docs) == 1
    ids = [it["id"] for d in docs for it in _items(d)]
    assert len(ids) == 2000 and len(set(ids)) == 2000
    # every reference resolves within the merged situation
    sources = {s for d in docs for s in (d.get("sources") or {})}
    assert sources
    idset = set(ids)
    for d in docs:
        for it in _items(d):
            for ref in it.get("sources") or []:
                assert (ref if isinstance(ref, str) else ref["source"]) in sources
            for target in it.get("about") or []:
                assert target in idset and target != it["id"]


def test_generate_covers_the_format():
    text = generate(2000)["situation.yaml"]
    doc = yaml_rs.loads(text)
    items = _items(doc)
    # quantities of every form, approximate dates, quotes, extensions, non-Latin places
    for needle in ("qualifier: over", "qualifier: up_to", "{min: ", "unit: ", "approx: true",
                   "quote: ", "x-desk: ", "about: [", "+03:00", "Харків", "東京", "الموصل"):
        assert needle in text, needle
    grades = {s["reliability"] for s in doc["sources"].values()}
    assert grades == set("ABCDEF")
    for it in items:
        if "actor" in it:
            assert "quote" in it or "summary" in it
    # PyYAML (YAML 1.1) reads the same plain data for the strings that matter
    assert yaml.safe_load(text)["situation"]["title"] == doc["situation"]["title"]


def test_generate_cli_writes_files(tmp_path):
    out = tmp_path / "gen"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "250", "--parts", "4", "--out", str(out)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["part-00.yaml", "part-01.yaml", "part-02.yaml", "part-03.yaml"]
    assert sum(len(_items(yaml_rs.loads(p.read_text("utf-8")))) for p in out.iterdir()) == 250
    bad = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "10", "--parts", "0", "--out", str(out)],
        capture_output=True, text=True, timeout=60,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
