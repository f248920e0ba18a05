"""Since the last briefing: `b` marks a baseline (on disk, per situation), `B` toggles the
changes since it (new / changed old -> new / removed), enter opens an item, across
restarts; errors as notices; `S` opens the sources screen from the board."""

from __future__ import annotations

import dataclasses

from test_board_keys import record_notes
from test_board_support import NOW, kursk, make_app, result, settle

from tui.model.types import Quantity
from tui.runtime.baseline import BaselineStore
from tui.ui.screens.changes import ChangeList, ChangesScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.sources import SourcesScreen

SIZE = (80, 24)


def later():
    """The picture a few hours on: one front changed, one event new, one removed."""
    base = kursk()
    fronts = tuple(dataclasses.replace(f, status="withdrawing") if f.id == "korenevo" else f for f in base.fronts)
    evac = tuple(
        dataclasses.replace(e, people=Quantity(121000, "over")) if e.id == "kursk-border" else e
        for e in base.evacuations
    )
    events = tuple(e for e in base.events if e.id != "attack")
    events += (dataclasses.replace(base.events[0], id="npp-alert", what="NPP alert raised"),)
    return kursk(fronts=fronts, evacuations=evac, events=events)


def options(screen: ChangesScreen) -> list[str]:
    lst = screen.query_one(ChangeList)
    return [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]


async def test_b_saves_a_baseline_and_says_where(tmp_path):
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("b")
        await pilot.pause()
        path = tmp_path / "baselines" / "kursk.json"
        assert path.is_file()
        # when it was marked (the app's clock, local time), then the picture's as-of
        marked = NOW.astimezone().strftime("%H:%M")
        assert notes and notes[-1] == f"Baseline saved {marked} (as of 09 Aug 12:00) · {path}"
        assert (
            BaselineStore(tmp_path).load("kursk") == app.situation
            or BaselineStore(tmp_path).load("kursk").id == "kursk"
        )


async def test_B_without_a_baseline_says_how_to_mark_one(tmp_path):
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("B")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        assert notes[-1] == "No baseline yet: press b to mark one"


async def test_changes_since_the_baseline_across_a_restart(tmp_path):
    # first run: mark the baseline
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("b")
        await pilot.pause()
    # a new run of the board on the later picture: the baseline is still there
    app = make_app(result(later()), state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("B")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        lines = options(screen)
        assert lines[0] == "+ Events › NPP alert raised"
        assert lines[1].splitlines() == ["~ Fronts › Korenevo", "    Status: contested → withdrawing"]
        assert lines[2].splitlines() == [
            "~ Evacuations › Kursk border districts",
            "    People: over 76,000 → over 121,000",
        ]
        assert lines[3] == "- Events › Cross-border attack begins"
        title = str(screen.query_one("#changes-title").render())
        assert "2 changed · 1 new · 1 removed" in title
        # enter on the changed front opens its detail (the current item)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == "korenevo"
        assert app.screen.situation.item("korenevo").status == "withdrawing"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # a removed item opens as it was at the baseline
        await pilot.press("G", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == "attack"
        assert app.screen.item is not None
        await pilot.press("escape")
        await pilot.pause()
        # B again toggles the changes off
        await pilot.press("B")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)


async def test_no_changes_since_the_baseline(tmp_path):
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("b", "B")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        assert options(app.screen) == ["No item changed since the baseline."]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)


async def test_a_baseline_that_cannot_be_saved_is_a_notice(tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state directory should be")
    app = make_app(state_dir=blocker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("b")
        await pilot.pause()
        assert app.is_running
        assert notes[-1].startswith("Baseline not saved: could not save the baseline")


async def test_a_damaged_baseline_is_a_notice(tmp_path):
    (tmp_path / "baselines").mkdir()
    (tmp_path / "baselines" / "kursk.json").write_text("{not json")
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("B")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        assert "damaged" in notes[-1]


async def test_baseline_store_argument_and_live_reload_refresh(tmp_path):
    store = BaselineStore(tmp_path / "x")
    store.save(kursk())
    box = {"res": result(kursk())}
    app = make_app(baseline_store=store)
    app.loader = lambda paths: box["res"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("B")
        await pilot.pause()
        screen = app.screen
        assert options(screen) == ["No item changed since the baseline."]
        box["res"] = result(later())
        app.reload()
        await settle(app, pilot)
        assert app.screen is screen
        assert "2 changed · 1 new · 1 removed" in str(screen.query_one("#changes-title").render())


async def test_S_opens_the_sources_screen_and_enter_an_item(tmp_path):
    app = make_app(state_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        assert screen.source_id == "reuters"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == "korenevo"
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert app.screen is app.board
