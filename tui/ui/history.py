"""`[` and `]`: the board steps back and forward through the git history of the
situation's files (issue 15), app side.

`GitHistory` is an object the app owns (`app.history`). A step runs in a thread worker
(`tui.runtime.timeline.Timeline`: the commits that changed the files, the situation as of
one, cached) and posts `HistoryShown`; the app hands it to `shown_version()`. While a
version is viewed the board shows it, read-only: the live reload goes on underneath
(`shown()` keeps the newest live situation and hands the board the viewed one), the
header starts with "viewing the version of 14:02, 3 commits ago", the marking is the
viewed version's, change marks are off, `B` compares the live picture with the version
viewed, the detail shows no blame (the lines on disk are not that version's). `]` after
the newest commit returns to the live picture. The marking shown is never weaker than
the live picture's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ui.messages import HistoryShown

if TYPE_CHECKING:
    from tui.model.types import Situation
    from tui.runtime.timeline import Timeline
    from tui.ui.app import SitboardApp


class GitHistory:
    """State and steps of `[` / `]` for `app`."""

    def __init__(self, app: SitboardApp) -> None:
        self.app = app
        self.timeline: Timeline | None = None
        self.viewing: Situation | None = None  # the version on the board (None: live)
        self.headline = ""
        self.live: Situation | None = None  # the newest live situation, kept while viewing
        self._busy = False

    def step(self, delta: int) -> None:
        """+1 (`[`): one version back; -1 (`]`): one forward, then the live picture."""
        if self._busy or self.app.situation is None:
            return
        if delta < 0 and self.viewing is None:
            self.app.notify("This is the live picture: [ steps back through its git history", timeout=3)
            return
        self._busy = True
        self.app.run_worker(lambda: self._step(delta), thread=True, group="history", exit_on_error=False)

    def _step(self, delta: int) -> None:
        """In a thread: the timeline moved and the version loaded; posted to the app."""
        from tui.runtime.git import GitError
        from tui.runtime.timeline import LIVE, Timeline

        try:
            if self.timeline is None:
                timeline = Timeline(self.app.paths)
                if not timeline.available:
                    self.app.post_message(HistoryShown(None, LIVE, problem="the situation's files are not in git"))
                    return
                timeline.load()
                self.timeline = timeline
            tl = self.timeline
            pos = tl.step(delta)
            if pos is None:
                why = "no older version in git" if delta > 0 else "no newer version"
                self.app.post_message(HistoryShown(None, tl.position, problem=why))
            elif pos == LIVE:
                self.app.post_message(HistoryShown(None, LIVE))
            else:
                self.app.post_message(HistoryShown(tl.result(pos), pos, tl.headline(pos), tl.banner(pos)))
        except GitError as exc:
            self.app.post_message(HistoryShown(None, LIVE, problem=str(exc)))
        except Exception as exc:  # noqa: BLE001 - a notice, never a crash
            self.app.post_message(HistoryShown(None, LIVE, problem=f"{type(exc).__name__}: {exc}"))

    def shown_version(self, message: HistoryShown) -> None:
        """On the UI thread: show the version (or say why not)."""
        import dataclasses

        from tui.model.assembly import strictest_marking
        from tui.runtime.timeline import LIVE

        self._busy = False
        app = self.app
        if message.problem:
            app.notify(f"History: {message.problem}", severity="warning", timeout=4, markup=False)
            return
        if message.result is None:
            self.leave()
            return
        live = self.live if self.viewing is not None else app.situation
        sits = message.result.situations
        sit = next((s for s in sits if live is not None and s.id == live.id), sits[0] if sits else None)
        if sit is None or live is None:
            if self.timeline is not None:  # stay where we were
                self.timeline.position = message.position - 1 if message.position > 0 else LIVE
            app.notify("History: the situation did not read at that version", severity="warning", timeout=4)
            return
        # never a weaker marking than the live picture's while looking back
        sit = dataclasses.replace(sit, marking=strictest_marking([sit.marking, live.marking]))
        self.live, self.viewing, self.headline = live, sit, message.headline
        app.situation = sit
        app.board.show_situation(sit)
        app.board.show_changes({}, set())
        app.set_reload_state(app.reload_text())
        app.notify(message.banner + "\n] newer · [ older", title="History", timeout=6, markup=False)

    def leave(self) -> None:
        """Back to the live picture."""
        if self.viewing is None:
            return
        from tui.runtime.timeline import LIVE

        self.viewing, self.headline = None, ""
        if self.timeline is not None:
            self.timeline.position = LIVE
        app = self.app
        app.situation = self.live
        app.board.show_situation(self.live)
        app.show_live_state()
        app.notify("The live picture again", timeout=3)

    def shown(self, live: Situation | None) -> Situation | None:
        """What the board shows for a newly applied live situation: the version viewed
        while there is one (the live one is kept for `]`)."""
        if self.viewing is None:
            return live
        self.live = live
        return self.viewing

    def text(self) -> str:
        """The header's first words while a version is viewed."""
        return self.headline if self.viewing is not None else ""

    def toggle_changes(self) -> None:
        """`B` while viewing: from the version viewed to the live picture."""
        from tui.ui.screens.changes import ChangesScreen

        app = self.app
        if isinstance(app.screen, ChangesScreen):
            app.pop_screen()
        elif self.viewing is not None and self.live is not None and self.timeline is not None:
            change = self.timeline.commit(self.timeline.position)
            app.push_screen(ChangesScreen(self.viewing, self.live, saved_at=change.time if change else None))
