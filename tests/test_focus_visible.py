"""Focus you can see (issue 13, item 5): on every screen the focused list or body has a
bar on its left (a shape: it reads without colour), `tab` moves it, the footer names
`tab` and `enter` where they act, and on the sources screen the first `escape` closes."""

from __future__ import annotations

from screen_support import screen_lines
from test_board_support import fixed_clock, settle

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp
from tui.ui.screens.detail import DetailScreen, LinkList
from tui.ui.screens.sources import SourceItems, SourcesScreen, SourceTable

BAR = "▌"


def _app(tmp_path) -> SitboardApp:
    return SitboardApp(
        [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )


def _rows_with_bar(app, widget) -> list[str]:
    lines = screen_lines(app)
    region = widget.region  # (on screen: a list inside a scrolled body is cut to what shows)
    x = region.x
    return [lines[y] for y in range(region.y, min(region.bottom, len(lines))) if lines[y][x : x + 1] == BAR]


async def test_sources_tab_moves_a_bar_and_the_first_escape_closes(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        table, items = screen.query_one(SourceTable), screen.query_one(SourceItems)
        assert table.has_focus
        assert _rows_with_bar(app, table) and not _rows_with_bar(app, items)
        footer = screen_lines(app)[-1]
        assert "tab Sources/items" in footer and "⏎ Its items" in footer and "esc Back" in footer
        await pilot.press("tab")
        await pilot.pause()
        assert items.has_focus
        assert _rows_with_bar(app, items) and not _rows_with_bar(app, table)
        footer = screen_lines(app)[-1]
        assert "⏎ Open item" in footer and "tab Sources/items" in footer
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.board


async def test_detail_tab_moves_the_bar_to_the_links_and_the_footer_says_enter(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        assert "⏎ Links" in screen_lines(app)[-1]
        await pilot.press("tab")
        await pilot.pause()
        links = screen.query_one(LinkList)
        assert links.has_focus
        assert _rows_with_bar(app, links)
        assert "⏎ Follow link" in screen_lines(app)[-1]


async def test_the_focused_pane_has_a_heavy_border_the_others_a_rounded_one(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key, name in (("1", "fronts"), ("4", "infrastructure"), ("tab", "events")):
            await pilot.press(key)
            await pilot.pause()
            lines = screen_lines(app)
            for pane in app.board.shown_panes():  # the boxes (the key figures above them have none)
                if pane is app.board.figures:
                    continue
                corner = lines[pane.region.y][pane.region.x]
                assert corner == ("┏" if pane.pane == name else "╭"), (pane.pane, corner)


async def test_the_error_bar_shows_its_focus_by_a_bar(tmp_path, write):
    path = write(
        "bad.yaml",
        "situation:\n  id: x\n  title: X\n  as_of: 2024-08-09T12:00:00+03:00\nfronts:\n  - name: A\n    status: winning\n",
    )
    app = SitboardApp([str(path)], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        box = app.board.errorbox
        assert box.display and not _rows_with_bar(app, box)
        await pilot.press("e")
        await pilot.pause()
        assert box.has_focus and _rows_with_bar(app, box)
