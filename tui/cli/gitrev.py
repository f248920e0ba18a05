"""A situation as of a git revision, for `diff --git` and `brief --since REV` (issue 15).

The git work is tui.runtime.git / githistory (the git command line, no prompt, bounded);
this module turns its errors into one usage line and names commits as people read them.
"""

from __future__ import annotations

import os

from tui.cli.common import UsageError, safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.model.types import LoadResult
    from tui.runtime.githistory import Change


def root_of(paths: Sequence[str | os.PathLike[str]]) -> str | None:
    """The top of the git work tree holding the first path, or None."""
    from tui.runtime.git import work_tree

    root = work_tree(paths[0]) if paths else None
    return None if root is None else str(root)


def commit(rev: str, paths: Sequence[str | os.PathLike[str]]) -> Change:
    from tui.runtime.git import GitError
    from tui.runtime.githistory import resolve

    if root_of(paths) is None:
        raise UsageError(f"{safe(paths[0])} is not in a git work tree")
    try:
        return resolve(rev, paths[0])
    except GitError as exc:
        raise UsageError(safe(exc)) from None


def load_at(rev: str, paths: Sequence[str | os.PathLike[str]]) -> LoadResult:
    """The situation(s) in `paths` as they were at `rev`; UsageError for git's refusals."""
    from tui.runtime.git import GitError
    from tui.runtime.githistory import situation_at

    commit(rev, paths)  # a clear line for "not a work tree" and "unknown revision"
    try:
        return situation_at(rev, list(paths))
    except GitError as exc:
        raise UsageError(safe(exc)) from None


def describe(change: Change) -> str:
    """ "commit a1b2c3d “Evacuation figures” (Anna, 09 Aug 2024 14:02 UTC)"."""
    if not change.committed:
        return "local edits (not committed yet)"
    when = f", {change.time:%d %b %Y %H:%M} UTC" if change.time is not None else ""
    return f"commit {safe(change.short)} “{safe(change.subject)}” ({safe(change.author)}{when})"
