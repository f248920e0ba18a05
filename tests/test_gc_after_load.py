"""Garbage collection around a load (tui/runtime/preload.py, tui/ui/live.py): what a load
builds skips the young generations (else the first collections after it walk every item
three times while the board draws), and the board runs one full collection a moment after
the picture is shown, so that a cycle is never kept for long."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from live_support import wait_until

from tui.model.gcpause import paused_gc

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def generation_of(objs: list[object]) -> set[int]:
    wanted = {id(o) for o in objs}
    return {g for g in range(3) if any(id(o) in wanted for o in gc.get_objects(generation=g))}


def test_what_a_load_built_goes_to_the_oldest_generation(collector_on) -> None:
    with paused_gc():
        assert not gc.isenabled()
        built = [[i] for i in range(5000)]  # tracked containers, as a load makes
    assert gc.isenabled()
    assert generation_of(built[:50]) == {2}


def test_nested_pauses_move_them_once_the_last_one_ends(collector_on) -> None:
    with paused_gc():
        with paused_gc():
            inner = [[1] for _ in range(100)]
        assert not gc.isenabled()  # the outer pause still holds
        outer = [[2] for _ in range(100)]
    assert gc.isenabled()
    assert generation_of(inner[:10] + outer[:10]) == {2}


def test_a_pause_without_settling_leaves_what_it_built_young(collector_on) -> None:
    """A live reload (settle=False): its objects are the young collections' as usual."""
    with paused_gc(settle=False):
        built = [[i] for i in range(200)]
    assert gc.isenabled()
    assert generation_of(built[:20]) == {0}
    with paused_gc(settle=False), paused_gc():  # one settling pause in the run settles it
        inner = [[i] for i in range(200)]
    assert generation_of(inner[:20]) == {2}


def test_a_pause_with_the_collector_off_leaves_it_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


async def test_the_board_collects_once_the_picture_is_shown(tmp_path: Path) -> None:
    from tui.ui.app import SitboardApp

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    full: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    was = gc.isenabled()
    gc.disable()  # no collection of its own accord: the one seen is the board's
    gc.callbacks.append(seen)
    try:
        app = SitboardApp([str(data)])
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.situation is not None, what="the picture")
            await wait_until(pilot, lambda: bool(full), timeout=10, what="a full collection after the load")
            await wait_until(pilot, lambda: not app.live.collection_pending, what="the collection done")

            # a live reload of one item: no full collection forced after it
            from live_support import save, until_quiet

            await until_quiet(pilot, app)
            f = next(data.glob("*.yaml"))
            applied = app.live.reloads_applied
            save(f, f.read_text(encoding="utf-8").replace("note:", "note: edited -", 1))
            await wait_until(pilot, lambda: app.live.reloads_applied > applied, what="the reload")
            assert not app.live.collection_pending
    finally:
        gc.callbacks.remove(seen)
        if was:
            gc.enable()


def test_load_runs_without_collections_and_leaves_its_items_old(collector_on, tmp_path: Path) -> None:
    """`sitboard check`, `brief`, `export` load without the preload: load() pauses too."""
    from tui.model.load import load

    events = "\n".join(
        f"  - {{id: e{i}, what: 'Event {i}', date: 2024-08-{1 + i % 28:02d}, sources: [{{source: s1}}]}}"
        for i in range(3000)
    )
    f = tmp_path / "big.yaml"
    f.write_text(
        "situation:\n  id: big\n  title: Big\n  as_of: 2024-08-30\n"
        "sources:\n  s1: {name: A source}\nevents:\n" + events + "\n",
        encoding="utf-8",
    )
    seen: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        result = load([f])
    finally:
        gc.callbacks.remove(count)
    assert result.ok, [str(d) for d in result.diagnostics]
    items = list(result.situations[0].events)
    assert len(items) == 3000 and seen == []
    assert generation_of(items[:20]) == {2}
