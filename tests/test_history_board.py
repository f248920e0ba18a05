"""The board and git (issue 15): `[` / `]` step through the history of the situation's files,
the detail says who last changed an item, `--read-only` refuses b and p. Pilot, a real
git repository, real files and the real watcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_support import HEAD, commit, git
from live_support import open_board, save, wait_until

from tui.ui.app import SitboardApp
from tui.ui.blame import BlameLine
from tui.ui.screens.changes import ChangesScreen
from tui.ui.screens.detail import DetailScreen


def text(ids: list[str], marking: str = "TLP:CLEAR") -> str:
    head = HEAD.replace("as_of: 2024-08-07\n", f"as_of: 2024-08-07\n  marking: {marking}\n")
    return head + "events:\n" + "".join(f"  - id: {i}\n    what: event {i}\n" for i in ids)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    commit(r, {"sit/s.yaml": text(["a"])}, "first: a", author="Anna Analyst")
    commit(r, {"sit/s.yaml": text(["a", "b"])}, "b added", author="Boris Desk")
    commit(r, {"sit/s.yaml": text(["a", "b", "c"], marking="TLP:RED")}, "c added, now RED", author="Chen Field")
    return r


def event_ids(app: SitboardApp) -> list[str]:
    return list(app.board.pane("events").row_ids)


async def test_brackets_step_back_and_forward_through_git(repo: Path) -> None:
    app = SitboardApp([str(repo / "sit")], read_user_keymap=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_board(pilot, app)
        assert event_ids(app) == ["a", "b", "c"]
        await pilot.press("left_square_bracket")  # the files on disk are the newest commit: one before it
        await wait_until(pilot, lambda: app.history.viewing is not None)
        assert event_ids(app) == ["a", "b"]
        assert app.reload_text().startswith("viewing the version of ") and "1 commit ago" in app.reload_text()
        assert app.situation.marking == "TLP:RED"  # never weaker than the live picture's
        assert any("b added" in n and "Boris Desk" in n for n in app.notices)
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: event_ids(app) == ["a"])
        assert "2 commits ago" in app.reload_text()
        await pilot.press("left_square_bracket")  # nothing older
        await wait_until(pilot, lambda: any("no older version" in n for n in app.notices))
        assert event_ids(app) == ["a"]

        # the live reload goes on underneath; the version viewed stays on the board
        save(repo / "sit" / "s.yaml", text(["a", "b", "c", "d"], marking="TLP:RED"))
        await wait_until(pilot, lambda: app.history.live is not None and app.history.live.item("d") is not None)
        assert event_ids(app) == ["a"]

        # B: from the version viewed to the live picture
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, ChangesScreen))
        assert set(app.screen.diff.new) == {"b", "c", "d"}
        await pilot.press("B")

        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: event_ids(app) == ["a", "b"])
        await pilot.press("right_square_bracket")  # after the newest: the live picture
        await wait_until(pilot, lambda: app.history.viewing is None)
        assert event_ids(app) == ["a", "b", "c", "d"]
        assert not app.reload_text().startswith("viewing")
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: any("This is the live picture" in n for n in app.notices))


async def test_outside_git_the_brackets_say_so(tmp_path: Path) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "s.yaml").write_text(text(["a"]))
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: any("not in git" in n for n in app.notices))
        assert app.history.viewing is None and event_ids(app) == ["a"]


async def test_the_detail_says_who_last_changed_the_item(repo: Path) -> None:
    app = SitboardApp([str(repo / "sit")], read_user_keymap=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_board(pilot, app)
        await pilot.press("5")  # events
        app.board.pane("events").select_id("b")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen))
        line = app.screen.query_one(BlameLine)
        await wait_until(pilot, lambda: line.display)
        shown = str(line.render())
        assert "Last changed" in shown and "Boris Desk" in shown and "“b added”" in shown
        await pilot.press("escape")
        # a version from git: its lines are not the ones on disk, so no blame
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: app.history.viewing is not None)
        app.board.pane("events").select_id("a")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen))
        # a blame lookup, had one started, is done and its answer handled
        blame_done = lambda: all(w.is_finished for w in app.workers if w.group == "blame")  # noqa: E731
        await wait_until(pilot, blame_done, what="no blame lookup running")
        await pilot.pause()
        assert not app.screen.query_one(BlameLine).display


async def test_read_only_refuses_baseline_and_pause(repo: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    app = SitboardApp([str(repo / "sit")], read_user_keymap=False, read_only=True, state_dir=str(state))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_board(pilot, app)
        await pilot.press("b")
        await wait_until(pilot, lambda: any("Read-only board: b" in n for n in app.notices))
        assert not (state / "baselines").exists()
        await pilot.press("p")
        await wait_until(pilot, lambda: any("Read-only board: p" in n for n in app.notices))
        assert not app.live.paused
        save(repo / "sit" / "s.yaml", text(["a", "b", "c", "z"], marking="TLP:RED"))  # still following
        await wait_until(pilot, lambda: "z" in event_ids(app))
