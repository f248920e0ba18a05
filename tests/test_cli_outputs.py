"""The command line's outputs under stress, as real subprocesses: hostile file names,
a full disk, `check --json` in a pipeline, the board without a terminal, `--since saved`."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

VALID = """\
format: 1
situation:
  id: test-sit
  title: Test situation
  as_of: 2024-08-09T12:00:00+03:00
  marking: TLP:AMBER
sources:
  reuters: {name: Reuters, reliability: B}
evacuations:
  - id: town
    area: Town
    people: {value: 1500, qualifier: about}
    sources: [reuters]
events:
  - what: Strike on a depot
    date: 2024-08-07
"""


def env_for(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("SITBOARD_STALE_HOURS", None)
    return env


def run_bytes(*args: object, cwd: Path, stdout: object = subprocess.PIPE, **kw: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)], cwd=cwd, env=env_for(cwd), stdout=stdout,
        stderr=subprocess.PIPE, timeout=60, **kw,
    )  # fmt: skip


def crash_logs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "state").rglob("crash-*.log"))


# ---------------------------------------------------------------- hostile file names


def test_a_file_name_with_an_escape_sequence_never_reaches_the_terminal(tmp_path: Path) -> None:
    """`sitboard check *` in a folder holding `--<ESC>]0;x<BEL>.yaml`: argparse sees an
    option; its message quotes it, made visible (no OSC title change on the terminal)."""
    (tmp_path / "--\x1b]0;x\x07.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    proc = subprocess.run(
        ["sh", "-c", f"{sys.executable} -m tui check *"], cwd=tmp_path, env=env_for(tmp_path),
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    raw = proc.stdout + proc.stderr
    assert b"\x1b" not in raw and b"\x07" not in raw, raw
    err = proc.stderr.decode("utf-8")
    assert "unrecognized arguments: --␛]0;x␇.yaml" in err
    assert "./NAME" in err  # how to pass such a file
    # and given as ./NAME it is read (and is valid)
    ok = subprocess.run(
        ["sh", "-c", f"{sys.executable} -m tui check ./*"], cwd=tmp_path, env=env_for(tmp_path),
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert ok.returncode == 1  # two files, one situation id twice: a duplicate, reported
    assert b"\x1b" not in ok.stdout + ok.stderr and b"\x07" not in ok.stdout + ok.stderr
    assert "--␛]0;x␇.yaml" in ok.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "args", [["brief"], ["export", "--csv", "events"], ["diff", "a", "b"], ["schema"], ["check", "a"], []]
)
def test_argparse_messages_are_visible_for_every_command(tmp_path: Path, args: list[str]) -> None:
    proc = run_bytes(*args, "--x\x1b[2J\x9b31m", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"\x1b" not in proc.stderr and "\x9b".encode() not in proc.stderr, proc.stderr
    assert "␛[2J" in proc.stderr.decode("utf-8")


def test_invalid_choice_is_visible(tmp_path: Path) -> None:
    proc = run_bytes("brief", "--format", "md\x1b]0;x\x07", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"\x1b" not in proc.stderr and b"\x07" not in proc.stderr
    assert "invalid choice: 'md" in proc.stderr.decode("utf-8")


# ---------------------------------------------------------------- a full disk


@pytest.mark.parametrize(
    "args",
    [
        ["brief"],
        ["brief", "--format", "text"],
        ["export", "--csv", "evacuations"],
        ["check", "--json", "ok.yaml"],
        ["check", "ok.yaml"],
        ["schema"],
        ["diff", "ok.yaml", "other.yaml"],
        ["--help"],
    ],
)
def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(VALID.replace("1500", "1600"), encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = run_bytes(*args, cwd=tmp_path, stdout=full)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode("utf-8") == "sitboard: cannot write the output: no space left on the device\n"
    assert crash_logs(tmp_path) == []  # not an internal error


def test_export_out_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    """A file size limit (RLIMIT_FSIZE) makes the export's write fail half-way, as a full
    disk would: one line naming the file, exit 2, no half-written or temporary file left."""
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    for pane in ("events", "all"):
        folder = tmp_path / f"out-{pane}"
        proc = run_bytes("export", "--csv", pane, "--out", folder, "ok.yaml", cwd=tmp_path, preexec_fn=limit)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.decode("utf-8").splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"sitboard: cannot write {folder}/test-sit-"), lines
        assert lines[0].endswith(": file too large"), lines
        assert sorted(p.name for p in folder.iterdir()) == []
    assert crash_logs(tmp_path) == []


# ---------------------------------------------------------------- check --json in a pipeline


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--json"], "the following arguments are required: PATH"),
        (["check", "--json", "missing.yaml"], "missing.yaml: no such file or directory"),
        (["check", "--json", "--frobnicate", "ok.yaml"], "unrecognized arguments: --frobnicate"),
        (["check", "missing.yaml", "--json"], "missing.yaml: no such file or directory"),
    ],
)
def test_check_json_reports_usage_errors_as_json(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    proc = run_bytes(*args, cwd=tmp_path)
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    assert doc["ok"] is False and words in doc["error"]
    assert doc["diagnostics"] == [] and doc["files"] == []
    assert words in proc.stderr.decode("utf-8")  # and for people, on stderr


def test_check_json_failure_is_seen_by_jq_like_pipelines(tmp_path: Path) -> None:
    """`sitboard check --json missing.yaml | python -c 'json.load(...)["ok"]'` fails."""
    reader = "import json,sys; sys.exit(0 if json.load(sys.stdin)['ok'] else 1)"
    proc = subprocess.run(
        ["sh", "-c", f"{sys.executable} -m tui check --json missing.yaml 2>/dev/null | {sys.executable} -c \"{reader}\""],
        cwd=tmp_path, env=env_for(tmp_path), capture_output=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr


def test_check_json_with_control_characters_in_a_missing_path(tmp_path: Path) -> None:
    proc = run_bytes("check", "--json", "x\x1b]0;y\x07.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout
    assert json.loads(proc.stdout)["ok"] is False


# ---------------------------------------------------------------- the board without a terminal


def test_the_board_with_stdout_not_a_terminal_says_use_brief(tmp_path: Path) -> None:
    """`sitboard > file` used to start the full-screen app and hang."""
    proc = run_bytes(cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert len(err.splitlines()) == 1 and "sitboard brief" in err, err
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    with open(tmp_path / "out.txt", "wb") as f:
        to_file = run_bytes("ok.yaml", cwd=tmp_path, stdout=f)
    assert to_file.returncode == 2 and b"sitboard brief" in to_file.stderr
    assert (tmp_path / "out.txt").read_bytes() == b""


# ---------------------------------------------------------------- brief --since saved


def test_brief_since_saved_names_the_time_the_baseline_was_marked(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(VALID.replace("1500", "1800"), encoding="utf-8")
    code = (
        "import sys, datetime as dt; from tui.runtime.baseline import BaselineStore; from tui.model.load import load;"
        "marked = dt.datetime(2024, 8, 10, 6, 30, tzinfo=dt.UTC);"
        "r = BaselineStore().save(load(['ok.yaml']).situations[0], now=marked); sys.exit(0 if r.ok else 1)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env_for(tmp_path), timeout=60).returncode == 0
    proc = run_bytes("brief", "new.yaml", "--since", "saved", "--format", "text", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    # marked 06:30 UTC = 09:30 at the situation's offset (+03:00); its picture was as of 09 Aug 12:00
    assert "What changed since the baseline marked 10 Aug 2024 09:30 UTC+03:00" in out
    assert "(its picture as of 09 Aug 2024 12:00 UTC+03:00)" in out
    assert "about 1,500 → about 1,800" in out
