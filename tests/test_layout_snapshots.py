"""Snapshots of the layout (issue 13): the board at 80x24, 120x40 and 200x60 on the
embedded default situation, a short pane maximized (it fills the screen, the marking
above it), and the detail with the marking. Update with `pytest --snapshot-update
tests/test_layout_snapshots.py` and LOOK at every SVG before committing it."""

from __future__ import annotations

import pytest
from test_board_support import fixed_clock, settle

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp


def _app(tmp_path) -> SitboardApp:
    return SitboardApp(
        [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_board(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_maximized_short_pane(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_loaded, press=["1", "z"])


def test_detail_with_the_marking(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=_loaded, press=["3", "enter"])
