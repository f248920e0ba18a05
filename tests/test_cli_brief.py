"""`sitboard brief`, `diff`, `export` as real subprocesses (`python -m tui ...`)."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cli_support import assert_clean, python, sitboard

from tui.model.types import LISTS

if TYPE_CHECKING:
    from conftest import UserDirs

ROOT = Path(__file__).resolve().parent.parent

HEAD = """\
situation:
  id: split
  title: "Split \\u001b]0;pwned\\u0007 title"
  as_of: 2024-08-09T12:00:00+03:00
  marking: UNCLASSIFIED
sources:
  wire: {name: Wire, reliability: B}
"""

EVAC = """\
situation: {id: split}
evacuations:
  - id: town
    area: "=Town"
    people: {value: 1500, qualifier: about}
    sources: [wire]
"""

EVENTS = """\
situation: {id: split}
events:
  - id: strike
    what: Strike on a depot
    date: 2024-08-08
    sources: [wire]
"""


def run(*args: object, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = sitboard(*args, cwd=cwd, env=env)
    assert_clean(proc)
    return proc


def _split(base: Path, name: str = "sit", people: int = 1500, events: bool = True) -> Path:
    d = base / name
    d.mkdir(parents=True)
    (d / "head.yaml").write_text(HEAD, encoding="utf-8")
    (d / "evacuations.yaml").write_text(EVAC.replace("1500", str(people)), encoding="utf-8")
    if events:
        (d / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return d


# ---------------------------------------------------------------- brief


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_brief_of_the_embedded_default(tmp_path: Path, fmt: str) -> None:
    proc = run("brief", "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "TLP:CLEAR" in lines[0] and "TLP:CLEAR" in lines[-1]
    for words in ("over 76,000", "up to 20 km", "about 15 vehicles", "Reuters (news agency, B)"):
        assert words in proc.stdout
    assert ("# Ukrainian incursion" in proc.stdout) == (fmt == "md")


def test_brief_of_a_split_situation(tmp_path: Path) -> None:
    d = _split(tmp_path)
    proc = run("brief", d, "--format", "text", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("UNCLASSIFIED\n") and out.endswith("UNCLASSIFIED\n")
    assert "Split ␛]0;pwned␇ title" in out  # control bytes made visible
    assert "about 1,500" in out and "Strike on a depot" in out


def test_brief_since_a_directory_shows_changes_first(tmp_path: Path) -> None:
    old = _split(tmp_path, "old", people=1000, events=False)
    new = _split(tmp_path, "new", people=1500)
    proc = run("brief", new, "--since", old, "--format", "text", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.index("What changed since") < out.index("Fronts (")
    assert "about 1,000 → about 1,500" in out and "New (1)" in out and "Strike on a depot" in out


def test_brief_since_saved_baseline(tmp_path: Path, user_dirs: UserDirs) -> None:
    old = _split(tmp_path, "old", people=1000)
    new = _split(tmp_path, "new", people=1500)
    missing = run("brief", new, "--since", "saved", cwd=tmp_path)
    assert missing.returncode == 2 and "no saved baseline for situation 'split'" in missing.stderr
    # save the old picture as the baseline, as the board's `b` key does
    code = (
        "import sys; from tui.runtime.baseline import BaselineStore; from tui.model.load import load;"
        f"r = BaselineStore().save(load([{str(old)!r}]).situations[0]); sys.exit(0 if r.ok else 1)"
    )
    assert python(code).returncode == 0
    assert (user_dirs.state / "sitboard" / "baselines" / "split.json").is_file()
    proc = run("brief", new, "--since", "saved", "--format", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "## What changed since" in proc.stdout and "about 1,000 → about 1,500" in proc.stdout


def test_brief_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD.replace("as_of: 2024-08-09T12:00:00+03:00", "as_of: yesterday"), encoding="utf-8")
    proc = run("brief", bad, cwd=tmp_path)
    # A bad as-of no longer blanks the picture (issue 10): the file's time stands in,
    # marked approximate; the error is reported and the exit code says so.
    assert proc.returncode == 1 and "**As of:** \\~" in proc.stdout
    assert f"{bad}:4:" in proc.stderr
    empty = tmp_path / "empty.yaml"
    empty.write_text("situation: [\n", encoding="utf-8")
    proc = run("brief", empty, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert f"{empty}:" in proc.stderr and "no brief" in proc.stderr
    assert run("brief", tmp_path / "nope", cwd=tmp_path).returncode == 2
    assert run("brief", "--format", "html", cwd=tmp_path).returncode == 2
    stale = run("brief", "--stale-hours", "soon", cwd=tmp_path)
    assert stale.returncode == 2 and "--stale-hours" in stale.stderr
    two = tmp_path / "two"
    two.mkdir()
    (two / "a.yaml").write_text(HEAD, encoding="utf-8")
    (two / "b.yaml").write_text(HEAD.replace("id: split", "id: other"), encoding="utf-8")
    many = run("brief", two, cwd=tmp_path)
    assert many.returncode == 2 and "--situation" in many.stderr
    assert run("brief", two, "--situation", "other", cwd=tmp_path).returncode == 0


def test_stale_hours_flag_and_environment(tmp_path: Path) -> None:
    d = _split(tmp_path)
    (d / "events.yaml").write_text(EVENTS.replace("date: 2024-08-08", "updated: 2024-08-07"), encoding="utf-8")
    default = run("brief", d, "--format", "md", cwd=tmp_path)
    assert "⚠ **Stale:**" in default.stdout
    assert "⚠ **Stale:**" not in run("brief", d, "--stale-hours", "48", cwd=tmp_path).stdout
    env = run("brief", d, cwd=tmp_path, env={"SITBOARD_STALE_HOURS": "72"})
    assert "⚠ **Stale:**" not in env.stdout and "within 72 h" in env.stdout


# ---------------------------------------------------------------- diff


def test_diff_exit_codes_and_output(tmp_path: Path) -> None:
    old = _split(tmp_path, "old", people=1000, events=False)
    new = _split(tmp_path, "new", people=1500)
    same = run("diff", new, new, cwd=tmp_path)
    assert same.returncode == 0 and same.stdout == "UNCLASSIFIED\n\nNo changes.\n\nUNCLASSIFIED\n"
    proc = run("diff", old, new, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "New (1)\n+ Events › Strike on a depot" in proc.stdout
    assert "~ Evacuations › =Town\n    People: about 1,000 → about 1,500" in proc.stdout
    back = run("diff", new, old, cwd=tmp_path)
    assert back.returncode == 1 and "Removed (1)\n- Events › Strike on a depot" in back.stdout
    # a part without its header is no situation: an error, not "no differences"
    one = run("diff", old / "evacuations.yaml", new / "evacuations.yaml", cwd=tmp_path)
    assert one.returncode == 2


def test_diff_of_two_single_files(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(HEAD + EVAC.split("\n", 1)[1], encoding="utf-8")
    b.write_text(HEAD + EVAC.split("\n", 1)[1].replace("1500", "2500"), encoding="utf-8")
    proc = run("diff", a, b, cwd=tmp_path)
    assert proc.returncode == 1 and "People: about 1,500 → about 2,500" in proc.stdout
    md = run("diff", "--format", "md", a, b, cwd=tmp_path)
    assert "- **People:** about 1,500 → about 2,500" in md.stdout


def test_diff_errors(tmp_path: Path) -> None:
    new = _split(tmp_path, "new")
    assert run("diff", new, tmp_path / "missing", cwd=tmp_path).returncode == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("situation: [", encoding="utf-8")
    proc = run("diff", new, bad, cwd=tmp_path)
    assert proc.returncode == 2 and str(bad) in proc.stderr
    assert run("diff", new, cwd=tmp_path).returncode == 2  # usage


def test_diff_of_the_default_against_itself(tmp_path: Path) -> None:
    data = ROOT / "data"
    assert run("diff", data, data, cwd=tmp_path).returncode == 0


# ---------------------------------------------------------------- export


def test_export_one_pane_to_stdout(tmp_path: Path) -> None:
    proc = run("export", "--csv", "evacuations", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[1][:5] == ["#meta+marking", "#meta+id", "#adm1+name", "#x_people+text", "#affected+idps"]
    assert rows[2][0] == "TLP:CLEAR" and rows[2][4] == "76000"


def test_export_split_is_injection_safe(tmp_path: Path) -> None:
    d = _split(tmp_path)
    proc = run("export", "--csv", "evacuations", d, cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[2][:3] == ["UNCLASSIFIED", "town", "'=Town"]


def test_export_all_into_a_folder(tmp_path: Path) -> None:
    d = _split(tmp_path)
    proc = run("export", "--csv", "all", "--out", tmp_path / "out", d, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"split-{p}.csv" for p in LISTS)
    assert len(proc.stdout.splitlines()) == len(LISTS)  # every list, the December 2026 ones too
    one = run("export", "--csv", "events", "--out", tmp_path / "one", d, cwd=tmp_path)
    assert one.returncode == 0 and (tmp_path / "one" / "split-events.csv").is_file()


def test_export_errors(tmp_path: Path) -> None:
    proc = run("export", "--csv", "weather", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown pane" in proc.stderr
    assert run("export", cwd=tmp_path).returncode == 2  # --csv is required
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unwritable = run("export", "--csv", "all", "--out", blocker / "sub", cwd=tmp_path)
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr


NEW_LISTS = """\
situation: {id: nl, title: New lists, as_of: 2024-08-09T12:00:00+03:00, marking: TLP:AMBER,
  next_update: 2024-08-09T18:00:00+03:00}
sources:
  ocha: {name: OCHA, reliability: B}
figures:
  - id: deaths
    label: deaths
    value: 2100
    series: [{at: 2024-08-07, value: 1000}]
    geo: {lat: 34.35, lon: 62.2}
judgments:
  - id: aftershocks
    text: Aftershocks will continue
    likelihood: likely
watch:
  - id: road
    what: Road reopens
    due: 2024-08-10
needs:
  - id: shelter
    sector: shelter
    funding: {required: {value: 1000, unit: USD}, received: {value: 100, unit: USD}}
events:
  - id: quake
    what: Aftershock
    counts: {killed: 17}
"""


def test_diff_covers_the_new_lists_and_fields(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(NEW_LISTS, encoding="utf-8")
    newer = (
        NEW_LISTS.replace("value: 2100\n", "value: 2601\n")
        .replace(
            "series: [{at: 2024-08-07, value: 1000}]",
            "series: [{at: 2024-08-07, value: 1000}, {at: 2024-08-08, value: 2100}]",
        )
        .replace("likelihood: likely", "likelihood: very_likely")
        .replace("due: 2024-08-10", "due: 2024-08-11\n    status: triggered")
        .replace("received: {value: 100, unit: USD}", "received: {value: 400, unit: USD}")
        .replace("counts: {killed: 17}", "counts: {killed: 17, missing: 83}\n    severity: high")
        .replace("lat: 34.35", "lat: 34.4")
        .replace("next_update: 2024-08-09T18:00:00+03:00", "next_update: 2024-08-10T09:00:00+03:00")
    )
    (tmp_path / "b.yaml").write_text(newer, encoding="utf-8")
    proc = run("diff", "a.yaml", "b.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    out = " ".join(proc.stdout.split())
    assert proc.stdout.startswith("TLP:AMBER\n") and proc.stdout.endswith("TLP:AMBER\n")
    for words in (
        "Next update: 09 Aug 2024 18:00 UTC+03:00 → 10 Aug 2024 09:00 UTC+03:00",
        "Value: 2,100 → 2,601",
        "Series: 07 Aug 2024: 1,000 → 07 Aug 2024: 1,000 → 08 Aug 2024: 2,100",
        "Geo: 34.35° N 62.2° E → 34.4° N 62.2° E",
        "Likelihood: likely (55-75 %) → very likely (80-90 %)",
        "Due: 10 Aug 2024 → 11 Aug 2024",
        "Status: open → triggered",
        "Funding: 100 USD received of 1,000 USD required (10 %) → 400 USD received of 1,000 USD required (40 %)",
        "Counts: 17 killed → 17 killed · 83 missing",
        "Severity: (none) → high",
    ):
        assert words in out, words
