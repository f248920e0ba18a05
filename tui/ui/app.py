"""The Textual app (thin): bindings with ids, screens, loading off the UI thread.

`run_board(paths, mouse=True, situation_id=None) -> int` is what `sitboard` calls.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING


def _normalize_color_system() -> None:
    """TEXTUAL_COLOR_SYSTEM=16 (what people type) means Rich's "standard"; an unknown
    value would make Rich raise a KeyError at start-up, so it falls back to auto.
    Runs before Textual is imported (it reads the variable once)."""
    value = os.environ.get("TEXTUAL_COLOR_SYSTEM")
    if value is None:
        return
    v = value.strip().lower()
    aliases = {
        "16": "standard",
        "8": "standard",
        "256": "256",
        "24bit": "truecolor",
        "true": "truecolor",
        "truecolour": "truecolor",
    }
    v = aliases.get(v, v)
    if v not in {"auto", "standard", "256", "truecolor", "windows"}:
        v = "auto"
    os.environ["TEXTUAL_COLOR_SYSTEM"] = v


_normalize_color_system()

from textual import work  # noqa: E402
from textual.app import App
from textual.binding import Binding

from tui.ui.crash import CrashGuard
from tui.ui.follow import FollowMixin
from tui.ui.live import LiveReloadMixin
from tui.ui.messages import ReloadFailed, SituationLoaded

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from tui.model.types import LoadResult, Situation
    from tui.runtime.baseline import BaselineStore
    from tui.ui.screens.board import BoardScreen

Loader = Callable[[Sequence[str]], "LoadResult"]


def _item_commands() -> type[Provider]:
    try:
        from tui.ui.commands import ItemCommands
    except ImportError:  # until tui/commands.py lands: a provider with no hits
        from textual.command import Provider

        class ItemCommands(Provider):  # type: ignore[no-redef]
            async def search(self, query: str):
                return
                yield

    return ItemCommands


def _system_commands() -> type[Provider]:
    try:
        from tui.ui.commands import SystemCommands
    except ImportError:  # until tui/commands.py lands
        from textual.system_commands import SystemCommandsProvider as SystemCommands
    return SystemCommands


def _default_loader(paths: Sequence[str]) -> LoadResult:
    from tui.model.load import load

    return load(list(paths))


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SitboardApp(FollowMixin, LiveReloadMixin, App):
    """Situation Board."""

    TITLE = "Situation Board"
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
    ) -> None:
        super().__init__()
        from tui.model.stale import stale_hours as _stale_hours

        self.notices: deque[str] = deque(maxlen=50)  # the last notices shown (notify)

        # hours before the as-of after which an item is stale: the flag, else
        # $SITBOARD_STALE_HOURS, else 24 (the CLI has validated the flag)
        self.stale_hours: float = _stale_hours(stale_hours)
        self._state_dir = state_dir
        self._baseline_store = baseline_store
        self.crash_test = crash_test  # `sitboard --crash-test`: raise in on_mount (tui/ui/crash.py)
        self.crash = CrashGuard(self, report=lambda problems: self.board.show_problems(problems, kind="internal error"))
        self.crash.install()
        self.paths = [str(p) for p in paths]
        self.mouse = mouse
        self.situation_id = situation_id
        self.clock: Callable[[], dt.datetime] = clock or _utc_now
        self.loader: Loader = loader or _default_loader
        self.result: LoadResult | None = None
        self.situation: Situation | None = None
        self.changed_ids: set[str] = set()
        self.paused = False
        self.reload_state = ""
        self.keymap_problems: list[str] = []
        self._keymap_override = keymap
        self._read_user_keymap = read_user_keymap
        self._preloaded: SituationLoaded | None = None  # a first load ready before the board
        self._board_is_mounted = False
        # live reload: incremental (FileCache) with the stock loader; watching files too
        self._live_setup(watch=watch, poll=poll, incremental=loader is None)
        # --follow: the git work trees to keep following their upstream (tui/ui/follow.py)
        self._follow_setup(follow, every)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notice, and a record of it (`notices`: the last few, for tests and
        the help screen's history)."""
        self.notices.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- screens ----------------------------------------------------------------------

    @property
    def crash_log(self) -> str | None:
        """The log of a fatal error, once there was one."""
        return self.crash.log

    @property
    def recovered(self) -> list[str]:
        """Logs of the errors the board carried on after."""
        return self.crash.recovered

    def maybe_crash_test(self) -> None:
        """`sitboard --crash-test`: fail on purpose."""
        if self.crash_test:
            from tui.runtime.crashlog import CrashTest

            raise CrashTest("crash test (sitboard --crash-test): this is not a bug")

    def get_default_screen(self) -> BoardScreen:
        from tui.ui.screens.board import BoardScreen

        return BoardScreen()

    @property
    def board(self) -> BoardScreen:
        from tui.ui.screens.board import BoardScreen

        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                return screen
        raise LookupError("no board screen")

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
        if self.reloader is not None:
            self.reloader.note_changes(None)
            pre = self.preload
            if pre is not None and pre.done.is_set() and pre.error is None:
                # loaded while Textual was imported: the panes are filled before the first
                # frame, as soon as the board has mounted them (board_mounted)
                self.preload = None
                self.reloader.begin()
                self._preloaded = SituationLoaded(pre.result, reload=True)
                if self._board_is_mounted:
                    self.board_mounted()
            else:
                self._start_reload()  # the first load, through the reload controller
        else:
            self.load()
        # the watcher (watchfiles, tui.runtime.watch) is imported once the first frame is out
        self.call_after_refresh(self.start_watching)
        self.call_after_refresh(self.start_following)

    def board_mounted(self) -> None:
        """Called by the board once its panes are mounted (before its first frame)."""
        self._board_is_mounted = True
        message, self._preloaded = self._preloaded, None
        if message is not None:
            self.on_situation_loaded(message)

    def on_unmount(self) -> None:
        # Stop the file watcher before Textual cancels its worker: its Rust thread only
        # returns when told to stop, and asyncio.run() would wait for it for ever (the
        # terminal restored, the process never exiting) after a live reload had run.
        self.stop_watching()

    # -- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, reload: bool = False, changed: set[str] | None = None) -> None:
        """Run the loader in a thread; the result arrives as a SituationLoaded message."""
        from tui.runtime.preload import paused_gc

        try:
            pre, self.preload = self.preload, None
            with paused_gc():
                if pre is not None:  # the first load, started before Textual was imported
                    result = pre.wait()
                elif self.reloader is not None:
                    result = self.reloader.reload(changed)
                else:
                    result = self.loader(self.paths)
        except Exception as exc:  # the loader returns diagnostics; this is a bug or I/O
            self.post_message(ReloadFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(SituationLoaded(result, reload=reload))

    def reload(self) -> None:
        """Load again now (`r`), even while paused."""
        self.set_reload_state("reloading…")
        self.request_reload()

    def on_situation_loaded(self, message: SituationLoaded) -> None:
        before, before_result = self.situation, self.result

        def restore() -> None:  # an error while applying: the last good picture again
            self.result, self.situation = before_result, before
            self.board.show_situation(before)
            self.reload_failed()  # says so; keeps following the files

        with self.crash.recovering("applying a reload", restore):
            self.apply_result(message.result)
            self.after_reload(before)

    def on_reload_failed(self, message: ReloadFailed) -> None:
        self.board.errorbar.show_problems([message.error], kind="load error")
        self.reload_failed()  # the picture stays; keeps following the files (tui/ui/live.py)

    def apply_result(self, result: LoadResult) -> None:
        """Swap a load result in, keeping the situation shown, the focused pane and the
        selected item of each pane (by id)."""
        self.result = result
        wanted = self.situation.id if self.situation is not None else self.situation_id
        chosen = None
        for sit in result.situations:
            if sit.id == wanted:
                chosen = sit
                break
        if chosen is None and result.situations:
            chosen = result.situations[0]
        self.situation = chosen
        board = self.board
        board.show_situation(chosen)
        problems = [str(d) for d in result.diagnostics] + list(self.keymap_problems) + self.git_problems()
        if chosen is None and not problems:
            problems = ["no situation found in " + (", ".join(self.paths) or "the default data")]
        board.errorbar.show_problems(problems)
        if self.situation_id and chosen is not None and chosen.id != self.situation_id:
            self.notify(f"No situation {self.situation_id!r}; showing {chosen.id!r}", markup=False)
            self.situation_id = None

    def set_reload_state(self, text: str) -> None:
        """Text of the header's reload slot ("paused", "+3 changes waiting", ...)."""
        self.reload_state = text
        try:
            self.board.header.set_reload_state(text)
        except Exception:  # not mounted yet
            pass

    # -- actions --------------------------------------------------------------------

    def toggle_pause(self) -> None:
        self.toggle_live_pause()

    def switch_situation(self) -> None:
        sits = self.result.situations if self.result is not None else ()
        if len(sits) < 2:
            self.notify("Only one situation loaded", timeout=3)
            return
        ids = [s.id for s in sits]
        i = ids.index(self.situation.id) if self.situation is not None and self.situation.id in ids else -1
        self.situation = sits[(i + 1) % len(sits)]
        self.board.show_situation(self.situation)
        self.notify(
            f"Situation {i + 2 if i + 1 < len(sits) else 1}/{len(sits)}: {self.situation.title}",
            timeout=3,
            markup=False,
        )

    def open_detail(self, item_id: str) -> None:
        if self.situation is None:
            return
        try:
            from tui.ui.screens.detail import DetailScreen
        except ImportError:
            self.notify("Detail view not available yet", severity="warning", timeout=3)
            return
        self.push_screen(DetailScreen(self.situation, item_id))

    # -- provenance: sources, baseline, changes since it ------------------------------

    @property
    def baseline_store(self) -> BaselineStore:
        """Baselines on disk (the user's state directory unless `state_dir` was given)."""
        if self._baseline_store is None:
            from tui.runtime.baseline import BaselineStore

            self._baseline_store = BaselineStore(self._state_dir)
        return self._baseline_store

    def action_sources(self) -> None:
        """`S`: every source with its grade and the items resting on it."""
        from tui.ui.screens.sources import SourcesScreen

        if isinstance(self.screen, SourcesScreen):
            self.pop_screen()
            return
        if self.situation is None:
            self.notify("No situation loaded yet", timeout=3)
            return
        self.push_screen(SourcesScreen(self.situation))

    def action_mark_baseline(self) -> None:
        """`b`: the picture now becomes the baseline of its situation (on disk)."""
        from tui.model.text import format_when

        if self.situation is None:
            self.notify("No situation loaded yet: nothing to mark", severity="warning", timeout=3)
            return
        saved = self.baseline_store.save(self.situation)
        if saved.ok:
            self.notify(f"Baseline saved: {format_when(self.situation.as_of)} ({saved.path})", markup=False)
        else:
            self.notify(f"Baseline not saved: {saved.error}", severity="error", timeout=8, markup=False)

    def action_toggle_changes(self) -> None:
        """`B`: the changes since the baseline (again: back to where you were)."""
        from tui.ui.screens.changes import ChangesScreen

        if isinstance(self.screen, ChangesScreen):
            self.pop_screen()
            return
        if self.situation is None:
            self.notify("No situation loaded yet", timeout=3)
            return
        store = self.baseline_store
        baseline = store.load(self.situation.id)
        if baseline is None:
            if store.last_error:
                self.notify(store.last_error, severity="error", timeout=8, markup=False)
            else:
                self.notify("No baseline yet: press b to mark one", timeout=4)
            return
        info = store.info(self.situation.id)
        self.push_screen(ChangesScreen(baseline, self.situation, saved_at=info.saved_at if info else None))

    def action_help(self) -> None:
        try:
            from tui.ui.screens.help import HelpScreen
        except ImportError:
            self.notify("Help not available yet", severity="warning", timeout=3)
            return
        files = list(self.result.files) if self.result is not None else list(self.paths)
        self.push_screen(HelpScreen(files))

    def action_jump_to_item(self, item_id: str) -> None:
        """Focus the pane holding `item_id` and put the cursor on it (clears a filter
        that hides it); used by the command palette."""
        from tui.ui.screens.board import BoardScreen

        while not isinstance(self.screen, BoardScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        board = self.board
        for pane in board.panes:
            if any(it.id == item_id for it in pane.items):
                if item_id not in pane.row_ids:
                    board.clear_search()
                board.focus_pane(pane)
                pane.select_id(item_id)
                return
        self.notify(f"No item {item_id!r}", severity="warning", timeout=3, markup=False)


def run_board(
    paths: Iterable[str],
    mouse: bool = True,
    situation_id: str | None = None,
    poll: bool = False,
    crash_test: bool = False,
    stale_hours: float | None = None,
    follow: bool = False,
    every: float = 60.0,
) -> int:
    """Open the board on `paths`; returns the process exit code. `poll`: watch files by
    polling (network file systems are detected; this forces it). A crash returns 3 after
    one line on stderr (the traceback is in a log file: tui/ui/crash.py)."""
    app = SitboardApp(
        paths,
        mouse=mouse,
        situation_id=situation_id,
        poll=poll,
        crash_test=crash_test,
        stale_hours=stale_hours,
        follow=_work_trees(paths) if follow else None,
        every=every,
    )
    app.run(mouse=mouse)
    if app.crash_log is not None:
        return 3
    return app.return_code or 0


def _work_trees(paths: Iterable[str]) -> list[str]:
    """--follow: the git work trees holding the paths (the CLI has checked there is one)."""
    from tui.runtime.git import work_tree

    roots = [work_tree(p) for p in paths]
    return [str(r) for r in roots if r is not None]
