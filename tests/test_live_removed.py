"""Issue 4.5: items removed by a reload are counted in the header and listed by name in a
notice that stays a while. Real files on disk, the real watcher, an atomic save."""

from __future__ import annotations

from pathlib import Path

from live_support import open_board
from test_live_place import events, make_dir, saved

from tui.ui.app import SitboardApp


async def test_removed_items_are_counted_and_listed_by_name(tmp_path: Path) -> None:
    d = make_dir(tmp_path, n=5)
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        assert app.situation.item("e002") is not None
        await saved(pilot, app, d / "events.yaml", events(5, skip={2}))
        assert app.situation.item("e002") is None
        assert "1 removed" in app.reload_state, app.reload_state
        assert [it.id for it in app.live.removed_items] == ["e002"]
        notices = list(app.notices)
        assert any("event 002" in text for text in notices), notices
        # an unrelated save afterwards does not report the old removal again
        await saved(pilot, app, d / "fronts.yaml", "situation: {id: s}\nfronts:\n  - {id: f1, name: North}\n")
        assert "removed" in app.reload_state and "event 002" not in app.reload_state
        assert [it.id for it in app.live.removed_items] == ["f2"]
