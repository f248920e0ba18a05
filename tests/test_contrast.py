"""Every text/background pair on every screen is readable (WCAG AA) in truecolor, 256 and
16 colours: at least 4.5:1 for text, 3:1 for borders and scrollbars (WCAG 1.4.11).

Each screen is exported as Textual draws it (the theme's variables and board.tcss
resolved to colours, screens composited); tests/contrast_support.py reads each glyph's
colours and applies Rich's downgrade (`Color.downgrade`, what Rich writes to a 256- or
16-colour terminal), drawn with the standard xterm palette. No text may be `dim`: its
colour is the terminal's guess (about half the contrast), so it cannot be measured.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from contrast_support import SYSTEMS, failures, pairs, ratio, shown
from screen_support import screen_segments
from test_board_support import AS_OF, kursk, make_app, result, settle

from tui.model.types import BrokenItem, Diagnostic, Front, SourceRef, When

PROBLEM = Diagnostic("/tmp/kursk.yaml", 12, 13, "fronts[1].status", "'winning' is not one of advancing, contested")


def _picture(marking: str = "TLP:AMBER"):
    """The hand-built situation with a stale item, a broken one and a weak one."""
    sit = kursk(marking=marking)
    stale = Front(
        id="old",
        name="Old front",
        status="holding",
        confidence="verified",
        sources=(SourceRef("reuters"),),
        updated=When(AS_OF - dt.timedelta(days=5)),
    )
    broken = BrokenItem(pane="fronts", id="north-axis", label="North axis", problems=(PROBLEM,))
    return dataclasses.replace(sit, fronts=(*sit.fronts, stale, broken))


async def _marks(pilot) -> None:
    pilot.app.board.show_changes({"sudzha": "new", "korenevo": "changed"}, {"sudzha", "korenevo"})
    await pilot.pause()


# (name, marking, keys, then): what is on screen when the pairs are measured.
SCREENS = [
    ("board", "TLP:AMBER", [], None),
    ("board-marks", "TLP:RED", [], _marks),
    ("board-other-pane", "TLP:GREEN", ["2", "j"], None),
    ("board-search", "TLP:CLEAR", ["slash", *"kursk"], None),
    ("board-search-kept", "TLP:AMBER", ["slash", *"sud", "enter"], None),
    ("board-no-match", "TLP:AMBER", ["slash", *"zzzz"], None),
    ("board-errors", "TLP:AMBER", ["e"], None),
    ("maximized", "TLP:AMBER", ["3", "z"], None),
    ("detail", "TLP:AMBER", ["enter"], None),
    ("detail-stale", "TLP:AMBER", ["G", "k", "enter"], None),
    ("detail-broken", "TLP:AMBER", ["G", "enter"], None),
    ("sources", "TLP:AMBER", ["S"], None),
    ("sources-items", "TLP:AMBER", ["S", "tab"], None),
    ("changes", "TLP:AMBER", ["b", "B"], None),
    ("help", "TLP:AMBER", ["question_mark"], None),
    ("palette", "TLP:AMBER", ["ctrl+p"], None),
    ("palette-typed", "TLP:AMBER", ["ctrl+p", *"sud"], None),
    ("notice", "TLP:AMBER", ["c"], None),
    ("other-marking", "NATO UNCLASSIFIED", [], None),
]


async def _screen(tmp_path, marking: str, keys: list[str], then) -> tuple[str, list]:
    app = make_app(result(_picture(marking), diagnostics=(PROBLEM,)), watch=False, state_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        if then is not None:
            await then(pilot)
        await pilot.pause()
        return app.export_screenshot(), list(screen_segments(app))


@pytest.mark.parametrize(("name", "marking", "keys", "then"), SCREENS, ids=[s[0] for s in SCREENS])
async def test_every_pair_is_readable_in_every_colour_system(tmp_path, name, marking, keys, then):
    svg, segments = await _screen(tmp_path, marking, keys, then)
    assert pairs(svg, "truecolor"), "nothing measured: the screenshot was not read"
    for system in SYSTEMS:
        bad = failures(svg, system)
        assert not bad, f"{name}, {system} colours:\n" + "\n".join(map(str, bad))
    dim = {seg.text.strip() for seg in segments if seg.style is not None and seg.style.dim and seg.text.strip()}
    assert not dim, f"{name}: dim text (its contrast is the terminal's guess): {sorted(dim)[:5]}"


def test_the_known_bad_pairs_of_textuals_dark_theme_are_caught():
    """The measure sees what the issue saw (so a pass means something): an unfocused
    pane's title #45505A on #1E1E1E is #4E4E4E on #1C1C1C in 256 colours (~2:1); the
    cursor row #0178D4 text on #DDEDF9 is cyan #00CDCD on white in 16 (~2:1); the old
    focus orange #FFA62B is bright red in 16 colours."""
    assert shown("#45505a", "256") == (0x4E, 0x4E, 0x4E)
    assert shown("#1e1e1e", "256") == (0x1C, 0x1C, 0x1C)
    assert ratio(shown("#45505a", "256"), shown("#1e1e1e", "256")) < 2.1
    assert shown("#0178d4", "16") == (0x00, 0xCD, 0xCD)
    assert ratio(shown("#0178d4", "16"), shown("#ddedf9", "16")) < 2.1
    assert shown("#ffa62b", "16") == (0xFF, 0x00, 0x00)


def test_the_focus_colour_is_not_red_in_16_colours():
    from tui.ui.theme import FOCUS

    r, g, b = shown(FOCUS, "16")
    assert not (r > 0 and g == 0 and b == 0), f"the focus colour {FOCUS} reads as red in 16 colours"
