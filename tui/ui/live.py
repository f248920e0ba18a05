"""Live reload, app side: the watcher worker, when to reload, change markers, pause.

`LiveReloadMixin` is mixed into `SitboardApp` (kept here so app.py stays thin):

* a Textual async worker iterates `tui.runtime.watch.Watcher.batches()` and posts
  `FilesChanged`; the handler asks the `ReloadController` whether to reload now (never
  two at once: changes that arrive meanwhile make exactly one more reload after it);
* the reload runs in a thread worker (`_reload_worker`) that builds it whole off the UI
  thread (the LoadResult, whether anything changed, the diff against the situation on
  screen) and posts `ReloadBuilt`; the UI applies it whole, or not at all when nothing
  changed. A failure keeps the picture and says so; the board keeps following the files;
* a file being written in pieces keeps its last version on screen (runtime/settle.py;
  "x.yaml being written" in the header once that lasts); a timer looks at it again;
* after a reload the worker keeps the good versions in the state directory (laststore);
* when the result is applied, the diff against what was on screen marks items new or
  changed (a marker column in the panes), lists removed ones in a notice for a while,
  feeds `c`/`C` (`changed_ids`) and the header: "reloaded 14:03:21 · 2 changed · 1 new";
  a marker fades once the cursor has been on the item and moved on, or after
  `MARK_SECONDS` (one timer, no per-second redraw);
* `p` pauses: changes wait ("paused · +N changes waiting"); `p` again applies them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import work
from textual.widgets import DataTable

from tui.ui.messages import FilesChanged, ReloadBuilt, ReloadFailed

if TYPE_CHECKING:
    from tui.model.diff import SituationDiff
    from tui.model.types import Item
    from tui.runtime.reload import ReloadController
    from tui.runtime.watch import Watcher

MARK_SECONDS = 300.0  # a change marker fades after this long
REMOVED_NOTICE_SECONDS = 30.0  # removed items stay listed this long
MAX_REMOVED_LISTED = 8


class LiveReloadMixin:
    """State and handlers for live reload; `SitboardApp` calls `_live_setup()`."""

    reloader: ReloadController | None
    watcher: Watcher | None

    def _live_setup(self, *, watch: bool, poll: bool, incremental: bool) -> None:
        self.watch_files = watch
        self.poll = poll
        self.reloader = None
        self.preload = None  # tui.runtime.preload.Preload: the first load, started by `sitboard`
        if incremental:
            from tui.runtime import preload

            pending = preload.take(self.paths)  # type: ignore[attr-defined]
            ctl = pending.wait_controller() if pending is not None else None
            if ctl is not None:
                self.preload = pending
                self.reloader = ctl
            else:
                from tui.runtime.reload import ReloadController

                self.reloader = ReloadController(self.paths)  # type: ignore[attr-defined]
        self.watcher = None
        self.last_diff: SituationDiff | None = None
        self.marked: dict[str, str] = {}  # id -> "new" / "changed": unseen markers
        self.removed_items: tuple[Item, ...] = ()
        self.reloaded_at: dt.datetime | None = None
        self.reloads_applied = 0
        self._fade_timer: Any = None
        self._reload_running = False  # custom loaders (no controller)
        self._last_words = ""
        self._catch_up_pending = False  # the watch armed while a load ran: check after it
        self.writing: tuple[str, ...] = ()  # files held back as being written
        self._recheck_timer: Any = None
        self._prebuilt: ReloadBuilt | None = None  # the diff the worker built, for after_reload

    # -- watching -------------------------------------------------------------------
    def start_watching(self) -> None:
        if self.reloader is not None:
            self._persist()  # a first load preloaded before the app: keep its good versions
        if self.watch_files and self.reloader is not None:
            self._watch_files()

    @work(thread=True, group="persist", exit_on_error=False)
    def _persist(self) -> None:
        if self.reloader is not None:
            self.reloader.persist()

    @work(exclusive=True, group="watch", exit_on_error=False)
    async def _watch_files(self) -> None:
        from tui.runtime.watch import Watcher

        self.watcher = Watcher(
            self.paths,  # type: ignore[attr-defined]
            force_polling=True if self.poll else None,
            on_armed=self._catch_up_after_arming,
        )
        try:
            async for batch in self.watcher.batches():
                self.post_message(FilesChanged(batch))  # type: ignore[attr-defined]
        except Exception as exc:  # never a traceback: say live reload stopped
            self.notify(  # type: ignore[attr-defined]
                f"Live reload stopped ({type(exc).__name__}: {exc}); press r to reload",
                severity="warning",
                timeout=10,
                markup=False,
            )
        finally:
            self.watcher.stop()

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
            from pathlib import Path

            self.post_message(FilesChanged(frozenset(Path(p) for p in changed)))  # type: ignore[attr-defined]

    def _changed_on_disk(self) -> set[str]:
        try:
            return self.reloader.changed_on_disk() if self.reloader is not None else set()
        except Exception:  # noqa: BLE001 - a check, never a crash; r still reloads
            return set()

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def on_files_changed(self, message: FilesChanged) -> None:
        ctl = self.reloader
        if ctl is None:
            return
        if ctl.note_changes(message.paths):
            self._start_reload()
        else:
            self._show_reload_state()

    def _start_reload(self, *, force: bool = False) -> None:
        ctl = self.reloader
        if ctl is None:
            if self._reload_running:
                return
            self._reload_running = True
            self.load(reload=True)  # type: ignore[attr-defined]
            return
        changed = ctl.begin()
        self._reload_worker(changed)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _reload_worker(self, changed: set[str] | None) -> None:
        """Build a reload off the UI thread, whole; post it (or the error)."""
        from tui.runtime.preload import paused_gc
        from tui.runtime.reload import ReloadOutcome

        ctl = self.reloader
        if ctl is None:
            return
        try:
            pre, self.preload = self.preload, None
            with paused_gc():
                # the first load may have started before Textual was imported
                result = pre.wait() if pre is not None else ctl.reload(changed)
                outcome = ctl.outcome if ctl.outcome is not None and ctl.outcome.result is result else None
                outcome = outcome or ReloadOutcome(result)
                message = self._built(outcome)
        except Exception as exc:  # a bug or an I/O error: the picture stays
            from tui.runtime.crashlog import _safe, write_crash_log

            log = write_crash_log(exc, "building a reload")
            self.post_message(  # type: ignore[attr-defined]
                ReloadFailed(f"reload failed ({_safe(type(exc).__name__, 80)}: {_safe(exc, 160)}); details in {log}")
            )
            return
        self.post_message(message)  # type: ignore[attr-defined]
        ctl.persist()  # the last good versions, once the picture is on its way

    def _built(self, outcome: Any) -> ReloadBuilt:
        """The outcome with the diff against the situation on screen (built here, in
        the worker; the UI uses it if that situation is still the one on screen)."""
        from tui.model.diff import diff_situations

        base = self.situation  # type: ignore[attr-defined]
        if base is None or not outcome.changed:
            return ReloadBuilt(outcome, base)
        new = next((s for s in outcome.result.situations if s.id == base.id), None)
        return ReloadBuilt(outcome, base, new, diff_situations(base, new) if new is not None else None)

    def on_reload_built(self, message: ReloadBuilt) -> None:
        from tui.ui.messages import SituationLoaded

        outcome = message.outcome
        self.writing = outcome.writing
        self._schedule_recheck(outcome.recheck_in)
        if outcome.changed or outcome.forced or self.result is None:  # type: ignore[attr-defined]
            self._prebuilt = message
            self.on_situation_loaded(SituationLoaded(outcome.result, reload=True))  # type: ignore[attr-defined]
            self._prebuilt = None
            return
        # nothing on screen changes (an identical save, a file held while being
        # written): no marks, no notice, the header keeps its words
        self._next_run()
        self._show_reload_state()

    def _next_run(self) -> None:
        ctl = self.reloader
        if ctl is not None:
            if ctl.running and ctl.finish():
                self._start_reload()
        else:
            self._reload_running = False

    def _schedule_recheck(self, delay: float | None) -> None:
        """Look at held files again when their quiet time is up."""
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
        timer = self.set_timer(delay + 0.01, self._recheck) if delay is not None else None  # type: ignore[attr-defined]
        self._recheck_timer = timer

    def _recheck(self) -> None:
        from pathlib import Path

        self._recheck_timer = None
        ctl = self.reloader
        held = ctl.holding() if ctl is not None else ()
        if held:
            self.on_files_changed(FilesChanged(frozenset(Path(p) for p in held)))

    def reload_failed(self) -> None:
        """Building or applying a reload failed: the last picture stays, the header says
        so, and the board keeps following the files (one more reload if saves came in)."""
        stamp = self.clock().astimezone().strftime("%H:%M:%S")  # type: ignore[attr-defined]
        shown = self.situation is not None  # type: ignore[attr-defined]
        self._last_words = f"reload failed {stamp}: showing the last picture" if shown else "load failed"
        self._next_run()
        self._show_reload_state()

    def request_reload(self) -> None:
        """`r`: reload now (every file re-checked), even while paused; fetch too (--follow)."""
        self.sync_now()  # type: ignore[attr-defined]
        ctl = self.reloader
        if ctl is None:
            self._start_reload()
            return
        if ctl.note_changes(None, force=True):
            self._start_reload()

    def toggle_live_pause(self) -> None:
        ctl = self.reloader
        self.paused = not self.paused  # type: ignore[attr-defined]
        if ctl is None:
            self._show_reload_state()
            return
        if self.paused:  # type: ignore[attr-defined]
            ctl.pause()
        elif ctl.resume():
            self._start_reload()
        self._show_reload_state()

    # -- applying a reload ----------------------------------------------------------------
    def after_reload(self, before: Any) -> None:
        """Called once a (re)load result is applied: markers, header, detail, next run."""
        from tui.model.diff import diff_situations

        now = self.situation  # type: ignore[attr-defined]
        diff = None
        pre = self._prebuilt
        if pre is not None and pre.base is before and pre.new is now and pre.diff is not None:
            diff = pre.diff  # built by the worker
        elif before is not None and now is not None and before.id == now.id:
            diff = diff_situations(before, now)
        self.reloads_applied += 1
        self.reloaded_at = self.clock()  # type: ignore[attr-defined]
        if before is not None:
            stamp = self.reloaded_at.astimezone().strftime("%H:%M:%S")
            self._last_words = f"reloaded {stamp} · {diff.summary if diff is not None else 'no changes'}"
        if diff is not None and not diff.empty:
            self.last_diff = diff
            self.changed_ids = set(diff.marked_ids)  # type: ignore[attr-defined]
            for iid in diff.new:
                self.marked[iid] = "new"
            for iid in diff.changed:
                self.marked[iid] = "changed"
            for it in diff.removed:
                self.marked.pop(it.id, None)
            self.removed_items = diff.removed
            self._notify_removed(diff.removed)
            self._restart_fade_timer()
        elif diff is None and before is not None:  # another situation: forget marks
            self.marked.clear()
            self.changed_ids = set()  # type: ignore[attr-defined]
        if now is not None:
            self.marked = {k: v for k, v in self.marked.items() if now.item(k) is not None}
        self._paint_marks()
        self._refresh_detail()
        ctl = self.reloader
        if ctl is not None and self._catch_up_pending and ctl.running:
            self._catch_up_pending = False
            changed = self._changed_on_disk()
            if changed:
                ctl.note_changes(changed)  # a reload runs: one more after it (finish)
        self._next_run()
        self._show_reload_state()

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
        self.notify(  # type: ignore[attr-defined]
            "\n".join(lines),
            title=f"Removed by the last reload ({len(removed)})",
            timeout=REMOVED_NOTICE_SECONDS,
            markup=False,
        )

    def _refresh_detail(self) -> None:
        try:
            from tui.ui.screens.detail import DetailScreen
        except ImportError:
            return
        sit = self.situation  # type: ignore[attr-defined]
        if sit is None:
            return
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            # the detail, and the sources / changes screens: the same view of the new picture
            if isinstance(screen, DetailScreen) or hasattr(screen, "refresh_situation"):
                screen.refresh_situation(sit)

    def _restart_fade_timer(self) -> None:
        if self._fade_timer is not None:
            self._fade_timer.stop()
        self._fade_timer = self.set_timer(MARK_SECONDS, self.fade_marks)  # type: ignore[attr-defined]

    def fade_marks(self) -> None:
        """Every marker goes (the timer, or by hand)."""
        self.marked.clear()
        self._paint_marks()

    def _paint_marks(self) -> None:
        try:
            panes = self.board.panes  # type: ignore[attr-defined]
        except Exception:
            return
        for pane in panes:
            if hasattr(pane, "set_marks"):
                pane.set_marks(self.marked)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor left a marked item it had been on: it has been seen."""
        table = event.data_table
        prev = getattr(table, "_live_last_id", None)
        key = event.row_key.value if event.row_key is not None else None
        table._live_last_id = key  # type: ignore[attr-defined]
        if prev is not None and prev != key and prev in self.marked:
            del self.marked[prev]
            if hasattr(table, "set_marks"):
                table.set_marks(self.marked)

    # -- header -------------------------------------------------------------------
    def reload_text(self) -> str:
        """The header's reload slot: "reloaded 14:03:21 · 2 changed · 1 new", "paused · +3 changes waiting"."""
        ctl = self.reloader
        if self.paused:  # type: ignore[attr-defined]
            return ctl.state_text() if ctl is not None else "paused"
        text = self._last_words
        sync = self.sync_text()  # type: ignore[attr-defined]
        if sync:  # --follow: the sync state first ("offline since 11:40" matters most)
            text = f"{sync} · {text}" if text else sync
        if self.writing:
            from tui.model.text import visible

            name = visible(self.writing[0].rsplit("/", 1)[-1], single_line=True)
            more = f" (+{len(self.writing) - 1})" if len(self.writing) > 1 else ""
            note = f"{name}{more} being written: showing its last version"
            text = f"{text} · {note}" if text else note
        if ctl is not None and ctl.running:
            text = f"{text} · reloading…" if text else "reloading…"
        return text

    def _show_reload_state(self, diff: SituationDiff | None = None) -> None:
        self.set_reload_state(self.reload_text())  # type: ignore[attr-defined]
