"""Settled writes on the board (issue 10 item 3): the default situation rewritten in place
in 4 KB pieces, as scp and rsync --inplace do. Real files, the real watcher, a writer
thread pacing the pieces as those tools do."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from live_support import open_board, save, wait_until

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp

CHUNK = 4096


def pieces(path: Path, data: bytes, *, gap: float = 0.05, pause_at: int | None = None, pause: float = 0.0):
    """Truncate `path` and write `data` in CHUNK pieces `gap` apart (same inode), pausing
    `pause` seconds before the piece that starts at `pause_at`; runs in a thread."""

    def run() -> None:
        with open(path, "r+b", buffering=0) as fh:
            fh.truncate(0)
            for start in range(0, len(data), CHUNK):
                if start == pause_at:
                    time.sleep(pause)
                fh.write(data[start : start + CHUNK])
                time.sleep(gap)

    t = threading.Thread(target=run, name="writer")
    t.start()
    return t


def copy_default(tmp_path: Path) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    for f in default_situation_path().glob("*.yaml"):
        shutil.copy(f, d / f.name)
    (f,) = d.glob("*.yaml")
    return f


class Recorder:
    """Every picture the board applied, and every notice."""

    def __init__(self, app: SitboardApp) -> None:
        self.counts: list[int] = []
        self.notices: list[str] = []
        real_apply, real_notify = app.apply_result, app.notify

        def apply(result):
            real_apply(result)
            self.counts.append(app.situation.item_count if app.situation else 0)

        def notify(message, *a, **k):
            self.notices.append(str(message))
            return real_notify(message, *a, **k)

        app.apply_result = apply  # type: ignore[method-assign]
        app.notify = notify  # type: ignore[method-assign]


def settled(app: SitboardApp, writer: threading.Thread):
    ctl = app.live.reloader
    return lambda: (
        not writer.is_alive()
        and not ctl.running
        and not ctl.has_pending
        and not ctl.holding()
        and not ctl.changed_on_disk()  # the loads have read the last piece
    )


async def test_identical_content_in_pieces_changes_nothing(tmp_path: Path) -> None:
    f = copy_default(tmp_path)
    data = f.read_bytes()
    assert len(data) > 2 * CHUNK  # several pieces
    app = SitboardApp([str(f.parent)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        items, header = app.situation.item_count, app.live.reload_text()
        seen = Recorder(app)
        writer = pieces(f, data)
        await wait_until(pilot, settled(app, writer), timeout=20)
        await pilot.pause()  # what the last load posted is handled
        assert app.situation.item_count == items
        assert seen.counts == [] and seen.notices == []  # nothing applied, nothing said
        assert app.live.marked == {} and not app.live.changed_ids
        assert app.live.reload_text() == header


async def test_a_two_second_pause_mid_write_keeps_the_last_picture(tmp_path: Path) -> None:
    f = copy_default(tmp_path)
    data = f.read_bytes()
    app = SitboardApp([str(f.parent)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        items = app.situation.item_count
        seen = Recorder(app)
        writer = pieces(f, data, pause_at=CHUNK, pause=2.0)  # one piece written, then 2 s
        await wait_until(pilot, lambda: "being written" in app.live.reload_text(), timeout=10)
        assert f.name in app.live.reload_text()
        assert app.situation.item_count == items  # the last picture, whole
        assert writer.is_alive()  # still in the pause
        await wait_until(pilot, settled(app, writer), timeout=20)
        await pilot.pause()  # what the last load posted is handled
        assert all(n == items for n in seen.counts)  # never a picture with items gone
        assert app.situation.item_count == items and app.live.marked == {}
        assert not any("Removed" in n or "removed" in n for n in seen.notices)
        assert "being written" not in app.live.reload_text()


async def test_a_save_that_removes_an_item_shows_once_the_file_is_quiet(tmp_path: Path) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    f = d / "s.yaml"
    head = "situation:\n  id: s\n  title: T\n  as_of: 2024-08-07\nevents:\n"
    save(f, head + "".join(f"  - {{id: e{n}, what: event {n}}}\n" for n in range(5)))
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        save(f, head + "".join(f"  - {{id: e{n}, what: event {n}}}\n" for n in range(4)))
        await wait_until(pilot, lambda: app.situation.item("e4") is None)
        assert "1 removed" in app.live.reload_text()
        assert [it.id for it in app.live.removed_items] == ["e4"]
