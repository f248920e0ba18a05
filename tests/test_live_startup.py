"""Saves right after start-up are not missed (the watcher arms after the first frame):
once the watch is in place, what the first load read is compared with the disk, and a
file saved in the gap is reloaded. Real files, the real watcher, atomic saves."""

from __future__ import annotations

import threading
from pathlib import Path

from live_support import save, until_quiet, wait_until

HEAD = "situation:\n  id: s\n  title: Start-up\n  as_of: 2024-08-07\n"


def fronts(status: str) -> str:
    return f"situation: {{id: s}}\nfronts:\n  - {{id: f1, name: North, status: {status}}}\n"


def make_dir(tmp_path: Path) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "00-head.yaml").write_text(HEAD, encoding="utf-8")
    save(d / "fronts.yaml", fronts("holding"))
    return d


def status_of(app) -> str:
    return app.situation.item("f1").status


def late_watch_app(paths, **kw):
    """The board whose watcher starts only when the test says (the start-up gap made
    wide enough to save in)."""
    from tui.ui.app import SitboardApp

    class LateWatch(SitboardApp):
        def start_watching(self) -> None:  # on_mount's call: not yet
            pass

        def start_now(self) -> None:
            super().start_watching()

    return LateWatch(paths, read_user_keymap=False, **kw)


async def test_a_save_before_the_watcher_armed_is_reloaded(tmp_path):
    d = make_dir(tmp_path)
    app = late_watch_app([str(d)], state_dir=str(tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        assert status_of(app) == "holding"
        loads = app.reloads_applied
        save(d / "fronts.yaml", fronts("contested"))  # nobody watching yet
        (d / "events.yaml").write_text("situation: {id: s}\nevents:\n  - {id: e1, what: new part}\n", encoding="utf-8")
        app.start_now()
        await wait_until(pilot, lambda: app.situation.item("e1") is not None and status_of(app) == "contested")
        assert app.reloads_applied == loads + 1  # one reload for both
        assert app.situation.item("e1") is not None
        # and the watcher is live from here on
        save(d / "fronts.yaml", fronts("withdrawing"))
        await wait_until(pilot, lambda: status_of(app) == "withdrawing")


async def test_nothing_saved_during_start_up_means_no_reload(tmp_path):
    d = make_dir(tmp_path)
    app = late_watch_app([str(d)], state_dir=str(tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        loads = app.reloads_applied
        app.start_now()
        await until_quiet(pilot, app)
        assert app.reloads_applied == loads
        assert "reloaded" not in app.reload_text()


async def test_a_save_while_the_first_load_runs_is_reloaded_after_it(tmp_path, monkeypatch):
    """The first load has read the file, the file is saved, the watch arms while that
    load is still running: one more reload follows it."""
    from tui.runtime.reload import ReloadController

    d = make_dir(tmp_path)
    read_done, release = threading.Event(), threading.Event()
    original = ReloadController.reload
    calls = []

    def slow_first(self, changed=None):
        result = original(self, changed)
        calls.append(1)
        if len(calls) == 1:
            read_done.set()
            release.wait(10)
        return result

    monkeypatch.setattr(ReloadController, "reload", slow_first)
    app = late_watch_app([str(d)], state_dir=str(tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, read_done.is_set)
        save(d / "fronts.yaml", fronts("contested"))  # after the load read it
        app.start_now()
        await wait_until(pilot, lambda: app.live.watcher is not None and app.live.watcher.armed)
        assert app.live.reloader.running
        release.set()
        await wait_until(pilot, lambda: app.situation is not None and status_of(app) == "contested")
        assert len(calls) == 2
