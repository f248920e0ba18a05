"""Snapshots of the layout (issue 13): the board at 80x24, 120x40 and 200x60 on the
embedded default situation, a short pane maximized (it fills the screen, the marking
above it), and the detail with the marking. Update with `pytest --snapshot-update
tests/test_layout_snapshots.py` and LOOK at every SVG before committing it.

Hermetic: each test opens a copy of the embedded default (data/ and seeds/) in its own temp
folder by the relative path `data`, outside any git repository, so nothing on screen depends
on where the checkout lies or on its history (the detail shows the item's file and git's
"Last changed"; the committed SVG once held /work/wt/layout/data/... and a commit hash)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_board_support import fixed_clock, settle

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp


def _app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SitboardApp:
    """The app on a copy of the default, opened as `data` from a temp folder outside git."""
    default = default_situation_path()
    work = tmp_path / "work"
    shutil.copytree(default, work / "data")
    shutil.copytree(default.parent / "seeds", work / "seeds")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git looks no higher than this
    monkeypatch.chdir(work)
    return SitboardApp(["data"], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path / "state")


async def _loaded(pilot) -> None:
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_board(snap_compare, tmp_path, monkeypatch, size):
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_maximized_short_pane(snap_compare, tmp_path, monkeypatch, size):
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=size, run_before=_loaded, press=["1", "z"])


def test_detail_with_the_marking(snap_compare, tmp_path, monkeypatch):
    """Fronts' first item: its first screen shows the file (relative) and no quote's document
    (a document path is shown absolute, so a statement's detail would depend on tmp_path)."""
    assert snap_compare(_app(tmp_path, monkeypatch), terminal_size=(80, 24), run_before=_loaded, press=["1", "enter"])
