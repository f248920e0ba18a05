"""Live reload controller (UI-free): what to re-read, what changed, when to run.

`ReloadController(paths, cache)` owns the FileCache of a board session:

* `reload(changed)` re-discovers the files and re-parses only those in `changed`
  (or whose size/mtime moved); a split situation with ten parts re-reads one. A part
  that fails is replaced by its last good parse, so one broken part never hides the
  others and the last good picture stays; its errors are still reported. A file or
  directory opened by name that vanished (an editor between rename and write, a
  directory being re-created) keeps its last good parse too, with a warning. A part
  deleted from a directory that is still there is gone: its items are removed.
  It returns the LoadResult and keeps `diffs` (per situation id, against the
  previous result) and `outcome` (ReloadOutcome: whether anything changed since the
  last reload, files held back as being written, when to look at them again).
* Settled writes (settle.py): a new version that removes items of a file being
  written is held; the last result's version of that file stands in meanwhile.
* Last good across restarts (laststore.py): `persist()` keeps the good version of each
  part in the state directory; a fresh start on a part that cannot be read uses it,
  marked "last good version of HH:MM, the file now has N problems".
* Scheduling, called from the UI thread: `note_changes()` says whether to start a
  reload now; while one runs, further changes are remembered ("dirty") and exactly
  one more reload runs after it (`finish()`), never a queue of stale ones.
* Pause: `pause()`, changes wait (`waiting`, "+N changes waiting"); `resume()` says
  whether to run the reload that applies them.

`reload()` is thread-safe (a lock), so it can run in a thread worker.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from tui.model.diff import SituationDiff, diff_results
from tui.model.load import FileCache, assemble, discover, parse_bytes
from tui.model.types import Diagnostic, LoadResult
from tui.model.validate import ParsedFile, fingerprint_of
from tui.model.yamlread import ensure_parser
from tui.runtime.laststore import LastGoodStore
from tui.runtime.settle import Settler, ends_with_newline, usable

__all__ = ["ReloadController", "ReloadOutcome"]


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """What one reload built, whole, for the UI to apply (or not)."""

    result: LoadResult
    changed: bool = True  # differs from the last reload's (parts used or diagnostics)
    forced: bool = False  # `r`: apply and say so even when nothing changed
    writing: tuple[str, ...] = ()  # files held back a while as being written
    recheck_in: float | None = None  # seconds until a held file is looked at again


def _key(p: os.PathLike[str] | str) -> str:
    return os.path.abspath(os.fspath(p))


def _sha1(pf: ParsedFile | None) -> str | None:
    return pf.fingerprint.sha1 if pf is not None and pf.fingerprint is not None else None


def _sha1_of(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class ReloadController:
    """Reload situation files incrementally, and decide when."""

    def __init__(
        self,
        paths: Iterable[os.PathLike[str] | str],
        cache: FileCache | None = None,
        *,
        settler: Settler | None = None,
        store: LastGoodStore | None | bool = True,
    ) -> None:
        # yaml-rs must be imported on the main thread before reloads run in workers
        # (tui/model/yamlread.py); a no-op when `sitboard` or the preload did it already.
        ensure_parser()

        self.paths: tuple[str, ...] = tuple(os.fspath(p) for p in paths)
        self.cache = cache if cache is not None else FileCache()
        self.result: LoadResult | None = None
        self.previous: LoadResult | None = None
        self.diffs: Mapping[str, SituationDiff] = MappingProxyType({})
        self.reloads = 0  # completed reload() calls
        self.last_reparsed: tuple[str, ...] = ()  # files actually parsed by the last reload
        self.parses = 0  # parses done by the last reload
        self._lock = threading.Lock()
        self._known: dict[str, list[str]] = {}  # path argument -> files it gave last time
        # settled writes (settle.py): the version of each file the last result used, the
        # cache entry it was decided from, and the last good version on screen
        self.settler = settler if settler is not None else Settler()
        self._used: dict[str, ParsedFile] = {}
        self._raw: dict[str, ParsedFile] = {}
        self._good: dict[str, ParsedFile] = {}
        # last good versions across restarts (laststore.py); store=False: none
        self.store: LastGoodStore | None = LastGoodStore() if store is True else (store or None)
        self._from_store: dict[str, ParsedFile | None] = {}
        self._persisted: dict[str, str] = {}  # file -> SHA-1 kept in the store
        self._persist_lock = threading.Lock()
        self.outcome: ReloadOutcome | None = None
        self._signature: object = None
        self._run_forced = False
        # scheduling state (UI thread)
        self.paused = False
        self._running = False
        self._pending: set[str] = set()
        self._pending_all = False

    # -- the reload itself (any thread) -------------------------------------------
    def reload(self, changed: Iterable[os.PathLike[str] | str] | None = None) -> LoadResult:
        """Load again. `changed` = paths a watcher reported (re-read even if their stat
        looks the same); None = re-check every file."""
        with self._lock:
            return self._reload(None if changed is None else {_key(p) for p in changed})

    def _reload(self, changed: set[str] | None) -> LoadResult:
        parses_before = self.cache.parses
        diags: list[Diagnostic] = []
        files: list[str] = []
        missing: set[str] = set()  # opened by name, gone for now: their last good parse stands in
        seen: set[str] = set()
        for arg in self.paths:
            found, problems = discover([arg])
            if not os.path.exists(arg) and self._known.get(arg):
                # Opened by name, gone for now (mid atomic save, directory re-created):
                # keep the picture it gave.
                for f in self._known[arg]:
                    if _key(f) not in seen and self._good.get(f) is not None:
                        seen.add(_key(f))
                        files.append(f)
                        missing.add(f)
                diags.append(
                    Diagnostic(arg, 1, 1, "", "no such file or directory: showing its last good version", "warning")
                )
                continue
            diags.extend(problems)
            kept = []
            for f in found:
                if _key(f) in seen:
                    continue
                seen.add(_key(f))
                files.append(f)
                kept.append(f)
            gone = [f for f in self._known.get(arg, ()) if f not in kept]
            for f in gone:  # a part deleted from a directory that is still there
                self._forget(f)
            self._known[arg] = kept

        parsed: list[ParsedFile] = []
        reparsed: list[str] = []
        for f in files:
            if f in missing:
                parsed.append(self._good[f])
                continue
            before = self.cache.parses
            raw = self.cache.get(f, recheck=changed is None or _key(f) in changed)
            if self.cache.parses != before:
                reparsed.append(f)
            pf = self._used.get(f)
            if pf is None or raw is not self._raw.get(f) or self.settler.holding(f):
                self._raw[f] = raw
                shown = self._used.get(f)
                # what is on screen matters only against a version shown before; on the first
                # load it would parse the kept last good version for nothing (start-up cost)
                on_screen = self._on_screen(f) if shown is not None else None
                pf = self.settler.decide(f, shown, on_screen, raw, ends_with_newline(f, raw))
            self._used[f] = pf
            if usable(pf):
                self._good[f] = pf
            parsed.append(pf)
        good = {f: g for f in files if (g := self._good.get(f) or self._kept(f)) is not None}
        assembled = assemble(parsed, use_last_good=good)
        result = LoadResult(
            assembled.situations,
            tuple(diags) + assembled.diagnostics,  # with "last good version of HH:MM, ..." marks
            assembled.files,
        )
        signature = (
            tuple((pf.path, _sha1(pf if usable(pf) else good.get(pf.path))) for pf in parsed),
            result.diagnostics,
        )

        self.previous, self.result = self.result, result
        self.diffs = diff_results(self.previous, result)
        self.reloads += 1
        self.last_reparsed = tuple(reparsed)
        self.parses = self.cache.parses - parses_before
        self.outcome = ReloadOutcome(
            result,
            changed=signature != self._signature,
            forced=self._run_forced,
            writing=self.settler.writing(after=self.settler.quiet),
            recheck_in=self.settler.next_due(),
        )
        self._signature = signature
        return result

    def _on_screen(self, f: str) -> ParsedFile | None:
        """The version of `f` the last result showed (its last good one if it was broken)."""
        used = self._used.get(f)
        if used is not None and usable(used):
            return used
        return self._good.get(f) or self._kept(f)

    def _kept(self, f: str) -> ParsedFile | None:
        """The last good version kept across restarts (laststore), parsed once."""
        if f in self._from_store:
            return self._from_store[f]
        pf = None
        kept = self.store.load(f) if self.store is not None else None
        if kept is not None:
            data = kept.data
            parsed = parse_bytes(data, f, self.cache.limits, fingerprint_of(data, len(data), kept.mtime_ns))
            pf = parsed if usable(parsed) else None
        self._from_store[f] = pf
        return pf

    def _forget(self, f: str) -> None:
        self.cache.forget(f)
        self.settler.forget(f)
        for d in (self._used, self._raw, self._good, self._from_store):
            d.pop(f, None)

    def holding(self) -> tuple[str, ...]:
        """Files whose newest version is held back (being written)."""
        return tuple(self.settler.bursts)

    # -- last good versions across restarts (any thread; call after a reload) ---------
    def persist(self) -> int:
        """Keep the good version of every part on screen in the state directory (what
        changed since the last call). Reads each file once more and keeps it only if it
        is still that version. Returns how many were written; never raises."""
        store = self.store
        if store is None:
            return 0
        with self._lock:
            todo = [(f, pf) for f, pf in self._good.items() if pf.fingerprint is not None]
        written = 0
        with self._persist_lock:
            for f, pf in todo:
                fp = pf.fingerprint
                if fp is None or self._persisted.get(f) == fp.sha1 or self._from_store.get(f) is pf:
                    continue
                if store.holds(f, fp.sha1):  # kept by an earlier run: no need to read it again
                    self._persisted[f] = fp.sha1
                    continue
                try:
                    with open(f, "rb") as fh:
                        data = fh.read(store.max_file_bytes + 1)
                except OSError:
                    continue
                if _sha1_of(data) != fp.sha1:
                    continue  # changed since: its next reload brings it
                if store.save(f, data, fp.mtime_ns):
                    self._persisted[f] = fp.sha1
                    written += 1
        return written

    def changed_on_disk(self) -> set[str]:
        """Paths that differ on disk from what the loads so far read: a file whose
        (size, mtime_ns) moved, a part that appeared in or left an opened directory, an
        opened path that vanished. For the gap before the watcher armed (a save during
        start-up); cheap (stat and listdir), safe from the UI thread while a load runs
        (a file the running load has not read yet is not reported: it will read it)."""
        out: set[str] = set()
        known = dict(self._known)
        entries = dict(self._raw)  # what the loads read last, per file
        for arg in self.paths:
            files = known.get(arg)
            if files is None:  # not loaded yet
                continue
            if not os.path.exists(arg):
                if files:
                    out.add(_key(arg))
                continue
            try:
                found, _problems = discover([arg])
            except Exception:  # noqa: BLE001 - never raise out of a check
                continue
            for f in set(found) ^ set(files):
                out.add(_key(f))
            for f in files:
                fp = getattr(entries.get(f), "fingerprint", None)
                if fp is None:  # not read yet, or unreadable (a watcher event re-reads it)
                    continue
                try:
                    st = os.stat(f)
                except OSError:
                    out.add(_key(f))
                    continue
                if (fp.size, fp.mtime_ns) != (st.st_size, st.st_mtime_ns):
                    out.add(_key(f))
        return out

    def diff(self, situation_id: str) -> SituationDiff | None:
        """The last reload's diff of one situation (None on the first load)."""
        return self.diffs.get(situation_id)

    # -- scheduling (UI thread) ----------------------------------------------------
    def note_changes(self, changed: Iterable[os.PathLike[str] | str] | None, *, force: bool = False) -> bool:
        """Remember changed paths (None = everything). True: start a reload now.
        `force` (the `r` key) runs even while paused."""
        if changed is None:
            self._pending_all = True
        else:
            self._pending.update(_key(p) for p in changed)
        if force:
            self._force = True
        if self._running:
            return False  # dirty: finish() starts one more
        return not self.paused or force

    _force = False

    def begin(self) -> set[str] | None:
        """Mark a reload as running and take what it must re-read (None = all)."""
        self._running = True
        self._run_forced = self._force
        self._force = False
        if self._pending_all:
            taken: set[str] | None = None
        else:
            taken = set(self._pending)
        self._pending.clear()
        self._pending_all = False
        return taken

    def finish(self) -> bool:
        """The reload was applied. True: changes arrived meanwhile; run one more now."""
        self._running = False
        if self._force:
            return True
        return self.has_pending and not self.paused

    @property
    def running(self) -> bool:
        return self._running

    @property
    def has_pending(self) -> bool:
        return self._pending_all or bool(self._pending)

    @property
    def waiting(self) -> int:
        """How many files changed while paused (or while a reload ran)."""
        if self._pending_all and not self._pending:
            return 1
        return len(self._pending)

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> bool:
        """Unpause. True: changes are waiting and no reload runs: start one now."""
        self.paused = False
        return self.has_pending and not self._running

    def state_text(self) -> str:
        """The header's reload slot for the pause state: "paused", "paused · +3 changes waiting"."""
        if not self.paused:
            return ""
        n = self.waiting
        if not n:
            return "paused"
        return f"paused · +{n} change{'s' if n != 1 else ''} waiting"
