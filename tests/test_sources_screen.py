"""SourcesScreen (`S`): every source with type, grade in words, item count and items;
enter on an item opens its detail; weak-basis items flagged; hostile names literal."""

from __future__ import annotations

import pytest
from test_board_support import kursk
from test_detail import screen_lines
from test_plain import hostile_situation
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.model.load import load
from tui.model.types import Situation
from tui.runtime.paths import default_situation_path
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.sources import WEAK_MARK, SourceItems, SourcesScreen, SourceTable

SIZE = (80, 24)


def default_situation() -> Situation:
    result = load([str(default_situation_path())])
    assert result.ok and result.situations
    return result.situations[0]


class Host(App[None]):
    def __init__(self, situation: Situation) -> None:
        super().__init__()
        self.situation = situation

    def compose(self) -> ComposeResult:
        yield Static("board underneath", id="board")

    def on_mount(self) -> None:
        self.push_screen(SourcesScreen(self.situation))


def table_rows(table: SourceTable) -> list[list[str]]:
    return [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]


def item_lines(items: SourceItems) -> list[str]:
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


async def test_every_source_with_type_grade_in_words_and_count():
    sit = default_situation()
    app = Host(sit)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        rows = table_rows(screen.query_one(SourceTable))
        assert [r[0] for r in rows] == [s.name for s in sit.sources.values()]
        by_name = {r[0]: r for r in rows}
        assert by_name["Reuters"][1] == "B (usually reliable)" and by_name["Reuters"][3] == "news agency"
        assert by_name["TASS"][1] == "D (not usually reliable)"
        assert by_name["Russian military bloggers"][1] == "E (unreliable)"
        assert by_name["Seed report (compiled from Reuters and TASS)"][1] == "F (reliability cannot be judged)"
        assert by_name["TASS"][3] == "state news agency (Russia)"
        # the count is the number of distinct items citing the source
        for row, src in zip(rows, sit.sources.values()):
            cited = [it for it in sit.all_items() if any(r.source == src.id for r in it.sources)]
            assert row[2] == str(len(cited))


async def test_items_of_the_highlighted_source_follow_the_cursor():
    sit = default_situation()
    app = Host(sit)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        items = screen.query_one(SourceItems)
        ids = list(sit.sources)
        assert screen.source_id == ids[0]
        for n in range(1, len(ids)):
            await pilot.press("j")
            await pilot.pause()
            assert screen.source_id == ids[n]
            expected = [it.id for it in sit.all_items() if any(r.source == ids[n] for r in it.sources)]
            assert screen.item_ids == expected
            if expected:
                assert len(item_lines(items)) == len(expected)
        title = str(screen.query_one("#sources-items-title", Static).render())
        assert sit.sources[ids[-1]].name in title


async def test_enter_opens_the_item_detail_and_escape_comes_back():
    sit = default_situation()
    app = Host(sit)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        # to Reuters (the third source), enter: to its items
        ids = list(sit.sources)
        await pilot.press(*["j"] * ids.index("reuters"))
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(SourceItems).has_focus
        await pilot.press("j")
        wanted = screen.highlighted_item_id
        assert wanted == screen.item_ids[1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == wanted
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one(SourceItems).has_focus
        await pilot.press("tab")
        assert screen.query_one(SourceTable).has_focus
        await pilot.press("tab")
        assert screen.query_one(SourceItems).has_focus
        await pilot.press("escape")  # from the items list too: the first escape closes
        await pilot.pause()
        assert not isinstance(app.screen, SourcesScreen)


async def test_weak_basis_items_are_flagged_without_colour():
    sit = kursk()  # sudzha: claimed (weak); korenevo: Reuters B (sound)
    app = Host(sit)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "sudzha" in screen.weak and "korenevo" not in screen.weak
        # tg (E) is cited only by sudzha
        await pilot.press(*["j"] * list(sit.sources).index("tg"))
        await pilot.pause()
        lines = item_lines(screen.query_one(SourceItems))
        assert lines == [f"{WEAK_MARK} ○ Fronts › Sudzha axis"]
        await pilot.press("k")  # reuters: korenevo sound, kursk-border sound, putin sound
        await pilot.pause()
        for line in item_lines(screen.query_one(SourceItems)):
            assert not line.startswith(WEAK_MARK)
        title = str(screen.query_one("#sources-title", Static).render())
        assert f"{len(screen.weak)} items on a weak basis" in title


async def test_an_uncited_source_and_no_sources():
    from types import MappingProxyType

    from tui.model.types import Source

    sources = dict(kursk().sources)
    sources["lonely"] = Source("lonely", "Nobody cites me")
    app = Host(kursk(sources=MappingProxyType(sources)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        screen = app.screen
        assert screen.source_id == "lonely" and screen.item_ids == []
        assert item_lines(screen.query_one(SourceItems)) == ["No item cites this source"]
        await pilot.press("enter")  # nothing to focus
        assert screen.query_one(SourceTable).has_focus
    app = Host(kursk(sources=MappingProxyType({})))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No sources declared" in str(app.screen.query_one("#sources-items-title", Static).render())


@pytest.mark.parametrize("evil", ["[@click=app.quit]x[/]", "\x1b[31mred\x1b[0m\x07", "[b]bold[/b] \u202eevil"])
async def test_hostile_source_names_are_literal(evil):
    app = Host(hostile_situation(evil))
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
        text = "\n".join(screen_lines(app, svg))
        assert "\x1b" not in svg and "\x07" not in svg
        if evil.startswith("[@"):
            assert "[@click=app.quit]x[/]" in text
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DetailScreen)


def test_snapshot_sources_80x24(snap_compare):
    assert snap_compare(Host(default_situation()), terminal_size=SIZE, press=["j", "j"])
