"""Performance work that must not regress behaviour: what is (not) repainted, how rows are
filled. No timings here (those are in benchmarks/)."""

from __future__ import annotations

import datetime as dt

from live_support import wait_until
from test_board_support import AS_OF, make_app, settle


async def test_header_age_updates_only_when_its_text_changes():
    now = [AS_OF + dt.timedelta(hours=3)]
    app = make_app(clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = app.board.header
        asof = header.query_one("#header-asof")
        updates: list[str] = []
        orig = asof.update

        def update(content="", **kw):
            updates.append(str(content))
            return orig(content, **kw)

        asof.update = update
        header.refresh_age()
        now[0] += dt.timedelta(seconds=40)  # still "3 h ago"
        header.refresh_age()
        header.show_situation(app.situation)  # a reload with the same picture
        assert updates == []
        now[0] += dt.timedelta(hours=1)
        header.refresh_age()
        assert updates == ["as of 09 Aug 12:00, 4 h ago"]
        await pilot.pause()
        assert str(asof.render()) == "as of 09 Aug 12:00, 4 h ago"


async def test_header_marking_class_follows_the_situation():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = app.board.header
        marking = header.query_one("#header-marking")
        assert marking.has_class("-tlp-amber")
        import dataclasses

        header.show_situation(dataclasses.replace(app.situation, marking="TLP:RED"))
        await pilot.pause()
        assert marking.has_class("-tlp-red") and not marking.has_class("-tlp-amber")
        assert "TLP:RED" in str(marking.render())
        header.show_situation(dataclasses.replace(app.situation, marking=None))
        await pilot.pause()
        assert not marking.display


def test_paused_gc_nests_and_restores():
    import gc

    from tui.model.gcpause import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_preload_is_taken_once_and_only_for_the_same_paths(tmp_path):
    from tui.runtime import preload
    from tui.runtime.paths import default_situation_path

    paths = [default_situation_path()]
    p = preload.start(paths)
    assert preload.take([tmp_path]) is None  # other paths: not this one
    assert preload.take([str(x) for x in paths]) is p
    assert preload.take(paths) is None  # handed over once
    result = p.wait(30)
    assert result.situations and not [d for d in result.diagnostics if d.severity == "error"]
    assert p.wait_controller() is not None and p.controller.result is result


async def test_board_filled_from_a_finished_preload_before_any_load_worker():
    from tui.runtime import preload
    from tui.runtime.paths import default_situation_path
    from tui.ui.app import SitboardApp
    from tui.ui.widgets.pane import Pane

    paths = [str(default_situation_path())]
    p = preload.start(paths)
    p.wait(30)
    app = SitboardApp(paths, read_user_keymap=False, watch=False)
    assert app.live.preload is p and app.live.reloader is p.controller
    async with app.run_test(size=(80, 24)) as pilot:
        # filled while mounting: no worker ran the first load
        assert app.situation is not None
        assert not [w for w in app.workers if w.group == "load"]
        await pilot.pause()
        fronts = app.board.pane("fronts")
        assert isinstance(fronts, Pane) and fronts.row_count == len(app.situation.fronts) > 0
        assert fronts.border_subtitle is None  # no "loading…"
        # later reloads still go through the same controller
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.live.reloader.reloads == 2


async def test_board_waits_for_an_unfinished_preload_in_a_worker(tmp_path):
    import threading

    from tui.runtime import preload
    from tui.runtime.paths import default_situation_path
    from tui.ui.app import SitboardApp

    paths = [str(default_situation_path())]
    gate = threading.Event()
    from tui.runtime.reload import ReloadController

    real_reload = ReloadController.reload

    def slow_reload(self, changed=None):
        gate.wait(10)
        return real_reload(self, changed)

    ReloadController.reload = slow_reload
    try:
        p = preload.start(paths)
        app = SitboardApp(paths, read_user_keymap=False, watch=False)
        assert app.live.preload is p and not p.done.is_set()
    finally:
        ReloadController.reload = real_reload
    gate.set()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.situation is not None and app.live.reloader is p.controller
        assert app.board.pane("fronts").row_count > 0


def test_reparse_in_another_thread_after_a_preload_does_not_crash(tmp_path):
    """yaml-rs 0.1.6 segfaults when called after the thread that imported it has exited;
    the preload thread imports it, so it must stay alive. In a subprocess: a crash is a
    non-zero exit, not a dead test run."""
    import shutil
    import subprocess
    import sys

    from tui.runtime.paths import default_situation_path

    d = tmp_path / "sit"
    shutil.copytree(default_situation_path(), d)
    code = f"""
import glob, threading
from tui.runtime import preload
p = preload.start([{str(d)!r}])
p.wait(30)
p._thread.join(1.0)  # the importing thread would have exited by now if it were not kept

f = sorted(glob.glob({str(d / "*.yaml")!r}))[0]
for i in range(2):
    open(f, 'a').write('\\n# edit %d\\n' % i)
    t = threading.Thread(target=lambda: p.controller.reload(None))
    t.start(); t.join()
assert p.controller.parses >= 1, p.controller.parses
print('reparsed', p.controller.reloads)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "reparsed 3" in out.stdout


async def test_rows_build_their_cells_only_when_read():
    from test_board_support import kursk, result

    from tui.model.types import Statement

    many = tuple(Statement(id=f"s{i}", actor=f"Actor {i}", summary=f"said thing {i}") for i in range(500))
    app = make_app(result(kursk(statements=many)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("statements")
        assert pane.row_count == 500  # every row at once: a list of ids
        built = pane.cached_ids()
        assert 0 < len(built) < 100  # the rows on screen, not all 500
        assert "s499" not in built
        # any row can still be read, and reading it builds it
        row = pane.row_cells("s499")
        assert "Actor 499" in row[1].plain and "s499" in pane.cached_ids()
        # the end of the table renders (scrolling builds what comes into view)
        await pilot.press("3", "G")
        await pilot.pause()
        assert pane.selected_id == "s499"
        assert "s495" in pane.cached_ids()  # drawn at the end
        assert "s300" not in pane.cached_ids()  # never on screen


async def test_a_mark_set_before_a_row_is_built_is_kept():
    from test_board_support import kursk, result

    from tui.model.types import Statement

    many = tuple(Statement(id=f"s{i}", actor=f"A{i}", summary="x") for i in range(300))
    app = make_app(result(kursk(statements=many)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("statements")
        assert "s250" not in pane.cached_ids()
        pane.set_marks({"s250": "new"})
        assert pane.cell("s250", "_conf").plain.startswith("+")
        assert "A250" in pane.row_cells("s250")[1].plain


async def test_search_hits_highlighted_in_lazily_built_rows():
    from test_board_support import kursk, result

    from tui.model.types import Statement
    from tui.ui.widgets.cells import HIT_STYLE

    many = tuple(
        Statement(id=f"s{i}", actor=f"Actor {i}", summary="Korenevo shelled" if i % 2 else "quiet") for i in range(400)
    )
    app = make_app(result(kursk(statements=many)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("statements")
        search(app.board, "koren")
        assert pane.row_count == 200 and pane.row_ids[-1] == "s399"
        text = pane.row_cells("s399")[3]
        assert any(str(sp.style) == HIT_STYLE for sp in text.spans)


def search(board, text: str) -> None:
    """What typing `text` in the search box does (the board's search, applied now)."""
    board.searchbar.display = True
    board.searchbar.value = text
    board.apply_query()


def _many_statements(n: int):
    from test_board_support import kursk, result

    from tui.model.types import Statement

    many = tuple(
        Statement(id=f"s{i}", actor=f"Actor {i}", summary="Korenevo shelled" if i % 3 else "Sudzha quiet")
        for i in range(n)
    )
    return result(kursk(statements=many))


async def test_big_tables_show_every_row_at_once():
    app = make_app(_many_statements(3000))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        pane = app.board.pane("statements")
        search(app.board, "")  # no-op
        pane.show_situation(None)
        pane.show_situation(app.situation)
        assert pane.row_count == pane.hit_count == 3000
        assert pane.title_plain.startswith("3 Statements (3000)")
        assert pane.row_ids[-1] == "s2999"
        pane.action_last()  # G
        assert pane.selected_id == "s2999" and pane.cursor_row == 2999
        pane.show_situation(None)
        pane.show_situation(app.situation)
        assert pane.select_id("s2500") and pane.selected_id == "s2500"


async def test_narrowing_search_gives_the_same_rows_as_a_full_scan():
    app = make_app(_many_statements(1500))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane, board = app.board.pane("statements"), app.board
        for q in ("k", "ko", "kor", "kore", "koren"):
            search(board, q)
        narrowed = list(pane.row_ids)
        search(board, "")
        search(board, "koren")  # from scratch
        assert narrowed == list(pane.row_ids) and len(narrowed) == 1000
        assert pane.title_plain.startswith("3 Statements 1000/1500")
        search(board, "korex")  # narrows to nothing
        assert pane.hit_count == 0 and pane.border_subtitle == "no match"
        search(board, "sudzh")  # not a longer query: a full scan again
        assert pane.hit_count == 500


async def test_search_texts_are_warmed_in_the_background():
    app = make_app(_many_statements(800))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        searcher = app.board.search.searcher
        for _ in range(200):
            if searcher.warmed:
                break
            await pilot.pause(0.02)
        assert searcher.warmed
        assert "s1" in searcher.search("korenevo").pane("statements").ids


async def test_search_applies_on_each_keystroke_without_waiting():
    app = make_app(_many_statements(3000))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "s", "u", "d")
        pane = app.board.pane("statements")
        assert pane.search.words == ("sud",) and pane.hit_count == 1000


async def test_a_live_reload_puts_every_row_in_place_at_once():
    import dataclasses

    app = make_app(_many_statements(3000))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.board.pane("statements")
        # the first fill may come in batches (a screenful first): wait for it, not 0.8 s
        await wait_until(pilot, lambda: pane.row_count == 3000, what="the first fill of 3,000 rows")
        sit = app.situation
        changed = list(sit.statements)
        changed[2900] = dataclasses.replace(changed[2900], actor="Changed actor")
        pane.show_situation(dataclasses.replace(sit, statements=tuple(changed)))
        assert pane.row_count == 3000
        assert "Changed actor" in pane.row_cells("s2900")[1].plain
