"""Every screen's footer is our KeyFooter (tui/ui/widgets/footer.py), never Textual's Footer:
that one rebuilds a widget per key whenever the bindings refresh and leaves a watcher behind
each time (Textualize/textual#6666). The help, sources, changes, summary and document screens
used it until 2 Dec 2026; a long session opening them again and again grew."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_commands import make_app, settle
from textual.widgets import Footer

from tui.ui.widgets.footer import KeyFooter

ROOT = Path(__file__).resolve().parents[1]
SIZE = (80, 24)


def footers_of(screen) -> tuple[list[KeyFooter], list[Footer]]:
    return list(screen.query(KeyFooter)), list(screen.query(Footer))


@pytest.mark.parametrize(
    ("keys", "screen_name"),
    [
        (("question_mark",), "HelpScreen"),
        (("S",), "SourcesScreen"),
        (("b", "B"), "ChangesScreen"),  # (a baseline first)
        (("i",), "SummaryScreen"),
    ],
)
async def test_a_screen_opened_by_its_key_has_our_footer(tmp_path, keys: tuple[str, ...], screen_name: str) -> None:
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == screen_name
        ours, textuals = footers_of(screen)
        assert len(ours) == 1 and textuals == []
        footer = ours[0]
        assert not footer.children and "escape" in footer.keys
        before = footer.updates
        for _ in range(5):  # bindings refreshed again and again: the same footer, no rebuild
            screen.refresh_bindings()
            await pilot.pause()
        assert screen.query_one(KeyFooter) is footer and not footer.children
        assert footer.updates == before


async def test_the_document_view_has_our_footer(tmp_path) -> None:
    from tui.ui.screens.document import DocumentScreen

    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seed = next((ROOT / "seeds").glob("kursk-*.txt"))
        await app.push_screen(DocumentScreen(str(seed), title=seed.name))
        await pilot.pause()
        ours, textuals = footers_of(app.screen)
        assert len(ours) == 1 and textuals == [] and "escape" in ours[0].keys
