"""The `sitboard` command line, run as a real subprocess (`python -m tui ...`)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cli_support import python, sitboard

if TYPE_CHECKING:
    from conftest import UserDirs

ROOT = Path(__file__).resolve().parent.parent

VALID = """\
format: 1
situation:
  id: test-sit
  title: Test situation
  as_of: 2024-08-09T12:00:00+03:00
sources:
  reuters: {name: Reuters, reliability: B}
fronts:
  - id: north
    name: North axis
    status: advancing
    sources: [reuters]
events:
  - what: Strike on a depot
    date: 2024-08-07
"""

# line 11, the value of `status` starts at column 13
INVALID_STATUS = VALID.replace("status: advancing", "status: winning")


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


# ---------------------------------------------------------------- --version, --help, import cost


def test_version(tmp_path: Path) -> None:
    proc = sitboard("--version", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == "sitboard 0.1.0\n"


def test_help_reads_well(tmp_path: Path) -> None:
    proc = sitboard("--help", cwd=tmp_path)
    assert proc.returncode == 0
    out = proc.stdout
    for words in ["usage: sitboard", "--no-mouse", "--situation", "sitboard check", "sitboard schema", "examples:",
                  "./check"]:  # fmt: skip
        assert words in out, words
    check = sitboard("check", "--help", cwd=tmp_path)
    assert check.returncode == 0
    for words in ["file:line:col: path: message", "--json", "--quiet", "exit codes:", "examples:"]:
        assert words in check.stdout, words
    schema = sitboard("schema", "--help", cwd=tmp_path)
    assert schema.returncode == 0 and "yaml-language-server" in schema.stdout


def test_importing_the_cli_imports_nothing_heavy(tmp_path: Path) -> None:
    code = (
        "import sys, tui.cli; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'yaml', 'yaml_rs', 'watchfiles')"
        " or m in ('tui.model.load', 'tui.ui.app', 'tui.model.types')]; print(heavy)"
    )
    proc = python(code, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# ---------------------------------------------------------------- schema


def test_schema_prints_json_schema(tmp_path: Path) -> None:
    proc = sitboard("schema", cwd=tmp_path)
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "situation" in schema["properties"]
    assert proc.stdout.startswith('{\n  "$schema"')  # indent 2


def test_schema_takes_no_arguments(tmp_path: Path) -> None:
    proc = sitboard("schema", "extra", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unrecognized arguments" in proc.stderr


# ---------------------------------------------------------------- usage errors and unreadable paths


def test_check_without_paths_is_a_usage_error(tmp_path: Path) -> None:
    proc = sitboard("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "usage: sitboard check" in proc.stderr


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    proc = sitboard("--frobnicate", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unrecognized arguments: --frobnicate" in proc.stderr


def test_check_nonexistent_path(tmp_path: Path) -> None:
    proc = sitboard("check", "missing.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "sitboard: missing.yaml: no such file or directory\n"
    assert proc.stdout == ""


def test_board_nonexistent_path_fails_before_opening_the_board(tmp_path: Path) -> None:
    proc = sitboard("missing.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "missing.yaml: no such file or directory" in proc.stderr
    assert_no_traceback(proc)


def test_a_path_named_like_a_command_is_a_path(tmp_path: Path) -> None:
    # `./check` is not the check command: it is a path (which does not exist here).
    proc = sitboard("./check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "./check: no such file or directory" in proc.stderr


def test_unreadable_path(tmp_path: Path) -> None:
    # A Unix socket cannot be opened for reading, not even by root.
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.yaml"))
        proc = sitboard("check", "s.yaml", cwd=tmp_path)
    finally:
        sock.close()
    assert proc.returncode == 2
    assert proc.stderr.startswith("sitboard: s.yaml: cannot read")
    assert_no_traceback(proc)


def test_path_through_a_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    proc = sitboard("check", "a.yaml/inner.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("sitboard: a.yaml/inner.yaml: cannot read")


def test_unreadable_file_by_permission(tmp_path: Path, without_root_powers: list[str]) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    cmd = [*without_root_powers, sys.executable, "-m", "tui", "check", "secret.yaml"]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("sitboard: secret.yaml: cannot read"), proc.stderr
    assert_no_traceback(proc)


def test_control_characters_in_a_path_are_made_visible(tmp_path: Path) -> None:
    proc = sitboard("check", "evil\x1b[31m.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr
    assert "evil␛[31m.yaml" in proc.stderr


def test_command_names_are_commands(tmp_path: Path) -> None:
    proc = sitboard("diff", "a.yaml", cwd=tmp_path)  # diff needs OLD and NEW
    assert proc.returncode == 2
    assert "sitboard diff" in proc.stderr


# ---------------------------------------------------------------- internal errors and interrupts


def _patched_dispatch(exc: str) -> str:
    return (
        "import sys, tui.cli as c\n"
        "def boom(argv):\n"
        f"    raise {exc}\n"
        "c._dispatch = boom\n"
        "sys.exit(c.main(['check', 'x.yaml']))\n"
    )


def test_internal_error_is_one_line_and_a_log(tmp_path: Path, user_dirs: UserDirs) -> None:
    proc = python(_patched_dispatch("RuntimeError('kaput \\x1b[2J')"), cwd=tmp_path)
    assert proc.returncode == 3
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    m = re.fullmatch(r"sitboard: internal error: RuntimeError: kaput ␛\[2J; details in (.+)", lines[0])
    assert m, lines[0]
    log = Path(m.group(1))
    assert log.is_file()
    assert log.is_relative_to(user_dirs.state)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: kaput" in text
    assert proc.stdout == ""


def test_keyboard_interrupt_exits_130_quietly(tmp_path: Path) -> None:
    proc = python(_patched_dispatch("KeyboardInterrupt"), cwd=tmp_path)
    assert proc.returncode == 130
    assert proc.stderr == "" and proc.stdout == ""


# ---------------------------------------------------------------- check (needs the loader)


def test_check_valid_file(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    proc = sitboard("check", "ok.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1] == "1 file, 1 situation, 2 items: OK"
    assert proc.stderr == ""


def test_check_quiet_valid_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    proc = sitboard("check", "--quiet", "ok.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""


def test_check_invalid_file_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(INVALID_STATUS, encoding="utf-8")
    proc = sitboard("check", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[-1] == "1 error in 1 file"
    problem = [ln for ln in lines if "winning" in ln]
    assert len(problem) == 1, proc.stdout
    assert re.match(r"^\S*bad\.yaml:11:13: fronts\[0\]\.status: ", problem[0]), problem[0]
    assert_no_traceback(proc)


def test_check_directory_with_a_good_and_a_bad_situation(tmp_path: Path) -> None:
    situations = tmp_path / "situations"
    situations.mkdir()
    (situations / "a.yaml").write_text(VALID, encoding="utf-8")
    (situations / "b.yaml").write_text(INVALID_STATUS.replace("id: test-sit", "id: other-sit"), encoding="utf-8")
    proc = sitboard("check", "situations", cwd=tmp_path)
    assert proc.returncode == 1
    assert "b.yaml:11:13:" in proc.stdout
    assert "a.yaml:" not in proc.stdout


def test_check_json(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(INVALID_STATUS.replace("test-sit", "bad-sit"), encoding="utf-8")
    good = sitboard("check", "--json", "ok.yaml", cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    doc = json.loads(good.stdout)
    assert doc["ok"] is True
    assert len(doc["files"]) == 1 and doc["files"][0].endswith("ok.yaml")
    assert doc["situations"] == [{"id": "test-sit", "title": "Test situation", "items": 2}]
    assert doc["diagnostics"] == []
    bad = sitboard("check", "--json", "bad.yaml", cwd=tmp_path)
    assert bad.returncode == 1
    doc = json.loads(bad.stdout)
    assert doc["ok"] is False
    [d] = [d for d in doc["diagnostics"] if "winning" in d["message"]]
    assert (d["line"], d["column"], d["path"], d["severity"]) == (11, 13, "fronts[0].status", "error")
    assert d["file"].endswith("bad.yaml")


def test_check_makes_control_characters_visible(tmp_path: Path) -> None:
    # A key with ESC in it: the unknown-key error quotes the key, the terminal must not get ESC.
    text = VALID.replace("    status: advancing\n", '    "stat\\e[2Jus": advancing\n')
    (tmp_path / "evil.yaml").write_text(text, encoding="utf-8")
    proc = sitboard("check", "evil.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "\x1b" not in proc.stdout and "\x1b" not in proc.stderr
    assert "␛[2J" in proc.stdout
    as_json = sitboard("check", "--json", "evil.yaml", cwd=tmp_path)
    assert "\x1b" not in as_json.stdout
    # JSON keeps the true text (escaped as \u001b by json.dumps): editors show it themselves
    assert any("\x1b" in d["path"] + d["message"] for d in json.loads(as_json.stdout)["diagnostics"])


def test_check_the_default_situation(tmp_path: Path) -> None:
    proc = sitboard("check", ROOT / "data", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.fullmatch(r"\d+ files?, 1 situation, \d+ items: OK( \(\d+ warnings?\))?", proc.stdout.splitlines()[-1])


@pytest.mark.parametrize("name", ["check", "schema"])
def test_a_file_named_like_a_command_opens_with_dot_slash(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    (tmp_path / name / "s.yaml").write_text(VALID, encoding="utf-8")
    proc = sitboard("check", f"./{name}", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_warnings_do_not_fail(tmp_path: Path) -> None:
    text = VALID.replace("{name: Reuters, reliability: B}", "{name: Reuters, reliability: B, document: gone.txt}")
    (tmp_path / "warn.yaml").write_text(text, encoding="utf-8")
    proc = sitboard("check", "warn.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert re.match(r"^\S*warn\.yaml:7:\d+: warning: sources\.reuters\.document: ", lines[0]), lines[0]
    assert lines[-1] == "1 file, 1 situation, 2 items: OK (1 warning)"
    quiet = sitboard("check", "--quiet", "warn.yaml", cwd=tmp_path)
    assert quiet.returncode == 0
    assert quiet.stdout.splitlines() == lines[:-1]  # the problems, no summary


def test_check_errors_and_warnings_summary_counts_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(INVALID_STATUS, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        INVALID_STATUS.replace("test-sit", "b-sit").replace("date: 2024-08-07", "date: 7 Aug"), encoding="utf-8"
    )
    proc = sitboard("check", "a.yaml", "b.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == "3 errors in 2 files"


def test_internal_error_report_survives_a_broken_model(tmp_path: Path) -> None:
    # Even when the model cannot be imported, the user gets one line, no traceback, no raw ESC.
    code = "import sys\nsys.modules['tui.model.text'] = None\n" + _patched_dispatch("ValueError('bad \\x1b')")
    proc = python(code, cwd=tmp_path)
    assert proc.returncode == 3
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("sitboard: internal error: ValueError: bad ⟨U+001B⟩; details in ")


def test_check_reports_every_error_of_a_file_in_one_run(tmp_path: Path) -> None:
    # Issue 2: a bad enum, an unknown source, an unknown `about` id, a duplicate derived
    # id and a repeated key, in ONE file: all of them, each placed, in one run.
    text = """\
format: 1
situation:
  id: test-sit
  title: Test situation
  as_of: 2024-08-09T12:00:00+03:00
sources:
  reuters: {name: Reuters, reliability: B}
fronts:
  - name: North axis
    status: winning
    sources: [reutres]
    about: [no-such-item]
  - name: North axis
    note: a
    note: b
"""
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    proc = sitboard("check", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert lines[-1] == "5 errors in 1 file", proc.stdout
    got = [re.sub(r"^\S*bad\.yaml:", "", ln).split(";")[0] for ln in lines[:-1]]
    assert got == [
        "10:13: fronts[0].status: 'winning' is not one of advancing, contested, holding, stabilized,"
        " withdrawing, buildup, quiet, unknown",
        "11:15: fronts[0].sources[0]: unknown source 'reutres'",
        "12:13: fronts[0].about[0]: unknown item id 'no-such-item' in about",
        "13:5: fronts[1]: duplicate id 'north-axis': fronts[0] at bad.yaml:9:5 has it too",
        "15:5: fronts[1].note: duplicate key 'note' (first at line 14)",
    ], proc.stdout
    assert "did you mean 'reuters'?" in lines[1]
