"""Command palette: ItemCommands (jump to an item by name) and BoardCommands (every action)."""

from __future__ import annotations

import datetime as dt

from test_plain import hostile_situation, sample_situation
from textual.command import CommandList, CommandPalette

from tui.model.types import LoadResult, Situation
from tui.ui.app import SitboardApp
from tui.ui.commands import BoardCommands, ItemCommands, SystemCommands, literal_match
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.help import HelpScreen

SIZE = (80, 24)


def clock() -> dt.datetime:
    return dt.datetime(2024, 8, 9, 15, 0, tzinfo=dt.UTC)


def make_app(situation: Situation | None = None, **kw) -> SitboardApp:
    sit = situation or sample_situation()
    res = LoadResult(situations=(sit,), files=("/tmp/kursk.yaml",))
    kw.setdefault("read_user_keymap", False)
    return SitboardApp(["/tmp/kursk.yaml"], loader=lambda paths: res, clock=clock, watch=False, **kw)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def palette_results(app, pilot) -> list[str]:
    """Wait for the palette's search to finish; the options' plain text."""
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    results = palette.query_one(CommandList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def type_in_palette(app, pilot, text: str) -> list[str]:
    await pilot.press(*list(text))
    return await palette_results(app, pilot)


def focused_item(app) -> tuple[str, str | None]:
    pane = app.focused
    return pane.pane, pane.selected_id


def test_system_commands_is_the_board_provider():
    assert SystemCommands is BoardCommands
    assert ItemCommands in {p() if not isinstance(p, type) else p for p in SitboardApp.COMMANDS}


async def test_palette_finds_an_item_by_part_of_its_name_and_enter_jumps():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert focused_item(app) == ("fronts", "kursk-incursion")
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        options = await type_in_palette(app, pilot, "zelen")
        assert any("Statements › Zelensky" in o for o in options), options
        assert not any("Kursk NPP" in o for o in options)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert focused_item(app) == ("statements", "zelensky")


async def test_jump_works_from_the_detail():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("colon")
        await pilot.pause()
        options = await type_in_palette(app, pilot, "npp")
        assert any("Infrastructure › Kursk NPP" in o for o in options), options
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, (CommandPalette, DetailScreen))
        assert focused_item(app) == ("infrastructure", "kursk-npp")


async def test_discovery_lists_items_and_board_actions_before_typing():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("colon")
        options = await palette_results(app, pilot)
        joined = "\n".join(options)
        assert "Fronts › Kursk incursion" in joined
        assert "Events › State of emergency declared" in joined
        for title in ("Search", "Reload", "Maximize pane", "Help", "Copy item", "Switch situation"):
            assert title in joined, title


async def test_hostile_item_names_are_literal_in_the_palette():
    markup = "[@click=app.quit]click me[/]"
    app = make_app(hostile_situation(markup + "\x1b[31m"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("colon")
        options = await type_in_palette(app, pilot, "click")
        assert any("Fronts › [@click=app.quit]click me[/]␛[31m" in o for o in options), options
        assert "\x1b" not in app.export_screenshot()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running
        assert app.focused.selected_id in {"hostile", "target", "speaker"}


def test_literal_match_never_parses_markup():
    from textual.command import Matcher

    matcher = Matcher("bold")
    score, content = literal_match(matcher, "[bold]x[/bold]")
    assert score > 0 and content.plain == "[bold]x[/bold]"
    assert content.spans  # the match is highlighted
    score, content = literal_match(Matcher("zzz"), "[/]")
    assert score == 0 and content.plain == "[/]"


async def run_board_command(app, pilot, query: str, title: str) -> None:
    await pilot.press("colon")
    options = await type_in_palette(app, pilot, query)
    assert options and options[0].startswith(title), options
    await pilot.press("enter")
    await settle(app, pilot)


async def test_board_commands_run_their_actions():
    loads: list[int] = []
    sit = sample_situation()

    def loader(paths):
        loads.append(1)
        return LoadResult(situations=(sit,), files=("/tmp/kursk.yaml",))

    app = SitboardApp(["/tmp/kursk.yaml"], loader=loader, clock=clock, watch=False, read_user_keymap=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(loads) == 1
        await run_board_command(app, pilot, "reload", "Reload")
        assert len(loads) == 2
        await run_board_command(app, pilot, "maximize p", "Maximize pane")
        assert app.board.maximized is not None
        await pilot.press("escape")
        await run_board_command(app, pilot, "jump to stat", "Jump to Statements")
        assert app.focused.pane == "statements"
        await run_board_command(app, pilot, "copy line", "Copy line")
        assert app.clipboard.startswith("Zelensky: “") and "\n" not in app.clipboard  # (no marking here)
        await run_board_command(app, pilot, "copy item", "Copy item")
        assert app.clipboard.startswith("Statements › Zelensky\n")
        await run_board_command(app, pilot, "help", "Help")
        assert isinstance(app.screen, HelpScreen)


async def test_board_commands_show_the_bound_key_even_when_remapped():
    app = make_app(keymap={"search": "ctrl+f"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        provider = BoardCommands(app.screen)
        helps = {title: str(help_text) for title, help_text, _ in provider._commands()}
        assert helps["Search"].endswith("[ctrl+f]")
        assert helps["Reload"].endswith("[r]")
        assert "Theme" in helps  # Textual's own system commands stay
        assert list(helps).count("Quit") == 1


async def test_item_search_on_a_big_board_offers_the_best_hundred():
    from tui.model.types import Front
    from tui.ui.commands import MAX_ITEM_HITS

    base = sample_situation()
    fronts = tuple(Front(id=f"f{i}", name=f"Front {i}") for i in range(1500))
    big = Situation(id="big", title="Big", as_of=base.as_of, fronts=fronts)
    app = make_app(big)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        provider = ItemCommands(app.screen)
        await provider.startup()

        async def hits(query: str) -> list[str]:
            return [h.text async for h in provider.search(query)]

        everything = await hits("front")
        assert len(everything) == MAX_ITEM_HITS == 100
        found = await hits("front 1499")
        assert found == ["Fronts › Front 1499"]
        sevens = await hits("front 7")
        assert sevens[0] == "Fronts › Front 7" and "Fronts › Front 712" in sevens
        # Letters in order but not together: the fuzzy matcher still finds it.
        assert "Fronts › Front 1499" in await hits("fr1499")
        assert await hits("zzz") == []
