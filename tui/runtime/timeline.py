"""Stepping through the git history of a situation (issue 15: `[` and `]`), UI-free.

    tl = Timeline(paths)          # paths as opened (files or directories)
    tl.load()                     # the commits that changed them, newest first (blocking)
    pos = tl.step(+1)             # `[`: one version back; `]` is step(-1); None: no further
    result = tl.result(pos)       # the situation as of that version (blocking, cached)
    tl.headline(pos)              # "viewing the version of 14:02, 3 commits ago"
    tl.banner(pos)                # the headline, then ": a1b2c3d “subject” (Anna)"

Positions: `LIVE` (-1) is the working tree, as the board follows it; 0 .. n-1 index the
commits, newest first. The first step back skips the newest commit when the files on disk
are exactly that commit (it would show the same picture). "N commits ago" counts the
commits that changed the situation's files between that version and the files on disk.
A few results are cached (LRU), each parsed once; all blocking calls belong in a worker.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.model.text import visible
from tui.runtime.git import GitError, run, work_tree
from tui.runtime.githistory import Change, history, situation_at

if TYPE_CHECKING:
    from tui.model.types import LoadResult

__all__ = ["Timeline", "LIVE"]

LIVE = -1
MAX_CACHED = 8


class Timeline:
    """The versions of a situation's files in git; see the module docstring."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]], *, limit: int = 200) -> None:
        self.paths = [os.fspath(p) for p in paths]
        self.limit = limit
        self.commits: list[Change] | None = None  # newest first, once loaded
        self.position = LIVE
        self.disk_is_newest = True  # the files on disk are the newest commit's
        self._cache: OrderedDict[str, LoadResult] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return work_tree(self.paths[0]) is not None if self.paths else False

    def load(self) -> list[Change]:
        """The commits that changed the files (GitError outside a work tree)."""
        commits = history(self.paths, limit=self.limit)
        same = False
        if commits:
            root = work_tree(self.paths[0])
            if root is not None:
                rels = [os.path.relpath(os.path.realpath(p), os.path.realpath(root)) for p in self.paths]
                diff = run(["diff", "--quiet", commits[0].sha, "--", *rels], root)
                untracked = run(["ls-files", "--others", "--exclude-standard", "--", *rels], root)
                same = diff.returncode == 0 and not untracked.out.strip()
        with self._lock:
            self.commits = commits
            self.disk_is_newest = same
        return commits

    def step(self, delta: int) -> int | None:
        """The position `delta` versions back (+) or forward (-) of the current one, or
        None when there is none; `position` moves to it."""
        commits = self.commits or []
        pos = self.position
        first = 1 if self.disk_is_newest else 0  # the oldest position that differs from disk
        if delta > 0:
            new = first + delta - 1 if pos == LIVE else pos + delta
        else:
            new = pos + delta
            if new < first:
                new = LIVE
        if pos == LIVE and delta < 0:
            return None
        if new != LIVE and not 0 <= new < len(commits):
            return None
        self.position = new
        return new

    def commit(self, position: int) -> Change | None:
        commits = self.commits or []
        return commits[position] if 0 <= position < len(commits) else None

    def result(self, position: int) -> LoadResult:
        """The situation as of that version (GitError if git cannot say)."""
        change = self.commit(position)
        if change is None:
            raise GitError("no such version")
        with self._lock:
            cached = self._cache.get(change.sha)
            if cached is not None:
                self._cache.move_to_end(change.sha)
                return cached
        res = situation_at(change.sha, self.paths)
        with self._lock:
            self._cache[change.sha] = res
            while len(self._cache) > MAX_CACHED:
                self._cache.popitem(last=False)
        return res

    def ago(self, position: int) -> int:
        """Commits that changed the files between that version and the files on disk."""
        return position if self.disk_is_newest else position + 1

    def headline(self, position: int, today: dt.date | None = None) -> str:
        """ "viewing the version of 14:02, 3 commits ago" (the header's words)."""
        change = self.commit(position)
        if change is None:
            return ""
        when = "an unknown time"
        if change.time is not None:
            t = change.time.astimezone()
            when = t.strftime("%H:%M") if t.date() == (today or dt.date.today()) else t.strftime("%d %b %Y %H:%M")
        n = self.ago(position)
        return f"viewing the version of {when}, {n} commit{'s' if n != 1 else ''} ago"

    def banner(self, position: int, today: dt.date | None = None) -> str:
        """The headline with the commit: "...: a1b2c3d “subject” (author)" (git's text visible)."""
        change = self.commit(position)
        if change is None:
            return ""
        subject, author = visible(change.subject[:120], single_line=True), visible(change.author[:60], single_line=True)
        return f"{self.headline(position, today)}: {change.short} “{subject}” ({author})"
