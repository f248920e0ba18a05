"""The README's pre-commit recipe, run by the real `pre-commit` in a temporary git
repository (no network: a `repo: local` hook with `language: system`).

It must block a commit that breaks a situation file, let through a valid edit of one part
of a split situation (the part alone has no header), and never block a commit of other
YAML (the config itself, a CI workflow)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HEAD = """\
situation:
  id: split
  title: Split situation
  as_of: 2024-08-09T12:00:00+03:00
sources:
  wire: {name: Wire, reliability: B}
"""

EVENTS = """\
situation: {id: split}
events:
  - id: strike
    what: Strike on a depot
    date: 2024-08-08
    sources: [wire]
"""


def readme_recipe() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"As a \[pre-commit\].*?```yaml\n(.*?)```", text, re.S)
    assert m, "the README has no pre-commit recipe"
    return m.group(1)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    # `sitboard` on PATH runs THIS checkout's code (not whatever is installed)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "sitboard"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m tui "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "analyst@example.org",
        "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "analyst@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    env.pop("PYTHONPATH", None)
    work = tmp_path / "work"
    work.mkdir()
    git(work, env, "init", "-q", "-b", "main")
    (work / ".pre-commit-config.yaml").write_text(readme_recipe(), encoding="utf-8")
    (work / "situations").mkdir()
    (work / "situations" / "head.yaml").write_text(HEAD, encoding="utf-8")
    (work / "situations" / "events.yaml").write_text(EVENTS, encoding="utf-8")
    run(work, env, sys.executable, "-m", "pre_commit", "install")
    return work, env


def run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    proc = run(cwd, env, "git", *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def commit(work: Path, env: dict[str, str], *paths: str) -> subprocess.CompletedProcess[str]:
    git(work, env, "add", *paths)
    return run(work, env, "git", "commit", "-q", "-m", "edit")


def test_the_readme_recipe_checks_the_folder_as_a_whole(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    first = commit(work, env, ".")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "sitboard check" in first.stdout + first.stderr  # the hook ran (and passed)

    # a valid edit of ONE part (no header of its own) is not blocked
    (work / "situations" / "events.yaml").write_text(EVENTS.replace("Strike on a depot", "Strike on a fuel depot"))
    part = commit(work, env, "situations/events.yaml")
    assert part.returncode == 0, part.stdout + part.stderr

    # a bad edit of that part is blocked, with the placed problem
    (work / "situations" / "events.yaml").write_text(EVENTS.replace("date: 2024-08-08", "date: yesterday"))
    bad = commit(work, env, "situations/events.yaml")
    assert bad.returncode != 0
    assert (
        "situations/events.yaml:5:11: events[0].date" in bad.stdout + bad.stderr
        and "1 error in 1 file" in bad.stdout + bad.stderr
    )
    git(work, env, "checkout", "--", ".")
    git(work, env, "reset", "-q", "--hard")

    # other YAML is not a situation file: the config itself and a CI workflow commit freely
    (work / ".pre-commit-config.yaml").write_text(readme_recipe() + "# tuned\n", encoding="utf-8")
    (work / ".github" / "workflows").mkdir(parents=True)
    (work / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    other = commit(work, env, ".pre-commit-config.yaml", ".github/workflows/ci.yml")
    assert other.returncode == 0, other.stdout + other.stderr
    assert "sitboard check" in other.stdout + other.stderr and "Skipped" in other.stdout + other.stderr
