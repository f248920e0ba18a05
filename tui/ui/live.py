"""Live reload, app side: the watcher worker, when to reload, change marks, pause.

`LiveReload` is an object the app owns (`app.live`):

* an async worker iterates `tui.runtime.watch.Watcher.batches()` and posts
  `FilesChanged` to the app; the app hands it to `files_changed()`, which asks the
  `ReloadController` whether to reload now (never two at once: changes that arrive
  meanwhile make exactly one more reload after it);
* the reload runs in a thread worker that builds it whole off the UI thread (the
  LoadResult, whether anything changed, the diff against the situation on screen) and
  posts `ReloadBuilt`; the app hands it to `reload_built()`, which applies it whole
  (through the app), or not at all when nothing changed. A failure keeps the picture
  and says so (`reload_failed()`); the board keeps following the files;
* a file being written in pieces keeps its last version on screen (runtime/settle.py;
  "x.yaml being written" in the header once that lasts); a timer looks at it again;
* after a reload the worker keeps the good versions in the state directory (laststore);
* once the app has applied a result it calls `after_reload()`: the diff against what
  was on screen marks items new or changed (`marked`, shown by the board's panes), lists
  removed ones in a notice for a while, feeds `c`/`C` (`changed_ids`) and the header:
  "reloaded 14:03:21 · 2 changed · 1 new"; a mark stays until the officer has seen it:
  the cursor has been on the item and moved on (`seen()`). Never on a timer: a change
  made while the officer was away must still be marked when they look (a later reload
  adds its marks to those not yet seen; an item removed loses its mark);
* `p` pauses: changes wait ("paused · +N changes waiting"); `p` again applies them.

What it shows goes down through the app (`app.show_live_state()`); nothing here touches
a widget.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.ui.messages import FilesChanged, ReloadBuilt, ReloadFailed, SituationLoaded

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.model.diff import SituationDiff
    from tui.model.types import Item, Situation
    from tui.runtime.preload import Preload
    from tui.runtime.reload import ReloadController, ReloadOutcome
    from tui.runtime.watch import Watcher
    from tui.ui.app import SitboardApp

REMOVED_NOTICE_SECONDS = 30.0  # removed items stay listed this long
MAX_REMOVED_LISTED = 8
COLLECT_AFTER_LOAD = 1.0  # seconds after a load is shown: its one full garbage collection


class LiveReload:
    """State and steps of live reload for `app`."""

    def __init__(self, app: SitboardApp, paths: list[str], *, watch: bool, poll: bool, incremental: bool) -> None:
        self.app = app
        self.paths = paths
        self.watch_files = watch
        self.poll = poll
        self.reloader: ReloadController | None = None
        self.preload: Preload | None = None  # the first load, started by `sitboard`
        if incremental:
            from tui.runtime import preload

            pending = preload.take(paths)
            ctl = pending.wait_controller() if pending is not None else None
            if pending is not None and ctl is not None:
                self.preload = pending
                self.reloader = ctl
            else:
                from tui.runtime.reload import ReloadController

                self.reloader = ReloadController(paths)
        self.watcher: Watcher | None = None
        self.paused = False
        self.last_diff: SituationDiff | None = None
        self.marked: dict[str, str] = {}  # id -> "new" / "changed": unseen marks
        self.changed_ids: set[str] = set()  # what `c` / `C` step through
        self.removed_items: tuple[Item, ...] = ()
        self.reloaded_at: dt.datetime | None = None
        self.reloads_applied = 0
        self._reload_running = False  # custom loaders (no controller)
        self._last_words = ""
        self._catch_up_pending = False  # the watch armed while a load ran: check after it
        self.writing: tuple[str, ...] = ()  # files held back as being written
        self._recheck_timer: Timer | None = None
        self._collect_timer: Timer | None = None
        self._prebuilt: ReloadBuilt | None = None  # the diff the worker built, for after_reload

    # -- watching -------------------------------------------------------------------
    def start_watching(self) -> None:
        if self.reloader is None:
            return
        # a first load preloaded before the app: keep its good versions
        self.app.run_worker(self.reloader.persist, thread=True, group="persist", exit_on_error=False)
        if self.watch_files:
            self.app.run_worker(self._watch_files(), exclusive=True, group="watch", exit_on_error=False)

    async def _watch_files(self) -> None:
        from tui.runtime.watch import Watcher

        watcher = self.watcher = Watcher(
            self.paths, force_polling=True if self.poll else None, on_armed=self._catch_up_after_arming
        )
        try:
            async for batch in watcher.batches():
                self.app.post_message(FilesChanged(batch))
        except Exception as exc:  # never a traceback: say live reload stopped
            self.app.notify(
                f"Live reload stopped ({type(exc).__name__}: {exc}); press r to reload",
                severity="warning",
                timeout=10,
                markup=False,
            )
        finally:
            watcher.stop()

    def _catch_up_after_arming(self) -> None:
        """The watch is in place: a file saved before that (during start-up, while the
        first load ran) is reloaded now; what the first load read is compared with the
        disk (stat and listdir). Nothing changed: nothing happens."""
        ctl = self.reloader
        if ctl is None:
            return
        if ctl.running:  # the first load may be holding bytes it read before a save
            self._catch_up_pending = True
            return
        changed = self._changed_on_disk()
        if changed:
            self.app.post_message(FilesChanged(frozenset(Path(p) for p in changed)))

    def _changed_on_disk(self) -> set[str]:
        try:
            return self.reloader.changed_on_disk() if self.reloader is not None else set()
        except Exception:  # noqa: BLE001 - a check, never a crash; r still reloads
            return set()

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def files_changed(self, message: FilesChanged) -> None:
        ctl = self.reloader
        if ctl is None:
            return
        if ctl.note_changes(message.paths):
            self.start_reload()
        else:
            self.app.show_live_state()

    def files_changed_everywhere(self) -> None:
        """Something wrote files behind the watcher's back (git): re-check them all."""
        ctl = self.reloader
        if ctl is not None and ctl.note_changes(None):
            self.start_reload()

    def start_reload(self) -> None:
        ctl = self.reloader
        if ctl is None:
            if self._reload_running:
                return
            self._reload_running = True
            self.app.load(reload=True)
            return
        changed = ctl.begin()
        work = partial(self._build_reload, ctl, changed)
        self.app.run_worker(work, thread=True, exclusive=True, group="load", exit_on_error=False)

    def _build_reload(self, ctl: ReloadController, changed: set[str] | None) -> None:
        """In a thread: build a reload whole; post it (or the error) to the app."""
        from tui.model.gcpause import paused_gc
        from tui.runtime.crashlog import short_text, write_crash_log
        from tui.runtime.reload import ReloadOutcome

        try:
            pre, self.preload = self.preload, None
            # the first picture settles its objects (collect_soon follows); a reload does not
            with paused_gc(settle=self.app.situation is None):
                # the first load may have started before Textual was imported
                result = pre.wait() if pre is not None else ctl.reload(changed)
                outcome = ctl.outcome if ctl.outcome is not None and ctl.outcome.result is result else None
                message = self._built(outcome or ReloadOutcome(result))
        except Exception as exc:  # a bug or an I/O error: the picture stays
            log = write_crash_log(exc, "building a reload")
            kind, what = short_text(type(exc).__name__, 80), short_text(exc, 160)
            self.app.post_message(ReloadFailed(f"reload failed ({kind}: {what}); details in {log}"))
            return
        self.app.post_message(message)
        ctl.persist()  # the last good versions, once the picture is on its way

    def _built(self, outcome: ReloadOutcome) -> ReloadBuilt:
        """The outcome with the diff against the situation on screen (built here, in
        the worker; the UI uses it if that situation is still the one on screen)."""
        from tui.model.diff import diff_situations

        base = self.app.situation
        if base is None or not outcome.changed:
            return ReloadBuilt(outcome, base)
        new = next((s for s in outcome.result.situations if s.id == base.id), None)
        return ReloadBuilt(outcome, base, new, diff_situations(base, new) if new is not None else None)

    def reload_built(self, message: ReloadBuilt) -> None:
        outcome = message.outcome
        self.writing = outcome.writing
        self._schedule_recheck(outcome.recheck_in)
        if outcome.changed or outcome.forced or self.app.result is None:
            self._prebuilt = message
            try:
                self.app.on_situation_loaded(SituationLoaded(outcome.result, reload=True))
            finally:
                self._prebuilt = None
            return
        # nothing on screen changes (an identical save, a file held while being
        # written): no marks, no notice, the header keeps its words
        self._next_run()
        self.app.show_live_state()

    def _next_run(self) -> None:
        ctl = self.reloader
        if ctl is not None:
            if ctl.running and ctl.finish():
                self.start_reload()
        else:
            self._reload_running = False

    def _schedule_recheck(self, delay: float | None) -> None:
        """Look at held files again when their quiet time is up."""
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
        self._recheck_timer = self.app.set_timer(delay + 0.01, self._recheck) if delay is not None else None

    def _recheck(self) -> None:
        self._recheck_timer = None
        ctl = self.reloader
        held = ctl.holding() if ctl is not None else ()
        if held:
            self.files_changed(FilesChanged(frozenset(Path(p) for p in held)))

    def reload_failed(self) -> None:
        """Building or applying a reload failed: the last picture stays, the header says
        so, and the board keeps following the files (one more reload if saves came in)."""
        stamp = self.app.clock().astimezone().strftime("%H:%M:%S")
        shown = self.app.situation is not None
        self._last_words = f"reload failed {stamp}: showing the last picture" if shown else "load failed"
        self._next_run()
        self.app.show_live_state()

    def request_reload(self) -> None:
        """`r`: reload now (every file re-checked), even while paused."""
        ctl = self.reloader
        if ctl is None:
            self.start_reload()
            return
        if ctl.note_changes(None, force=True):
            self.start_reload()

    def toggle_pause(self) -> None:
        if self.app.read_only:  # --read-only: what others see never stops following
            self.app.notify("Read-only board: p (pause) is off", severity="warning", timeout=3)
            return
        ctl = self.reloader
        self.paused = not self.paused
        if ctl is not None:
            if self.paused:
                ctl.pause()
            elif ctl.resume():
                self.start_reload()
        self.app.show_live_state()

    # -- applying a reload ----------------------------------------------------------------
    def after_reload(self, before: Situation | None, now: Situation | None) -> None:
        """Called once a (re)load result is applied: marks, removed items, the next run."""
        from tui.model.diff import diff_situations

        diff = None
        pre = self._prebuilt
        if pre is not None and pre.base is before and pre.new is now and pre.diff is not None:
            diff = pre.diff  # built by the worker
        elif before is not None and now is not None and before.id == now.id:
            diff = diff_situations(before, now)
        self.reloads_applied += 1
        self.reloaded_at = self.app.clock()
        if before is not None:
            stamp = self.reloaded_at.astimezone().strftime("%H:%M:%S")
            self._last_words = self._summary(diff, f"reloaded {stamp}")
        if diff is not None and not diff.empty:
            self.last_diff = diff
            self.changed_ids = set(diff.marked_ids)
            for iid in diff.new:
                self.marked[iid] = "new"
            for iid in diff.changed:
                self.marked[iid] = "changed"
            for it in diff.removed:
                self.marked.pop(it.id, None)
            self.removed_items = diff.removed
            self._notify_removed(diff.removed)
        elif diff is None and before is not None:  # another situation: forget marks
            self.marked.clear()
            self.changed_ids = set()
        if now is not None:
            self.marked = {k: v for k, v in self.marked.items() if now.item(k) is not None}
        if before is None and now is not None:
            self.collect_soon()  # the first picture (tui/model/gcpause.py)
        ctl = self.reloader
        if ctl is not None and self._catch_up_pending and ctl.running:
            self._catch_up_pending = False
            changed = self._changed_on_disk()
            if changed:
                ctl.note_changes(changed)  # a reload runs: one more after it (finish)
        self._next_run()

    @property
    def collection_pending(self) -> bool:
        return self._collect_timer is not None

    def collect_soon(self) -> None:
        """One full garbage collection a moment after the first picture is shown: its
        objects skipped the young generations (tui.model.gcpause.paused_gc), so this is the
        one pass that walks them, after the first paint rather than during it."""
        if self._collect_timer is not None:
            self._collect_timer.stop()
        self._collect_timer = self.app.set_timer(COLLECT_AFTER_LOAD, self._collect)

    def _collect(self) -> None:
        import gc

        self._collect_timer = None
        gc.collect()

    def _notify_removed(self, removed: tuple[Item, ...]) -> None:
        if not removed:
            return
        from tui.model.text import visible
        from tui.model.types import PANE_TITLES

        lines = [
            f"– {visible(it.label, single_line=True)} ({PANE_TITLES.get(it.pane, it.pane)})"
            for it in removed[:MAX_REMOVED_LISTED]
        ]
        if len(removed) > MAX_REMOVED_LISTED:
            lines.append(f"and {len(removed) - MAX_REMOVED_LISTED} more")
        self.app.notify(
            "\n".join(lines),
            title=f"Removed by the last reload ({len(removed)})",
            timeout=REMOVED_NOTICE_SECONDS,
            markup=False,
        )

    def seen(self, item_id: str) -> bool:
        """The cursor was on `item_id` and moved on: its mark goes. True if it had one."""
        return self.marked.pop(item_id, None) is not None

    # -- header -------------------------------------------------------------------
    def _summary(self, diff: SituationDiff | None, reloaded: str) -> str:
        """ "reloaded 14:03:21 · 2 changed"; a file that cannot be read now comes first, its
        words before its name (the header cuts the end, to ~20 cells at 80 columns):
        "⚠ last good version: x.yaml has errors · reloaded 14:03:21",
        never "no changes" (the picture holds its last good version: issue 10 case 7)."""
        from tui.model.assembly import shown_at_last_good
        from tui.model.text import visible

        said = diff.summary if diff is not None else "no changes"
        result = self.app.result
        stale = shown_at_last_good(result) if result is not None else ()
        if not stale:
            return f"{reloaded} · {said}"
        name = visible(os.path.basename(stale[0]) or stale[0], single_line=True)
        more = f" (+{len(stale) - 1})" if len(stale) > 1 else ""
        note = f"⚠ last good version: {name}{more} has errors · {reloaded}"
        return f"{note} · {said}" if diff is not None and not diff.empty else note

    def reload_text(self) -> str:
        """The header's reload slot: "reloaded 14:03:21 · 2 changed · 1 new", "paused · +3 changes waiting"."""
        ctl = self.reloader
        if self.paused:
            return ctl.state_text() if ctl is not None else "paused"
        text = self._last_words
        if self.writing:
            from tui.model.text import visible

            name = visible(self.writing[0].rsplit("/", 1)[-1], single_line=True)
            more = f" (+{len(self.writing) - 1})" if len(self.writing) > 1 else ""
            note = f"being written: {name}{more}, its last version shown"
            text = f"{note} · {text}" if text else note  # first: the header cuts the end
        if ctl is not None and ctl.running:
            text = f"{text} · reloading…" if text else "reloading…"
        return text
