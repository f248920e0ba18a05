"""The command palette and search (issue 13 item 6): Pilot tests on the embedded default."""

from __future__ import annotations

from test_search_board import SIZE, default_app, settle  # one board setup for both
from textual.command import CommandList, CommandPalette


async def palette_options(app, pilot, text: str) -> list[str]:
    await pilot.press("colon")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*list(text))
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_weak_in_the_palette_does_not_find_the_convoy():
    """Issue 13: "weak" in the palette offered the burnt-out convoy (w, e, a, k strewn
    through "highWay, onE mArKed"); letters apart must each begin a word."""
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        options = await palette_options(app, pilot, "weak")
        assert not any("Convoy" in o for o in options), options


async def test_letters_that_begin_words_still_find_an_item():
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        options = await palette_options(app, pilot, "knpp")
        assert any("Kursk Nuclear Power Plant" in o for o in options), options
