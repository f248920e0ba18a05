"""The YAML Test Suite (402 inputs, tests/corpora/yaml-test-suite) through `sitboard check`.

Every input, alone and as a part in a directory beside a valid situation part, gives a
valid load or a clear error naming the file, line and column: never a traceback, never a
hang (each case runs under an alarm). The suite's own verdict is checked too: an input
the suite marks as an error is a YAML syntax error for us, an input it marks as valid is
never one (it may still not be a situation file: that is a format error with a place).

The corpus is copied into the repo (MIT, LICENSE kept) so the tests never depend on a
sibling folder; tests/corpora/README.md says where it came from.
"""

from __future__ import annotations

import csv
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli
from tui.model.load import load

ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(__file__).resolve().parent / "corpora" / "yaml-test-suite"
CASE_SECONDS = 10  # a generous bound against hangs, not a timing assertion

VALID_PART = (
    "situation:\n"
    "  id: demo\n"
    "  title: Demo\n"
    "  as_of: 2024-08-09T12:00:00+03:00\n"
    "fronts:\n"
    "  - name: North\n"
    "    status: holding\n"
)


def _manifest() -> list[dict[str, str]]:
    with open(SUITE / "manifest.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


CASES = _manifest()
IDS = [row["id"] for row in CASES]
EXPECT = {row["id"]: row["expect"] for row in CASES}
SYNTAX = ("YAML syntax error", "YAML error")


def test_corpus_is_complete() -> None:
    assert len(CASES) == 402
    assert sum(1 for r in CASES if r["expect"] == "ok") == 308
    assert sum(1 for r in CASES if r["expect"] == "error") == 94
    for case_id in IDS:
        assert (SUITE / f"{case_id}.yaml").is_file(), case_id
    assert (SUITE / "LICENSE").is_file()


@pytest.fixture
def alarm():
    """Fail (never hang) when a case takes longer than CASE_SECONDS."""

    def on_alarm(signum, frame):  # pragma: no cover - only on a hang
        raise TimeoutError(f"case took over {CASE_SECONDS} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(CASE_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _check(capsys, *paths: Path) -> tuple[int, list[str], str]:
    code = cli.main(["check", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def _line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") + 1


_DIAG = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def _assert_clear(lines: list[str], err: str, code: int, path: Path) -> list[re.Match]:
    """Problem lines are `file:line:col: ...` with a line inside the file; one summary."""
    assert "Traceback" not in err and "Traceback" not in "\n".join(lines)
    assert err == "", err
    assert code in (0, 1)
    assert lines, "no output at all"
    *problems, summary = lines
    assert re.search(r"(error|OK)", summary), summary
    matches = []
    for line in problems:
        m = _DIAG.match(line)
        assert m, f"not file:line:col: {line!r}"
        matches.append(m)
        if m["file"] == str(path):
            assert 1 <= int(m["line"]) <= _line_count(path), line
            assert int(m["col"]) >= 1
        for ch in line:  # never a raw control byte on the terminal
            assert ch == "\t" or ch.isprintable() or ch == " ", repr(line)
    if code == 1:
        assert any(m["file"] == str(path) for m in matches), "the error does not name the file"
    return matches


@pytest.mark.parametrize("case_id", IDS)
def test_alone(case_id: str, capsys, alarm) -> None:
    path = SUITE / f"{case_id}.yaml"
    code, lines, err = _check(capsys, path)
    matches = _assert_clear(lines, err, code, path)
    syntax = [m for m in matches if m["rest"].startswith(SYNTAX)]
    if EXPECT[case_id] == "error":
        assert code == 1 and syntax, f"{case_id}: the suite says invalid YAML, we said {lines}"
    else:
        assert not syntax, f"{case_id}: the suite says valid YAML, we said {lines}"


@pytest.mark.parametrize("case_id", IDS)
def test_as_a_part(case_id: str, capsys, alarm, tmp_path: Path) -> None:
    """Beside a valid part: the valid part still loads, problems name the bad part."""
    (tmp_path / "main.yaml").write_text(VALID_PART, encoding="utf-8")
    part = tmp_path / "part.yaml"
    part.write_bytes((SUITE / f"{case_id}.yaml").read_bytes())
    code, lines, err = _check(capsys, tmp_path)
    matches = _assert_clear(lines, err, code, part)
    for m in matches:
        assert m["file"] == str(part), f"a problem blamed on the valid part: {m.group(0)}"
    result = load([tmp_path])
    assert [s.id for s in result.situations] == ["demo"]
    assert [f.name for f in result.situations[0].fronts] == ["North"]


def test_json_output_for_every_case_is_json(tmp_path: Path, capsys) -> None:
    """`check --json` on all 402 inputs at once: one JSON document, every problem placed."""
    code = cli.main(["check", "--json", *(str(SUITE / f"{i}.yaml") for i in IDS)])
    out, err = capsys.readouterr()
    assert err == "" and code == 1
    doc = json.loads(out)
    assert len(doc["files"]) == 402
    files = {d["file"] for d in doc["diagnostics"]}
    assert len(files) == 402  # none of them is a situation file: each gets its own error
    for d in doc["diagnostics"]:
        assert d["line"] >= 1 and d["column"] >= 1 and d["message"]


# A handful through the real program: exit code, stdout/stderr, no traceback.
SUBPROCESS_CASES = [
    "AVM7",  # the empty stream
    "2JQS",  # duplicate empty keys
    "6BCT",  # tabs
    "6ZKB",  # several documents
    "9SA2",  # non-ASCII
    "CXX2",  # error: mapping with anchor on document start line
    "ZXT5",  # error: implicit key followed by newline
    "U3XV",  # anchors and tags
]


@pytest.mark.parametrize("case_id", [c for c in SUBPROCESS_CASES if c in EXPECT])
def test_real_process(case_id: str) -> None:
    path = SUITE / f"{case_id}.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(path)],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode in (0, 1), (proc.returncode, out, err)
    assert "Traceback" not in out + err
    assert err == ""
    lines = out.splitlines()
    _assert_clear(lines, "", proc.returncode, path)
    assert b"\x1b" not in proc.stdout


def test_subprocess_cases_exist() -> None:
    assert all(c in EXPECT for c in SUBPROCESS_CASES)
