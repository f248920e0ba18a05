"""The detail lists an item's sources best grade first (issue 13, item 7): the grade the
row shows (its best source's) leads the list; ungraded sources come last."""

from __future__ import annotations

from screen_support import screen_lines
from test_board_support import fixed_clock, settle

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp
from tui.ui.widgets.cells import best_grade


async def test_the_row_grade_leads_the_detail_sources(tmp_path):
    app = SitboardApp(
        [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(app, pilot)
        item = app.board.pane("fronts").selected_item
        grades = [app.situation.sources[ref.source].reliability for ref in item.sources]
        assert grades[0] != min(grades), f"the file must list a worse source first for this test: {grades}"
        row_grade = best_grade(item, app.situation)
        await pilot.press("1", "enter")
        await pilot.pause()
        bullets = [line.strip() for line in screen_lines(app) if line.lstrip("▌ ").startswith("•")]
        assert len(bullets) == len(grades)
        assert f"grade {row_grade}" in bullets[0], bullets
        shown = [next(g for g in "ABCDEF" if f"grade {g}" in b) for b in bullets]
        assert shown == sorted(shown)
