"""Following a situation's git repository (issue 15; tui/runtime/git.py) with real
repositories in tmp_path: a push seen by the other clone, an unreachable remote, a
diverged branch, local edits, a force-pushed remote. Only the git command line."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from git_support import Sites, commit, events, git

from tui.runtime.git import Follower, GitError, run, work_tree


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 2, 11, 40, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def hhmm(t: dt.datetime) -> str:
    return t.astimezone().strftime("%H:%M")


@pytest.fixture
def sites(tmp_path: Path) -> Sites:
    return Sites(tmp_path)


def test_a_push_from_one_clone_is_pulled_by_the_other(sites: Sites) -> None:
    clock = Clock()
    f = Follower(work_tree(sites.field / "sit"), clock=clock)
    state = f.sync()
    assert state.status == "synced" and state.pulled == 0 and state.upstream == "origin/main"
    assert state.header_text() == f"synced {hhmm(clock.now)} · origin/main {state.upstream_head}"

    sha = sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
    sites.push({"sit/s.yaml": events(["a", "b", "c", "d"])}, "add d")
    clock.now += dt.timedelta(minutes=21)
    state = f.sync()
    assert state.status == "synced" and state.pulled == 2
    assert (sites.field / "sit" / "s.yaml").read_text() == events(["a", "b", "c", "d"])
    assert git(sites.field, "rev-parse", "HEAD") == git(sites.hq, "rev-parse", "HEAD") != sha
    assert state.upstream_head == state.head == git(sites.hq, "rev-parse", "--short", "HEAD")
    assert state.header_text() == f"synced {hhmm(clock.now)} · origin/main {state.head} · 2 new commits"
    assert f.sync().pulled == 0  # nothing new: no "new commits" any more


def test_an_unreachable_remote_is_offline_since_and_keeps_the_picture(sites: Sites, tmp_path: Path) -> None:
    clock = Clock()
    f = Follower(sites.field, clock=clock)
    synced_at = f.sync().synced_at
    moved = tmp_path / "moved.git"
    sites.remote.rename(moved)  # the server is gone
    before = (sites.field / "sit" / "s.yaml").read_text()
    clock.now += dt.timedelta(minutes=2)
    down_at = clock.now
    state = f.sync()
    assert state.status == "offline" and state.offline_since == down_at and state.synced_at == synced_at
    assert state.header_text() == f"offline since {hhmm(down_at)} (last synced {hhmm(synced_at)})"
    assert state.error and "\n" not in state.error  # git's words, one line, for the error bar
    clock.now += dt.timedelta(minutes=5)
    assert f.sync().offline_since == down_at  # since the FIRST failure
    assert (sites.field / "sit" / "s.yaml").read_text() == before
    moved.rename(sites.remote)  # back
    state = f.sync()
    assert state.status == "synced" and state.offline_since is None and state.synced_at == clock.now


def test_a_refused_connection_never_prompts(sites: Sites) -> None:
    git(sites.field, "remote", "set-url", "origin", "ssh://sitboard@127.0.0.1:1/remote.git")
    f = Follower(sites.field, fetch_timeout=30)
    state = f.sync()  # BatchMode: a refusal, never a password prompt (stdin is closed too)
    assert state.status == "offline" and state.error
    git(sites.field, "remote", "set-url", "origin", "https://127.0.0.1:1/remote.git")
    assert f.sync().status == "offline"


def test_local_edits_are_left_as_they_are(sites: Sites) -> None:
    f = Follower(sites.field)
    f.sync()
    mine = events(["a", "b"], what="my edit")
    (sites.field / "sit" / "s.yaml").write_text(mine)
    head = git(sites.field, "rev-parse", "HEAD")
    sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
    state = f.sync()
    assert state.status == "local-edits" and state.waiting == 1
    assert state.header_text() == "local edits: not pulled · 1 new commit on origin/main"
    assert (sites.field / "sit" / "s.yaml").read_text() == mine and git(sites.field, "rev-parse", "HEAD") == head
    # staged counts too; an untracked file does not
    git(sites.field, "add", "sit/s.yaml")
    assert f.sync().status == "local-edits"
    git(sites.field, "reset", "-q", "--hard")
    (sites.field / "notes.txt").write_text("untracked")
    state = f.sync()
    assert state.status == "synced" and state.pulled == 1


def test_a_diverged_branch_is_never_merged(sites: Sites) -> None:
    f = Follower(sites.field)
    commit(sites.field, {"sit/local.yaml": events(["x"])}, "a local commit")
    head = git(sites.field, "rev-parse", "HEAD")
    sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
    state = f.sync()
    assert state.status == "diverged" and state.ahead == 1 and state.waiting == 1
    assert state.header_text() == "diverged from origin/main: not pulled"
    assert git(sites.field, "rev-parse", "HEAD") == head
    assert git(sites.field, "log", "--merges", "--format=%H") == ""  # never a merge commit


def test_a_force_pushed_remote_is_diverged_never_reset(sites: Sites) -> None:
    f = Follower(sites.field)
    sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
    assert f.sync().pulled == 1
    head = git(sites.field, "rev-parse", "HEAD")
    # the analyst rewrites the last commit and force-pushes
    (sites.hq / "sit" / "s.yaml").write_text(events(["a", "b", "C"]))
    git(sites.hq, "commit", "-q", "-a", "--amend", "-m", "add C (rewritten)")
    git(sites.hq, "push", "-q", "--force", "origin", "main")
    state = f.sync()
    assert state.status == "diverged"
    assert git(sites.field, "rev-parse", "HEAD") == head
    assert (sites.field / "sit" / "s.yaml").read_text() == events(["a", "b", "c"])

    # a force push that only rewinds (the remote lost a commit the board has): diverged too
    g = Follower(sites.field)
    git(sites.field, "reset", "-q", "--hard", "origin/main")
    g.sync()
    git(sites.hq, "reset", "-q", "--hard", "HEAD~1")
    git(sites.hq, "push", "-q", "--force", "origin", "main")
    assert g.sync().status == "diverged"


def test_hooks_never_run(sites: Sites) -> None:
    hook = sites.field / ".git" / "hooks" / "post-merge"
    marker = sites.field.parent / "hook-ran"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    f = Follower(sites.field)
    sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
    assert f.sync().pulled == 1
    assert not marker.exists()


def test_no_upstream_detached_and_outside_a_work_tree(sites: Sites, tmp_path: Path) -> None:
    git(sites.field, "checkout", "-q", "-b", "mine")
    state = Follower(sites.field).sync()
    assert state.status == "no-upstream" and state.header_text() == "branch mine has no upstream: not followed"
    git(sites.field, "checkout", "-q", "--detach")
    assert Follower(sites.field).sync().header_text() == "detached HEAD: not followed"
    outside = tmp_path / "plain"
    outside.mkdir()
    assert work_tree(outside) is None and work_tree(outside / "x.yaml") is None
    assert work_tree(sites.field / "sit" / "s.yaml") == sites.field


def test_run_is_bounded_and_timed(sites: Sites) -> None:
    big = run(["log", "--format=%H%n%H%n%H"], sites.field, max_output=50)
    assert big.truncated and len(big.out) == 50 and not big.ok
    with pytest.raises(GitError, match="took longer"):
        run(["-c", "alias.slow=!sleep 5", "slow"], sites.field, timeout=0.5)  # a git that hangs


def test_the_callers_git_environment_is_not_used(sites: Sites, tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "other"
    git(tmp_path, "init", "-q", str(other))
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))  # as inside a git hook
    assert work_tree(sites.field) == sites.field
    os.environ.pop("GIT_DIR")
