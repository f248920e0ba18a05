"""The board's first screen is the picture (issue 12): the summary, the key figures as
tiles (0), the next update in the header, overdue watch items, the lists without a box on
one line (6 7 8 open them), the order of a list (o), severity marks, expected events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from test_board_support import AS_OF, NOW, kursk, make_app, result, settle
from test_detail import screen_lines

from tui.model.types import Event, Figure, Front, Judgment, Quantity, SeriesPoint, SourceRef, Watch, When
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.figures import FigurePane

SUMMARY = (
    "Thousands of Ukrainian soldiers have pushed up to 20 km into Russia's Kursk region, the largest "
    "attack on Russian territory since 2022. Over 76,000 people have been evacuated from the border "
    "areas. Russia's General Staff says the advance was halted; Russian forces have not yet pushed it "
    "back. The IAEA calls for restraint near the Kursk nuclear power plant."
)


def picture(**overrides):
    """The board's test situation with the December 2026 lists: a summary, three figures
    (one with a series), two watch items (one overdue at NOW), a judgment, no needs; a
    critical front and an expected event."""
    sit = kursk()
    fields = dict(
        summary=SUMMARY,
        next_update=When(AS_OF + dt.timedelta(hours=5, minutes=10)),  # NOW + 2 h 10 m
        figures=(
            Figure(
                id="evacuated",
                label="people evacuated",
                value=Quantity(76000, "over"),
                series=(
                    SeriesPoint(When(dt.date(2024, 8, 7)), Quantity(3000)),
                    SeriesPoint(When(dt.date(2024, 8, 8)), Quantity(20000)),
                ),
                severity="high",
                sources=(SourceRef("reuters"),),
            ),
            Figure(id="depth", label="depth of the advance", value=Quantity(max=20, unit="km")),
            Figure(id="vehicles", label="vehicles destroyed", value=Quantity(15, "about"), confidence="verified"),
        ),
        watch=(
            Watch(id="push-back", what="Whether Russia pushes the advance back"),
            Watch(id="npp", what="Fighting near the plant", due=When(NOW - dt.timedelta(hours=3)), severity="high"),
        ),
        judgments=(Judgment(id="not-pushed-back", text="Russia has not pushed the advance back", likelihood="likely"),),
        fronts=(*sit.fronts, Front(id="main-axis", name="Main axis", status="contested", severity="critical")),
        events=(
            *sit.events,
            Event(id="talks", what="Talks expected", date=When(dt.date(2024, 8, 12))),
        ),
    )
    fields.update(overrides)
    return dataclasses.replace(sit, **fields)


def text(app) -> str:
    return "\n".join(screen_lines(app))


async def test_80x24_the_picture_comes_before_the_panes():
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lines = screen_lines(app)
        board = app.board
        # the header: title, as-of, the countdown to the next update (short words), marking
        assert "next in 2 h 10 m" in lines[0] and "TLP:AMBER" in lines[0]
        # the summary: two lines, the second ending with the key for the rest
        assert lines[1].strip().startswith("Thousands of Ukrainian soldiers")
        assert lines[2].rstrip().endswith("… i: more")
        last_word = lines[2].rstrip().removesuffix("… i: more").split()[-1]
        assert last_word in SUMMARY.split()  # cut between words, never inside one
        assert board.summary.region.height == 2 and board.summary.cut
        # the key figures: one line of tiles, "0" first, the value then what is counted
        assert lines[3].startswith("0 ")
        assert "over 76,000 people evacuated" in lines[3] and "△" in lines[3]
        assert "up to 20 km depth of the" in lines[3]
        assert "+1 ›" in lines[3]  # the third tile is one key away (→)
        # the lists without a box: Watch and Judgments (no room at 80x24), Needs empty
        assert lines[4].strip() == "7 Watch (2, ⚠ 1 overdue) · 8 Judgments (1) · none: 6 Needs"
        # then the panes, as before
        assert "1 Fronts (5)" in lines[5]
        assert board.arrangement.collapsed == ("watch", "judgments")


async def test_160x48_the_picture_lists_get_boxes_and_the_header_says_it_in_full():
    app = make_app(result(picture()))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        lines = screen_lines(app)
        board = app.board
        assert "next update in 2 h 10 m" in lines[0]
        assert board.summary.region.height == 3 and not board.summary.cut  # the whole summary
        assert board.arrangement.collapsed == () and board.arrangement.empty == ("needs",)
        assert board.arrangement.rows[0] == ("watch", "judgments")  # the picture lists first
        watch = board.pane("watch")
        assert watch.display and watch.title_plain.startswith("7 Watch (2) · ⚠ 1 overdue · by due date")
        # three tiles on two lines: whole labels
        figures = board.figures
        assert figures.region.height == 2
        shown = text(app)
        assert "over 76,000 people evacuated" in shown and "about 15 vehicles destroyed" in shown
        assert "none: 6 Needs" in shown


async def test_the_countdown_turns_into_overdue_and_the_tick_counts_watch_items():
    now = [NOW]
    app = make_app(result(picture()), clock=lambda: now[0])
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        board = app.board
        assert board.pane("watch").overdue == 1
        now[0] = NOW + dt.timedelta(hours=2, minutes=50)  # 40 minutes past the next update
        board.header.refresh_age()
        await pilot.pause()
        slot = board.header.query_one("#header-next")
        assert str(slot.render()) == "next update ⚠ overdue by 40 m" and slot.has_class("-overdue")
        # a watch item falls due: the half-minute tick counts it
        later = dataclasses.replace(picture().watch[0], due=When(NOW + dt.timedelta(hours=1)))
        app.board.show_situation(picture(watch=(later, picture().watch[1])))
        await pilot.pause()
        assert board.pane("watch").overdue == 2
        now[0] = NOW
        board.tick()
        await pilot.pause()
        assert board.pane("watch").overdue == 1
        assert "⚠ 1 overdue" in board.pane("watch").title_plain


async def test_i_shows_the_whole_summary_and_escape_goes_back():
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert "The IAEA calls for restraint near the Kursk nuclear power plant." in shown
        assert "Overdue watch items (1)" in shown and "Fighting near the plant" in shown
        assert "next update in 2 h 10 m" in shown
        # the area on a line of its own, never glued to the next update's time
        lines = [line.strip() for line in screen_lines(app)]
        head = next(line for line in lines if "next update in 2 h 10 m" in line)
        assert head.endswith(")") and app.board.situation.area in lines
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.board


async def test_0_focuses_the_figures_arrows_move_enter_opens():
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("0")
        figures = app.board.figures
        assert isinstance(app.focused, FigurePane) and figures.selected_id == "evacuated"
        await pilot.press("right")
        assert figures.selected_id == "depth"
        await pilot.press("l")
        assert figures.selected_id == "vehicles"
        await pilot.pause()
        assert "about 15 vehicles destroyed" in screen_lines(app)[3]  # scrolled into view
        # focus elsewhere: the strip shows the headline figures again, the cursor stays
        await pilot.press("1")
        await pilot.pause()
        assert "over 76,000 people evacuated" in screen_lines(app)[3] and figures.selected_id == "vehicles"
        await pilot.press("0")
        await pilot.pause()
        assert "about 15 vehicles destroyed" in screen_lines(app)[3]
        await pilot.press("left", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == "depth"
        await pilot.press("escape")
        # maximized, the figures are a table with a row each
        await pilot.press("z")
        await pilot.pause()
        assert not figures.tiles
        shown = text(app)
        assert "0 Key figures (3)" in shown and "Value" in shown and "Figure" in shown
        await pilot.press("z")
        await pilot.pause()
        assert figures.tiles


async def test_6_7_8_open_the_lists_without_a_box_and_escape_comes_back():
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        board = app.board
        await pilot.press("3")
        statements = board.pane("statements")
        assert app.focused is statements
        await pilot.press("7")
        await pilot.pause()
        watch = board.pane("watch")
        assert board.maximized is watch and app.focused is watch
        assert watch.row_ids == ["npp", "push-back"]  # the overdue item first
        assert "⚠ 3 h late" in watch.cell("npp", "due").plain
        await pilot.press("8")
        await pilot.pause()
        assert board.maximized is board.pane("judgments") and app.focused is board.pane("judgments")
        await pilot.press("escape")
        await pilot.pause()
        assert board.maximized is None and app.focused is statements  # back where the officer was
        await pilot.press("6")  # no needs: a notice, the focus stays
        await pilot.pause()
        assert app.focused is statements and any("6 Needs: none" in n for n in app.notices)
    app = make_app(result(picture()))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        await pilot.press("7")
        assert app.board.maximized is None and app.focused is app.board.pane("watch")  # it has a box


async def test_o_toggles_newest_first_and_as_written():
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        events = app.board.pane("events")
        # newest first: the expected talks (12 Aug), then 8, 7, 6 Aug
        assert events.row_ids == ["talks", "sudža-taken", "emergency", "attack"]
        assert events.title_plain.startswith("5 Events (4) · newest first")
        await pilot.press("5", "j", "o")
        assert events.row_ids == ["attack", "emergency", "sudža-taken", "talks"]
        assert events.title_plain.startswith("5 Events (4) · as written")
        assert events.selected_id == "sudža-taken"  # the cursor stays on its item
        await pilot.press("o")
        assert events.row_ids[0] == "talks" and events.selected_id == "sudža-taken"
        # fronts: as written, the critical one first; `o` sorts them by time instead
        fronts = app.board.pane("fronts")
        assert fronts.row_ids[0] == "main-axis"
        assert "newest" not in fronts.title_plain and "as written" not in fronts.title_plain


async def test_severity_and_expected_events_are_marked_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        fronts = app.board.pane("fronts")
        assert fronts.cell("main-axis", "_conf").plain.startswith(" ▲")  # change mark, then severity
        assert fronts.cell("sudzha", "_conf").plain.startswith("  ")
        events = app.board.pane("events")
        assert events.cell("talks", "date").plain.strip() == "→12 Aug"  # after the as-of: expected
        assert events.cell("attack", "date").plain.strip() == "06 Aug"
        # a list without a severe item keeps its narrow mark column
        assert app.board.pane("evacuations").mark_width == 4 and fronts.mark_width == 5


async def test_an_empty_list_takes_one_line_not_a_box():
    # a disaster: no fronts, evacuations, statements or infrastructure
    sit = picture(fronts=(), evacuations=(), statements=(), infrastructure=())
    app = make_app(result(sit))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        board = app.board
        assert [p.pane for p in board.shown_panes()] == ["figures", "events", "watch", "judgments"]
        assert board.arrangement.empty == ("fronts", "evacuations", "statements", "infrastructure", "needs")
        assert "none: 1 Fronts · 2 Evacuations · 3 Statements · 4 Infrastructure · 6 Needs" in text(app)
        assert isinstance(app.focused, type(board.pane("watch"))) and app.focused.pane == "watch"  # the first box
        await pilot.press("tab")
        assert app.focused.pane == "judgments"
        await pilot.press("1")  # empty: said, nothing opens
        await pilot.pause()
        assert board.maximized is None and any("1 Fronts: none" in n for n in app.notices)
    # no figures at all: no tiles, the line says so
    app = make_app(result(kursk()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.board.figures.display
        assert "none: 0 Key figures · 6 Needs · 7 Watch · 8 Judgments" in text(app)


async def test_the_figures_say_up_or_down_against_the_saved_baseline(tmp_path):
    from tui.runtime.baseline import BaselineStore

    store = BaselineStore(tmp_path / "state")
    before = picture()
    lower = dataclasses.replace(before.figures[0], value=Quantity(50000))
    higher = dataclasses.replace(before.figures[2], value=Quantity(20))
    assert store.save(dataclasses.replace(before, figures=(lower, before.figures[1], higher))).ok
    app = make_app(result(picture()), baseline_store=store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        board = app.board
        assert board.baseline_id == "kursk" and board.figures.baseline is not None
        shown = text(app)
        assert "over 76,000 people evacuated ▁▃█ ↑" in shown
        assert "about 15 vehicles destroyed ↓" in shown
        assert "up to 20 km depth of the advance =" in shown
        # b marks the picture now: every figure is "=" until one changes
        await pilot.press("b")
        await pilot.pause()
        assert "↑" not in text(app) and "over 76,000 people evacuated ▁▃█ =" in text(app)


async def test_the_watch_search_and_palette_reach_the_new_lists():
    app = make_app(result(picture()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.board.jump_to_item("not-pushed-back")  # a list without a box: opened full screen
        await pilot.pause()
        assert app.board.maximized is app.board.pane("judgments")
        assert app.focused.selected_id == "not-pushed-back"


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48), (200, 60)])
async def test_every_box_and_tile_stays_inside_the_screen(size):
    for sit in (picture(), picture(fronts=(), evacuations=(), statements=(), infrastructure=())):
        app = make_app(result(sit))
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            board = app.board
            for pane in board.shown_panes():
                r = pane.region
                assert r.bottom <= size[1] - 1 and r.right <= size[0], (pane.pane, r)  # above the footer
                assert r.height >= 4 or pane is board.figures, (pane.pane, r)
            for pane in board.shown_panes():
                if pane is not board.figures:
                    assert sum(c.width for c in pane.columns) <= pane.scrollable_content_region.width


async def test_sources_changes_and_the_palette_cover_the_new_lists(tmp_path):
    from tui.runtime.baseline import BaselineStore
    from tui.ui.screens.changes import ChangesScreen
    from tui.ui.screens.sources import SourcesScreen

    store = BaselineStore(tmp_path / "state")
    before = picture()
    lower = dataclasses.replace(before.figures[0], value=Quantity(50000))
    assert store.save(dataclasses.replace(before, figures=(lower, *before.figures[1:]), judgments=())).ok
    app = make_app(result(picture()), baseline_store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        # S: the figure rests on Reuters, with the fronts and evacuations that cite it
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        usage = {u.source.id: u.item_ids for u in app.screen.usages}
        assert "evacuated" in usage["reuters"]
        await pilot.press("escape")
        # B: the figure changed, the judgment is new
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        assert ("changed", "evacuated") in app.screen.targets and ("new", "not-pushed-back") in app.screen.targets
        shown = text(app)
        assert "~ Figures › people evacuated" in shown and "+ Judgments › Russia has not pushed" in shown
        await pilot.press("escape")
        await pilot.pause()
        # the palette: a figure and a watch item by name
        from tui.ui.commands import ItemCommands

        provider = ItemCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("fighting near")]
        assert hits and "Watch › Fighting near the plant" in str(hits[0].text)
