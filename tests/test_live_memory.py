"""Memory under live reload: an open board saved again and again must not grow.

Found by scripts/long_run.py (~180 KB per reload): Textual's Footer recomposed on each
reload and every dead FooterKey stayed referenced from the footer's watcher list
(tui/ui/widgets/footer.py). Measured with tracemalloc (allocated Python memory still
alive), not with time."""

from __future__ import annotations

import gc
import tracemalloc
from functools import partial
from pathlib import Path

import live_support
from live_support import save

HEADER = "situation:\n  id: mem\n  title: Memory run\n  as_of: 2024-08-09T12:00:00+03:00\n"


def part(n: int, items: int = 40) -> str:
    lines = ["situation:\n  id: mem\n", "evacuations:\n"]
    for i in range(items):
        lines.append(f"  - area: District {i}\n    people: {{value: {1000 + n + i}, qualifier: over}}\n")
    lines.append(f"  - area: Save counter\n    people: {n}\n")
    return "".join(lines)


# many reloads in a row: a longer time-out and a finer step than the other live tests
wait_until = partial(live_support.wait_until, timeout=20.0, step=0.01)


def make_dir(tmp_path: Path) -> tuple[Path, Path]:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "main.yaml").write_text(HEADER + "fronts:\n  - name: North\n    status: holding\n", encoding="utf-8")
    target = d / "evacuations.yaml"
    save(target, part(0))
    return d, target


async def test_memory_stays_flat_over_120_reloads(tmp_path):
    from tui.ui.app import SitboardApp

    d, target = make_dir(tmp_path)
    app = SitboardApp([str(d)], read_user_keymap=False, watch=False, state_dir=str(tmp_path / "state"))

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)

        async def reload(n: int) -> None:
            done = app.reloads_applied
            save(target, part(n))
            app.reload()  # what the watcher (or `r`) starts: re-read, diff, marks, header
            await wait_until(pilot, lambda done=done: app.reloads_applied > done)
            await pilot.pause()

        for n in range(1, 21):  # warm-up: caches, pools, first-use imports
            await reload(n)
        gc.collect()
        tracemalloc.start()
        try:
            start, _ = tracemalloc.get_traced_memory()
            for n in range(21, 141):
                await reload(n)
            gc.collect()
            end, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        pane = app.board.pane("evacuations")
        assert "1,140" in str(pane.row_cells(pane.row_ids[0]))  # the last save is shown
    grew = end - start
    # before the fix: ~36 MB over 120 reloads; now well under 1 MB (bounded caches of
    # Rich/Textual fill with the header's changing text)
    assert grew < 3 * 1024 * 1024, f"grew {grew / 1024:.0f} KiB over 120 reloads"


async def test_footer_repaints_only_when_its_keys_change(tmp_path):
    from tui.ui.app import SitboardApp
    from tui.ui.widgets.footer import KeyFooter

    d, target = make_dir(tmp_path)
    app = SitboardApp([str(d)], read_user_keymap=False, watch=False, state_dir=str(tmp_path / "state"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        await pilot.pause()
        footer = app.board.query_one(KeyFooter)
        assert not footer.children  # one line drawn by one widget: nothing to rebuild or leak
        before = footer.updates
        for n in range(1, 6):
            done = app.reloads_applied
            save(target, part(n))
            app.reload()
            await wait_until(pilot, lambda done=done: app.reloads_applied > done)
            await pilot.pause()
        assert footer.updates == before  # same keys: not repainted
        keys_on_pane = set(footer.keys)
        assert "enter" in keys_on_pane  # the pane's "Open"

        await pilot.press("slash")  # the search input has other keys
        await pilot.pause()
        assert footer.updates > before
        assert set(footer.keys) != keys_on_pane
        await pilot.press("escape")
        await pilot.pause()
        assert set(footer.keys) == keys_on_pane
