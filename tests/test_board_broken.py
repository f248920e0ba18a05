"""A row for an item that did not validate (issue 10, tui.model.types.BrokenItem): ✗ where
the confidence goes, its label, and its first problem across the rest of the row."""

from __future__ import annotations

from screen_support import screen_lines
from test_board_support import kursk, make_app, result, settle

from tui.model.types import BrokenItem, Diagnostic

PROBLEMS = (
    Diagnostic("/tmp/kursk.yaml", 12, 13, "fronts[1].status", "unknown status 'winning'"),
    Diagnostic("/tmp/kursk.yaml", 13, 14, "fronts[1].depth_km", "not a number"),
)


async def test_a_broken_item_is_a_flagged_row_with_its_first_problem():
    sit = kursk()
    broken = BrokenItem(pane="fronts", id="north-axis", label="North axis", problems=PROBLEMS)
    app = make_app(result(kursk(fronts=(sit.fronts[0], broken, *sit.fronts[1:]))))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        fronts = app.board.pane("fronts")
        assert fronts.row_ids[1] == "north-axis"
        cells = fronts.row_cells("north-axis")
        assert cells[0].plain.startswith(" ✗")  # no change mark, then the flag
        # the label (a short one whole), then the problem across the rest of the row
        assert cells[1].plain.startswith(" North axis ")
        assert cells[1].plain.endswith(" status: unknown status 'winning' (+1 more)")
        assert len(cells) == 2  # one cell: it runs to the end of the line
        line = next(ln for ln in screen_lines(app) if "North axis" in ln)
        assert "✗   North axis" in line and "status: unknown status" in line  # cut with … at 100x30
        # it is a row like the others: the cursor goes there, the title counts it
        await pilot.press("1", "j")
        assert fronts.selected_id == "north-axis"
        assert fronts.title_plain.startswith(f"1 Fronts ({len(sit.fronts) + 1})")
