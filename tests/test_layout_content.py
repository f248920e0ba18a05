"""Layout from content (issue 13, item 1): column widths from what the columns hold, the
label first; boxes as tall as their rows (all 6 statements and all 5 events at 80x24);
widths that stay put while the cursor moves and follow a new picture or a resize."""

from __future__ import annotations

import dataclasses

import pytest
from screen_support import screen_lines
from test_board_support import fixed_clock, settle

from tui.model.load import load
from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp
from tui.ui.arrange import arrange, share_band
from tui.ui.widgets.columns import layout_columns


def test_a_band_of_boxes_shared_by_what_they_need():
    assert share_band([55, 56, 92], 200) == [55, 56, 89]  # the lean boxes whole, the rest to the widest
    assert share_band([40, 40, 40], 200) == [67, 67, 66]  # all whole: the spare shared
    assert share_band([10, 150, 150], 200) == [40, 80, 80]  # at least a fifth each
    assert sum(share_band([300, 20, 500], 211)) == 211
    # all whole: the spare first to the box that wants more (its other columns whole), up to that
    assert share_band([40, 40, 40], 200, [60, 60, 100]) == [60, 60, 80]
    assert share_band([40, 40, 40], 200, [45, 50, 60]) == [60, 65, 75]  # every want met: the rest shared by all
    assert share_band([55, 54, 96], 200, [120, 103, 145]) == [55, 54, 91]  # one box not whole: no spare to give


def test_a_column_level_only_where_its_columns_fit_whole():
    natural = {"area": 26, "people": 12, "status": 8, "destination": 12, "authority": 36, "since": 8}
    narrow = dict((c.key, w) for c, w in layout_columns("evacuations", 49, frozenset({"destination"}), natural))
    assert narrow == {"area": 26, "people": 12, "status": 8}  # the area whole before the date it began
    wide = dict((c.key, w) for c, w in layout_columns("evacuations", 57, frozenset({"destination"}), natural))
    assert wide == {"area": 26, "people": 12, "status": 8, "since": 8}


def test_headings_give_way_to_rows_on_a_short_screen():
    counts = {"fronts": 2, "evacuations": 1, "statements": 6, "infrastructure": 1, "events": 5}
    short = arrange(counts, 80, 20)  # 80x24 less the header, the summary and the footer
    assert not short.headers
    assert short.heights == (2 + 2, 6 + 2, 5 + 2)  # each box as tall as its rows and borders
    tall = arrange(counts, 80, 40)
    assert tall.headers


def _default():
    return load([default_situation_path()])


def _app(tmp_path, res=None) -> SitboardApp:
    if res is None:
        return SitboardApp(
            [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
        )
    return SitboardApp(
        ["x.yaml"], loader=lambda paths: res, clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )


def _box_rows(app, name: str) -> list[str]:
    """The lines inside a pane's box (its borders left out)."""
    pane = app.board.pane(name)
    r = pane.region
    return [line[r.x + 1 : r.right - 1] for line in screen_lines(app)[r.y + 1 : r.bottom - 1]]


async def test_80x27_every_statement_and_every_event_row_shows(tmp_path):
    # 80x27: the smallest 80-column board where the default's picture strip (two summary
    # lines, the figure tiles, the Watch/Judgments line) leaves room for every row; at
    # 80x24 the Statements box scrolls its sixth row
    sit = _default().situations[0]
    app = _app(tmp_path)
    async with app.run_test(size=(80, 27)) as pilot:
        await settle(app, pilot)
        statements = "\n".join(_box_rows(app, "statements"))
        events = "\n".join(_box_rows(app, "events"))
        for st in sit.statements:
            assert st.actor[:8] in statements, st.actor
        for ev in sit.events:
            assert ev.what[:20] in events, ev.what
        assert app.board.pane("statements").row_count == 6 and app.board.pane("events").row_count == 5


async def test_80x24_the_focused_pane_reads_its_labels_whole_up_to_24_cells(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await pilot.pause()
        rows = "\n".join(_box_rows(app, "statements"))
        for actor in ("Vladimir Putin", "Alexander Lukashenko", "Valery Gerasimov"):
            assert actor in rows, rows
        await pilot.press("G")  # the last row (the picture strip leaves five rows in view)
        await pilot.pause()
        rows = "\n".join(_box_rows(app, "statements"))
        assert "Head of the IAEA" in rows, rows
        # the pane left behind keeps status and figures whole
        fronts = "\n".join(_box_rows(app, "fronts"))
        assert "contested" in fronts and "up to 20 km" in fronts, fronts


async def test_widths_stay_put_while_the_cursor_moves_and_follow_a_new_picture(tmp_path):
    res = _default()
    app = _app(tmp_path, res)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        pane = app.board.pane("statements")
        before = [(c.key, c.width) for c in pane.columns]
        for key in ("j", "j", "j", "G", "g", "k"):
            await pilot.press(key)
            await pilot.pause()
            assert [(c.key, c.width) for c in pane.columns] == before
        await pilot.press("slash", *"putin")
        await pilot.pause()
        assert [(c.key, c.width) for c in pane.columns] == before  # a search filters rows, not widths
        await pilot.press("escape")
        sit = res.situations[0]
        longer = dataclasses.replace(sit.statements[0], actor="Vladimir Vladimirovich Putin, President of Russia")
        new = dataclasses.replace(sit, statements=(longer, *sit.statements[1:]))
        app.loader = lambda paths: dataclasses.replace(res, situations=(new,))
        app.load(reload=True)
        await settle(app, pilot)
        after = dict((c.key, c.width) for c in pane.columns)
        assert after != dict(before)  # a new picture: measured again
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert dict((c.key, c.width) for c in pane.columns) != after


# 200x60 (issue 13's size): the band of Fronts, Evacuations and Infrastructure is shared by what
# their columns hold, also below the band of Watch and Judgments (it was in thirds there: the
# NPP's units read '2 operational · 2 sh…' beside blank cells)
@pytest.mark.parametrize("size", [(200, 60), (220, 60)])
async def test_nothing_cut_where_there_is_room(tmp_path, size):
    app = _app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await pilot.pause()
        events = "\n".join(_box_rows(app, "events"))
        infra = "\n".join(_box_rows(app, "infrastructure"))
        statements = "\n".join(_box_rows(app, "statements"))
    assert "about 15 vehicles" in events
    assert "Kursk Nuclear Power Plant" in infra
    assert "2 operational · 2 shut down" in infra
    assert "Moscow (Russian officials, unnamed)" in statements


async def test_a_maximized_pane_shows_its_headings_and_gives_them_back(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("statements")
        assert not pane.show_header  # 80x24: every row before the headings
        await pilot.press("3", "z")
        await pilot.pause()
        assert pane.show_header and "Actor" in _box_rows(app, "statements")[0]
        await pilot.press("z")
        await pilot.pause()
        assert not pane.show_header and "Actor" not in _box_rows(app, "statements")[0]
