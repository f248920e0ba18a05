"""Settled writes: never show a file half written (issue 10, item 3).

`scp`, `rsync --inplace`, `cp` and editors that save in place truncate the file and write
it again in pieces; the watcher sees the pieces. A piece that parses shows a picture with
most items "removed", and the next piece brings them back as "new". `Settler` decides,
for each new version of a file, whether the board takes it now or keeps the version on
screen a little longer:

* A new version that REMOVES items of the version on screen (or cannot be read at all)
  while the file was modified in the last moments starts a *write burst*: the board keeps
  the version on screen (the header says "file being written" once that lasts).
* The burst ends, and the newest version is taken, when the file is **whole again**
  (it reads, has every item of the version on screen and is at least as long: an
  identical rewrite changes nothing on screen), or when it has been **quiet**: the same
  content for `quiet` seconds (300 ms; four 4 KB pieces 50 ms apart are one burst).
* A version that still **looks cut** when it is quiet (the last line unfinished, or more
  than half the items gone, at least 3) waits `long_quiet` seconds (5 s): a 2 s pause in
  the middle of a write never shows a picture with most items gone. A save that really
  removes most items of a file shows 5 s later.
* Anything else (changes, additions, a version that is not recent) is taken at once:
  the ordinary save keeps its latency.

UI-free: the caller gives the versions (ParsedFile) and whether the bytes end with a
newline (`ends_with_newline` reads that one byte); the clock is `clock` (monotonic) and
`wall` (time.time), so tests can drive it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.model.cache import is_good

if TYPE_CHECKING:
    from tui.model.validate import ParsedFile

__all__ = ["Settler", "Burst", "QUIET_SECONDS", "LONG_QUIET_SECONDS", "ends_with_newline"]

QUIET_SECONDS = 0.3
LONG_QUIET_SECONDS = 5.0
MIN_MASS_REMOVAL = 3  # "most items gone" needs at least this many


def item_ids(pf: ParsedFile) -> frozenset[str]:
    return frozenset(it.id for _pane, _i, it in pf.all_items())


def usable(pf: ParsedFile) -> bool:
    """The version can stand on the board by itself (its YAML could be read: items with
    errors stand as flagged rows, tui.model.cache.is_good)."""
    return is_good(pf)


def _sha1(pf: ParsedFile) -> str | None:
    return pf.fingerprint.sha1 if pf.fingerprint is not None else None


@dataclass
class Burst:
    """A file being written: the version on screen when it began, and the quiet clock."""

    shown: ParsedFile  # what the board used for the file (kept while the burst lasts)
    items: frozenset[str]  # the ids on screen from it (its last good version's, if broken)
    size: int  # the length of that version
    started: float  # monotonic
    seen_sha1: str | None = None  # the content seen last
    seen_at: float = 0.0  # when that content was first seen
    due: float = 0.0  # when to look again


class Settler:
    """Hold-or-take decisions per file; see the module docstring."""

    def __init__(
        self,
        *,
        quiet: float = QUIET_SECONDS,
        long_quiet: float = LONG_QUIET_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.quiet = quiet
        self.long_quiet = long_quiet
        self.clock = clock
        self.wall = wall
        self.bursts: dict[str, Burst] = {}
        self.held = 0  # versions held back so far (for tests and stats)

    def decide(
        self,
        path: str,
        shown: ParsedFile | None,
        on_screen: ParsedFile | None,
        new: ParsedFile,
        ends_with_newline: bool,
    ) -> ParsedFile:
        """The version of `path` the board uses now: `new`, or `shown` (what it used last
        time, or when the burst began). `on_screen` is the version whose items are on the
        board: `shown` itself, or its last good version when `shown` could not be read."""
        burst = self.bursts.get(path)
        if burst is None:
            if shown is None or on_screen is None or new is shown or _sha1(new) == _sha1(shown):
                return new
            items = item_ids(on_screen)
            if usable(new) and items <= item_ids(new):
                return new  # nothing removed: an ordinary save
            if not self._recent(new):
                return new  # not being written (an old file, `r`)
            now = self.clock()
            size = on_screen.fingerprint.size if on_screen.fingerprint is not None else 0
            burst = self.bursts[path] = Burst(shown, items, size, now)
        else:
            now = self.clock()
        if _sha1(new) == _sha1(burst.shown):
            del self.bursts[path]
            return burst.shown  # rewritten as it was: nothing changes on screen
        new_ids = item_ids(new) if usable(new) else frozenset()
        size = new.fingerprint.size if new.fingerprint is not None else -1
        if usable(new) and burst.items <= new_ids and size >= burst.size:
            del self.bursts[path]
            return new  # whole again
        if _sha1(new) != burst.seen_sha1 or burst.seen_sha1 is None:
            burst.seen_sha1, burst.seen_at = _sha1(new), now
        removed = len(burst.items - new_ids)
        cut = not ends_with_newline or (usable(new) and removed >= MIN_MASS_REMOVAL and 2 * removed > len(burst.items))
        window = self.long_quiet if cut else self.quiet
        if now - burst.seen_at >= window - 0.001:  # a timer may fire a hair early
            del self.bursts[path]
            return new  # quiet long enough: what it is now is what it is
        burst.due = burst.seen_at + window
        self.held += 1
        return burst.shown

    def _recent(self, new: ParsedFile) -> bool:
        """Modified in the last moments (by the file's own clock; a clock skew of up to
        `long_quiet` either way still counts as recent)."""
        if new.fingerprint is None or not new.fingerprint.mtime_ns:
            return False
        return abs(self.wall() - new.fingerprint.mtime_ns / 1e9) < self.long_quiet + self.quiet

    # -- what the caller asks ----------------------------------------------------------
    def holding(self, path: str) -> bool:
        return path in self.bursts

    def writing(self, *, after: float = 0.0) -> tuple[str, ...]:
        """Files held back whose burst has lasted at least `after` seconds."""
        now = self.clock()
        return tuple(p for p, b in self.bursts.items() if now - b.started >= after)

    def next_due(self) -> float | None:
        """Seconds until a held file should be looked at again (None: nothing held): when
        its quiet time is up, or, sooner, when its burst has lasted `quiet` (from then on
        `writing` names it: the header says "being written" during a pause mid-write)."""
        if not self.bursts:
            return None
        now = self.clock()
        due = min(
            b.due if now >= b.started + self.quiet else min(b.due, b.started + self.quiet) for b in self.bursts.values()
        )
        return max(0.0, due - now)

    def forget(self, path: str) -> None:
        self.bursts.pop(path, None)


def ends_with_newline(path: str, pf: ParsedFile) -> bool:
    """The file's last byte is a newline (a write cut mid-line is not); the length must
    still be the parsed one."""
    fp = pf.fingerprint
    if fp is None or fp.size == 0:
        return False
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size != fp.size:
                return False
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"
    except OSError:
        return False
