"""Snapshots of the main board (pytest-textual-snapshot), with a fixed clock.

Update with `pytest --snapshot-update tests/test_board_snapshots.py` and LOOK at the
report before committing new SVGs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_board_support import make_app, settle

ROOT = Path(__file__).resolve().parents[1]


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


def test_board_80x24(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_board_160x48(snap_compare):
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=_loaded)


def test_board_search_with_hits(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded, press=["slash", *"sud", "enter", "n"])


def test_board_maximized_pane(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded, press=["3", "z"])


def test_board_no_color(snap_compare, monkeypatch):
    # Monochrome: the confidence symbols differ in shape and the selected row stays
    # visible (reverse) without any colour.
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded, press=["j"])


# The picture on the two embedded examples (issue 12), each at a fixed clock a few hours
# after its as-of: the default (data/, Kursk, August 2024) and the worked example of a
# disaster report (examples/, Herat, October 2023).
EXAMPLES = {
    "kursk": ("data/kursk-2024-08.yaml", dt.datetime(2024, 8, 9, 15, 0, tzinfo=dt.UTC)),
    "herat": ("examples/herat-2023-10.yaml", dt.datetime(2023, 10, 28, 9, 0, tzinfo=dt.UTC)),
}


def example_app(name: str):
    from tui.ui.app import SitboardApp

    path, now = EXAMPLES[name]
    return SitboardApp([str(ROOT / path)], clock=lambda: now, read_user_keymap=False, watch=False)


async def _example_loaded(pilot) -> None:
    app = pilot.app
    while app.situation is None:
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_the_picture_on_the_examples(snap_compare, name, size):
    assert snap_compare(example_app(name), terminal_size=size, run_before=_example_loaded)
