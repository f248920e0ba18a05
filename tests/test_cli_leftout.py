"""brief, export and diff work on what validates and say what they left out (issue 10):
real files, real subprocesses."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

from cli_support import sitboard

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
situation:
  id: s
  title: Situation
  as_of: 2024-08-09T12:00:00+03:00
  marking: TLP:AMBER
sources:
  w: {name: Wire, reliability: B}
fronts:
  - id: good-front
    name: Good front
    status: advancing
    sources: [w]
  - id: bad-front
    name: Bad front
    status: advancing
events:
  - id: fine-event
    what: Fine event
    date: 2024-08-08
"""
# line 15 of BAD: `status: winning` (the second front)
BAD = GOOD.replace("    name: Bad front\n    status: advancing", "    name: Bad front\n    status: winning")


def run(cwd: Path, *args: object) -> subprocess.CompletedProcess[str]:
    proc = sitboard(*args, cwd=cwd)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_brief_leaves_out_the_bad_item_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(BAD, encoding="utf-8")
    proc = run(tmp_path, "brief", "s.yaml", "--format", "text")
    assert proc.returncode == 1  # the files have errors, as before; the brief is there anyway
    out = proc.stdout
    assert out.startswith("TLP:AMBER\n") and out.endswith("TLP:AMBER\n")
    assert "Good front" in out and "Fine event" in out
    assert "Bad front" not in out
    assert "! Left out: 1 item with errors (s.yaml:13); `sitboard check` explains" in out
    assert "s.yaml:15:13: fronts[1].status: 'winning'" in proc.stderr
    assert "sitboard: left out: 1 item with errors (s.yaml:13)" in proc.stderr
    short = run(tmp_path, "brief", "s.yaml", "--short", "--format", "text")
    assert short.returncode == 1 and "⚠ left out: 1 item with errors (s.yaml:13)" in short.stdout


def test_export_leaves_out_the_bad_item_and_says_so_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(BAD, encoding="utf-8")
    proc = run(tmp_path, "export", "--csv", "fronts", "s.yaml")
    assert proc.returncode == 1
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert [r[1] for r in rows[2:]] == ["good-front"]  # the CSV is a clean table
    assert "sitboard: left out: 1 item with errors (s.yaml:13)" in proc.stderr


def test_diff_neither_removes_nor_adds_an_item_with_errors(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(BAD.replace("Fine event", "Finer event"), encoding="utf-8")
    proc = run(tmp_path, "diff", "old.yaml", "new.yaml")
    assert proc.returncode == 2  # the comparison is not complete
    assert "What: Fine event → Finer event" in proc.stdout
    assert "Removed" not in proc.stdout and "Bad front" not in proc.stdout.split("! In the new version")[0]
    assert "! In the new version: left out: 1 item with errors (new.yaml:13)" in proc.stdout
    assert "sitboard: NEW: left out: 1 item with errors (new.yaml:13)" in proc.stderr


def test_an_error_outside_the_items_is_a_value_left_out_not_a_file(tmp_path: Path) -> None:
    """A bad as-of costs the as-of (the file's time stands in), not the file: the brief
    has every item and says one value was left out (it said '1 file with errors that gave
    no items')."""
    (tmp_path / "s.yaml").write_text(GOOD.replace("as_of: 2024-08-09T12:00:00+03:00", "as_of: 0001-01-01"))
    proc = run(tmp_path, "brief", "s.yaml", "--format", "text")
    assert proc.returncode == 1
    assert "Good front" in proc.stdout and "Bad front" in proc.stdout and "Fine event" in proc.stdout
    assert "sitboard: left out: 1 value with errors (s.yaml:4); `sitboard check` explains" in proc.stderr
    assert "gave no items" not in proc.stdout + proc.stderr
    # beside an item with errors, and a part whose YAML cannot be read at all
    (tmp_path / "s.yaml").write_text(BAD.replace("as_of: 2024-08-09T12:00:00+03:00", "as_of: 0001-01-01"))
    (tmp_path / "t.yaml").write_text("situation: {id: s}\nevents: [\n")
    proc = run(tmp_path, "brief", ".", "--format", "text")
    line = "left out: 1 item with errors, 1 file with errors that gave no items and 1 value with errors"
    assert f"sitboard: {line} (s.yaml:13, s.yaml:4, t.yaml:2); `sitboard check` explains" in proc.stderr


def test_brief_and_export_on_numbers_and_times_beyond_their_range(tmp_path: Path) -> None:
    """Issue 10 case 2: a 5,000-digit number and a time in the year 9999 passed `check` and
    made brief and export exit 3 (ValueError past 4,300 digits, OverflowError); now each is
    an error on its item, placed, and the outputs leave that item out and say so."""
    huge = GOOD.replace(
        "    status: advancing\nevents:", "    status: advancing\n    depth_km: " + "9" * 5000 + "\nevents:"
    )
    (tmp_path / "s.yaml").write_text(huge.replace("date: 2024-08-08", "date: 9999-12-31"), encoding="utf-8")
    check = run(tmp_path, "check", "s.yaml")
    assert check.returncode == 1
    assert "s.yaml:16:15: fronts[1].depth_km: expected a number from 0 to 10^15" in check.stdout
    assert "found a number of 5,000 digits" in check.stdout and "9999" * 4 not in check.stdout
    assert "s.yaml:20:11: events[0].date: '9999-12-31' is out of range: times must fall in the years 1900-2200" in (
        check.stdout
    )
    brief = run(tmp_path, "brief", "s.yaml", "--format", "text")
    assert brief.returncode == 1 and "Good front" in brief.stdout
    assert "sitboard: left out: 2 items with errors (s.yaml:13, s.yaml:18)" in brief.stderr
    export = run(tmp_path, "export", "--csv", "fronts", "s.yaml")
    assert export.returncode == 1
    assert [r[1] for r in list(csv.reader(io.StringIO(export.stdout)))[2:]] == ["good-front"]
