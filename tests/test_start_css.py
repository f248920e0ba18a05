"""The board's theme is in place before Textual first reads the stylesheet (tui/ui/theme.py):
no second parse of the whole stylesheet at start-up, and the colours are the theme's."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet

from tui.ui.app import SitboardApp
from tui.ui.theme import MUTED, SITBOARD_ANSI, SITBOARD_THEME
from tui.ui.widgets.pane import Pane

ROOT = Path(__file__).resolve().parents[1]


async def test_the_stylesheet_is_parsed_once_with_the_boards_theme(monkeypatch) -> None:
    reparsed: list[int] = []
    real = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = SitboardApp([str(ROOT / "data")], watch=False, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == SITBOARD_THEME.name and app.current_theme is SITBOARD_THEME
        assert app.has_class(f"-theme-{SITBOARD_THEME.name}")
        assert app.ansi_theme_dark is SITBOARD_ANSI
        # what the board is drawn with: the theme's own variables, not Textual's default theme's
        header = app.screen.query_one("#header")
        assert header.styles.background.hex.lower() == (SITBOARD_THEME.panel or "").lower()
        pane = app.screen.query_one(Pane)
        assert pane.styles.border_title_color.hex.lower() == MUTED.lower()
    assert reparsed == []
