"""Keys typed in one burst right after `/` (a paste, a fast typist over SSH) go to the
search box, never to the board: the `r` of "kursk" must not reload."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_support import wait_until
from pty_support import PtyApp  # noqa: E402

from tui.runtime.paths import default_situation_path  # noqa: E402


def burst(app, keys: str) -> None:
    """Every key queued at once, as a terminal delivers a paste (no turn of the loop
    between them)."""
    from textual import events

    for ch in keys:
        key = "slash" if ch == "/" else ch
        app.post_message(events.Key(key, ch))  # queued now: no turn of the loop between keys


def _count_reloads(app) -> list[int]:
    calls = [0]
    original = app.reload

    def counting() -> None:
        calls[0] += 1
        original()

    app.reload = counting
    return calls


async def test_pilot_press_slash_then_letters(tmp_path):
    from tui.ui.app import SitboardApp

    app = SitboardApp([str(default_situation_path())], read_user_keymap=False, watch=False, state_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        calls = _count_reloads(app)
        await pilot.press("slash", "k", "u", "r", "s", "k")
        await pilot.pause()
        assert app.board.searchbar.value == "kursk"
        assert calls[0] == 0


async def test_one_burst_after_slash_all_goes_to_the_search(tmp_path):
    from tui.ui.app import SitboardApp

    app = SitboardApp([str(default_situation_path())], read_user_keymap=False, watch=False, state_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        await pilot.pause()
        calls = _count_reloads(app)
        pane_before = app.board.current_pane
        burst(app, "/kursk3pzq")  # r: reload, 3: pane, p: pause, z: maximize on the board
        await wait_until(pilot, lambda: app.board.searchbar.value == "kursk3pzq")
        await pilot.pause()
        assert calls[0] == 0
        assert not app.live.paused and app.board.maximized is None
        assert app.board.current_pane is pane_before
        assert app.board.searchbar.has_focus
        assert app.board.query_text == "kursk3pzq"


async def test_slash_inside_the_query_is_a_character(tmp_path):
    from tui.ui.app import SitboardApp

    app = SitboardApp([str(default_situation_path())], read_user_keymap=False, watch=False, state_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        await pilot.press("slash", "a", "slash", "b")
        await pilot.pause()
        assert app.board.searchbar.value == "a/b"
        burst(app, "/c")
        await wait_until(pilot, lambda: app.board.searchbar.value == "a/b/c")


def test_pty_slash_and_a_word_in_one_write(tmp_path):
    """The real program on a pty: "/kursk" arrives in one read."""
    app = PtyApp([], env={"XDG_STATE_HOME": str(tmp_path / "state")}, cols=100, rows=30)
    try:
        app.wait_text("Fronts", 60)
        app.wait_quiet(0.5)
        app.send("/kursk")
        # the search box (above the footer) holds the whole word
        app.wait_for(lambda a: a.text().splitlines()[-2].strip() == "kursk", 20, "kursk in the search box")
        app.wait_quiet(0.5)
        text = app.text()
        assert "reload" not in text.splitlines()[0]  # the header: no reload ran
        assert "Only one situation" not in text  # nor `s`
        app.send("\x1b")  # escape clears the search
        app.wait_quiet(0.5)
        app.send("q")
        assert app.finish() == 0
    finally:
        app.close()
