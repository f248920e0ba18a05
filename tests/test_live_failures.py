"""After any error the board keeps its picture, says so, and keeps following the files
(issue 10): an error while a reload is built (in the worker) or applied (on the UI thread);
one crash log per distinct error, not one per save. Real files, the real watcher."""

from __future__ import annotations

from pathlib import Path

from live_support import open_board, save, wait_until

from tui.runtime import reload as reload_mod
from tui.ui.app import SitboardApp

HEAD = "situation:\n  id: s\n  title: {title}\n  as_of: 2024-08-07\nevents:\n  - {{id: a, what: {what}}}\n"


def body(title: str, what: str = "first") -> str:
    return HEAD.format(title=title, what=what)


def logs(state: Path) -> list[Path]:
    return sorted(state.glob("**/crash-*.log"))


async def test_an_error_building_a_reload_keeps_the_picture_and_the_board_follows(tmp_path, monkeypatch):
    state = tmp_path / "state"
    monkeypatch.setenv("SITBOARD_STATE_DIR", str(state))
    real_diff = reload_mod.diff_results

    def diff_results(old, new):  # a bug on some content, as the OverflowError of issue 10
        if any("BOOM" in s.title for s in new.situations):
            raise OverflowError("date value out of range")
        return real_diff(old, new)

    monkeypatch.setattr(reload_mod, "diff_results", diff_results)
    f = tmp_path / "s.yaml"
    save(f, body("Calm"))
    app = SitboardApp([str(f)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        for n in range(6):  # six failing saves
            save(f, body("BOOM", what=f"take {n}"))
            await wait_until(pilot, lambda: "reload failed" in app.live.reload_text() and not app.live.reloader.running)
            await wait_until(pilot, lambda: app.live.reloader.changed_on_disk() == set())
        assert app.situation.title == "Calm"  # the last picture
        assert "showing the last picture" in app.live.reload_text()
        assert any("OverflowError" in m for m in app.board.errorbar.messages)
        assert len(logs(state)) == 1  # one log for one error, not six
        # still following: a good save shows
        save(f, body("Calm again"))
        await wait_until(pilot, lambda: app.situation.title == "Calm again")
        assert "reload failed" not in app.live.reload_text()
        # and `r` works
        f.write_text(body("Reloaded by r"))
        await pilot.press("r")
        await wait_until(pilot, lambda: app.situation.title == "Reloaded by r")


async def test_an_error_applying_a_reload_keeps_the_picture_and_the_board_follows(tmp_path, monkeypatch):
    state = tmp_path / "state"
    monkeypatch.setenv("SITBOARD_STATE_DIR", str(state))
    f = tmp_path / "s.yaml"
    save(f, body("Calm"))
    app = SitboardApp([str(f)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        real_apply = app.apply_result

        def apply(result):
            real_apply(result)  # half applied ...
            if any("BOOM" in s.title for s in result.situations):
                raise OverflowError("date value out of range")  # ... then a bug

        app.apply_result = apply  # type: ignore[method-assign]
        for n in range(4):
            save(f, body("BOOM", what=f"take {n}"))
            await wait_until(pilot, lambda: "reload failed" in app.live.reload_text() and not app.live.reloader.running)
            await wait_until(pilot, lambda: app.live.reloader.changed_on_disk() == set())
            assert app.situation.title == "Calm"  # put back whole
        assert len(logs(state)) == 1
        save(f, body("Calm again"))
        await wait_until(pilot, lambda: app.situation.title == "Calm again")
        assert "reload failed" not in app.live.reload_text()
