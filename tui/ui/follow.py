"""`sitboard --follow`: keep the checkout following its upstream (issue 15), app side.

`FollowMixin` is mixed into `SitboardApp`. Every `--every` seconds (and on `r`) a thread
worker runs `tui.runtime.git.Follower.sync()` for each work tree holding the opened
paths (fetch; fast-forward only when that is safe) and posts `GitSynced`. The pulled
files arrive through the ordinary live reload (the watcher sees git write them; a
reload check runs too, in case the watch missed them). The header's reload slot starts
with the sync state ("synced 12:01 · origin/main a1b2c3d", "offline since 11:40 (last
synced 11:38)", "local edits: not pulled · 3 new commits on origin/main", "diverged from
origin/main: not pulled"); a git error is one line in the error bar. Never a crash: a
failure is a state.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from tui.ui.messages import GitSynced

if TYPE_CHECKING:
    from tui.runtime.git import Follower, SyncState


class FollowMixin:
    """State and handlers for `--follow`; `SitboardApp` calls `_follow_setup()`."""

    followers: list[Follower]
    sync_states: tuple[SyncState, ...]

    def _follow_setup(self, roots: Iterable[str | Path] | None, every: float) -> None:
        from tui.runtime.git import Follower

        seen: dict[str, Follower] = {}
        for root in roots or ():
            seen.setdefault(str(root), Follower(root))
        self.followers = list(seen.values())
        self.follow_every = every
        self.sync_states = ()
        self.syncs_applied = 0
        self._syncing = False
        self._sync_again = False

    def start_following(self) -> None:
        if self.followers:
            self.sync_now()
            self.set_interval(self.follow_every, self.sync_now)  # type: ignore[attr-defined]

    def sync_now(self) -> None:
        """Fetch (and fast-forward) now; one sync at a time, one more if asked meanwhile."""
        if not self.followers:
            return
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        self._sync_worker()

    @work(thread=True, group="git", exit_on_error=False)
    def _sync_worker(self) -> None:
        from dataclasses import replace

        states = []
        for follower in self.followers:
            try:
                states.append(follower.sync())
            except Exception as exc:  # noqa: BLE001 - sync() says failures as states; a bug too
                states.append(replace(follower.state, status="error", error=f"{type(exc).__name__}: {exc}"))
        self.post_message(GitSynced(tuple(states)))  # type: ignore[attr-defined]

    def on_git_synced(self, message: GitSynced) -> None:
        before = self.git_problems()
        self.sync_states = message.states
        self.syncs_applied += 1
        self._syncing = False
        if any(s.pulled for s in message.states):
            self.on_files_changed_everywhere()
        if self.git_problems() != before:
            self._show_git_problems()
        self._show_reload_state()  # type: ignore[attr-defined]
        if self._sync_again:
            self._sync_again = False
            self.sync_now()

    def on_files_changed_everywhere(self) -> None:
        """git wrote files: re-check them all (the watcher sees them too)."""
        ctl = getattr(self, "reloader", None)
        if ctl is not None and ctl.note_changes(None):
            self._start_reload()  # type: ignore[attr-defined]

    def sync_text(self) -> str:
        """The sync state for the header ("" when not following)."""
        return " | ".join(s.header_text() for s in self.sync_states)

    def git_problems(self) -> list[str]:
        """One line per failing work tree, git's own words, for the error bar."""
        from tui.model.text import visible

        out = []
        for follower, s in zip(self.followers, self.sync_states, strict=False):
            if s.error and s.status in ("offline", "error"):
                out.append(visible(f"git: {follower.root}: {s.error}", single_line=True))
        return out

    def _show_git_problems(self) -> None:
        result: Any = getattr(self, "result", None)
        problems = [str(d) for d in result.diagnostics] if result is not None else []
        problems += list(getattr(self, "keymap_problems", ())) + self.git_problems()
        try:
            self.board.errorbar.show_problems(problems)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - not mounted yet: the next apply shows them
            pass
