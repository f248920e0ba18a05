"""tui.runtime.watch: real files in tmp_path, real watchfiles (inotify), every way editors save.

No fixed sleeps to "let things happen": each test waits for a batch (with a timeout).
To show that something was *ignored*, a test follows it with a real change and checks
that the first batch to arrive holds only that real change.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
from pathlib import Path

import pytest

from tui.runtime.watch import Watcher, make_plan, network_fs_type

TIMEOUT = 5.0


class Collector:
    """Runs `watcher.batches()` in a task and queues what it yields."""

    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher
        self.queue: asyncio.Queue[frozenset[Path]] = asyncio.Queue()
        self.all: list[frozenset[Path]] = []
        self.task: asyncio.Task | None = None

    async def __aenter__(self) -> Collector:
        async def run() -> None:
            async for batch in self.watcher.batches():
                self.all.append(batch)
                await self.queue.put(batch)

        self.task = asyncio.create_task(run())
        # the watch is installed on the first loop turns: the watcher says when
        end = asyncio.get_running_loop().time() + TIMEOUT
        while not self.watcher.armed:
            assert asyncio.get_running_loop().time() < end, "the watch never armed"
            await asyncio.sleep(0.005)
        return self

    async def __aexit__(self, *exc) -> None:
        self.watcher.stop()
        assert self.task is not None
        await asyncio.wait_for(self.task, TIMEOUT)  # stop() ends the iterator promptly

    async def next(self) -> frozenset[Path]:
        return await asyncio.wait_for(self.queue.get(), TIMEOUT)

    async def until(self, pred) -> frozenset[Path]:
        """Batches until one satisfies pred (merged view of everything seen so far)."""
        seen: set[Path] = set()
        while True:
            batch = await self.next()
            seen |= batch
            if pred(batch, seen):
                return frozenset(seen)


def names(batch) -> set[str]:
    return {p.name for p in batch}


@pytest.fixture
def sitdir(tmp_path: Path) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "a.yaml").write_text("a: 1\n")
    (d / "b.yml").write_text("b: 1\n")
    return d


# -- plan and helpers ---------------------------------------------------------------


def test_plan_for_file_and_directory(tmp_path, sitdir):
    f = tmp_path / "one.yaml"
    f.write_text("x: 1\n")
    plan = make_plan([f], [sitdir])
    assert sitdir in plan.roots and tmp_path in plan.roots  # a dir and its parent
    assert plan.accepts(f)
    assert not plan.accepts(tmp_path / "other.yaml")  # a file opened by name: only that name
    assert plan.accepts(sitdir / "c.yaml") and plan.accepts(sitdir / "c.yml")
    for junk in ("4913", ".a.yaml.swp", "a.yaml~", ".#a.yaml", ".hidden.yaml", "notes.txt"):
        assert not plan.accepts(sitdir / junk), junk
    assert plan.accepts(sitdir) and plan.is_structural(sitdir)


def test_plan_for_missing_directory_watches_nearest_existing(tmp_path):
    plan = make_plan([], [tmp_path / "not" / "yet"])
    assert plan.roots == (tmp_path,)
    assert plan.is_structural(tmp_path / "not")


def test_network_fs_detection_from_mounts_text(tmp_path):
    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        "srv:/export /mnt/share nfs4 rw 0 0\n"
        "//host/x /mnt/my\\040docs cifs rw 0 0\n"
        "u@h:/ /mnt/ssh fuse.sshfs rw 0 0\n"
    )
    assert network_fs_type(Path("/mnt/share/sit"), mounts) == "nfs4"
    assert network_fs_type(Path("/mnt/my docs/a.yaml"), mounts) == "cifs"
    assert network_fs_type(Path("/mnt/ssh"), mounts) == "fuse.sshfs"
    assert network_fs_type(Path("/mnt/sharedother"), mounts) is None  # prefix, not a mount
    assert network_fs_type(Path("/home/x"), mounts) is None


# -- save patterns --------------------------------------------------------------------


async def test_write_in_place(sitdir):
    async with Collector(Watcher([sitdir])) as c:
        with open(sitdir / "a.yaml", "r+") as fh:  # truncate and write, same inode
            fh.truncate(0)
            fh.write("a: 2\n")
        batch = await c.next()
        assert names(batch) == {"a.yaml"}


async def test_atomic_rename_save_vscode_style(sitdir):
    async with Collector(Watcher([sitdir])) as c:
        tmp = sitdir / ".a.yaml.tmp-123"
        tmp.write_text("a: 3\n")
        os.replace(tmp, sitdir / "a.yaml")
        seen = await c.until(lambda b, s: "a.yaml" in names(b))
        assert names(seen) == {"a.yaml"}  # the temp file never shows


async def test_vim_save_backup_and_4913_ignored(sitdir):
    """vim with backupcopy=no: probe 4913, rename to a.yaml~, write a new a.yaml."""
    async with Collector(Watcher([sitdir])) as c:
        (sitdir / "4913").write_text("")
        (sitdir / "4913").unlink()
        os.rename(sitdir / "a.yaml", sitdir / "a.yaml~")
        (sitdir / "a.yaml").write_text("a: 4\n")
        (sitdir / "a.yaml~").unlink()
        seen = await c.until(lambda b, s: (sitdir / "a.yaml").exists() and "a.yaml" in names(b))
        assert names(seen) == {"a.yaml"}


async def test_single_file_atomic_save_and_neighbours_ignored(tmp_path):
    f = tmp_path / "one.yaml"
    f.write_text("x: 1\n")
    async with Collector(Watcher([f])) as c:
        (tmp_path / "neighbour.yaml").write_text("n: 1\n")  # same dir, not opened
        (tmp_path / ".one.yaml.swp").write_text("swap")
        (tmp_path / "one.yaml~").write_text("backup")
        tmp = tmp_path / ".one.yaml.tmp"
        tmp.write_text("x: 2\n")
        os.replace(tmp, f)  # the inode changes: the parent-dir watch still sees it
        seen = await c.until(lambda b, s: "one.yaml" in names(b))
        assert names(seen) == {"one.yaml"}
        f.write_text("x: 3\n")  # and the watch goes on after the inode changed
        batch = await c.next()
        assert names(batch) == {"one.yaml"}


async def test_swap_and_backup_files_alone_trigger_nothing(sitdir):
    async with Collector(Watcher([sitdir])) as c:
        for junk in (".a.yaml.swp", ".a.yaml.swx", "a.yaml~", ".#a.yaml", "4913", "notes.txt"):
            (sitdir / junk).write_text("junk")
        (sitdir / "b.yml").write_text("b: 2\n")  # the real change that follows
        batch = await c.next()
        assert names(batch) == {"b.yml"}


async def test_new_part_and_deleted_part(sitdir):
    async with Collector(Watcher([sitdir])) as c:
        (sitdir / "c.yaml").write_text("c: 1\n")
        assert names(await c.next()) == {"c.yaml"}
        (sitdir / "b.yml").unlink()
        assert names(await c.next()) == {"b.yml"}


async def test_directory_removed_and_recreated_is_watched_again(sitdir):
    w = Watcher([sitdir])
    async with Collector(w) as c:
        shutil.rmtree(sitdir)
        await c.until(lambda b, s: sitdir in b)
        sitdir.mkdir()
        (sitdir / "a.yaml").write_text("a: new\n")
        # the directory's return is announced (the consumer re-discovers it) ...
        await c.until(lambda b, s: sitdir in b and sitdir.exists())
        # ... and the new directory is watched: a later write is seen
        (sitdir / "z.yaml").write_text("z: 1\n")
        await c.until(lambda b, s: "z.yaml" in names(b))
        assert w.rearms >= 1


async def test_directory_renamed_away_and_back(sitdir, tmp_path):
    async with Collector(Watcher([sitdir])) as c:
        os.rename(sitdir, tmp_path / "sit.old")
        await c.until(lambda b, s: sitdir in b)
        os.rename(tmp_path / "sit.old", sitdir)
        await c.until(lambda b, s: sitdir in b and sitdir.exists())
        (sitdir / "a.yaml").write_text("a: back\n")
        await c.until(lambda b, s: "a.yaml" in names(b))


async def test_directory_created_later(tmp_path):
    d = tmp_path / "later"
    async with Collector(Watcher([d])) as c:
        d.mkdir()
        (d / "a.yaml").write_text("a: 1\n")
        await c.until(lambda b, s: d in b and d.exists())
        (d / "b.yaml").write_text("b: 1\n")
        await c.until(lambda b, s: "b.yaml" in names(b))


async def test_save_storm_coalesces_into_few_batches(sitdir):
    async with Collector(Watcher([sitdir])) as c:
        loop = asyncio.get_running_loop()
        began = loop.time()
        for i in range(100):
            (sitdir / "a.yaml").write_text(f"a: {i}\n")
            await asyncio.sleep(0.005)  # 100 saves in about a second
        (sitdir / "b.yml").write_text("b: done\n")  # the last write of the storm
        # under load the storm lasts longer, and the watcher rightly yields once per max-hold
        holds = math.ceil((loop.time() - began) / (c.watcher.max_hold_ms / 1000))
        await c.until(lambda b, s: "b.yml" in names(b))
        # leading edge + trailing edge (+ one per max-hold): never a hundred
        assert 1 <= len(c.all) <= max(5, 3 + holds), ([sorted(names(b)) for b in c.all], holds)


async def test_vanished_file_is_held_until_it_comes_back(sitdir):
    """A slow editor: rename away, then (a moment later) write the new file: one batch,
    and by the time it is handed over the file exists again."""
    w = Watcher([sitdir], settle_ms=400)
    async with Collector(w) as c:
        os.rename(sitdir / "a.yaml", sitdir / "a.yaml~")
        await asyncio.sleep(0.05)
        (sitdir / "a.yaml").write_text("a: slow\n")
        batch = await c.next()
        assert "a.yaml" in names(batch)
        assert (sitdir / "a.yaml").exists()
        assert len(c.all) == 1


async def test_force_polling_still_sees_changes(sitdir):
    w = Watcher([sitdir], force_polling=True, poll_delay_ms=50)
    async with Collector(w) as c:
        # the poller's first scan is its baseline: write until a scan sees a change
        for i in range(50):
            (sitdir / "a.yaml").write_text(f"a: polled {i} " + "x" * i + "\n")
            try:
                batch = await asyncio.wait_for(c.queue.get(), 0.2)
            except TimeoutError:
                continue
            break
        assert names(batch) == {"a.yaml"}
        assert w.mode.startswith("polling")


async def test_events_mode_on_local_disk(sitdir):
    w = Watcher([sitdir])
    async with Collector(w) as c:
        (sitdir / "a.yaml").write_text("a: 9\n")
        await c.next()
        assert w.mode == "events"


async def test_stop_ends_an_idle_watcher(sitdir):
    w = Watcher([sitdir])
    c = Collector(w)
    await c.__aenter__()
    await c.__aexit__(None, None, None)  # asserts the task ended within the timeout
    assert c.task.done() and c.all == []
