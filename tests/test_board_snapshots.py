"""Snapshots of the main board (pytest-textual-snapshot), with a fixed clock.

Update with `pytest --snapshot-update tests/test_board_snapshots.py` and LOOK at the
report before committing new SVGs.
"""

from __future__ import annotations

from test_board_support import make_app, settle


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
