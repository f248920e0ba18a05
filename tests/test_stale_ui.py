"""Staleness on the board: the stale flag and dim row in the pane, the stale row in the
detail, the freshest update in each pane title, the threshold from the app (--stale-hours,
SITBOARD_STALE_HOURS); the weak-basis flag in the panes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from test_board_support import AS_OF, kursk, make_app, result, settle
from test_detail import squash as squash_space
from test_detail import whole_detail

from tui.model.types import Event, Front, SourceRef, When
from tui.ui.screens.detail import DetailScreen
from tui.ui.widgets.cells import STALE_FLAG, STALE_STYLE, WEAK_FLAG

UTC = dt.UTC


def squash(text: str) -> str:
    """Text without its white space and the focus bar (▌) the detail draws at the left of each
    body line, which splits a wrapped phrase (as tests/test_board_bad_files does)."""
    return squash_space(text.replace("▌", " "))


def _at(hours_before: float) -> When:
    return When(AS_OF - dt.timedelta(hours=hours_before))


def stale_situation():
    fronts = (
        Front(id="fresh", name="Fresh front", confidence="verified", sources=(SourceRef("reuters"),), updated=_at(2)),
        Front(id="old", name="Old front", confidence="verified", sources=(SourceRef("reuters"),), updated=_at(30)),
        Front(
            id="ancient-weak", name="Old and weak", confidence="claimed", sources=(SourceRef("tg"),), updated=_at(100)
        ),
        Front(id="undated", name="Never updated", confidence="verified", sources=(SourceRef("reuters"),)),
    )
    events = (Event(id="e1", what="Something", updated=When(dt.date(2024, 8, 1))),)
    return kursk(fronts=fronts, events=events)


def conf_cell(pane, item_id: str):
    return pane.cell(item_id, "_conf")


async def test_stale_items_are_flagged_and_dim_in_their_pane():
    app = make_app(result(stale_situation()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        fronts = app.board.pane("fronts")
        assert fronts.stale_ids == {"old", "ancient-weak"}
        assert conf_cell(fronts, "old").plain.endswith(STALE_FLAG)
        assert not conf_cell(fronts, "fresh").plain.endswith(STALE_FLAG)
        assert not conf_cell(fronts, "undated").plain.endswith(STALE_FLAG)  # cannot know
        # weak and stale: the weak flag shows, the row is dim
        assert conf_cell(fronts, "ancient-weak").plain.endswith(WEAK_FLAG)
        name = fronts.cell("old", "name")
        assert any(STALE_STYLE in str(s.style) for s in name.spans) or STALE_STYLE in str(name.style)
        fresh_name = fronts.cell("fresh", "name")
        assert STALE_STYLE not in str(fresh_name.style)
        # a bare date counts as its end of day: 1 Aug is stale against 9 Aug
        assert app.board.pane("events").stale_ids == {"e1"}


async def test_pane_titles_show_the_freshest_update():
    app = make_app(result(stale_situation()))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        board = app.board
        assert board.pane("fronts").title_plain == "1 Fronts (4) · upd 09 Aug 10:00"
        assert board.pane("events").title_plain == "5 Events (1) · upd 01 Aug"
        assert board.pane("evacuations").title_plain == "2 Evacuations (2)"  # none updated


async def test_narrow_titles_drop_the_word_but_keep_the_time():
    app = make_app(result(stale_situation()))
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(app, pilot)
        title = app.board.pane("fronts").title_plain
        assert title.endswith("09 Aug 10:00")


async def test_threshold_comes_from_the_app():
    app = make_app(result(stale_situation()), stale_hours=48)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.board.pane("fronts").stale_ids == {"ancient-weak"}
    app = make_app(result(stale_situation()), stale_hours=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.board.pane("fronts").stale_ids == {"fresh", "old", "ancient-weak"}


async def test_threshold_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITBOARD_STALE_HOURS", "200")
    app = make_app(result(stale_situation()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.stale_hours == 200
        assert app.board.pane("fronts").stale_ids == set()


async def test_detail_says_stale_and_weak_basis():
    app = make_app(result(stale_situation()))
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == "old"
        text = squash(await whole_detail(app, pilot))
        assert squash(f"{STALE_FLAG} Stale") in text
        assert squash("last confirmed 08 Aug 2024 06:00, 30 h before the as-of (older than 24 h)") in text
        assert squash("Weak basis") not in text
        await pilot.press("escape", "j", "enter")
        await pilot.pause()
        assert app.screen.item_id == "ancient-weak"
        text = squash(await whole_detail(app, pilot))
        assert squash(f"{WEAK_FLAG} Weak basis") in text
        assert squash("only claimed (the word of an interested party)") in text
        assert squash("rests only on sources graded D-F") in text
        assert squash("Stale") in text


async def test_weak_flag_in_the_panes_of_the_default_situation():
    from tui.model.provenance import weak_items
    from tui.runtime.paths import default_situation_path
    from tui.ui.app import SitboardApp

    app = SitboardApp([str(default_situation_path())], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        weak = weak_items(app.situation)
        assert weak and len(weak) < app.situation.item_count
        for pane in app.board.panes:
            for item in pane.items:
                flagged = conf_cell(pane, item.id).plain.endswith(WEAK_FLAG)  # after a severity column or none
                assert flagged == (item.id in weak), item.id


def test_board_cli_rejects_a_bad_stale_hours():
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--stale-hours", "soon"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TERM": "xterm"},
    )
    assert out.returncode == 2
    assert "stale hours must be a number of hours" in out.stderr
    assert "Traceback" not in out.stderr
