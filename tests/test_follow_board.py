"""`sitboard --follow` on the board (issue 15): a push from one clone reaches the board
following the other; the header says the sync state; a git failure is one line in the
error bar and the picture stays; `r` fetches. Real repositories, the real watcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_support import Sites, events, git
from live_support import wait_until

from tui.ui.app import SitboardApp


@pytest.fixture
def sites(tmp_path: Path) -> Sites:
    return Sites(tmp_path)


def board(sites: Sites, every: float) -> SitboardApp:
    return SitboardApp([str(sites.field / "sit")], read_user_keymap=False, follow=[sites.field], every=every)


async def test_a_push_reaches_the_following_board(sites: Sites) -> None:
    app = board(sites, every=0.5)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None and app.follow.syncs_applied >= 1)
        assert app.reload_text().startswith("synced ") and "origin/main" in app.reload_text()
        sites.push({"sit/s.yaml": events(["a", "b", "c"], what="pushed")}, "add c")
        await wait_until(pilot, lambda: app.situation.item("c") is not None, timeout=20)
        assert app.situation.item("a").what == "pushed a"
        head = git(sites.hq, "rev-parse", "--short", "HEAD")
        assert git(sites.field, "rev-parse", "--short", "HEAD") == head
        await wait_until(pilot, lambda: f"origin/main {head}" in app.reload_text())


async def test_offline_keeps_the_picture_and_says_so_in_one_line(sites: Sites, tmp_path: Path) -> None:
    app = board(sites, every=0.5)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None and app.follow.syncs_applied >= 1)
        items = app.situation.item_count
        sites.remote.rename(tmp_path / "gone.git")
        await wait_until(pilot, lambda: "offline since" in app.reload_text(), timeout=20)
        assert "last synced" in app.reload_text()
        assert app.situation.item_count == items  # the picture kept
        git_lines = [m for m in app.board.errorbar.messages if m.startswith("git: ")]
        assert len(git_lines) == 1 and "\n" not in git_lines[0]
        (tmp_path / "gone.git").rename(sites.remote)  # back
        await wait_until(pilot, lambda: app.reload_text().startswith("synced "), timeout=20)
        assert not any(m.startswith("git: ") for m in app.board.errorbar.messages)


async def test_local_edits_and_a_diverged_branch_are_left_as_they_are(sites: Sites) -> None:
    mine = events(["a", "b"], what="my draft")
    (sites.field / "sit" / "s.yaml").write_text(mine)
    app = board(sites, every=0.5)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None and app.follow.syncs_applied >= 1)
        sites.push({"sit/s.yaml": events(["a", "b", "c"])}, "add c")
        await wait_until(pilot, lambda: "local edits: not pulled" in app.reload_text(), timeout=20)
        assert app.situation.item("c") is None and app.situation.item("a").what == "my draft a"
        assert (sites.field / "sit" / "s.yaml").read_text() == mine


async def test_r_fetches_at_once(sites: Sites) -> None:
    app = board(sites, every=3600)  # the timer would wait an hour
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None and app.follow.syncs_applied >= 1)
        sites.push({"sit/s.yaml": events(["a", "b", "d"])}, "add d")
        await pilot.press("r")
        await wait_until(pilot, lambda: app.situation.item("d") is not None, timeout=20)


@pytest.mark.parametrize("width", [80, 100])
async def test_a_long_sync_state_never_pushes_the_marking_off_the_header(width: int) -> None:
    from tui.runtime.paths import default_situation_path

    app = SitboardApp([str(default_situation_path())], read_user_keymap=False, watch=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        app.set_reload_state("synced 10:54 · origin/main 5d19095 · reloaded 10:54:03 · title changed · 3 new commits")
        await pilot.pause()
        marking = app.board.query_one("#header-marking")
        assert marking.region.right <= width and marking.region.width >= len(" TLP:CLEAR ")
        assert "TLP:CLEAR" in str(marking.render())
