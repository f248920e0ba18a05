"""The board's search (issue 13 item 6): ranked `enter`, filter tokens in the box, the
palette's lists. Pilot, 80x24, on the embedded default situation (data/) unless said."""

from __future__ import annotations

import datetime as dt

from textual.command import CommandList, CommandPalette

from tui.model.load import load
from tui.model.provenance import weak_items
from tui.model.search import item_tiers, spans
from tui.model.stale import stale_items
from tui.model.types import LISTS
from tui.runtime.paths import default_situation_path
from tui.ui.app import SitboardApp
from tui.ui.widgets.searchbar import SearchHint

SIZE = (80, 24)


def clock() -> dt.datetime:
    return dt.datetime(2024, 8, 9, 15, 0, tzinfo=dt.UTC)


def default_app() -> SitboardApp:
    path = default_situation_path()
    result = load([path])
    return SitboardApp([str(path)], loader=lambda paths: result, clock=clock, watch=False, read_user_keymap=False)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(app) -> dict[str, list[str]]:
    return {name: list(app.board.pane(name).row_ids) for name in LISTS}  # every pane, 0 to 8


async def test_lukashenko_enter_lands_on_his_statement():
    """Issue 13: `/lukashenko` `enter` landed on a front (first in pane order) that only
    links to his statement; the hit in an item's label goes first now."""
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"lukashenko", "enter")
        await pilot.pause()
        board = app.board
        assert "belarus-border-buildup" in shown(app)["fronts"]  # still found (it links to him)
        assert app.focused is board.pane("statements")
        assert board.pane("statements").selected_id == "lukashenko-provocations"
        # n / N still walk every hit, pane by pane
        await pilot.press("n")
        assert app.focused is board.pane("events")


async def test_filter_tokens_in_the_search_box():
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"weak")
        await pilot.pause()
        weak = weak_items(app.situation)
        rows = shown(app)
        assert {i for ids in rows.values() for i in ids} == set(weak)
        assert "burnt-out-convoy" not in rows["events"]
        events = app.board.pane("events")
        assert events.title_plain.startswith(f"5 Events {len(rows['events'])}/5")
        # a word too: both must hold
        await pilot.press("space", *"belarus")
        await pilot.pause()
        texts = {
            it.id: " ".join(item_tiers(it, {k: v.name for k, v in app.situation.sources.items()}))
            for it in app.situation.all_items()
        }
        expected = {i for i in weak if "belarus" in texts[i]}
        assert expected and expected != set(weak)
        assert {i for ids in shown(app).values() for i in ids} == expected
        # a filter highlights nothing; the word does
        await pilot.press("enter")
        await pilot.pause()
        pane = app.focused
        cells = pane.row_cells(pane.selected_id)
        assert any(sp.style for c in cells[1:] for sp in c.spans if "belarus" in c.plain[sp.start : sp.end].lower())
        assert not any("weak" in c.plain[sp.start : sp.end].lower() for c in cells[1:] for sp in c.spans)


async def test_unknown_filter_is_searched_as_a_word_and_said():
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        hint = app.board.query_one(SearchHint)
        assert not hint.display
        await pilot.press("slash", *"foo:bar")
        await pilot.pause()
        assert hint.display and "unknown filter foo:" in str(hint.render())
        assert all(not ids for ids in shown(app).values())  # "foo:bar" is in no item
        await pilot.press("escape")
        await pilot.pause()
        assert not hint.display and app.board.searchbar.value == ""
        assert sum(len(ids) for ids in shown(app).values()) == app.situation.item_count


async def test_a_maximized_pane_keeps_the_view_on_enter():
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        board = app.board
        await pilot.press("5", "z", "slash", *"lukashenko", "enter")
        await pilot.pause()
        assert board.maximized is board.pane("events")  # events has a hit: it stays
        assert board.pane("events").selected_id == "belarus-drone-incursions"
        await pilot.press("escape", "escape", "4", "z", "slash", *"lukashenko", "enter")
        await pilot.pause()
        assert board.maximized is board.pane("statements")  # none in infrastructure: the best hit's pane


async def palette(app, pilot, text: str) -> list[str]:
    await pilot.press("colon")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*list(text))
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_palette_lists_set_the_filter_on_the_board():
    app = default_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        board = app.board
        for typed, title, token in (
            ("weak", "Weak items", "weak"),
            ("stale it", "Stale items", "stale"),
            ("disputed", "Disputed items", "conf:disputed"),
            ("overdue", "Overdue watch items", "overdue"),
            ("critical", "Critical and high", "sev:high"),
        ):
            options = await palette(app, pilot, typed)
            assert options and options[0].startswith(title), options
            await pilot.press("enter")
            await settle(app, pilot)
            assert board.searchbar.display and board.searchbar.value == token
            sit = app.situation
            expected = {
                "weak": set(weak_items(sit)),
                "stale": stale_items(sit, board.stale_hours),
                "conf:disputed": {it.id for it in sit.all_items() if it.confidence == "disputed"},
                "overdue": {  # open watch items past due
                    it.id
                    for it in sit.all_items()
                    if getattr(it, "status", None) == "open"
                    and getattr(it, "due", None) is not None
                    and it.due.end_datetime() < clock()  # type: ignore[attr-defined]
                },
                "sev:high": {it.id for it in sit.all_items() if it.severity in ("critical", "high")},
            }[token]
            assert {i for ids in shown(app).values() for i in ids} == expected
            if expected:  # the cursor on the best hit
                assert app.focused.selected_id in expected
            await pilot.press("escape")  # clears it
            await pilot.pause()
            assert board.searchbar.value == "" and not board.searchbar.display


def test_spans_are_what_the_cells_highlight():
    from rich.text import Text

    from tui.model.search import parse
    from tui.ui.widgets.cells import highlight

    text = Text(" Alexander Lukashenko")
    out = highlight(text, parse("luka weak"))
    assert [(s.start, s.end) for s in out.spans] == spans(text.plain, parse("luka")) == [(11, 15)]


LISTED = """\
situation: {id: l, title: Listed, as_of: 2024-08-09T12:00:00+03:00}
sources:
  good: {name: Good Wire, reliability: A}
fronts:
  - {id: f-crit, name: North axis, severity: critical, sources: [good], updated: 2024-08-09T11:00:00+03:00}
  - {id: f-low, name: South axis, severity: low, sources: [good], updated: 2024-08-09T11:00:00+03:00}
events:
  - {id: e-high, what: Bridge down, severity: high, confidence: disputed, sources: [good], updated: 2024-08-01}
  - {id: e-none, what: Quiet day, sources: [good], updated: 2024-08-09T11:00:00+03:00}
  - {id: e-weak, what: Rumour of a convoy, confidence: claimed, updated: 2024-08-09T11:00:00+03:00}
"""


async def test_palette_lists_on_a_situation_that_has_each(tmp_path):
    path = tmp_path / "listed.yaml"
    path.write_text(LISTED, encoding="utf-8")
    result = load([path])
    app = SitboardApp([str(path)], loader=lambda paths: result, clock=clock, watch=False, read_user_keymap=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for typed, expected, focused in (
            ("critical", {"f-crit", "e-high"}, "f-crit"),
            ("disputed", {"e-high"}, "e-high"),
            ("stale it", {"e-high"}, "e-high"),
            ("weak", {"e-weak"}, "e-weak"),
        ):
            await palette(app, pilot, typed)
            await pilot.press("enter")
            await settle(app, pilot)
            assert {i for ids in shown(app).values() for i in ids} == expected, typed
            assert app.focused.selected_id == focused
            await pilot.press("escape")
            await pilot.pause()
