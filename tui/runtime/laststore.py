"""The last good version of each situation file, kept across restarts.

    store = LastGoodStore()                   # <state dir>/lastgood (tui.runtime.paths)
    store.save(path, data, mtime_ns)          # True when written (or already there); never raises
    kept = store.load(path)                   # Kept(path, data, mtime_ns, saved_at) | None

A fresh start on a part whose YAML cannot be read shows the version kept here (the reload
controller parses it again with the model's parse_bytes), marked "last good version of
HH:MM, the file now has N problems".

* Keyed safely: one file per situation file, named by the SHA-256 of its absolute path,
  so no name from outside chooses where we write. The first line records the path, the
  mtime of that version and the SHA-1 of the bytes; a stored copy whose path or SHA-1
  does not match is ignored (damaged, or a different file).
* Private: 0600 files in a 0700 folder (they may be copies of TLP:RED files).
* Atomic: a temporary file in the same folder, then rename; no fsync (a version lost to a
  power cut only means no stand-in; a torn one fails its SHA-1 and is ignored).
* Bounded: a copy is at most `max_file_bytes`; at most `max_files` copies and
  `max_total_bytes` in all, the least recently written going first.
* Never raises: a full disk, a read-only or missing folder leave `last_error` set and the
  board running as before.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from tui.runtime.paths import private_dir, state_dir

__all__ = ["LastGoodStore", "Kept"]

MAGIC = b"#sitboard-lastgood 1 "
MAX_HEADER_BYTES = 64 * 1024
DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_FILES = 256
DEFAULT_MAX_TOTAL_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Kept:
    """A kept version of one file."""

    path: str  # absolute path of the situation file
    data: bytes
    mtime_ns: int  # the file's modification time when it was this version
    saved_at: dt.datetime

    @property
    def modified(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime_ns / 1e9, dt.UTC)


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return str(exc.strerror or exc)


class LastGoodStore:
    """Last good versions of situation files under `<state dir>/lastgood`."""

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        *,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        max_files: int = DEFAULT_MAX_FILES,
        max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    ) -> None:
        self._directory = Path(directory) if directory is not None else None
        self.max_file_bytes = max_file_bytes
        self.max_files = max_files
        self.max_total_bytes = max_total_bytes
        self.last_error: str | None = None
        self.writes = 0  # copies written (for tests and stats)
        self._sha1: dict[str, str] = {}  # key -> SHA-1 of what is stored (known so far)
        self._lock = threading.Lock()

    @property
    def directory(self) -> Path:
        if self._directory is None:
            self._directory = state_dir() / "lastgood"
        return self._directory

    @staticmethod
    def key(path: str | os.PathLike[str]) -> str:
        return hashlib.sha256(os.path.abspath(os.fspath(path)).encode("utf-8", "surrogatepass")).hexdigest()

    def path_for(self, path: str | os.PathLike[str]) -> Path:
        return self.directory / f"{self.key(path)}.yaml"

    # -- save ---------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str], data: bytes, mtime_ns: int) -> bool:
        """Keep `data` as the last good version of `path`. Never raises."""
        if len(data) > self.max_file_bytes:
            return False
        sha1 = hashlib.sha1(data).hexdigest()
        key = self.key(path)
        with self._lock:
            if self._stored_sha1(key) == sha1:
                return True
            header = {
                "path": os.path.abspath(os.fspath(path)),
                "mtime_ns": int(mtime_ns),
                "sha1": sha1,
                "saved_at": dt.datetime.now(dt.UTC).isoformat(),
            }
            line = MAGIC + json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n"
            tmp: str | None = None
            try:
                private_dir(self.directory.parent)
                folder = private_dir(self.directory)
                fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=folder)
                with os.fdopen(fd, "wb") as fh:  # mkstemp: 0600, O_EXCL
                    fh.write(line)
                    fh.write(data)
                os.replace(tmp, folder / f"{key}.yaml")
                tmp = None
            except OSError as exc:
                self.last_error = f"could not keep the last good version of {path}: {_describe(exc)}"
                return False
            finally:
                if tmp is not None:
                    try:
                        os.unlink(tmp)
                    except OSError:
                        pass
            self._sha1[key] = sha1
            self.writes += 1
            self.last_error = None
            self._trim(keep=key)
            return True

    def holds(self, path: str | os.PathLike[str], sha1: str) -> bool:
        """True when the version of `path` with this SHA-1 is the one kept (as save() would
        find it): a caller need not read the file again to save it. Never raises."""
        with self._lock:
            return self._stored_sha1(self.key(path)) == sha1

    def _stored_sha1(self, key: str) -> str | None:
        if key not in self._sha1:
            head = self._read_header(self.directory / f"{key}.yaml")
            self._sha1[key] = head.get("sha1", "") if head else ""
        return self._sha1[key] or None

    def _read_header(self, file: Path) -> dict | None:
        try:
            with open(file, "rb") as fh:
                line = fh.readline(MAX_HEADER_BYTES)
        except OSError:
            return None
        return _parse_header(line)

    def _trim(self, keep: str) -> None:
        """Drop the least recently written copies beyond the bounds."""
        try:
            entries = []
            with os.scandir(self.directory) as it:
                for e in it:
                    if e.is_file(follow_symlinks=False):
                        st = e.stat(follow_symlinks=False)
                        entries.append((st.st_mtime_ns, st.st_size, e.name))
        except OSError:
            return
        entries.sort(reverse=True)  # newest first
        total = 0
        for n, (_mtime, size, name) in enumerate(entries):
            total += size
            if name.startswith(keep) or (n < self.max_files and total <= self.max_total_bytes):
                continue
            try:
                os.unlink(self.directory / name)
            except OSError:
                pass
            self._sha1.pop(name.split(".")[0], None)

    # -- load ---------------------------------------------------------------------------
    def load(self, path: str | os.PathLike[str]) -> Kept | None:
        """The kept version of `path`, or None (none kept, damaged, or another file's)."""
        file = self.path_for(path)
        try:
            with open(file, "rb") as fh:
                raw = fh.read(self.max_file_bytes + MAX_HEADER_BYTES + 1)
        except OSError:
            return None
        line, _, data = raw.partition(b"\n")
        head = _parse_header(line + b"\n")
        if head is None or head.get("path") != os.path.abspath(os.fspath(path)):
            return None
        if len(data) > self.max_file_bytes or hashlib.sha1(data).hexdigest() != head.get("sha1"):
            return None
        try:
            saved_at = dt.datetime.fromisoformat(str(head.get("saved_at")))
        except ValueError:
            saved_at = dt.datetime.fromtimestamp(0, dt.UTC)
        mtime_ns = head.get("mtime_ns")
        if not isinstance(mtime_ns, int) or not 0 <= mtime_ns < 2**63:
            return None
        with self._lock:
            self._sha1[self.key(path)] = head["sha1"]
        return Kept(head["path"], data, mtime_ns, saved_at)


def _parse_header(line: bytes) -> dict | None:
    if not line.startswith(MAGIC) or not line.endswith(b"\n"):
        return None
    try:
        head = json.loads(line[len(MAGIC) :])
    except (ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or not isinstance(head.get("path"), str) or not isinstance(head.get("sha1"), str):
        return None
    return head
