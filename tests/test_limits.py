"""Resource limits on untrusted files, end to end, in a fresh process each.

A file over the size limit, an alias bomb, nesting too deep (ours and the parser's),
too many items: each is a clear error from `sitboard check` naming the file and the
environment variable that raises the limit, and the process's peak memory (VmHWM from
/proc/self/status) stays well under 300 MB. How long each takes is measured in
scripts/limits_bench.py (no timing assertions here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import python

ROOT = Path(__file__).resolve().parent.parent
HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
PEAK_MB = 300

# Runs `sitboard check` in-process in a fresh interpreter, then reports the exit code,
# what it printed and the peak RSS.
PROBE = r"""
import contextlib, io, json, sys
from tui.cli import main
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = main(["check", *sys.argv[1:]])
hwm = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        hwm = int(line.split()[1]) // 1024
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "hwm_mb": hwm}))
"""


def probe(*paths: Path, env: dict[str, str] | None = None) -> dict:
    proc = python(PROBE, *paths, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def assert_clear_error(res: dict, path: Path, *words: str) -> str:
    assert res["code"] == 1, res
    assert res["err"] == ""
    assert "Traceback" not in res["out"]
    first = res["out"].splitlines()[0]
    assert first.startswith(f"{path}:1:") or first.startswith(f"{path}:"), first
    for w in words:
        assert w in res["out"], (w, res["out"])
    assert res["hwm_mb"] < PEAK_MB, f"peak RSS {res['hwm_mb']} MB"
    return res["out"]


def test_baseline_memory_of_a_check_is_small(tmp_path: Path) -> None:
    ok = tmp_path / "ok.yaml"
    ok.write_text(HEADER, encoding="utf-8")
    res = probe(ok)
    assert res["code"] == 0 and "OK" in res["out"]
    assert res["hwm_mb"] < 120


def test_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    """20 MB (sparse: the size is all stat() sees) over the 16 MB default."""
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(20 * 1024 * 1024)
    out = assert_clear_error(probe(big), big, "too big", "20.0 MB", "16 MB", "SITBOARD_MAX_FILE_MB")
    assert out.startswith(f"{big}:1:1:")


def test_size_limit_can_be_lowered_and_raised(tmp_path: Path) -> None:
    f = tmp_path / "two-mb.yaml"
    f.write_text(HEADER + "x-pad: " + "a" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    assert_clear_error(probe(f, env={"SITBOARD_MAX_FILE_MB": "1"}), f, "too big", "1 MB")
    res = probe(f, env={"SITBOARD_MAX_FILE_MB": "3"})
    assert res["code"] == 0, res["out"]


BILLION_LAUGHS = (
    HEADER
    + "x-bomb:\n"
    + "".join(
        f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n"
        if i
        else '  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        for i in range(10)
    )
)


def test_alias_bomb_is_refused_without_memory_blowing_up(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert_clear_error(probe(bomb), bomb, "aliases expand to too much", "SITBOARD_MAX_ALIAS_EVENTS")


def test_quadratic_alias_blowup_is_refused(tmp_path: Path) -> None:
    """A wide-not-deep bomb: one big list referenced many times."""
    big = "[" + ", ".join(["x"] * 2000) + "]"
    refs = "[" + ", ".join(["*a"] * 2000) + "]"
    f = tmp_path / "wide.yaml"
    f.write_text(HEADER + f"x-a: &a {big}\nx-b: {refs}\n", encoding="utf-8")
    assert_clear_error(probe(f), f, "aliases expand to too much")


@pytest.mark.parametrize("levels", [65, 1000, 100_000])
def test_nesting_too_deep(tmp_path: Path, levels: int) -> None:
    """Over our limit (64), and far past the parser's own recursion limit."""
    f = tmp_path / "deep.yaml"
    f.write_text(HEADER + "x-deep: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    assert_clear_error(probe(f), f, "nested too deeply", "SITBOARD_MAX_DEPTH")


def test_block_nesting_too_deep(tmp_path: Path) -> None:
    f = tmp_path / "deep-block.yaml"
    lines = [HEADER.rstrip("\n"), "x-deep:"]
    lines += [" " * (2 * i + 2) + f"k{i}:" for i in range(80)]
    f.write_text("\n".join(lines) + " 1\n", encoding="utf-8")
    out = assert_clear_error(probe(f), f, "nested too deeply")
    line = int(out.splitlines()[0].split(":")[1])
    assert line > 5  # placed at the deep key, not the top of the file


def test_too_many_items(tmp_path: Path) -> None:
    f = tmp_path / "many.yaml"
    f.write_text(HEADER + "events:\n" + "".join(f"  - what: e{i}\n" for i in range(1001)), encoding="utf-8")
    assert_clear_error(probe(f, env={"SITBOARD_MAX_ITEMS": "1000"}), f, "too many items", "1,001", "SITBOARD_MAX_ITEMS")
    assert probe(f, env={"SITBOARD_MAX_ITEMS": "1001"})["code"] == 0


def test_too_many_items_at_the_default_limit(tmp_path: Path) -> None:
    """200,001 items (a 4 MB file) against the default 200,000, in bounded memory."""
    f = tmp_path / "huge.yaml"
    with open(f, "w", encoding="utf-8") as fh:
        fh.write(HEADER + "events:\n")
        fh.writelines(f"  - {{what: e{i}}}\n" for i in range(200_001))
    assert_clear_error(probe(f), f, "too many items", "200,001", "200,000")


def test_bad_limit_values_keep_the_defaults(tmp_path: Path) -> None:
    f = tmp_path / "ok.yaml"
    f.write_text(HEADER, encoding="utf-8")
    res = probe(f, env={"SITBOARD_MAX_FILE_MB": "lots", "SITBOARD_MAX_DEPTH": "-3", "SITBOARD_MAX_ITEMS": ""})
    assert res["code"] == 0 and res["err"] == ""


def test_limits_in_a_directory_leave_the_other_parts(tmp_path: Path) -> None:
    """A bomb as one part of a directory: its own error, the other part still checks."""
    d = tmp_path / "sit"
    d.mkdir()
    (d / "main.yaml").write_text(HEADER + "events:\n  - what: fine\n", encoding="utf-8")
    (d / "bomb.yaml").write_text(BILLION_LAUGHS.replace("id: demo", "id: other"), encoding="utf-8")
    res = probe(d)
    assert res["code"] == 1
    lines = res["out"].splitlines()
    assert all(str(d / "bomb.yaml") in line for line in lines[:-1])
    assert res["hwm_mb"] < PEAK_MB
