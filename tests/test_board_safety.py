"""Hostile strings from situation files render literally on the board.

Every string of the markup/escape corpus and of the Big List of Naughty Strings is put
into item fields, the title, area and marking; the board must not raise (MarkupError),
must not act on `[@click=app.quit]`, must show control characters as visible placeholders
and must never put a raw ESC (or other C0/C1 control) on the screen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_board_support import kursk, make_app, result, settle

from tui.model.types import Event, Front, Infrastructure, Statement

CORPORA = Path(__file__).parent / "corpora"
MARKUP = json.loads((CORPORA / "markup" / "markup-and-escapes.json").read_text("utf-8"))
BLNS = json.loads((CORPORA / "naughty-strings" / "blns.json").read_text("utf-8"))
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_situation(strings: list[str], **over):
    return kursk(
        title=strings[0],
        area=strings[1 % len(strings)],
        marking=strings[2 % len(strings)],
        fronts=tuple(Front(id=f"f{i}", name=s, status=s, sides=(s,)) for i, s in enumerate(strings)),
        statements=tuple(Statement(id=f"s{i}", actor=s, quote=s, role=s) for i, s in enumerate(strings)),
        infrastructure=tuple(Infrastructure(id=f"i{i}", name=s, units=((s, 1),)) for i, s in enumerate(strings)),
        events=tuple(Event(id=f"e{i}", what=s, where=s) for i, s in enumerate(strings)),
        **over,
    )


def svg_text(app) -> str:
    return app.export_screenshot()


def all_cells(app):
    for pane in app.board.panes:
        for row_key in pane.row_ids:
            yield from pane.row_cells(row_key)


@pytest.mark.parametrize("name,strings", [("markup", MARKUP), ("blns", BLNS)])
async def test_corpus_strings_render_literally(name, strings):
    app = make_app(result(hostile_situation(strings)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.is_running
        for cell in all_cells(app):
            assert not CONTROL.search(cell.plain), repr(cell.plain)
        shot = svg_text(app)
        assert "\x1b" not in shot
        # walk every pane, move, search with a hostile string, copy: nothing breaks
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        await pilot.press("tab", "j", "G", "y", "g", "z", "escape")
        assert copied and not CONTROL.search(copied[0].replace("\n", "").replace("\t", ""))
        await pilot.press("slash", *"[@click=app.quit]"[:6], "enter")
        await pilot.press("n", "N", "escape")
        assert app.is_running
        assert "\x1b" not in svg_text(app)


async def test_click_markup_in_every_field_is_text():
    s = "[@click=app.quit]click me[/]"
    app = make_app(result(hostile_situation([s, s, s])))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        header = app.board.header
        assert "[@click=app.quit]" in str(header.query_one("#header-title").render())
        assert "[@click=app.quit]" in str(header.query_one("#header-marking").render())
        fronts = app.board.pane("fronts")
        assert fronts.row_cells("f0")[1].plain.startswith(" [@click=app.quit]")
        assert "click" in svg_text(app) and "[@click=app.quit]" in svg_text(app).replace("&#160;", " ")
        # clicking where the text is must not quit the app
        await pilot.click(fronts, offset=(6, 2))
        await pilot.pause()
        assert app.is_running


async def test_escape_sequences_become_visible_placeholders():
    strings = ["\x1b[31mRED\x1b[0m", "\x1b]0;pwned-title\x07", "\u202eevil\u202c", "zero\u200bwidth"]
    app = make_app(result(hostile_situation(strings)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        fronts = app.board.pane("fronts")
        name = fronts.row_cells("f0")[1].plain
        assert "␛[31mRED␛[0m" in name
        assert "␇" in fronts.row_cells("f1")[1].plain
        assert "⟨U+202E⟩" in fronts.row_cells("f2")[1].plain
        assert "⟨U+200B⟩" in fronts.row_cells("f3")[1].plain
        shot = svg_text(app)
        assert "\x1b" not in shot and "\x07" not in shot and "\u202e" not in shot
        assert "␛[31mRED" in shot.replace("&#160;", " ")


async def test_hostile_label_in_copy_notice_and_diagnostics():
    s = "[bold]unclosed \x1b[2J"
    from tui.model.types import Diagnostic

    diag = Diagnostic("/tmp/[red]x.yaml", 1, 1, "fronts[0]", "[@click=app.quit]bad\x1b[6n")
    app = make_app(result(hostile_situation([s, s, s]), diagnostics=[diag]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        notes: list[str] = []
        orig = app.notify
        app.notify = lambda m, *a, **k: (notes.append(m), orig(m, *a, **k))
        app.copy_to_clipboard = lambda text: None
        await pilot.press("y")
        await pilot.pause()
        assert notes[-1].startswith("Fronts › [bold]unclosed ␛[2J: 1 line sent to the terminal clipboard")
        bar = str(app.board.errorbar.render())
        assert "[@click=app.quit]bad␛[6n" in bar
        assert "\x1b" not in svg_text(app)
        assert app.is_running
