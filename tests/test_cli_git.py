"""The command line on real git repositories (issue 15): `diff --git REV [REV2] PATH`,
`brief --since REV`, `brief --authors`, and `--follow` outside a work tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cli_support import sitboard

ROOT = Path(__file__).resolve().parent.parent

HEAD = """\
situation:
  id: split
  title: Split situation
  as_of: 2024-08-09T12:00:00+03:00
  marking: TLP:GREEN
sources:
  wire: {name: Wire, reliability: B}
"""

EVAC = """\
situation: {id: split}
evacuations:
  - id: town
    area: Town
    people: {value: 1000, qualifier: about}
    sources: [wire]
"""

EVENT = """\
  - id: strike
    what: Strike on a depot
    date: 2024-08-08
"""


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    """git with the tests' identity and no user config (tests/conftest.py), at `date`."""
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = sitboard(*args, cwd=cwd)
    assert "Traceback" not in proc.stderr + proc.stdout
    return proc


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits (1,000 then 1,500 people), then an uncommitted new event."""
    work = tmp_path / "work"
    (work / "sit").mkdir(parents=True)
    git(work, "init", "-q", "-b", "main")
    (work / "sit" / "head.yaml").write_text(HEAD, encoding="utf-8")
    (work / "sit" / "evac.yaml").write_text(EVAC, encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "First picture", date="2024-08-09T09:00:00+00:00")
    (work / "sit" / "evac.yaml").write_text(EVAC.replace("1000", "1500"), encoding="utf-8")
    git(work, "commit", "-q", "-am", "Evacuation figures", date="2024-08-09T10:30:00+00:00")
    (work / "sit" / "evac.yaml").write_text(EVAC.replace("1000", "1500") + "events:\n" + EVENT, encoding="utf-8")
    return work


def test_diff_git_against_the_working_tree_and_between_commits(repo) -> None:
    work = repo
    first = git(work, "rev-parse", "--short=7", "HEAD~1").strip()
    proc = run("diff", "--git", "HEAD~1", "sit", cwd=work)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "TLP:GREEN" and lines[-1] == "TLP:GREEN"  # the marking, as on every output
    assert lines[2] == f"From commit {first} “First picture” (Anna Analyst, 09 Aug 2024 09:00 UTC) to the working tree"
    assert "People: about 1,000 → about 1,500" in proc.stdout and "+ Events › Strike on a depot" in proc.stdout
    commits = run("diff", "--git", "HEAD~1", "HEAD", "sit", cwd=work)
    assert commits.returncode == 1
    assert "People: about 1,000 → about 1,500" in commits.stdout and "Strike on a depot" not in commits.stdout
    assert "to commit" in commits.stdout.splitlines()[2]
    same = run("diff", "--git", "HEAD", "HEAD", "sit", cwd=work)
    assert same.returncode == 0 and same.stdout.splitlines()[-3:] == ["No changes.", "", "TLP:GREEN"]


def test_diff_git_prints_what_diff_prints(repo, tmp_path: Path) -> None:
    """The same output as `sitboard diff OLD NEW` on the two versions written out."""
    work = repo
    for rev, folder in (("HEAD~1", "old"), ("HEAD", "new")):
        (tmp_path / folder).mkdir()
        for name in ("head.yaml", "evac.yaml"):
            (tmp_path / folder / name).write_text(git(work, "show", f"{rev}:sit/{name}"), encoding="utf-8")
    plain = run("diff", tmp_path / "old", tmp_path / "new", cwd=work)
    via_git = run("diff", "--git", "HEAD~1", "HEAD", "sit", cwd=work)
    assert via_git.returncode == plain.returncode == 1
    named = via_git.stdout.splitlines()
    assert named[2].startswith("From commit") and named[3] == ""
    assert "\n".join(named[:2] + named[4:]) + "\n" == plain.stdout  # but for the line naming the commits
    md = run("diff", "--format", "md", "--git", "HEAD~1", "HEAD", "sit", cwd=work)
    assert "- **People:** about 1,000 → about 1,500" in md.stdout


def test_diff_git_errors_are_one_line(repo, tmp_path: Path) -> None:
    work = repo
    unknown = run("diff", "--git", "no-such-rev", "sit", cwd=work)
    assert unknown.returncode == 2 and "unknown revision 'no-such-rev'" in unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "s.yaml").write_text(HEAD, encoding="utf-8")
    nogit = run("diff", "--git", "HEAD", "s.yaml", cwd=outside)
    assert nogit.returncode == 2 and nogit.stderr == "sitboard: s.yaml is not in a git work tree\n"
    usage = run("diff", "--git", "HEAD", "HEAD~1", "sit", "more", cwd=work)
    assert usage.returncode == 2 and "--git needs REV" in usage.stderr
    evil = run("diff", "--git", "\x1b]0;x\x07", "sit", cwd=work)
    assert evil.returncode == 2 and "\x1b" not in evil.stderr and "\x07" not in evil.stderr


def test_brief_since_a_revision(repo) -> None:
    work = repo
    first = git(work, "rev-parse", "--short=7", "HEAD~1").strip()
    proc = run("brief", "sit", "--since", "HEAD~1", "--format", "text", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert (
        f"What changed since commit {first} “First picture” (Anna Analyst, 09 Aug 2024 09:00 UTC)"
        " (as of 09 Aug 2024 12:00 UTC+03:00)"
    ) in proc.stdout
    assert "about 1,000 → about 1,500" in proc.stdout and "New (1)" in proc.stdout
    short = run("brief", "sit", "--short", "--since", "HEAD~1", "--format", "text", cwd=work)
    assert short.returncode == 0 and f"Changes since commit {first}" in short.stdout
    bad = run("brief", "sit", "--since", "no-such-rev", cwd=work)
    assert bad.returncode == 2 and "unknown revision" in bad.stderr


def test_brief_authors(repo, tmp_path: Path) -> None:
    work = repo
    second = git(work, "rev-parse", "--short=7", "HEAD").strip()
    proc = run("brief", "sit", "--authors", "--format", "text", cwd=work)
    assert proc.returncode == 0, proc.stderr
    flat = " ".join(proc.stdout.split())  # the text brief wraps at 78 columns
    town = flat[flat.index("* Town") :]
    assert f"Last changed: commit {second} “Evacuation figures” (Anna Analyst, 09 Aug 2024 10:30 UTC)" in town
    strike = flat[flat.index("* Strike on a depot") :]
    assert "Last changed: local edits (not committed yet)" in strike
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "s.yaml").write_text(HEAD, encoding="utf-8")
    nogit = run("brief", "s.yaml", "--authors", cwd=outside)
    assert nogit.returncode == 2 and "--authors: s.yaml is not in a git work tree" in nogit.stderr


def test_follow_outside_a_work_tree_says_so(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(HEAD, encoding="utf-8")
    proc = run("--follow", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "sitboard: --follow: s.yaml is not in a git work tree (nothing to follow)\n"


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e15", "nan", "inf"])
def test_every_out_of_range_keeps_the_default_with_a_warning(tmp_path: Path, value: str) -> None:
    (tmp_path / "s.yaml").write_text(HEAD, encoding="utf-8")
    proc = run("--every", value, "s.yaml", cwd=tmp_path)  # no terminal: stops after the flags
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert lines[0] == f"sitboard: warning: --every '{value}' is not a number of seconds from 1 to 86400; using 60"
    assert lines[1] == "sitboard: warning: --every has no effect without --follow"
    assert "sitboard brief" in lines[2]
