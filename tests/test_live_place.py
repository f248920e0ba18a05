"""Live reload keeps the officer's place (issue 4.4): focused pane, selected item by id,
scroll position, open detail view (refreshed), active search filter. Real files on
disk, the real watcher, atomic saves."""

from __future__ import annotations

from pathlib import Path

from live_support import open_board, save, wait_until

HEAD = "situation:\n  id: s\n  title: Test situation\n  as_of: 2024-08-07\n"


def events(n: int, *, extra: dict[int, str] | None = None, skip: set[int] = frozenset(), insert_front: int = 0) -> str:
    lines = ["situation: {id: s}", "events:"]
    for k in range(insert_front):
        lines += [f"  - id: new{k}", f'    what: "inserted {k}"']
    for i in range(n):
        if i in skip:
            continue
        what = (extra or {}).get(i, f"event {i:03d}")
        lines += [f"  - id: e{i:03d}", f'    what: "{what}"']
    return "\n".join(lines) + "\n"


def make_dir(tmp_path: Path, n: int = 80) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "00-head.yaml").write_text(HEAD, encoding="utf-8")
    save(d / "events.yaml", events(n))
    save(d / "fronts.yaml", "situation: {id: s}\nfronts:\n  - {id: f1, name: North}\n  - {id: f2, name: South}\n")
    return d


async def saved(pilot, app, path: Path, text: str) -> None:
    n = app.reloads_applied
    save(path, text)
    await wait_until(pilot, lambda: app.reloads_applied > n)
    await pilot.pause()


async def test_focus_selection_and_scroll_survive_saves(tmp_path):
    from tui.ui.app import SitboardApp

    d = make_dir(tmp_path)
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("5")
        pane = app.board.pane("events")
        for _ in range(40):
            await pilot.press("j")
        await pilot.press("k", "k", "k")  # the cursor mid-view, the view scrolled
        await pilot.pause()
        assert pane.selected_id == "e037"
        y, row = pane.scroll_y, pane.cursor_row
        assert y > 0

        # another item of the same pane changed: same place, same scroll
        await saved(pilot, app, d / "events.yaml", events(80, extra={5: "changed five"}))
        assert app.focused is pane and pane.selected_id == "e037"
        assert pane.scroll_y == y and pane.cursor_row == row

        # another file changed: nothing moves either
        await saved(pilot, app, d / "fronts.yaml", "situation: {id: s}\nfronts:\n  - {id: f1, name: North}\n")
        assert app.focused is pane and pane.selected_id == "e037" and pane.scroll_y == y

        # rows inserted above: the selected item keeps the cursor (by id) and stays in view
        await saved(pilot, app, d / "events.yaml", events(80, insert_front=2))
        assert pane.selected_id == "e037" and pane.cursor_row == row + 2
        top, height = pane.scroll_y, pane.scrollable_content_region.height - 1  # the header row
        assert top <= pane.cursor_row < top + height
        assert pane.scroll_y == y  # still in view at the old scroll: the view stays put

        # the selected item itself removed: the cursor stays on the same row
        await saved(pilot, app, d / "events.yaml", events(80, insert_front=2, skip={37}))
        assert app.focused is pane and pane.cursor_row == row + 2
        assert pane.selected_id == "e038"


async def test_open_detail_is_refreshed_and_says_when_its_item_vanished(tmp_path):
    from tui.ui.app import SitboardApp

    d = make_dir(tmp_path, n=5)
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("5", "j", "enter")
        await pilot.pause()
        detail = app.screen
        assert type(detail).__name__ == "DetailScreen" and detail.item_id == "e001"
        await saved(pilot, app, d / "events.yaml", events(5, extra={1: "rewritten one"}))
        assert app.screen is detail
        assert detail.situation.item("e001").what == "rewritten one"
        assert "rewritten one" in detail_text(app)
        await saved(pilot, app, d / "events.yaml", events(5, skip={1}))
        assert app.screen is detail
        assert "no longer" in detail_text(app).lower() or "removed" in detail_text(app).lower()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.board.pane("events")


def detail_text(app) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_search_filter_stays_across_a_reload(tmp_path):
    from tui.ui.app import SitboardApp

    d = make_dir(tmp_path, n=30)
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("slash", *'"event 02"', "enter")  # a phrase: words apart would find e002 too
        await pilot.pause()
        pane = app.board.pane("events")
        assert pane.row_ids == [f"e02{i}" for i in range(10)]
        await pilot.press("5", "j", "j")
        assert pane.selected_id == "e022"
        # a save that adds a hit and changes a non-hit
        await saved(pilot, app, d / "events.yaml", events(30, extra={3: "event 029b", 0: "other"}))
        assert app.board.searchbar.value == '"event 02"'
        assert pane.row_ids == ["e003"] + [f"e02{i}" for i in range(10)]
        assert pane.selected_id == "e022" and app.focused is pane
        assert pane.title_plain.startswith("5 Events 11/30")
