"""Watch the opened situation files and directories with OS file events.

`Watcher(paths).batches()` is an async iterator of `frozenset[Path]`: the situation
files (and, when a watched directory vanished or came back, that directory) that
changed. It runs `watchfiles.awatch` (inotify on Linux) non-recursively on:

* a single file's parent directory, filtered to that file's name (editors replace
  the inode on an atomic save, so watching the file itself would go deaf);
* a directory, filtered with the loader's rules (`*.yaml`/`*.yml`, not hidden, not a
  backup or swap file: vim's `4913` probe, `x.swp`, `x~`, `.#x` never trigger);
* the parent of each of those, so a directory removed/renamed and re-created is seen:
  the watcher then re-arms itself on the new directory and reports it, and the
  consumer re-discovers its files.

Timing. watchfiles groups events in its Rust thread: it wakes every `step_ms` to look
at its in-memory change set (no file system polling) and hands over a batch once the
set stopped growing for one step. The stock settings (1,600 ms debounce, 50 ms step)
are far too slow for a board; we use a 20 ms step. On top of that `batches()` does a
leading + trailing debounce: the first batch after a quiet spell is yielded at once (a
single save reaches the screen in a step or two), batches that follow within
`settle_ms` are merged and yielded once the writes settle (a storm of 100 saves in a
second gives two or three reloads, not a hundred), capped at `max_hold_ms` so a file
that never stops changing still refreshes. A batch in which a file has just vanished
(an atomic save caught between rename and write, or a real deletion) is held for
`settle_ms` too, so the board never flashes "removed" then "new" for one save.

Polling is used only where OS events do not exist: network file systems (nfs, cifs/smb,
sshfs...; detected from /proc/mounts), when the OS refuses a watch (inotify limit), or
when asked (`force_polling=True`).

Nothing here imports Textual: the app runs `batches()` in a worker and posts messages.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.model.load import is_situation_name  # the loader's rule: one truth
from tui.runtime.fstype import NETWORK_FS_TYPES, network_fs_type

__all__ = [
    "Watcher",
    "WatchPlan",
    "make_plan",
    "is_situation_name",
    "network_fs_type",
    "NETWORK_FS_TYPES",
    "DEFAULT_STEP_MS",
    "DEFAULT_DEBOUNCE_MS",
    "DEFAULT_SETTLE_MS",
]

DEFAULT_STEP_MS = 20
DEFAULT_DEBOUNCE_MS = 50
DEFAULT_SETTLE_MS = 100
DEFAULT_MAX_HOLD_MS = 1000
DEFAULT_POLL_DELAY_MS = 300


def _abs(p: Path | str) -> Path:
    return Path(os.path.abspath(os.fspath(p)))


def _is_dir_target(p: Path) -> bool:
    """A directory, or (while missing) a path that does not name a situation file."""
    if p.is_dir():
        return True
    if p.exists():
        return False
    return p.suffix.lower() not in (".yaml", ".yml")


def _nearest_existing(p: Path) -> Path:
    while not p.is_dir():
        if p.parent == p:
            break
        p = p.parent
    return p


@dataclass(frozen=True)
class WatchPlan:
    """What to watch for a set of opened paths, and which events matter."""

    files: frozenset[Path]  # files opened by name (absolute)
    dirs: frozenset[Path]  # directories opened (absolute)
    roots: tuple[Path, ...]  # existing directories handed to the OS watcher
    anchors: frozenset[Path]  # target directories and their ancestors: an event on one re-arms

    @property
    def target_dirs(self) -> frozenset[Path]:
        return self.dirs | frozenset(f.parent for f in self.files)

    def accepts(self, path: Path) -> bool:
        if path in self.files:
            return True
        if path.parent in self.dirs and is_situation_name(path.name):
            return True
        return path in self.anchors

    def is_structural(self, path: Path) -> bool:
        return path in self.anchors


def make_plan(files: Iterable[Path | str], dirs: Iterable[Path | str]) -> WatchPlan:
    files_ = frozenset(_abs(f) for f in files)
    dirs_ = frozenset(_abs(d) for d in dirs)
    targets = dirs_ | frozenset(f.parent for f in files_)
    roots: list[Path] = []
    anchors: set[Path] = set()

    def add(root: Path) -> None:
        if root not in roots:
            roots.append(root)

    for f in files_:
        if not f.exists():
            anchors.add(f)  # appears: re-plan (it may turn out to be a directory)
    for t in sorted(targets):
        p = t
        while True:  # the target and every ancestor up to (not incl.) the root watched
            anchors.add(p)
            if p.parent == p:
                break
            p = p.parent
        if t.is_dir():
            add(t)
            add(t.parent)  # sees t removed / renamed / re-created
        else:
            add(_nearest_existing(t))
    # an anchor that is only an ancestor above every watched root never reports; harmless
    return WatchPlan(files_, dirs_, tuple(roots), frozenset(anchors))


def _accepting(plan: WatchPlan) -> Callable[[Any, str], bool]:
    """watchfiles' filter: the plan's rule on each changed path."""
    return lambda _change, path: plan.accepts(Path(path))


class _AnyEvent:
    """`is_set()` true when any of the events is set (watchfiles polls it each step)."""

    __slots__ = ("_events",)

    def __init__(self, *events: threading.Event) -> None:
        self._events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self._events)


def _swallow(task: asyncio.Future) -> None:
    if not task.cancelled():
        task.exception()


class Watcher:
    """Watch situation paths; iterate `batches()` for changed paths. `stop()` ends it."""

    def __init__(
        self,
        paths: Iterable[Path | str],
        *,
        step_ms: int = DEFAULT_STEP_MS,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        settle_ms: int = DEFAULT_SETTLE_MS,
        max_hold_ms: int = DEFAULT_MAX_HOLD_MS,
        force_polling: bool | None = None,
        poll_delay_ms: int = DEFAULT_POLL_DELAY_MS,
        on_armed: Callable[[], None] | None = None,
    ) -> None:
        self.paths = tuple(_abs(p) for p in paths)
        # called once, in the iterating task, when the first OS watch is in place: the
        # consumer checks what changed before that (a save during start-up)
        self.on_armed = on_armed
        self.armed = False
        self.step_ms = step_ms
        self.debounce_ms = debounce_ms
        self.settle_ms = settle_ms
        self.max_hold_ms = max_hold_ms
        self.force_polling = force_polling
        self.poll_delay_ms = poll_delay_ms
        self._stop = threading.Event()
        self.rearms = 0  # how many times the OS watch was re-established
        self.mode = "starting"  # "events", "polling (nfs)", "polling (requested)" ...
        self.error: str | None = None  # last watcher failure, for the help screen

    # -- control -----------------------------------------------------------------
    def stop(self) -> None:
        """Stop watching; the iterator ends within one step. Thread-safe."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(p for p in self.paths if not _is_dir_target(p))

    @property
    def dirs(self) -> tuple[Path, ...]:
        return tuple(p for p in self.paths if _is_dir_target(p))

    def plan(self) -> WatchPlan:
        # classified afresh each time: a path opened before it existed may turn up as
        # a directory (then it is watched as one)
        return make_plan(self.files, self.dirs)

    def _polling_for(self, plan: WatchPlan) -> tuple[bool, str]:
        if self.force_polling:
            return True, "polling (requested)"
        for root in plan.roots:
            fstype = network_fs_type(root)
            if fstype:
                return True, f"polling ({fstype})"
        return False, "events"

    # -- raw batches from watchfiles, re-armed when a watched directory changes ----
    async def _raw(self) -> AsyncGenerator[frozenset[Path], None]:
        from watchfiles import awatch

        announce: frozenset[Path] = frozenset()
        native_failed = False
        while not self._stop.is_set():
            plan = self.plan()
            polling, mode = self._polling_for(plan)
            if native_failed and not polling:
                polling, mode = True, "polling (OS events unavailable)"
            self.mode = mode
            run_stop = threading.Event()
            gen = awatch(
                *plan.roots,
                watch_filter=_accepting(plan),
                debounce=self.debounce_ms,
                step=self.step_ms,
                stop_event=_AnyEvent(self._stop, run_stop),
                rust_timeout=0,  # no periodic wake-ups besides `step`
                recursive=False,
                force_polling=polling,
                poll_delay_ms=self.poll_delay_ms,
                ignore_permission_denied=True,
            )
            nxt: asyncio.Future = asyncio.ensure_future(gen.__anext__())
            # One loop turn: awatch has installed its OS watches (synchronously, before
            # its first await). Anything that happened while we were not watching is
            # announced now, so a file written into a re-created directory is not lost.
            await asyncio.sleep(0)
            if not self.armed:
                self.armed = True
                if self.on_armed is not None:
                    self.on_armed()
            rearm = False
            try:
                if announce:
                    yield announce
                    announce = frozenset()
                while True:
                    try:
                        changes = await nxt
                    except StopAsyncIteration:
                        if self._stop.is_set():
                            return
                        rearm = True
                        break
                    except Exception as exc:  # noqa: BLE001 - any watcher failure: fall back
                        self.error = f"{type(exc).__name__}: {exc}"
                        if not polling:
                            native_failed = True
                        rearm = True
                        await asyncio.sleep(self.settle_ms / 1000)
                        announce = plan.target_dirs
                        break
                    paths = frozenset(Path(p) for _c, p in changes)
                    if any(plan.is_structural(p) for p in paths):
                        announce = plan.target_dirs
                        rearm = True
                        yield paths
                        break
                    yield paths
                    nxt = asyncio.ensure_future(gen.__anext__())
            finally:
                run_stop.set()  # the Rust thread returns within one step
                if not nxt.done():
                    nxt.add_done_callback(_swallow)
                else:
                    _swallow(nxt)
            if rearm:
                self.rearms += 1
                if not nxt.done():
                    try:
                        await asyncio.wait({nxt}, timeout=1.0)
                    except Exception:  # noqa: BLE001
                        pass

    # -- leading + trailing debounce --------------------------------------------
    async def batches(self) -> AsyncIterator[frozenset[Path]]:
        """Changed paths, coalesced: see the module docstring."""
        raw = self._raw()
        pending: asyncio.Future | None = None
        acc: set[Path] = set()
        hot_until = 0.0
        first_at = last_at = 0.0
        settle = self.settle_ms / 1000
        max_hold = self.max_hold_ms / 1000
        try:
            while True:
                if pending is None:
                    pending = asyncio.ensure_future(raw.__anext__())
                if not acc:
                    try:
                        batch = await pending
                    except StopAsyncIteration:
                        return
                    finally:
                        if pending.done():
                            pending = None
                    now = time.monotonic()
                    if now >= hot_until and not self._vanished(batch):
                        hot_until = now + settle
                        yield batch  # leading edge: a single save goes straight through
                        hot_until = time.monotonic() + settle
                        continue
                    acc |= batch
                    first_at = last_at = now
                    continue
                now = time.monotonic()
                deadline = min(last_at + settle, first_at + max_hold)
                done, _ = await asyncio.wait({pending}, timeout=max(0.0, deadline - now))
                if done:
                    fut, pending = pending, None
                    try:
                        batch = fut.result()
                    except StopAsyncIteration:
                        yield frozenset(acc)
                        return
                    acc |= batch
                    last_at = time.monotonic()
                    continue
                out = frozenset(acc)
                acc = set()
                yield out  # trailing edge: after the writes settled
                hot_until = time.monotonic() + settle
        finally:
            self._stop.set()
            if pending is not None and not pending.done():
                pending.add_done_callback(_swallow)
                try:
                    await asyncio.wait({pending}, timeout=1.0)
                except BaseException:  # noqa: BLE001 - closing; never raise from here
                    pass
            try:
                await raw.aclose()
            except BaseException:  # noqa: BLE001
                pass

    def _vanished(self, batch: Iterable[Path]) -> bool:
        """A situation file in the batch does not exist (right now)."""
        files, dirs = set(self.files), set(self.dirs)
        for p in batch:
            if p in dirs:
                continue
            if (p in files or is_situation_name(p.name)) and not p.exists():
                return True
        return False
