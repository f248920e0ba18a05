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
    for needle in (
        "qualifier: over",
        "qualifier: up_to",
        "{min: ",
        "unit: ",
        "approx: true",
        "quote: ",
        "x-desk: ",
        "about: [",
        "+03:00",
        "Харків",
        "東京",
        "الموصل",
    ):
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
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["part-00.yaml", "part-01.yaml", "part-02.yaml", "part-03.yaml"]
    assert sum(len(_items(yaml_rs.loads(p.read_text("utf-8")))) for p in out.iterdir()) == 250
    bad = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "10", "--parts", "0", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_generated_situations_load_clean_with_the_loader(tmp_path):
    from tui.model.load import load

    for n, parts in ((5, 1), (1500, 1), (1500, 6)):
        d = tmp_path / f"s{n}-{parts}"
        d.mkdir()
        for name, text in generate(n, parts=parts, seed=3).items():
            (d / name).write_text(text, "utf-8")
        result = load([str(d)])
        assert [str(x) for x in result.diagnostics] == []
        assert len(result.situations) == 1
        sit = result.situations[0]
        assert sit.id == situation_id(n, 3) and sit.item_count == n
        assert len(sit.files) == parts
        if n > 100:
            assert all(len(sit.pane(p)) > 0 for p in PANES)
            assert any(it.about for it in sit.items())
            assert {s.reliability for s in sit.sources.values()} == set("ABCDEF")


NUMBER = r"\d[\d,.]*\s*(ms|s|MB|B|KB|%)"


def test_run_smoke_prints_a_table_with_numbers(tmp_path):
    import json
    import re

    out_json = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--sizes",
            "20,60",
            "--runs",
            "1",
            "--idle",
            "1",
            "--no-vd",
            "--json",
            str(out_json),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header == ["figure", "case", "median", "spread (min – max)", "n", "target", "verdict"]
    rows = {}
    for ln in lines[2:]:
        cells = [c.strip() for c in ln.strip("|").split("|")]
        assert len(cells) == 7, ln
        rows[cells[1]] = cells
    assert "Machine: " in proc.stdout and "cores" in proc.stdout

    def measured(case: str) -> str:
        cells = rows[case]
        assert re.match(NUMBER, cells[2]), cells
        assert int(cells[4]) >= 1
        return cells[2]

    measured("bare Textual app (floor), 80x24")
    measured("board, embedded default, 80x24")
    assert "× bare" in measured("board, 20 items, 80x24")
    measured("board, 60 items, 80x24")
    assert "× yaml_rs" in measured("sitboard load(), 60 items")
    measured("floor: yaml_rs.loads, 60 items")
    measured("reference: PyYAML CSafeLoader, 60 items")
    measured("bare Textual app (peak RSS)")
    measured("board, 60 items (peak RSS)")
    measured("CPU, embedded default board open 1 s")
    measured("bytes to the terminal per idle minute")
    # five keystrokes of search, five cursor moves, five page-downs per run
    assert rows["search keystroke ('koren' typed), 60 items"][4] == "5"
    measured("cursor move (j), Statements, 60 items")
    measured("page-down, Statements, 60 items")
    # a verdict next to every target that was measured
    for cells in rows.values():
        if cells[5] and cells[4] != "0":
            assert cells[6], cells
    raw = json.loads(out_json.read_text("utf-8"))
    assert raw["machine"]["nproc"] and raw["pty"] and raw["load"]


def test_paint_compares_a_checkout_with_another_on_the_same_files(tmp_path):
    """benchmarks/paint.py --against: the "before and after" of a start-up change, interleaved
    in real ptys (here the checkout against itself), on a file both open."""
    import re

    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "paint.py"),
            "--runs",
            "1",
            "--against",
            str(ROOT),
            "--file",
            str(next((ROOT / "data").glob("*.yaml"))),
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr and "FAILED" not in proc.stderr
    rows = {ln.split(": ", 1)[0].strip(): ln for ln in proc.stdout.splitlines()}  # "name:case:  123 ms ..."
    name = ROOT.name
    data = next((ROOT / "data").glob("*.yaml")).name
    for case in ("bare", f"{name}:default", f"{name}:{data}", "default", data):
        assert case in rows, proc.stdout
        assert re.search(r"\d+ ms", rows[case]), rows[case]
    for case in (f"{name}:default", "default"):
        assert re.search(r"cpu \d+ ms", rows[case]) and re.search(r"rss \d+ MB", rows[case]), rows[case]


def test_run_rejects_bad_sizes():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "ten"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(ROOT),
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--sizes" in proc.stderr


# -- benchmarks/bytes.py (issue 14): bytes written to a real pty per action ------------------


def test_bytes_classify_splits_output_into_parts_that_add_up():
    from benchmarks.bytes import classify

    raw = (
        b"\x1b[?1049h\x1b[1;1H\x1b[38;5;239;48;5;234m\xe2\x94\x80\x1b[0m"  # mode, move, style, text, style
        b"\x1b[1;38;5;231m TLP:CLEAR \x1b[0m\r\n\x1b]22;default\x07\x1b[5;3HA\x1b[?25l"
    )
    b = classify(raw)
    assert b.style_count == 4 and b.style_bytes == len(b"\x1b[38;5;239;48;5;234m\x1b[0m\x1b[1;38;5;231m\x1b[0m")
    assert b.cursor_count == 4 and b.cursor_bytes == len(b"\x1b[1;1H\r\n\x1b[5;3H")
    assert b.other_count == 3 and b.other_bytes == len(b"\x1b[?1049h\x1b]22;default\x07\x1b[?25l")
    assert b.text_bytes == len("─ TLP:CLEAR A".encode())
    assert b.parts_sum() == b.total == len(raw)


def test_bytes_quick_run_counts_start_up_and_tab_on_a_pty(tmp_path):
    import json

    out = tmp_path / "bytes.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bytes.py"),
            "--quick",
            "--no-vd",
            "--only",
            "tab",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr
    table = [ln for ln in proc.stdout.splitlines() if ln.startswith("| ")]
    assert table[0].startswith("| action | keys | n | sitboard |")
    assert any(ln.startswith("| tab (next pane) | `tab` | 2 |") for ln in table)
    samples = json.loads(out.read_text("utf-8"))["results"]["80x24"]["sitboard"]
    assert [s["action"] for s in samples] == ["start-up (first screen complete)", "tab (next pane)", "tab (next pane)"]
    for s in samples:
        b = s["breakdown"]
        assert s["ok"], s
        assert b["total"] > 0 and b["text_bytes"] > 0 and b["style_count"] > 0, s
        assert b["style_bytes"] + b["cursor_bytes"] + b["other_bytes"] + b["text_bytes"] == b["total"], s
        assert s["rows_written"] and s["cells_written"] > 0, s


def test_follow_latency_runs_with_real_repositories():
    """benchmarks/follow_latency.py: one push reaches the board, and each failure's header
    is printed (no timing asserted)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "follow_latency.py"), "--pushes", "1", "--every", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = proc.stdout
    assert "push to picture, --every 1: median" in out and "n 1" in out
    for what, header in (
        ("server gone", "offline since"),
        ("local edits", "local edits: not pulled"),
        ("diverged branch", "diverged from origin/main"),
        ("force-pushed remote", "diverged from origin/main"),
    ):
        assert any(line.startswith(what) and header in line for line in out.splitlines()), out
