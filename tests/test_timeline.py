"""Stepping through a situation's git history (issue 15, `[` / `]`; tui/runtime/timeline.py)
with a real repository."""

from __future__ import annotations

import pytest
from git_support import Sites, commit, events, git

from tui.runtime.git import GitError
from tui.runtime.timeline import LIVE, Timeline


@pytest.fixture
def sites(tmp_path) -> Sites:
    s = Sites(tmp_path)
    commit(s.hq, {"sit/s.yaml": events(["a", "b", "c"])}, "add c", author="Boris Desk")
    commit(s.hq, {"sit/s.yaml": events(["a", "b", "c", "d"])}, "add d \x1b[31mred\x1b[0m")
    return s


def ids(result) -> list[str]:
    return [it.id for it in result.situations[0].items()]


def test_step_back_and_forward_skipping_the_version_on_disk(sites: Sites) -> None:
    tl = Timeline([sites.hq / "sit"])
    assert [c.subject.split(" ")[0:2] for c in tl.load()] == [["add", "d"], ["add", "c"], ["first", "picture"]]
    assert tl.disk_is_newest and tl.position == LIVE
    assert tl.step(-1) is None and tl.position == LIVE  # nothing newer than live
    pos = tl.step(+1)  # the newest commit is what is on disk: one further back
    assert pos == 1 and ids(tl.result(pos)) == ["a", "b", "c"]
    assert tl.banner(pos).startswith("viewing the version of ") and ", 1 commit ago: " in tl.banner(pos)
    assert "Boris Desk" in tl.banner(pos)
    assert tl.step(+1) == 2 and ids(tl.result(2)) == ["a", "b"] and ", 2 commits ago" in tl.banner(2)
    assert tl.step(+1) is None and tl.position == 2  # the oldest: stays
    assert tl.step(-1) == 1 and tl.step(-1) == LIVE  # back to the live picture


def test_local_edits_make_the_newest_commit_a_step_of_its_own(sites: Sites) -> None:
    (sites.hq / "sit" / "s.yaml").write_text(events(["a", "b", "c", "d", "e"]))
    tl = Timeline([sites.hq / "sit"])
    tl.load()
    assert not tl.disk_is_newest
    assert tl.step(+1) == 0 and ids(tl.result(0)) == ["a", "b", "c", "d"]
    banner = tl.banner(0)
    assert ", 1 commit ago" in banner and "\x1b" not in banner  # git's text shown literally, never sent raw


def test_results_are_cached_and_outside_git_is_an_error(sites: Sites, tmp_path) -> None:
    tl = Timeline([sites.hq / "sit"])
    tl.load()
    first = tl.result(1)
    assert tl.result(1) is first
    plain = tmp_path / "plain"
    plain.mkdir()
    assert not Timeline([plain]).available
    with pytest.raises(GitError):
        Timeline([plain]).load()
    assert git(sites.hq, "status", "--porcelain") == ""  # nothing written to the checkout
