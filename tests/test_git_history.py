"""What git knows about a situation (issue 15; tui/runtime/githistory.py), with real
repositories: who last changed an item's lines, the commits that changed the files, the
situation as of a commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_support import HEAD, Sites, commit, events, git

from tui.model.load import load
from tui.runtime.git import GitError
from tui.runtime.githistory import NOT_COMMITTED, Blamer, file_at, history, item_range, resolve, situation_at


@pytest.fixture
def sites(tmp_path) -> Sites:
    return Sites(tmp_path)


def ids(result) -> list[str]:
    (sit,) = result.situations
    return [it.id for it in sit.items()]


def test_history_newest_first_and_bounded(sites: Sites) -> None:
    first = git(sites.hq, "rev-parse", "HEAD")
    sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c", author="Boris Desk")
    sites.push({"notes.txt": "not a situation file\n"}, "unrelated")
    last = sites.push({"sit/s.yaml": events(["a", "b", "c", "d"])}, "add d")
    commits = history([sites.hq / "sit"])
    assert [c.subject for c in commits] == ["add d", "add c", "first picture"]
    assert commits[0].sha == last and commits[-1].sha == first and commits[1].author == "Boris Desk"
    assert commits[0].short == last[:7] and commits[0].time is not None
    assert [c.subject for c in history([sites.hq / "sit" / "s.yaml"], limit=2)] == ["add d", "add c"]


def test_situation_at_a_commit(sites: Sites) -> None:
    first = git(sites.hq, "rev-parse", "HEAD")
    sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
    sites.push({"sit/t.yaml": "situation: {id: s}\nfronts:\n  - {id: f1, name: North}\n"}, "a second part")
    now = load([sites.hq / "sit"])
    assert ids(now) == ["f1", "a", "b", "c"]
    assert ids(situation_at("HEAD", [sites.hq / "sit"])) == ids(now)
    assert ids(situation_at("HEAD~1", [sites.hq / "sit"])) == ["a", "b", "c"]  # the directory as it was
    old = situation_at(first, [sites.hq / "sit"])
    assert ids(old) == ["a", "b"]
    # the same names as the working tree: item origins point at the files on disk
    assert old.files == (str(sites.hq / "sit" / "s.yaml"),)
    # a part that did not exist then is said, not an error
    res = situation_at(first, [sites.hq / "sit" / "t.yaml"])
    assert res.situations == () and any("did not exist" in d.message for d in res.warnings)


def test_situation_at_refuses_what_it_cannot_name(sites: Sites, tmp_path) -> None:
    with pytest.raises(GitError, match="unknown revision"):
        situation_at("no-such-rev", [sites.hq / "sit"])
    with pytest.raises(GitError, match="not a revision"):
        situation_at("--output=/tmp/x", [sites.hq / "sit"])  # never an option
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(GitError, match="not in a git work tree"):
        situation_at("HEAD", [outside])
    assert resolve("HEAD", sites.hq).subject == "first picture"


def test_file_at_is_bytes_and_size_capped(sites: Sites) -> None:
    data = file_at("HEAD", sites.hq / "sit" / "s.yaml")
    assert data == events(["a", "b"]).encode()
    assert file_at("HEAD", sites.hq / "sit" / "missing.yaml") is None
    with pytest.raises(GitError, match="larger than"):
        file_at("HEAD", sites.hq / "sit" / "s.yaml", max_bytes=10)


def test_blame_names_the_last_commit_that_changed_the_item(sites: Sites) -> None:
    repo = sites.hq
    f = repo / "sit" / "s.yaml"
    commit(repo, {"sit/s.yaml": events(["a", "b", "c"])}, "add c", author="Boris Desk")
    text = events(["a", "b", "c"]).replace("event b", "event b (confirmed)")
    commit(repo, {"sit/s.yaml": text}, "b confirmed by the ministry", author="Chen Field")
    sit = load([f]).situations[0]
    blamer = Blamer()
    who = {it.id: blamer.item(it, sit.items()) for it in sit.items()}
    assert who["a"].author == "Anna Analyst" and who["a"].subject == "first picture"
    assert who["b"].author == "Chen Field" and who["b"].subject == "b confirmed by the ministry"
    assert who["c"].author == "Boris Desk" and who["c"].time is not None
    calls = blamer.calls
    blamer.item(sit.item("b"), sit.items())
    assert blamer.calls == calls  # cached for this content
    # an edit not committed yet
    f.write_text(text.replace("event a", "event a (draft)"))
    sit = load([f]).situations[0]
    assert blamer.item(sit.item("a"), sit.items()) == NOT_COMMITTED
    assert blamer.item(sit.item("c"), sit.items()).author == "Boris Desk"
    assert blamer.calls > calls


def test_blame_every_item_at_once_agrees_with_one_by_one(sites: Sites) -> None:
    repo = sites.hq
    f = repo / "sit" / "s.yaml"
    ids_ = [f"e{n}" for n in range(12)]
    commit(repo, {"sit/s.yaml": events(ids_)}, "twelve events", author="Boris Desk")
    what = {i: f"event {i}" for i in ids_}

    def body() -> str:
        return HEAD + "events:\n" + "".join(f"  - id: {i}\n    what: {what[i]}\n" for i in ids_)

    for n, who in ((3, "Chen Field"), (7, "Dana Night"), (3, "Dana Night")):
        what[f"e{n}"] = f"event e{n} (update by {who})"
        commit(repo, {"sit/s.yaml": body()}, f"e{n} updated", author=who)
    (repo / "sit" / "t.yaml").write_text("situation: {id: s}\nfronts:\n  - {id: f1, name: North}\n")  # untracked
    what["e9"] = "event e9 (draft)"
    f.write_text(body())  # not committed yet
    sit = load([repo / "sit"]).situations[0]
    one_by_one = Blamer()
    expected = {it.id: one_by_one.item(it, sit.items()) for it in sit.items()}
    at_once = Blamer()
    got = at_once.items(sit.items())
    assert at_once.calls == 2  # one blame per file, not one per item
    assert {k: v for k, v in expected.items() if v is not None} == got
    assert got["e3"].author == "Dana Night" and got["e7"].author == "Dana Night"
    assert got["e0"].author == "Boris Desk" and got["e9"] == NOT_COMMITTED
    assert "f1" not in got  # an untracked file: git has nothing to say


def test_item_range_stops_at_the_next_item_or_top_level_key(tmp_path) -> None:
    text = (
        HEAD
        + "events:\n  - id: a\n    what: A\n\n  # a comment about b\n  - id: b\n    what: B\n"
        + "sources:\n  wire: {name: Wire}\nfronts:\n  - id: f\n    name: F\n"
    )
    f = tmp_path / "s.yaml"
    f.write_text(text)
    sit = load([f]).situations[0]
    lines = text.splitlines()
    a, b, fr = sit.item("a"), sit.item("b"), sit.item("f")
    assert item_range(text, a, sit.items()) == (a.origin.line, a.origin.line + 1)  # blank and comment left out
    first, last = item_range(text, b, sit.items())
    assert lines[first - 1].strip() == "- id: b" and lines[last - 1].strip() == "what: B"  # not `sources:`
    assert item_range(text, fr, sit.items()) == (fr.origin.line, len(lines))


def test_blame_outside_a_work_tree_is_none(tmp_path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(events(["a"]))
    sit = load([f]).situations[0]
    assert Blamer().item(sit.item("a"), sit.items()) is None


def test_outside_git_the_detail_neither_reads_the_file_nor_runs_git(tmp_path, monkeypatch) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(events(["a"]))
    sit = load([f]).situations[0]
    blamer = Blamer()
    read: list[str] = []
    real_read_text = Path.read_text
    monkeypatch.setattr(
        Path, "read_text", lambda self, *a, **k: read.append(str(self)) or real_read_text(self, *a, **k)
    )
    assert not blamer.may_be_in_git(f)
    assert blamer.item(sit.item("a"), sit.items()) is None
    assert read == [] and blamer.calls == 0
    (tmp_path / ".git").mkdir()  # a folder above with .git: looked up (git itself decides)
    assert Blamer().may_be_in_git(f)
