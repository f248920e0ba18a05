"""Reading and parsing situation files, with a cache of parses and of last good versions.

`parse_file(path)` / `parse_bytes(data, path)` never raise for bad input: every problem
is a `Diagnostic`. `FileCache` parses a file again only when it changed, and keeps the
*last good* parse of every file: the latest one whose YAML could be read and placed in a
situation (it may hold items with errors). assemble() shows it in place of a file that
cannot be read now (a syntax error, a half-written save, a limit tripped).

Hooks for a store that keeps last good versions across restarts (tui/runtime):
`FileCache(on_good=callback)` is called with (path, bytes, parse) whenever a new last
good parse is taken; `FileCache.seed_last_good(path, bytes, mtime_ns)` parses stored
bytes and installs them as the file's last good version (unless the cache has one).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from .discovery import FoundFile
from .limits import DEFAULT_LIMITS, Limits, size_error
from .safeopen import read_regular
from .types import Diagnostic
from .validate import ParsedFile, fingerprint_of, validate
from .yamlread import decode, parse_text

OnGood = Callable[[str, bytes, ParsedFile], None]


def read_file(
    path: str, limits: Limits, root: str | None = None
) -> tuple[bytes | None, os.stat_result | None, Diagnostic | None]:
    """Bytes of one situation file, or the diagnostic saying why not. `root`: the directory
    the file was listed in (it must still lead inside it when opened)."""
    got = read_regular(path, limits.max_file_bytes, root=root, what="file")
    if got.data is not None:
        return got.data, got.stat, None
    if got.too_big:
        size = got.stat.st_size if got.stat is not None else limits.max_file_bytes + 1
        return None, got.stat, size_error(path, max(size, limits.max_file_bytes + 1), limits)
    if got.refused:
        return None, None, Diagnostic(path, 1, 1, "", f"skipped, not read: {got.problem}", "warning")
    if got.problem == "not a regular file: a directory" or (got.problem or "").startswith("Is a directory"):
        return None, None, Diagnostic(path, 1, 1, "", "this is a directory, not a situation file")
    return None, None, Diagnostic(path, 1, 1, "", f"cannot read this file: {got.problem}")


def parse_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS, fingerprint: Any | None = None) -> ParsedFile:
    """Bytes of one file -> ParsedFile. Never raises for bad input."""
    if fingerprint is None:
        fingerprint = fingerprint_of(data)
    if len(data) > limits.max_file_bytes:
        return ParsedFile(path, diagnostics=(size_error(path, len(data), limits),), fingerprint=fingerprint)
    text, problem = decode(data, path)
    if text is None:
        return ParsedFile(path, diagnostics=(problem,) if problem else (), fingerprint=fingerprint)
    return _parse_text(text, path, limits, fingerprint)


def _parse_text(text: str, path: str, limits: Limits, fingerprint: Any) -> ParsedFile:
    try:
        parsed = parse_text(text, path, limits)
        if parsed.data is None:
            return ParsedFile(
                path, diagnostics=tuple(parsed.diagnostics), fingerprint=fingerprint, locator=parsed.locator
            )
        # Data may come with YAML-level errors (repeated keys, tags): validated all the same.
        return validate(
            parsed.data,
            path,
            locator=parsed.locator,
            text=text,
            fingerprint=fingerprint,
            extra=tuple(parsed.diagnostics),
        )
    except RecursionError:
        return ParsedFile(path, diagnostics=(Diagnostic(path, 1, 1, "", "nested too deeply"),), fingerprint=fingerprint)
    except MemoryError:
        return ParsedFile(
            path,
            diagnostics=(Diagnostic(path, 1, 1, "", "out of memory while reading this file"),),
            fingerprint=fingerprint,
        )
    except Exception as exc:  # a bug of ours must still not reach the user as a traceback
        return ParsedFile(
            path,
            diagnostics=(
                Diagnostic(path, 1, 1, "", f"internal error while reading this file: {type(exc).__name__}: {exc}"),
            ),
            fingerprint=fingerprint,
        )


def parse_file(path: Any, limits: Limits = DEFAULT_LIMITS) -> ParsedFile:
    """Read and validate one file. Never raises for bad input (an OSError is a diagnostic)."""
    root = path.root if isinstance(path, FoundFile) else None
    path = os.fspath(path)
    data, st, problem = read_file(path, limits, root)
    if data is None or st is None:
        return ParsedFile(path, diagnostics=(problem,) if problem else ())
    fp = fingerprint_of(data, st.st_size, st.st_mtime_ns)
    return parse_bytes(data, path, limits, fp)


def is_good(pf: ParsedFile) -> bool:
    """A parse that can stand for its file: its YAML was read and it names its situation."""
    return pf.situation_id is not None


class FileCache:
    """Parses a file again only when its (size, mtime_ns) changed, and validates again only
    when its bytes (sha1) changed. Remembers the last good parse of every file."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, on_good: OnGood | None = None) -> None:
        self.limits = limits
        self.on_good = on_good
        self._entries: dict[str, ParsedFile] = {}
        self._good: dict[str, ParsedFile] = {}
        self.parses = 0  # how many times a file was actually parsed (for tests and stats)

    def get(self, path: Any, *, recheck: bool = False, root: str | None = None) -> ParsedFile:
        """`recheck=True` (a watcher saw the file change) skips the (size, mtime_ns)
        shortcut: coarse file system clocks can give two saves the same stat. `root`
        (or a FoundFile's): the directory the file must still lead inside when opened."""
        if root is None and isinstance(path, FoundFile):
            root = path.root
        path = os.fspath(path)
        key = str(path)
        entry = self._entries.get(key)
        try:
            st = os.stat(path)
        except OSError as exc:
            pf = ParsedFile(
                key, diagnostics=(Diagnostic(key, 1, 1, "", f"cannot read this file: {exc.strerror or exc}"),)
            )
            self._entries[key] = pf
            return pf
        fp = entry.fingerprint if entry is not None else None
        if (
            not recheck
            and entry is not None
            and fp is not None
            and (fp.size, fp.mtime_ns) == (st.st_size, st.st_mtime_ns)
        ):
            return entry
        data, st2, problem = read_file(key, self.limits, root)
        if data is None or st2 is None:
            pf = ParsedFile(key, diagnostics=(problem,) if problem else ())
            self._entries[key] = pf
            return pf
        new_fp = fingerprint_of(data, st2.st_size, st2.st_mtime_ns)
        if entry is not None and fp is not None and fp.sha1 == new_fp.sha1:
            if fp == new_fp:
                return entry
            pf = dataclasses.replace(entry, fingerprint=new_fp)
        else:
            self.parses += 1
            pf = parse_bytes(data, key, self.limits, new_fp)
        self._entries[key] = pf
        if is_good(pf):
            self._take_good(key, pf, data)
        return pf

    def _take_good(self, path: str, pf: ParsedFile, data: bytes) -> None:
        old = self._good.get(path)
        self._good[path] = pf
        if self.on_good is not None and (
            old is None
            or old.fingerprint is None
            or pf.fingerprint is None
            or old.fingerprint.sha1 != pf.fingerprint.sha1
        ):
            try:
                self.on_good(path, data, pf)
            except Exception:  # noqa: BLE001 - a store that fails must not fail the load
                pass

    def seed_last_good(self, path: Any, data: bytes, mtime_ns: int = 0) -> ParsedFile | None:
        """Install stored bytes as the last good version of `path` (a restart: the board
        shows them while the file cannot be read). Ignored when the cache already has a
        last good parse of its own; None when the bytes do not make a good parse."""
        path = str(os.fspath(path))
        if path in self._good:
            return self._good[path]
        fp = fingerprint_of(data, len(data), mtime_ns)
        pf = parse_bytes(data, path, self.limits, fp)
        if not is_good(pf):
            return None
        self._good[path] = pf
        return pf

    def last_good(self, path: Any) -> ParsedFile | None:
        return self._good.get(str(os.fspath(path)))

    def forget(self, path: Any) -> None:
        path = str(os.fspath(path))
        self._entries.pop(path, None)
        self._good.pop(path, None)

    def last_good_map(self) -> Mapping[str, ParsedFile]:
        return MappingProxyType(self._good)

    def entries(self) -> Mapping[str, ParsedFile]:
        """The latest parse of every file read (for `changed_on_disk`-style checks)."""
        return MappingProxyType(self._entries)
