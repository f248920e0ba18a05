"""Pilot tests: loading and every key of the keymap on the main board."""

from __future__ import annotations

import threading

from live_support import wait_until
from test_board_support import BAD, kursk, make_app, result, settle

from tui.model.types import Front, LoadResult
from tui.ui.widgets.pane import Pane


def record_notes(app) -> list[str]:
    notes: list[str] = []
    orig = app.notify

    def notify(message, *args, **kw):
        notes.append(str(message))
        return orig(message, *args, **kw)

    app.notify = notify
    return notes


def many_fronts(n: int):
    return kursk(fronts=tuple(Front(id=f"f{i}", name=f"Front {i}", status="holding") for i in range(n)))


async def test_first_frame_shows_loading_then_result_arrives():
    gate = threading.Event()
    res = result()

    def slow_loader(paths):
        gate.wait(5)
        return res

    from test_board_support import fixed_clock

    from tui.ui.app import SitboardApp

    app = SitboardApp(["x.yaml"], loader=slow_loader, clock=fixed_clock, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.board
        assert app.situation is None
        assert all(p.border_subtitle == "loading…" for p in board.panes)
        assert "loading" in str(board.header.query_one("#header-asof").render())
        gate.set()
        await settle(app, pilot)
        assert app.situation is not None
        # the boxes (lists with items; figures, needs, watch and judgments are empty here)
        assert [p.title_plain for p in board.shown_panes()] == [
            "1 Fronts (4)",
            "2 Evacuations (2)",
            "3 Statements (2) · newest first",
            "4 Infrastructure (2)",
            "5 Events (3) · newest first",
        ]
        assert all(p.border_subtitle is None for p in board.shown_panes())
        assert isinstance(app.focused, Pane) and app.focused.pane == "fronts"


async def test_header_title_age_and_marking():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = app.board.header
        assert "Kursk incursion · Kursk oblast" in str(header.query_one("#header-title").render())
        assert str(header.query_one("#header-asof").render()) == "as of 09 Aug 12:00, 3 h ago"
        marking = header.query_one("#header-marking")
        assert marking.display and marking.has_class("-tlp-amber")
        assert "TLP:AMBER" in str(marking.render())


async def test_loader_exception_is_shown_not_raised():
    def broken(paths):
        raise OSError("disk on fire")

    from tui.ui.app import SitboardApp

    app = SitboardApp(["x"], loader=broken, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.is_running
        assert "disk on fire" in str(app.board.errorbar.render())
        assert app.reload_state == "load failed"


async def test_diagnostics_go_to_the_error_bar():
    app = make_app(result(kursk(), diagnostics=[BAD]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        bar = app.board.errorbar
        assert bar.display
        assert "unknown status 'retreating'" in str(bar.render())


async def test_tab_and_shift_tab_cycle_panes():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(app.focused.pane)
        assert seen == ["evacuations", "statements", "infrastructure", "events", "fronts"]
        await pilot.press("shift+tab")
        assert app.focused.pane == "events"


async def test_number_keys_jump():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key, name in zip("52413", ["events", "evacuations", "infrastructure", "fronts", "statements"]):
            await pilot.press(key)
            assert app.focused.pane == name


async def test_moves_j_k_arrows_g_G_pages():
    app = make_app(result(many_fronts(200)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("fronts")
        assert pane.cursor_row == 0
        await pilot.press("j", "j", "down")
        assert pane.cursor_row == 3
        await pilot.press("k", "up")
        assert pane.cursor_row == 1
        await pilot.press("G")
        assert pane.cursor_row == 199 and pane.selected_id == "f199"
        await pilot.press("g")
        assert pane.cursor_row == 0
        await pilot.press("pagedown")
        after = pane.cursor_row
        assert after > 1
        await pilot.press("pageup")
        assert pane.cursor_row == 0


async def test_enter_opens_detail_and_escape_returns():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "j", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DetailScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.board
        assert app.focused.pane == "evacuations" and app.focused.selected_id == "belgorod"


async def test_help_keys():
    for key in ("question_mark", "f1"):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"


async def test_colon_opens_command_palette():
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_ctrl_p_opens_command_palette_too():
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"


async def test_search_filters_highlights_and_keeps_on_enter():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        board = app.board
        await pilot.press("slash")
        assert board.searchbar.has_focus
        await pilot.press(*"SUDZ")  # folded: matches "Sudzha" and "Sudža"
        await pilot.pause()
        fronts, evac, stm, infra, events = (
            board.pane(n) for n in ("fronts", "evacuations", "statements", "infrastructure", "events")
        )
        assert fronts.row_ids == ["sudzha"]
        assert infra.row_ids == ["sudzha-gms"]
        assert events.row_ids == ["sudža-taken"]
        assert evac.row_ids == [] and stm.row_ids == []
        assert fronts.title_plain == "1 Fronts 1/4"
        assert events.title_plain == "5 Events 1/3 · newest first"
        # the hit is highlighted in the visible cell, on the accented spelling too
        cell = events.row_cells("sudža-taken")[2]
        assert any("reverse" in str(span.style) for span in cell.spans)
        span = next(s for s in cell.spans if "reverse" in str(s.style))
        assert cell.plain[span.start : span.end] == "Sudž"
        await pilot.press("enter")
        assert isinstance(app.focused, Pane) and app.focused.pane == "fronts"
        assert fronts.row_ids == ["sudzha"]  # filter kept
        # n / N step through hits across panes
        await pilot.press("n")
        assert app.focused.pane == "infrastructure" and app.focused.selected_id == "sudzha-gms"
        await pilot.press("n")
        assert app.focused.pane == "events"
        await pilot.press("n")
        assert app.focused.pane == "fronts"
        await pilot.press("N")
        assert app.focused.pane == "events"
        # escape clears the filter
        await pilot.press("escape")
        assert board.searchbar.value == "" and not board.searchbar.display
        assert len(fronts.row_ids) == 4 and fronts.title_plain == "1 Fronts (4)"


async def test_escape_in_search_input_clears_and_returns_focus():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "slash", "p", "u", "t")
        await pilot.pause()
        assert app.board.pane("statements").row_ids == ["putin"]
        await pilot.press("escape")
        assert isinstance(app.focused, Pane) and app.focused.pane == "statements"
        assert len(app.board.pane("statements").row_ids) == 2


async def test_n_without_search_notifies():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("n")
        assert notes and "search" in notes[-1].lower()


async def test_z_maximizes_and_escape_order():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        board = app.board
        await pilot.press("4", "z")
        assert board.maximized is board.pane("infrastructure")
        await pilot.press("slash", "k", "u", "r", "s", "k", "enter")
        assert board.maximized is board.pane("infrastructure")
        await pilot.press("escape")  # first: the filter
        assert board.searchbar.value == ""
        assert board.maximized is board.pane("infrastructure")
        await pilot.press("escape")  # then: the maximized pane
        assert board.maximized is None
        assert app.focused.pane == "infrastructure"
        await pilot.press("z", "z")  # z toggles too
        assert board.maximized is None


async def test_y_copies_the_row_as_one_line_and_Y_the_whole_item(monkeypatch):
    from tui.model.copytext import item_line, item_whole

    monkeypatch.delenv("TMUX", raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        item = app.board.current_pane.selected_item
        assert item is not None and item.label == "Sudzha axis"
        await pilot.press("y")
        line = item_line(app.situation, item).text
        assert app.clipboard == line and line.startswith("[TLP:AMBER] Sudzha axis")
        assert notes[-1] == (
            "Fronts › Sudzha axis: 1 line sent to the terminal clipboard (OSC 52). If your terminal ignores "
            "OSC 52, nothing was copied: start with --no-mouse and select it."
        )
        await pilot.press("Y")
        whole = item_whole(app.situation, item)
        assert app.clipboard == whole.text and "\x1b" not in whole.text
        assert notes[-1].startswith(f"Fronts › Sudzha axis: {whole.lines} lines sent to the terminal clipboard")
        assert not any("Copied" in n for n in notes)


async def test_r_reloads_and_keeps_focus_and_selection():
    calls = []
    first = result()
    second = result(kursk(title="Kursk incursion (update)"))

    def loader(paths):
        calls.append(1)
        return first if len(calls) == 1 else second

    from test_board_support import fixed_clock

    from tui.ui.app import SitboardApp

    app = SitboardApp(["x"], loader=loader, clock=fixed_clock, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "j")
        assert app.focused.selected_id == "belgorod"
        await pilot.press("r")
        await settle(app, pilot)
        assert len(calls) == 2
        assert app.situation.title == "Kursk incursion (update)"
        assert app.focused.pane == "evacuations" and app.focused.selected_id == "belgorod"
        # live reload: the header says when and what ("reloaded 15:00:00 · title changed")
        assert app.reload_state.startswith("reloaded ") and app.reload_state.endswith(" · title changed")


async def test_apply_result_keeps_selection_by_id_when_rows_move():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "j", "j")  # glushkovo
        sit = app.situation
        moved = kursk(fronts=tuple(reversed(sit.fronts)))
        app.apply_result(result(moved))
        await pilot.pause()
        pane = app.board.pane("fronts")
        assert pane.selected_id == "glushkovo" and pane.cursor_row == 1
        assert app.focused is pane


async def test_p_toggles_pause_in_reload_slot():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        slot = app.board.header.query_one("#header-reload")
        await pilot.press("p")
        assert app.live.paused and str(slot.render()) == "paused" and slot.display
        await pilot.press("p")
        assert not app.live.paused and not slot.display
        app.set_reload_state("+3 changes waiting")
        await pilot.pause()
        assert str(slot.render()) == "+3 changes waiting"


async def test_c_and_C_step_through_changed_items():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("c")
        assert notes[-1] == "No changes since last reload"
        app.board.show_changes({}, {"belgorod", "zelensky", "attack"})
        await pilot.press("c")
        assert (app.focused.pane, app.focused.selected_id) == ("evacuations", "belgorod")
        await pilot.press("c")
        assert (app.focused.pane, app.focused.selected_id) == ("statements", "zelensky")
        await pilot.press("c")
        assert (app.focused.pane, app.focused.selected_id) == ("events", "attack")
        await pilot.press("c")
        assert app.focused.selected_id == "belgorod"
        await pilot.press("C")
        assert app.focused.selected_id == "attack"


async def test_s_switches_situation_or_says_there_is_one():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        notes = record_notes(app)
        await pilot.press("s")
        assert "Only one situation" in notes[-1]
    other = kursk(id="gaza", title="Gaza", fronts=(), marking=None)
    app = make_app(result(kursk(), other))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        assert app.situation.id == "gaza"
        assert app.board.pane("fronts").title_plain == "1 Fronts (0)"
        assert not app.board.header.query_one("#header-marking").display
        await pilot.press("s")
        assert app.situation.id == "kursk"


async def test_situation_id_chooses_the_situation():
    other = kursk(id="gaza", title="Gaza")
    app = make_app(result(kursk(), other), situation_id="gaza")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.situation.id == "gaza"


async def test_q_and_ctrl_q_quit():
    for key in ("q", "ctrl+q"):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press(key)
            await pilot.pause()
            assert not app.is_running


async def test_keymap_override_rebinds_by_id():
    app = make_app(keymap={"quit": "x", "next_pane": "l"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        assert app.focused.pane == "evacuations"
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running  # q is no longer quit
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


async def test_jump_to_item_clears_a_hiding_filter():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "p", "u", "t", "enter")
        app.action_jump_to_item("emergency")
        await pilot.pause()
        assert app.focused.pane == "events" and app.focused.selected_id == "emergency"
        assert app.board.searchbar.value == ""


async def test_resize_small_and_back():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        wide = [(c.key, c.width) for c in app.board.pane("fronts").columns]
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert [(c.key, c.width) for c in app.board.pane("fronts").columns] != wide
        await pilot.press("tab", "j")
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.board.has_class("-wide")
        assert [(c.key, c.width) for c in app.board.pane("fronts").columns] == wide  # the widths come back
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.focused.pane == "evacuations" and app.focused.selected_id == "belgorod"
        assert app.is_running


async def test_no_situation_is_explained():
    app = make_app(LoadResult())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "no situation" in str(app.board.errorbar.render())
        board = app.screen
        await pilot.press("j", "enter", "y", "z", "n", "c", "s", "tab")
        await pilot.pause()
        assert app.screen is board  # enter opened no detail: there is no item
        assert "no situation" in str(app.board.errorbar.render())


async def test_ten_thousand_rows_move_and_filter():
    app = make_app(result(many_fronts(10_000)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("fronts")
        assert pane.row_count == 10_000 and pane.title_plain == "1 Fronts (10000)"
        await pilot.press("G")
        assert pane.selected_id == "f9999"
        await pilot.press("k", "slash", *'"front 999"', "enter")  # a phrase: the words apart find 1999 too
        # big boards filter after a pause in typing
        await wait_until(pilot, lambda: pane.title_plain == "1 Fronts 11/10000", what="the filter applied")
        assert pane.row_ids[:2] == ["f999", "f9990"]
        await pilot.press("escape")
        await pilot.pause()
        assert pane.row_count == 10_000
        assert pane.index_of("f5000") == 5000


# -- keys typed at start-up, before the first load is on screen ---------------------------


def _early_keys_app(keys, loader):
    """An app whose first keys are queued before the board screen is even mounted (what a
    terminal delivers when the officer types while sitboard starts)."""
    from test_board_support import fixed_clock
    from textual import events

    from tui.ui.app import SitboardApp

    class EarlyKeys(SitboardApp):
        def on_mount(self) -> None:
            super().on_mount()
            for key in keys:
                self.post_message(events.Key(key, "\r" if key == "enter" else key))

    return EarlyKeys(["x"], loader=loader, clock=fixed_clock, read_user_keymap=False)


async def test_keys_queued_at_start_up_act_on_the_pane_they_chose():
    res = result()
    app = _early_keys_app(["3", "enter"], lambda paths: res)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "DetailScreen"
        assert app.screen.item_id == "zelensky"  # the first statement (newest first), not a stray front
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.pane == "statements" and app.focused.selected_id == "zelensky"


async def test_number_then_enter_in_one_batch_opens_that_pane():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "enter")  # no pause in between
        await pilot.pause()
        assert app.screen.item_id == "kursk-npp"


async def test_enter_before_the_first_load_opens_the_item_once_loaded():
    gate = threading.Event()
    res = result()

    def slow_loader(paths):
        gate.wait(5)
        return res

    from test_board_support import fixed_clock

    from tui.ui.app import SitboardApp

    app = SitboardApp(["x.yaml"], loader=slow_loader, clock=fixed_clock, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        assert app.situation is None and type(app.screen).__name__ == "BoardScreen"
        gate.set()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DetailScreen" and app.screen.item_id == "zelensky"  # newest first


async def test_escape_before_the_first_load_forgets_a_pending_enter():
    gate = threading.Event()
    res = result()

    def slow_loader(paths):
        gate.wait(5)
        return res

    from test_board_support import fixed_clock

    from tui.ui.app import SitboardApp

    app = SitboardApp(["x.yaml"], loader=slow_loader, clock=fixed_clock, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter", "escape")
        gate.set()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "BoardScreen"
        assert app.focused.pane == "evacuations"
