"""DetailScreen: every field, sources, links and backlinks, keys, missing item, hostile text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from test_plain import hostile_situation, sample_situation
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.model.copytext import item_line, item_whole
from tui.model.plain import MISSING_ITEM
from tui.model.text import visible
from tui.model.types import Front, Situation
from tui.ui.copying import Copying
from tui.ui.screens.detail import DetailBody, DetailScreen, LinkList

CORPORA = Path(__file__).parent / "corpora"
SIZE = (80, 24)
CELL_WIDTH = 12.2  # pixels per cell in Textual's SVG export


class Host(Copying, App[None]):
    """A stand-in board: one Static, and the detail pushed on top of it (copies as the app does)."""

    def __init__(self, situation: Situation, item_id: str) -> None:
        super().__init__()
        self.situation = situation
        self.item_id = item_id
        self.notices: list[str] = []

    def notify(self, message: str, **kwargs) -> None:  # recorded for the tests
        self.notices.append(message)
        super().notify(message, **kwargs)

    def compose(self) -> ComposeResult:
        yield Static("board underneath", id="board")

    def on_mount(self) -> None:
        self.push_screen(DetailScreen(self.situation, self.item_id))


_TEXT_RE = re.compile(r'<text class="terminal-(?:\d+-)?r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_lines(app: App, svg: str | None = None) -> list[str]:
    """The exported screen (SVG) as lines of text, spaces and entities restored."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, body in _TEXT_RE.findall(svg if svg is not None else app.export_screenshot()):
        text = html.unescape(body).replace("\xa0", " ").replace("\n", "")
        rows.setdefault(float(y), []).append((float(x), text))
    lines = []
    for _, parts in sorted(rows.items()):
        line = ""
        for x, text in sorted(parts):
            column = round(x / CELL_WIDTH)
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return lines


async def whole_detail(app: App, pilot) -> str:
    """Every screenful of the detail body, paging down until it stops moving."""
    body = app.screen.query_one(DetailBody)
    body.focus()
    await pilot.press("home")
    seen = ["\n".join(screen_lines(app))]
    while True:
        before = body.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        if body.scroll_y == before:
            break
        seen.append("\n".join(screen_lines(app)))
    return "\n".join(seen)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


async def test_every_field_sources_and_backlinks_are_shown():
    sit = sample_situation()
    app = Host(sit, "kursk-incursion")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        text = await whole_detail(app, pilot)
    for expected in (
        "● verified  Fronts › Kursk incursion",
        "advancing",
        "Ukraine, Russia",
        "up to 20 km",
        "06 Aug 2024",
        "Sudzha, Korenevo",
        "● verified",
        "09 Aug 2024",
        "Fast-moving.",
        "Second line of the note.",
        "kursk-incursion",
        "x-desk",
        "fronts desk",
        '["a", "b"]',
        "File       /tmp/kursk.yaml:12:5",
        "Reuters",
        "wire, grade B",
        "“troops advanced up to 20 km”",
        "https://reuters.example/x",
        "Seed report",
        "grade C",
        "Links",
        "← from   Evacuations › Kursk oblast border districts",
        "← from   Statements › Zelensky",
    ):
        assert expected in text, expected


async def test_derived_id_and_about_links():
    sit = sample_situation()
    app = Host(sit, "zelensky")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await whole_detail(app, pilot)
        links = app.screen.query_one(LinkList)
        prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
    assert "“Russia brought war to others”" in text
    assert prompts == ["→ about  Fronts › Kursk incursion", "→ about  Evacuations › Kursk oblast border districts"]

    app = Host(sit, "kursk-oblast")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = await whole_detail(app, pilot)
    assert "kursk-oblast (derived)" in text
    assert "over 76,000" in text


async def test_enter_follows_a_link_and_escape_goes_back_then_closes():
    sit = sample_situation()
    app = Host(sit, "zelensky")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        assert isinstance(app.focused, DetailBody)
        await pilot.press("enter")  # body -> links
        assert isinstance(app.focused, LinkList)
        await pilot.press("down", "enter")  # second link: the evacuation
        assert screen.item_id == "kursk-oblast"
        assert "Evacuations › Kursk oblast border districts" in "\n".join(screen_lines(app))
        await pilot.press("enter", "enter")  # its only link: about the front
        assert screen.item_id == "kursk-incursion"
        assert screen.back_stack == ["zelensky", "kursk-oblast"]
        await pilot.press("escape")
        assert screen.item_id == "kursk-oblast"
        await pilot.press("escape")
        assert screen.item_id == "zelensky"
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DetailScreen)
        assert app.screen.query_one("#board", Static)


async def test_backlink_is_followable():
    sit = sample_situation()
    app = Host(sit, "kursk-incursion")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.focused, LinkList)
        await pilot.press("j", "enter")  # second backlink: the statement
        assert app.screen.item_id == "zelensky"


async def test_j_k_move_in_the_links():
    sit = sample_situation()
    app = Host(sit, "zelensky")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        links = app.screen.query_one(LinkList)
        links.focus()
        assert links.highlighted == 0
        await pilot.press("j")
        assert links.highlighted == 1
        await pilot.press("k")
        assert links.highlighted == 0
        await pilot.press("G")
        assert links.highlighted == 1
        await pilot.press("g")
        assert links.highlighted == 0


async def test_scroll_keys_move_the_body():
    long_note = "\n".join(f"line {n}" for n in range(100))
    sit = Situation(
        id="s", title="t", as_of=sample_situation().as_of, fronts=(Front(id="f", name="F", note=long_note),)
    )
    app = Host(sit, "f")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(DetailBody)
        assert body.scroll_y == 0
        await pilot.press("j")
        assert body.scroll_y == 1
        await pilot.press("down", "down")
        assert body.scroll_y == 3
        await pilot.press("k")
        assert body.scroll_y == 2
        await pilot.press("up")
        assert body.scroll_y == 1
        await pilot.press("pagedown")
        paged = body.scroll_y
        assert paged > 10
        await pilot.press("pageup")
        assert body.scroll_y < paged
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y > 70
        assert "line 99" in "\n".join(screen_lines(app))
        await pilot.press("g")
        assert body.scroll_y == 0


async def test_missing_item_and_refresh_situation():
    sit = sample_situation()
    app = Host(sit, "no-such-item")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert MISSING_ITEM in "\n".join(screen_lines(app))
        # Live reload brings it... no: refresh to a situation where the shown item vanished.
        screen.show_item("kursk-npp")
        await pilot.pause()
        assert "Infrastructure › Kursk NPP" in "\n".join(screen_lines(app))
        without = Situation(id=sit.id, title=sit.title, as_of=sit.as_of, fronts=sit.fronts)
        screen.refresh_situation(without)
        await pilot.pause()
        assert MISSING_ITEM in "\n".join(screen_lines(app))
        await pilot.press("y", "Y")  # copying a vanished item only warns
        assert app.clipboard == ""
        screen.refresh_situation(sit)
        await pilot.pause()
        lines = "\n".join(screen_lines(app))
        assert MISSING_ITEM not in lines and "Kursk NPP" in lines
        await pilot.press("escape")  # back to the missing one, still no crash
        assert screen.item_id == "no-such-item"
        assert MISSING_ITEM in "\n".join(screen_lines(app))


async def test_y_copies_one_line_and_Y_the_whole_item(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("TMUX", raising=False)
    sit = sample_situation()
    app = Host(sit, "kursk-npp")
    item = sit.item("kursk-npp")
    assert item is not None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == item_line(sit, item).text
        assert "\n" not in app.clipboard and "Kursk NPP" in app.clipboard
        assert app.notices[-1].startswith("Infrastructure › Kursk NPP: 1 line sent to the terminal clipboard (OSC 52).")
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == item_whole(sit, item).text
        assert "Infrastructure › Kursk NPP" in app.clipboard.splitlines()[:2]
        assert "Status: threatened" in app.clipboard
        assert not any("Copied" in n for n in app.notices)


async def test_footer_shows_the_keys():
    app = Host(sample_situation(), "kursk-npp")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
    assert "Back" in footer and "Copy" in footer and "esc" in footer


def _markup_corpus() -> list[str]:
    return json.loads((CORPORA / "markup" / "markup-and-escapes.json").read_text(encoding="utf-8"))


def _naughty_corpus() -> list[str]:
    return json.loads((CORPORA / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))


async def test_hostile_markup_strings_render_literally_in_every_field():
    strings = _markup_corpus()
    assert len(strings) > 20 and any(len(s) > 300 for s in strings)
    app = Host(hostile_situation("plain"), "hostile")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for s in strings:
            screen.refresh_situation(hostile_situation(s))
            await pilot.pause()
            assert app.is_running and app.screen is screen, s
            svg = app.export_screenshot()
            assert "\x1b" not in svg and "\x9b" not in svg and "\x07" not in svg, s
            shown = visible(s)
            if len(s) > 300:  # a very long string: wraps, and the title stays one line
                lines = screen_lines(app)
                assert lines[0].startswith(" ◐ reported  Fronts › xxxxxxxx") and lines[0].endswith("…"), s
                assert shown[:50] in "\n".join(lines), s
                assert screen.query_one("#detail-title").region.height == 1
                continue
            text = await whole_detail(app, pilot)
            # Literal, in the fields (wrapped over lines: compare without whitespace).
            assert squash(shown) in squash(text), s
            # Each string field of the item: name, status, sides, strength, places, note,
            # x-evil, source name/type, quote, url, document, the link to the target.
            # (Single-line places such as the title and links show newlines and tabs as ⏎ and →.)
            one_line = visible(s, single_line=True)
            found = squash(text).count(squash(shown))
            if squash(one_line) != squash(shown):
                found += squash(text).count(squash(one_line))
            assert found >= 10, s


async def test_naughty_strings_never_break_the_detail():
    naughty = [s for s in _naughty_corpus() if s.strip()]
    assert len(naughty) > 400
    # Ten strings to a screen (one per line of each field): every string is shown once.
    strings = ["\n".join(naughty[i : i + 10]) for i in range(0, len(naughty), 10)]
    app = Host(hostile_situation("plain"), "hostile")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for s in strings:
            screen.refresh_situation(hostile_situation(s))
            await pilot.pause()
            assert app.is_running and app.screen is screen, s
            svg = app.export_screenshot()
            assert "\x1b" not in svg, s
            first = visible(s, single_line=True)[:20]
            assert squash(first) in squash("\n".join(screen_lines(app, svg))), s


async def test_markup_click_in_a_link_does_not_run():
    app = Host(hostile_situation("[@click=app.quit]click me[/]"), "target")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#detail-title")
        await pilot.click("#detail-fields")
        await pilot.pause()
        assert app.is_running and app.screen.item_id == "target"
        await pilot.click(LinkList)  # selects the backlink: follows it, nothing else
        await pilot.pause()
        assert app.is_running and app.screen.item_id == "hostile"


@pytest.mark.parametrize("item_id", ["kursk-incursion", "no-such-item"])
def test_snapshot_detail(snap_compare, item_id):
    assert snap_compare(Host(sample_situation(), item_id), terminal_size=SIZE)


# -- on the real board ------------------------------------------------------------------


async def test_board_enter_opens_the_selected_item_and_escape_returns_to_it():
    from test_commands import make_app, settle

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("3")  # Statements
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.item_id == "zelensky"
        await pilot.press("enter", "enter")  # to the links, follow the first: the front
        assert screen.item_id == "kursk-incursion"
        await pilot.press("escape")
        assert screen.item_id == "zelensky"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DetailScreen)
        assert app.focused.pane == "statements" and app.focused.selected_id == "zelensky"


@pytest.mark.parametrize("item_id", ["kursk-incursion", "zelensky"])
async def test_the_widest_label_keeps_a_space_before_its_value(item_id):
    """The label column is as wide as its widest label, and one space still parts that
    label from its value on screen ('Confidence ◐ reported', never 'Confidence◐ reported').
    (Textual's SVG leaves that blank cell out of its text elements: read by position.)"""
    from rich.table import Table

    app = Host(sample_situation(), item_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.screen.query_one("#detail-fields", Static).content
        assert isinstance(grid, Table)
        widest = max((str(cell) for cell in grid.columns[0].cells), key=len)
        lines = [line for line in screen_lines(app) if re.match(rf"^[▌ ]+{re.escape(widest)} ", line)]
        assert lines, (widest, screen_lines(app))
        assert re.match(rf"^[▌ ]+{re.escape(widest)} \S", lines[0]), lines[0]


async def test_following_items_keeps_one_footer_that_repaints_only_on_change():
    """The detail's footer is our KeyFooter (no child widgets): Textual's Footer rebuilt a
    widget per key on every item shown and left watchers behind (textual#6666), so a long
    walk through items got slower and slower (CI: a pause timed out in the corpus walk)."""
    from test_commands import make_app, settle

    from tui.ui.widgets.footer import KeyFooter

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        footer = screen.query_one(KeyFooter)
        assert footer.keys[:2] == ["escape", "enter"] and not footer.children
        updates = footer.updates
        ids = [item.id for item in screen.situation.items()]
        for _ in range(5):
            for item_id in ids:
                screen.show_item(item_id)
                await pilot.pause()
        assert screen.query_one(KeyFooter) is footer and not footer.children
        assert footer.updates <= updates + 2  # the keys shown did not change item to item
        assert "esc Back" in screen_lines(app)[-1]


async def test_reload_refreshes_the_open_detail():
    from test_commands import clock, settle

    from tui.model.types import LoadResult
    from tui.ui.app import SitboardApp

    full = sample_situation()
    without_npp = Situation(
        id=full.id,
        title=full.title,
        as_of=full.as_of,
        sources=full.sources,
        fronts=full.fronts,
        evacuations=full.evacuations,
        statements=full.statements,
        events=full.events,
    )
    results = [full, without_npp, full]

    def loader(paths):
        sit = results.pop(0) if len(results) > 1 else results[0]
        return LoadResult(situations=(sit,), files=("/tmp/kursk.yaml",))

    app = SitboardApp(["/tmp/kursk.yaml"], loader=loader, clock=clock, watch=False, read_user_keymap=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "enter")  # Infrastructure: Kursk NPP
        await pilot.pause()
        assert "Infrastructure › Kursk NPP" in screen_lines(app)[0]
        app.action_reload()
        await settle(app, pilot)
        assert isinstance(app.screen, DetailScreen)
        assert MISSING_ITEM in "\n".join(screen_lines(app))
        app.action_reload()
        await settle(app, pilot)
        assert "Infrastructure › Kursk NPP" in screen_lines(app)[0]


async def test_resize_wide_keeps_lines_readable_and_narrow_does_not_crash():
    sit = sample_situation()
    long_note = "word " * 200
    wide = Situation(
        id=sit.id,
        title=sit.title,
        as_of=sit.as_of,
        sources=sit.sources,
        fronts=(Front(id="f", name="F", note=long_note),),
    )
    app = Host(wide, "f")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        note_lines = [line for line in screen_lines(app) if "word word" in line]
        assert len(note_lines) > 3
        assert max(len(line.rstrip()) for line in note_lines) <= 122
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen.query_one(DetailBody).size.width <= 60
        await pilot.press("j", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, DetailScreen)  # closed, back on the board
