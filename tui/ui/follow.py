"""`sitboard --follow`: keep the checkout following its upstream (issue 15), app side.

`GitFollow` is an object the app owns (`app.follow`). Every `--every` seconds (and on
`r`) a thread worker runs `tui.runtime.git.Follower.sync()` for each work tree holding
the opened paths (fetch; fast-forward only when that is safe) and posts `GitSynced`;
the app hands it to `synced()`. The pulled files arrive through the ordinary live
reload (the watcher sees git write them; a reload check runs too, in case the watch
missed them). The header's reload slot starts with the sync state (`text()`: "synced
12:01 · origin/main a1b2c3d", "offline since 11:40 (last synced 11:38)", "local edits:
not pulled · 3 new commits on origin/main", "diverged from origin/main: not pulled");
a git error is one line in the error bar (`problems()`). Never a crash: a failure is a
state.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.ui.messages import GitSynced

if TYPE_CHECKING:
    from tui.runtime.git import Follower, SyncState
    from tui.ui.app import SitboardApp


class GitFollow:
    """State and steps of `--follow` for `app`."""

    def __init__(self, app: SitboardApp, roots: Iterable[str | os.PathLike[str]] | None, every: float) -> None:
        from tui.runtime.git import Follower

        self.app = app
        seen: dict[str, Follower] = {}
        for root in roots or ():
            seen.setdefault(str(root), Follower(root))
        self.followers: list[Follower] = list(seen.values())
        self.every = every
        self.states: tuple[SyncState, ...] = ()
        self.syncs_applied = 0
        self._syncing = False
        self._sync_again = False

    def start(self) -> None:
        if self.followers:
            self.sync_now()
            self.app.set_interval(self.every, self.sync_now)

    def sync_now(self) -> None:
        """Fetch (and fast-forward) now; one sync at a time, one more if asked meanwhile."""
        if not self.followers:
            return
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        self.app.run_worker(self._sync, thread=True, group="git", exit_on_error=False)

    def _sync(self) -> None:
        """In a thread: every work tree synced; the states posted to the app."""
        from dataclasses import replace

        states = []
        for follower in self.followers:
            try:
                states.append(follower.sync())
            except Exception as exc:  # noqa: BLE001 - sync() says failures as states; a bug too
                states.append(replace(follower.state, status="error", error=f"{type(exc).__name__}: {exc}"))
        self.app.post_message(GitSynced(tuple(states)))

    def synced(self, message: GitSynced) -> bool:
        """A sync finished; True when the git problems to show changed."""
        before = self.problems()
        self.states = message.states
        self.syncs_applied += 1
        self._syncing = False
        if any(s.pulled for s in message.states):
            self.app.live.files_changed_everywhere()  # git wrote files: re-check them all
        if self._sync_again:
            self._sync_again = False
            self.sync_now()
        return self.problems() != before

    def text(self) -> str:
        """The sync state for the header ("" when not following)."""
        return " | ".join(s.header_text() for s in self.states)

    def problems(self) -> list[str]:
        """One line per failing work tree, git's own words, for the error bar."""
        from tui.model.text import visible

        out = []
        for follower, s in zip(self.followers, self.states, strict=False):
            if s.error and s.status in ("offline", "error"):
                out.append(visible(f"git: {follower.root}: {s.error}", single_line=True))
        return out


def work_trees(paths: Iterable[str]) -> list[str]:
    """--follow: the git work trees holding the paths (the CLI has checked there is one)."""
    from tui.runtime.git import work_tree

    roots = [work_tree(p) for p in paths]
    return [str(r) for r in roots if r is not None]
