"""Reading and parsing situation files, with a cache of parses and of last good versions.

`parse_file(path)` / `parse_bytes(data, path)` never raise for bad input: every problem
is a `Diagnostic`. `FileCache` parses a file again only when it changed, and keeps the
*last good* parse of every file: the latest one whose YAML could be read and placed in a
situation (it may hold items with errors). assemble() shows it in place of a file that
cannot be read now (a syntax error, a half-written save, a limit tripped).

Last good versions across restarts are kept by tui/runtime (laststore.py, the reload
controller): it hands them to assemble() through `use_last_good`, like this cache's.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .discovery import FoundFile
from .limits import DEFAULT_LIMITS, Limits, size_error
from .safeopen import read_regular
from .types import Diagnostic
from .validate import ParsedFile, fingerprint_of, validate
from .yamlread import decode, parse_text


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

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
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
            self._good[key] = pf
        return pf

    def last_good(self, path: Any) -> ParsedFile | None:
        return self._good.get(str(os.fspath(path)))

    def forget(self, path: Any) -> None:
        path = str(os.fspath(path))
        self._entries.pop(path, None)
        self._good.pop(path, None)

    def last_good_map(self) -> Mapping[str, ParsedFile]:
        return MappingProxyType(self._good)
