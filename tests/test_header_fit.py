"""The header's title keeps its room after a reload (issue 13, item 1): the reload and
sync state takes what the title (up to a third of the line), the as-of and the marking
leave. It took 40% of the line whatever the title needed: 'Ukr…' at 80 columns."""

from __future__ import annotations

import pytest
from screen_support import screen_lines
from test_board_support import fixed_clock, settle

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp

TITLE = "Ukrainian incursion into Russia's Kursk region · Kursk region, Russia / Ukraine border"


@pytest.mark.parametrize("width", [80, 100, 120, 200])
@pytest.mark.parametrize(
    "state",
    ["reloaded 11:50:04 · no changes", "synced 10:54 · origin/main 5d19095 · reloaded 10:54:03 · title changed"],
)
async def test_a_reload_state_never_takes_the_titles_room(tmp_path, width, state):
    app = SitboardApp(
        [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(app, pilot)
        before = screen_lines(app)[0]
        app.set_reload_state(state)
        await pilot.pause()
        line = screen_lines(app)[0]
    shown_title = line[1:].split("…")[0].split("  ")[0]
    keep = min(len(TITLE), max(width // 3, 16) - 3)  # its third, less the padding and the ellipsis
    assert TITLE.startswith(shown_title) and len(shown_title) >= keep, (line, before)
    assert line.rstrip().endswith("TLP:CLEAR"), line
    assert "as of 09 Aug 12:00" in line
    if width >= 200:
        assert state in line  # room for all of it


async def test_pause_shows_at_80_columns(tmp_path):
    app = SitboardApp(
        [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert "paused" in screen_lines(app)[0]
