"""The Textual app (thin): app-level keys, screens, what goes down to the board.
`tui.ui.run.run_board(paths, ...) -> int` is what `sitboard` calls."""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import tui.ui.colors  # noqa: F401 - TEXTUAL_COLOR_SYSTEM made what Rich reads: before Textual reads it

# isort: split
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import Reactive

from tui.ui import copying, provenance
from tui.ui.crash import CrashGuard
from tui.ui.follow import GitFollow
from tui.ui.history import GitHistory
from tui.ui.live import LiveReload
from tui.ui.messages import (
    FilesChanged,
    GitSynced,
    HistoryShown,
    ItemSeen,
    OpenItem,
    ReloadBuilt,
    ReloadFailed,
    SituationLoaded,
)
from tui.ui.theme import SITBOARD_ANSI, use_theme

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from tui.model.types import LoadResult, Situation
    from tui.runtime.baseline import BaselineStore
    from tui.ui.screens.board import BoardScreen

Loader = Callable[[Sequence[str]], "LoadResult"]


def _item_commands() -> type[Provider]:
    from tui.ui.commands import ItemCommands

    return ItemCommands


def _system_commands() -> type[Provider]:
    from tui.ui.commands import SystemCommands

    return SystemCommands


def _default_loader(paths: Sequence[str]) -> LoadResult:
    from tui.model.load import load

    return load(list(paths))


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SitboardApp(copying.Copying, App[None]):
    """Situation Board."""

    TITLE = "Situation Board"
    ansi_theme_dark = Reactive(SITBOARD_ANSI, init=False)  # (tui/ui/theme.py: use_theme)
    CSS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "board.tcss")  # subclasses elsewhere too
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {_system_commands, _item_commands}

    BINDINGS = [
        Binding("q,ctrl+q", "quit", "Quit", id="quit", priority=False),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("ctrl+p,colon", "command_palette", "Commands", show=False, id="command_palette"),
        Binding("S", "sources", "Sources", show=False, id="sources"),
        Binding("b", "mark_baseline", "Baseline", show=False, id="baseline"),
        Binding("B", "toggle_changes", "Changes", show=False, id="changes"),
        Binding("left_square_bracket", "history(1)", "Older", show=False, id="history_back"),
        Binding("right_square_bracket", "history(-1)", "Newer", show=False, id="history_forward"),
    ]

    def __init__(
        self,
        paths: Iterable[str] = (),
        *,
        mouse: bool = True,
        situation_id: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        loader: Loader | None = None,
        keymap: dict[str, str] | None = None,
        read_user_keymap: bool = True,
        watch: bool = True,
        poll: bool = False,
        crash_test: bool = False,
        stale_hours: float | None = None,
        state_dir: str | os.PathLike[str] | None = None,
        baseline_store: BaselineStore | None = None,
        follow: Iterable[str | os.PathLike[str]] | None = None,
        every: float = 60.0,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        from tui.model.stale import stale_hours as _stale_hours

        use_theme(self)  # readable in truecolor, 256 and 16 colours (tui/ui/theme.py)

        self.notices: deque[str] = deque(maxlen=50)  # the last notices shown (notify)
        self.stale_hours: float = _stale_hours(stale_hours)  # the flag, else $SITBOARD_STALE_HOURS, else 24
        self._state_dir = state_dir
        self._baseline_store = baseline_store
        self.crash_test = crash_test  # `sitboard --crash-test`: raise in on_mount
        self.crash = CrashGuard(self, report=lambda problems: self.board.show_problems(problems, "internal error"))
        self.crash.install()
        self.paths = [str(p) for p in paths]
        self.mouse = mouse
        self.situation_id = situation_id
        self.clock: Callable[[], dt.datetime] = clock or _utc_now
        self.loader: Loader = loader or _default_loader
        self.result: LoadResult | None = None
        self.situation: Situation | None = None
        self.reload_state = ""
        self.keymap_problems: list[str] = []
        self._keymap_override = keymap
        self._read_user_keymap = read_user_keymap
        self._board: BoardScreen | None = None
        # live reload: incremental (FileCache) with the stock loader; watching files too
        self.live = LiveReload(self, self.paths, watch=watch, poll=poll, incremental=loader is None)
        # --follow: the git work trees to keep following their upstream (tui/ui/follow.py)
        self.follow = GitFollow(self, follow, every)
        self.history = GitHistory(self)  # [ and ]: versions from git (tui/ui/history.py)
        self.read_only = read_only  # --read-only: b and p refused (wall displays, shared tmux)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notice, and a record of it (`notices`: the last few)."""
        self.notices.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def crash_log(self) -> str | None:
        """The log of a fatal error, once there was one."""
        return self.crash.log

    @property
    def recovered(self) -> list[str]:
        """Logs of the errors the board carried on after."""
        return self.crash.recovered

    @property
    def reloads_applied(self) -> int:
        return self.live.reloads_applied

    # -- screens ----------------------------------------------------------------------
    def get_default_screen(self) -> BoardScreen:
        return self.board

    @property
    def board(self) -> BoardScreen:
        """The board (made on first use: the app hands it a first load before it mounts)."""
        if self._board is None:
            from tui.ui.screens.board import BoardScreen

            self._board = BoardScreen(self.clock, stale_hours=self.stale_hours, colour=not self.no_color)
        return self._board

    def maybe_crash_test(self) -> None:
        """`sitboard --crash-test`: fail on purpose (tui/ui/crash.py)."""
        if self.crash_test:
            from tui.runtime.crashlog import CrashTest

            raise CrashTest("crash test (sitboard --crash-test): this is not a bug")

    def on_mount(self) -> None:
        self.maybe_crash_test()
        keymap: dict[str, str] = {}
        if self._read_user_keymap:
            from tui.runtime.config import load_keymap

            keymap, self.keymap_problems = load_keymap()
        if self._keymap_override:
            keymap.update(self._keymap_override)
        if keymap:
            self.set_keymap(keymap)
        live, ctl = self.live, self.live.reloader
        if ctl is not None:
            ctl.note_changes(None)
            pre = live.preload
            if pre is not None and pre.done.is_set() and pre.result is not None:
                # loaded while Textual was imported: the board gets it now and shows it
                # as soon as it has mounted its panes, before its first frame
                live.preload = None
                ctl.begin()
                self.on_situation_loaded(SituationLoaded(pre.result, reload=True))
            else:
                live.start_reload()  # the first load, through the reload controller
        else:
            self.load()
        # the watcher (watchfiles, tui.runtime.watch) is imported once the first frame is out
        self.call_after_refresh(self.start_watching)
        self.call_after_refresh(self.follow.start)

    def start_watching(self) -> None:
        self.live.start_watching()

    def on_unmount(self) -> None:
        # Stop the file watcher before Textual cancels its worker: its Rust thread only
        # returns when told to stop, and asyncio.run() would wait for it for ever (the
        # terminal restored, the process never exiting) after a live reload had run.
        self.live.stop_watching()

    # -- loading ----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, reload: bool = False) -> None:
        """A given loader (no reload controller: tests) in a thread; the result arrives
        as a SituationLoaded message. (The stock loader goes through app.live.)"""
        try:
            result = self.loader(self.paths)
        except Exception as exc:  # the loader returns diagnostics; this is a bug or I/O
            self.post_message(ReloadFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(SituationLoaded(result, reload=reload))

    def on_situation_loaded(self, message: SituationLoaded) -> None:
        before, before_result = self.situation, self.result

        def restore() -> None:  # an error while applying: the last good picture again
            self.result, self.situation = before_result, before
            self.board.show_situation(before)
            self.live.reload_failed()  # says so; keeps following the files

        with self.crash.recovering("applying a reload", restore):
            self.apply_result(message.result)
            self.live.after_reload(before, self.situation)
            self.refresh_screens()
            self.show_live_state()

    def on_reload_failed(self, message: ReloadFailed) -> None:
        self.board.show_problems([message.error], "load error")
        self.live.reload_failed()  # the picture stays; keeps following the files

    def on_reload_built(self, message: ReloadBuilt) -> None:
        self.live.reload_built(message)

    def on_files_changed(self, message: FilesChanged) -> None:
        self.live.files_changed(message)

    def apply_result(self, result: LoadResult) -> None:
        """Swap a load result in, keeping the situation shown, the focused pane and the
        selected item of each pane (by id)."""
        self.result = result
        wanted = self.situation.id if self.situation is not None else self.situation_id
        chosen = next((sit for sit in result.situations if sit.id == wanted), None)
        if chosen is None and result.situations:
            chosen = result.situations[0]
        self.situation = chosen = self.history.shown(chosen)  # a version from git while one is viewed
        self.board.show_situation(chosen)
        provenance.baseline_to_board(self, self.baseline_store, chosen)
        problems = self.problems()
        if chosen is None and not problems:
            problems = ["no situation found in " + (", ".join(self.paths) or "the default data")]
        self.board.show_problems(problems)
        if self.situation_id and chosen is not None and chosen.id != self.situation_id:
            self.notify(f"No situation {self.situation_id!r}; showing {chosen.id!r}", markup=False)
            self.situation_id = None

    def problems(self) -> list[str]:
        """What the error bar lists: the files' problems, the keymap's, git's (--follow)."""
        diagnostics = [str(d) for d in self.result.diagnostics] if self.result is not None else []
        return diagnostics + list(self.keymap_problems) + self.follow.problems()

    def on_git_synced(self, message: GitSynced) -> None:
        if self.follow.synced(message):
            self.board.show_problems(self.problems())
        self.show_live_state()

    def reload_text(self) -> str:
        """The header's reload slot: the sync state first (--follow), then the live reload's."""
        sync = self.follow.text() if not self.live.paused else ""  # "offline since 11:40" matters most
        words = [self.history.text(), sync, self.live.reload_text()]  # a version from git: said first
        return " · ".join(w for w in words if w)

    def refresh_screens(self) -> None:
        """The detail, sources and changes screens show the new picture too."""
        if self.situation is None:
            return
        from tui.ui.widgets.marking import refresh_situation

        for screen in self.screen_stack:
            refresh_situation(screen, self.situation)

    def show_live_state(self) -> None:
        """The live reload's state down to the board: marks, changes, header slot."""
        self.board.show_changes(self.live.marked, self.live.changed_ids)
        self.set_reload_state(self.reload_text())

    def set_reload_state(self, text: str) -> None:
        """Text of the header's reload slot ("paused", "+3 changes waiting", ...)."""
        self.reload_state = text
        self.board.set_reload_state(text)

    def on_history_shown(self, message: HistoryShown) -> None:
        self.history.shown_version(message)

    def on_item_seen(self, message: ItemSeen) -> None:
        if self.live.seen(message.item_id):
            self.board.show_changes(self.live.marked, self.live.changed_ids)

    # -- actions --------------------------------------------------------------------
    def action_reload(self) -> None:
        """`r`: load again now, even while paused."""
        self.set_reload_state("reloading…")
        self.follow.sync_now()  # --follow: fetch too
        self.live.request_reload()

    reload = action_reload

    def action_toggle_pause(self) -> None:
        """`p`: changes wait; again: they are applied."""
        self.live.toggle_pause()

    def action_switch_situation(self) -> None:
        """`s`: the next situation loaded."""
        sits = self.result.situations if self.result is not None else ()
        if len(sits) < 2:
            self.notify("Only one situation loaded", timeout=3)
            return
        ids = [s.id for s in sits]
        i = ids.index(self.situation.id) if self.situation is not None and self.situation.id in ids else -1
        self.situation = sits[(i + 1) % len(sits)]
        self.board.show_situation(self.situation)
        provenance.baseline_to_board(self, self.baseline_store, self.situation)
        n = i + 2 if i + 1 < len(sits) else 1
        self.notify(f"Situation {n}/{len(sits)}: {self.situation.title}", timeout=3, markup=False)

    def action_history(self, delta: int) -> None:
        """`[` (1): one version back in the files' git history; `]` (-1): forward, then live."""
        self.history.step(delta)

    def on_open_item(self, message: OpenItem) -> None:
        self.open_detail(message.item_id)

    def open_detail(self, item_id: str) -> None:
        from tui.ui.screens.detail import DetailScreen

        if self.situation is not None:
            self.push_screen(DetailScreen(self.situation, item_id, blame=self.history.viewing is None))

    @property
    def baseline_store(self) -> BaselineStore:
        """Baselines on disk (the user's state directory unless `state_dir` was given)."""
        if self._baseline_store is None:
            from tui.runtime.baseline import BaselineStore

            self._baseline_store = BaselineStore(self._state_dir)
        return self._baseline_store

    def action_sources(self) -> None:
        """`S`: every source with its grade and the items resting on it (again: back)."""
        provenance.toggle_sources(self, self.situation)

    def action_mark_baseline(self) -> None:
        """`b`: the picture now becomes the baseline of its situation (on disk)."""
        provenance.mark_baseline(self, self.baseline_store, self.situation)

    def action_toggle_changes(self) -> None:
        """`B`: the changes since the baseline, or since the version viewed (again: back)."""
        if self.history.viewing is not None:
            return self.history.toggle_changes()
        provenance.toggle_changes(self, self.baseline_store, self.situation)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        files = list(self.result.files) if self.result is not None else list(self.paths)
        marking = self.situation.marking if self.situation is not None else None
        self.push_screen(HelpScreen(files, marking=marking))

    def action_jump_to_item(self, item_id: str) -> None:
        """Focus the pane holding `item_id` and put the cursor on it (clears a filter
        that hides it); used by the command palette."""
        while self.screen is not self.board and len(self.screen_stack) > 1:
            self.pop_screen()
        if not self.board.jump_to_item(item_id):
            self.notify(f"No item {item_id!r}", severity="warning", timeout=3, markup=False)
