"""The handling marking is on every screen, in its TLP colours (issue 13, item 2), and `z`
fills the screen between the header and the footer at every size."""

from __future__ import annotations

import dataclasses

import pytest
from contrast_support import glyphs
from screen_support import screen_lines
from test_board_support import kursk, make_app, result, settle

from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp
from tui.ui.widgets.pane import Pane

TLP_COLOURS = {"TLP:CLEAR": "#ffffff", "TLP:AMBER": "#ffc000", "TLP:RED": "#ff2b2b", "TLP:GREEN": "#33ff00"}


def _default_app(tmp_path):
    from test_board_support import fixed_clock

    return SitboardApp(
        [default_situation_path()], clock=fixed_clock, watch=False, read_user_keymap=False, state_dir=tmp_path
    )


def marking_on_screen(svg: str, marking: str) -> list[tuple[str, str]]:
    """The (foreground, background) of each letter of the marking where it is shown."""
    cells = {(g.row, g.col): g for g in glyphs(svg)}
    found = []
    for (row, col), g in sorted(cells.items()):
        if g.char != marking[0]:
            continue
        run = [cells.get((row, col + i)) for i in range(len(marking))]
        if all(c is not None and c.char == ch for c, ch in zip(run, marking)):
            found.extend((c.fg, c.bg) for c in run if c is not None)
    return found


# (name, keys): every screen of the board, the palette over the board and over the detail.
SCREENS = [
    ("board", []),
    ("maximized", ["1", "z"]),
    ("maximized-other", ["3", "z", "4"]),
    ("detail", ["enter"]),
    ("document", ["enter", "d"]),
    ("sources", ["S"]),
    ("sources-items", ["S", "tab"]),
    ("changes", ["b", "B"]),
    ("help", ["question_mark"]),
    ("palette", ["ctrl+p"]),
    ("palette-over-detail", ["enter", "ctrl+p"]),
    ("errors", ["e"]),
    ("summary", ["i"]),
]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
@pytest.mark.parametrize(("name", "keys"), SCREENS, ids=[s[0] for s in SCREENS])
async def test_the_marking_is_on_every_screen_in_its_colour(tmp_path, name, keys, size):
    app = _default_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        svg = app.export_screenshot()
        screen = type(app.screen).__name__
    colours = marking_on_screen(svg, "TLP:CLEAR")
    assert colours, f"{name} ({screen}): no TLP:CLEAR on screen:\n" + "\n".join(screen_lines(app, svg)[:3])
    assert set(colours) == {("#ffffff", "#000000")}, f"{name}: the marking is not white on black: {set(colours)}"


@pytest.mark.parametrize("marking", ["TLP:RED", "TLP:AMBER", "TLP:GREEN"])
@pytest.mark.parametrize("keys", [[], ["enter"], ["S"], ["question_mark"], ["3", "z"]], ids=str)
async def test_each_tlp_colour_on_the_screens(tmp_path, marking, keys):
    app = make_app(result(kursk(marking=marking)), watch=False, state_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        colours = set(marking_on_screen(app.export_screenshot(), marking))
    assert colours == {(TLP_COLOURS[marking], "#000000")}


async def test_the_marking_follows_a_reload_on_an_open_screen(tmp_path):
    """Help and detail stay open over a reload that makes the picture TLP:RED."""
    app = make_app(result(kursk(marking="TLP:GREEN")), watch=False, state_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for keys in (["enter"], ["question_mark"]):
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            app.loader = lambda paths: result(dataclasses.replace(kursk(), marking="TLP:RED"))
            app.load(reload=True)
            await settle(app, pilot)
            assert marking_on_screen(app.export_screenshot(), "TLP:RED"), type(app.screen).__name__
            app.loader = lambda paths: result(kursk(marking="TLP:GREEN"))
            app.load(reload=True)
            await settle(app, pilot)
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize("pane", ["1", "2", "3", "4", "5"])
async def test_a_maximized_pane_fills_the_screen_between_header_and_footer(tmp_path, size, pane):
    app = _default_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press(pane, "z")
        await pilot.pause()
        maximized = app.board.maximized
        assert isinstance(maximized, Pane)
        region = maximized.region
        assert region.y == 1 and region.height == size[1] - 2, (region, size)
        assert region.width == size[0]
        lines = screen_lines(app)
        assert "TLP:CLEAR" in lines[0]
        assert not any("╱" in line for line in lines), "hatching shows around the maximized pane"
