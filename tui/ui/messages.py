"""Typed messages that go up: from the workers and the watcher to the app, and from the
board to the app. (Calls go down: the app calls public methods of the board, the board
of its panes.)

Nothing heavy here: the loader runs in a thread worker and posts one of these; the
app's handlers swap the result in on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.model.copytext import CopyText
    from tui.model.diff import SituationDiff
    from tui.model.types import LoadResult, Situation
    from tui.runtime.git import SyncState
    from tui.runtime.reload import ReloadOutcome


class SituationLoaded(Message):
    """A load (first load or reload) finished; `result` holds situations and diagnostics."""

    def __init__(self, result: LoadResult, *, reload: bool = False) -> None:
        super().__init__()
        self.result = result
        self.reload = reload


class ReloadBuilt(Message):
    """The reload controller built a reload, whole, off the UI thread: the outcome (its
    result, whether anything changed, files held back as being written) and, for the
    situation that was on screen (`base`), its new version and the diff between them."""

    def __init__(
        self,
        outcome: ReloadOutcome,
        base: Situation | None = None,
        new: Situation | None = None,
        diff: SituationDiff | None = None,
    ) -> None:
        super().__init__()
        self.outcome = outcome
        self.base = base
        self.new = new
        self.diff = diff


class ReloadFailed(Message):
    """Loading raised (a bug or an I/O error): the board keeps what it shows."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class FilesChanged(Message):
    """The watcher saw situation files (or a watched directory) change."""

    def __init__(self, paths: frozenset) -> None:
        super().__init__()
        self.paths = paths


class GitSynced(Message):
    """`--follow`: a sync of each followed work tree finished (tui/ui/follow.py)."""

    def __init__(self, states: tuple[SyncState, ...]) -> None:
        super().__init__()
        self.states = states


class OpenItem(Message):
    """The officer asked for an item's detail (`enter` on a row)."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class ItemSeen(Message):
    """The cursor was on an item and moved on: its change mark has been seen."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class HistoryShown(Message):
    """`[` / `]`: a version of the situation from git (`result`, at timeline `position`),
    or the live picture again (no result, no problem), or why not (`problem`)."""

    def __init__(
        self, result: LoadResult | None, position: int, headline: str = "", banner: str = "", problem: str = ""
    ) -> None:
        super().__init__()
        self.result = result
        self.position = position
        self.headline = headline
        self.banner = banner
        self.problem = problem


class CopyRequested(Message):
    """The officer asked to copy a text (`y` a line, `Y` the whole item): the app sends it
    (OSC 52, and the tmux buffer inside tmux) and says where it went (tui/ui/copying.py)."""

    def __init__(self, copy: CopyText) -> None:
        super().__init__()
        self.copy = copy
