"""The error bar (issue 4.6): every problem with file, line and message, scrollable with
`e`; a broken save keeps the last good picture; fixed, the bar clears by itself; a part
that fails never hides the other parts. Real files, the real watcher."""

from __future__ import annotations

from live_support import open_board, save, wait_until
from test_board_support import BAD, kursk, make_app, result, settle

from tui.model.types import Diagnostic
from tui.ui.widgets.errorbar import MAX_LINES

HEAD = "situation:\n  id: s\n  title: Test situation\n  as_of: 2024-08-07\n"


def part(ids: list[str], value: str = "x") -> str:
    lines = ["situation: {id: s}", "events:"]
    for i in ids:
        lines += [f"  - id: {i}", f'    what: "{value} {i}"']
    return "\n".join(lines) + "\n"


def diag(n: int) -> Diagnostic:
    return Diagnostic(f"/tmp/part-{n}.yaml", n + 1, 3, f"events[{n}].what", f"problem number {n}")


async def test_every_problem_is_listed_and_e_scrolls_them():
    diags = [diag(n) for n in range(9)]
    app = make_app(result(kursk(), diagnostics=diags))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        bar = app.board.errorbar
        text = str(bar.render())
        for d in diags:  # all of them, file, line and message
            assert f"/tmp/part-{d.line - 1}.yaml:{d.line}:3" in text and d.message in text
        assert "9 problems" in text
        box = app.board.errorbox
        assert box.region.height == MAX_LINES + 1  # grows to its limit, then scrolls
        assert box.max_scroll_y > 0
        panes_bottom = max(p.region.bottom for p in app.board.panes)
        assert panes_bottom <= box.region.y  # never over the panes
        await pilot.press("3", "e")
        assert app.focused is box
        await pilot.press("G")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y - 1
        await pilot.press("escape")
        assert app.focused.pane == "statements"


async def test_one_problem_one_line_and_e_without_problems_says_so():
    app = make_app(result(kursk(), diagnostics=[BAD]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        bar = app.board.errorbar
        assert app.board.errorbox.region.height == 1
        assert "/tmp/bad.yaml:3:5" in str(bar.render())
        app.apply_result(result(kursk()))
        await pilot.pause()
        assert not bar.display
        notes = []
        orig = app.notify
        app.notify = lambda m, *a, **k: (notes.append(m), orig(m, *a, **k))
        await pilot.press("e")
        assert notes[-1] == "No problems in the loaded files"
        assert app.focused is not app.board.errorbox and not app.board.errorbox.display


async def test_broken_part_keeps_the_picture_and_the_other_parts_follow(tmp_path):
    from tui.ui.app import SitboardApp

    d = tmp_path / "sit"
    d.mkdir()
    (d / "00-head.yaml").write_text(HEAD, encoding="utf-8")
    save(d / "part-a.yaml", part(["a1", "a2"]))
    save(d / "part-b.yaml", part(["b1"]))
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        bar = app.board.errorbar
        assert not bar.display

        # part a broken (two errors), then part b saved with a new item
        n = app.reloads_applied
        save(
            d / "part-a.yaml",
            "situation: {id: s}\nevents:\n  - id: a1\n    wat: typo\n  - id: a2\n    what: [unclosed\n",
        )
        await wait_until(pilot, lambda: app.reloads_applied > n and bar.display)
        assert {it.id for it in app.situation.items()} >= {"a1", "a2", "b1"}  # last good a
        assert all("part-a.yaml:" in m for m in bar.messages)
        assert any(":4:" in m or ":5:" in m or ":6:" in m for m in bar.messages)  # a line number
        save(d / "part-b.yaml", part(["b1", "b2"]))
        await wait_until(pilot, lambda: app.situation.item("b2") is not None)
        assert bar.display and all("part-a.yaml:" in m for m in bar.messages)
        assert app.situation.item("a2") is not None  # still there

        # fixed: the bar clears by itself, the fix shows
        save(d / "part-a.yaml", part(["a1"], value="fixed"))
        await wait_until(pilot, lambda: not bar.display)
        assert app.situation.item("a1").what == "fixed a1"
        assert app.situation.item("a2") is None and app.situation.item("b2") is not None


async def test_bar_and_search_box_sit_above_the_footer_never_under_it():
    from tui.ui.widgets.footer import KeyFooter

    app = make_app(result(kursk(), diagnostics=[diag(0), diag(1)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"sud")
        await pilot.pause()
        board = app.board
        footer = board.query_one(KeyFooter).region
        box, search = board.errorbox.region, board.searchbar.region
        assert box.height == 3 and search.height == 1
        assert box.bottom <= search.y and search.bottom <= footer.y  # no overlap
        assert max(p.region.bottom for p in board.panes) <= box.y
