"""Start loading the situation before Textual is imported.

`sitboard` calls `start(paths)` first thing when it opens the board: a thread imports the
loader, builds the session's `ReloadController` and runs its first `reload()` while the main
thread imports Textual and builds the app. The app takes it over with `take(paths)`: when
the result is ready by the time the board mounts, the panes are filled before the first
frame (one layout pass, no "loading…" frame); when it is not (big situations), the app's
load worker waits for it, off the UI thread as always.

The load runs with the cyclic garbage collector paused (tui.model.gcpause.paused_gc).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.model.types import LoadResult
    from tui.runtime.reload import ReloadController

__all__ = ["Preload", "start", "take"]


class Preload:
    """The first load of a board session, running in a thread."""

    def __init__(self, paths: Iterable[Any]) -> None:
        self.paths: tuple[str, ...] = tuple(str(p) for p in paths)
        self.controller: ReloadController | None = None
        self.result: LoadResult | None = None
        self.error: BaseException | None = None
        self.controller_ready = threading.Event()
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sitboard-preload", daemon=True)

    def start(self) -> Preload:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            from tui.runtime.reload import ReloadController

            self.controller = ReloadController(self.paths)
        except BaseException as exc:  # noqa: BLE001 - reported by the app, never raised here
            self.error = exc
            self.controller_ready.set()
            self.done.set()
            return
        self.controller_ready.set()
        from tui.model.gcpause import paused_gc

        try:
            with paused_gc():
                self.result = self.controller.reload(None)
        except BaseException as exc:  # noqa: BLE001
            self.error = exc
        finally:
            self.done.set()

    def wait_controller(self, timeout: float | None = None) -> ReloadController | None:
        self.controller_ready.wait(timeout)
        return self.controller

    def wait(self, timeout: float | None = None) -> LoadResult:
        """The result (blocks); raises what the load raised."""
        self.done.wait(timeout)
        if self.error is not None:
            raise self.error
        if self.result is None:
            raise TimeoutError("the first load did not finish")
        return self.result


_pending: Preload | None = None


def start(paths: Iterable[Any]) -> Preload:
    """Start the first load of `paths` in a thread (one pending preload at a time)."""
    global _pending
    # yaml-rs on this (the main) thread, before the preload thread uses it: it crashes
    # the process if the thread that imported it exits (tui/model/yamlread.py).
    from tui.model.yamlread import ensure_parser

    ensure_parser()
    _pending = Preload(paths).start()
    return _pending


def take(paths: Iterable[Any]) -> Preload | None:
    """The pending preload of exactly these paths, handed over once (else None)."""
    global _pending
    p = _pending
    if p is None or p.paths != tuple(str(x) for x in paths):
        return None
    _pending = None
    return p
