"""The copy notices on the board (Pilot, the embedded default): they say where the text
was sent, never "Copied"; inside tmux (a real tmux server of the test's own) the buffer
holds the text; a tmux that is not there is a warning; a cut is said."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_board_support import fixed_clock  # noqa: E402
from tmux_support import tmux_server  # noqa: E402

from tui.model.copytext import item_line, item_whole  # noqa: E402
from tui.runtime.paths import default_situation_path  # noqa: E402
from tui.ui.app import SitboardApp  # noqa: E402

EVACUATION = "Evacuations › Kursk region border areas"


def board(paths: list[str] | None = None, **kw) -> SitboardApp:
    paths = paths or [str(default_situation_path())]
    return SitboardApp(paths, clock=fixed_clock, watch=False, read_user_keymap=False, **kw)


async def ready(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def copied(app, pilot, key: str) -> str:
    """Press `key` and wait until the copy's notice is out (after tmux, when inside it)."""
    before = len(app.notices)
    await pilot.press(key)
    for _ in range(400):  # the tmux worker: at most TMUX_TIMEOUT, here milliseconds
        await app.workers.wait_for_complete()
        await pilot.pause()
        if len(app.notices) > before:
            return app.notices[-1]
    raise AssertionError("no notice after the copy")


async def test_outside_tmux_the_notice_says_osc52_only() -> None:
    app = board()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        note = await copied(app, pilot, "y")
        item = app.situation.evacuations[0]
        assert app.clipboard == item_line(app.situation, item).text
        assert note == (
            f"{EVACUATION}: 1 line sent to the terminal clipboard (OSC 52). If your terminal ignores OSC 52, "
            "nothing was copied: start with --no-mouse and select it."
        )


async def test_without_the_mouse_the_notice_says_select_it() -> None:
    app = board(mouse=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        note = await copied(app, pilot, "y")
        assert note.endswith("nothing was copied: select it with the mouse.")


async def test_inside_tmux_the_buffer_has_it_and_the_notice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    with tmux_server() as tmux:
        monkeypatch.setenv("TMUX", tmux.env()["TMUX"])
        app = board()
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("2")
            note = await copied(app, pilot, "y")
            item = app.situation.evacuations[0]
            assert tmux.show_buffer() == item_line(app.situation, item).text == app.clipboard
            assert note == (f"{EVACUATION}: 1 line sent to the terminal clipboard (OSC 52) and the tmux buffer.")
            whole = item_whole(app.situation, item)
            note = await copied(app, pilot, "Y")
            assert tmux.show_buffer() == whole.text
            assert note.startswith(f"{EVACUATION}: {whole.lines} lines sent to the terminal clipboard (OSC 52) and")


async def test_a_tmux_that_is_not_there_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/nonexistent/tmux-0/default,1,0")
    app = board()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("2")
        note = await copied(app, pilot, "y")
        assert note.startswith(
            f"{EVACUATION}: 1 line sent to the terminal clipboard (OSC 52), NOT to the tmux buffer (error connecting to"
        )
        assert note.endswith("tmux passes OSC 52 on only with set-clipboard on.")


async def test_a_long_item_is_cut_and_the_notice_says_so(write) -> None:
    note_text = "word " * 4_000
    path = write(
        "big.yaml",
        f"""\
        situation: {{id: big, title: Big, as_of: 2024-08-09T12:00:00+03:00, marking: TLP:GREEN}}
        events:
          - what: A long story
            note: "{note_text}"
        """,
    )
    app = board([str(path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("5")
        whole = item_whole(app.situation, app.situation.events[0])
        assert whole.was_cut
        note = await copied(app, pilot, "Y")
        assert note.endswith(f" Cut to {whole.kept:,} of {whole.total:,} characters.")
        assert app.clipboard == whole.text and len(app.clipboard) <= 8_000
        assert app.clipboard.startswith("TLP:GREEN\n") and app.clipboard.endswith("\nTLP:GREEN")


async def test_nothing_selected(write) -> None:
    path = write("empty.yaml", "situation: {id: e, title: Empty, as_of: 2024-08-09T12:00:00+03:00}\n")
    app = board([str(path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.notices[-1] == "Nothing selected to copy"
        assert app.clipboard == ""
