"""Pilot tests: loading and every key of the keymap on the main board."""

from __future__ import annotations

from test_board_support import make_app, settle

from tui.widgets.pane import Pane


async def test_first_frame_then_loaded():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        board = app.board
        assert app.situation is not None and app.situation.id == "kursk"
        titles = [str(p.border_title) for p in board.panes]
        assert titles == ["1 Fronts (4)", "2 Evacuations (2)", "3 Statements (2)",
                          "4 Infrastructure (2)", "5 Events (3)"]
        assert isinstance(app.focused, Pane) and app.focused.pane == "fronts"
