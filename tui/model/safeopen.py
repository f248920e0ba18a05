"""Opening untrusted paths: regular files only, never blocking, confined to a root.

A path is checked where it matters, at the moment it is opened: a file swapped for a
named pipe, a device or a symbolic link after it was listed or validated is refused,
never read. `read_regular(path, max_bytes, root=...)`:

* with `root`: the path, symbolic links resolved, must lie inside `root` (both real
  paths), with no hidden component (`.ssh`, `.git`, `.env`) below it; it is then opened
  by its resolved name with O_NOFOLLOW (a link put in its place since is refused) and,
  on Linux, what was opened is checked again through /proc/self/fd (a directory on the
  way swapped for a link is caught too);
* always: O_NONBLOCK (a FIFO cannot hang us) and fstat() after open: anything but a
  regular file is refused; at most `max_bytes` + 1 bytes are read.

Nothing here raises for a bad path: the reason comes back in words.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

__all__ = ["Opened", "inside", "hidden_part", "kind_of", "read_regular"]


@dataclass(frozen=True, slots=True)
class Opened:
    """What `read_regular` got: `data` (None when refused or unreadable) and why not."""

    data: bytes | None
    stat: os.stat_result | None = None
    problem: str | None = None  # in words, for a message
    too_big: bool = False  # `data` is None: over max_bytes (stat.st_size says how big)
    refused: bool = False  # outside the root, hidden, a link swapped in: never opened or read


def inside(path: str, root: str) -> bool:
    """`path` is `root` or below it (both absolute and normalised)."""
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives, relative and absolute mixed
        return False


def hidden_part(path: str, root: str) -> str | None:
    """The first component of `path` below `root` that starts with "." (None if none)."""
    rel = os.path.relpath(path, root)
    for part in rel.split(os.sep):
        if part.startswith(".") and part not in (".", ".."):
            return part
    return None


def kind_of(mode: int) -> str:
    """What a file system entry is, in words."""
    for test, what in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return what
    return "not a regular file"


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular(
    path: str, max_bytes: int, *, root: str | None = None, what: str = "file", partial: bool = False
) -> Opened:
    """Read a regular file (see the module's note). `what` names it in messages. Over
    `max_bytes`: nothing (`too_big`), or with `partial` its first `max_bytes` (and `too_big`)."""
    target = path
    real_root = None
    flags = _FLAGS
    try:
        if root is not None:
            real_root = os.path.realpath(root)
            target = os.path.realpath(path)
            if not inside(target, real_root):
                return Opened(None, problem=f"the {what} leads outside {real_root} (to {target})", refused=True)
            hidden = hidden_part(target, real_root)
            if hidden is not None:
                return Opened(None, problem=f"the {what} is in a hidden folder or file ({hidden})", refused=True)
            flags |= _NOFOLLOW
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and root is not None:
            return Opened(None, problem=f"the {what} became a symbolic link after it was checked", refused=True)
        return Opened(None, problem=_os_reason(exc))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return Opened(None, st, problem=f"not a regular file: {kind_of(st.st_mode)}", refused=root is not None)
        if real_root is not None:
            opened = _opened_path(fd)
            if opened is not None and not inside(opened, real_root):
                return Opened(None, st, problem=f"the {what} was moved outside {real_root} while opening", refused=True)
        if st.st_size > max_bytes and not partial:
            return Opened(None, st, problem="too big", too_big=True)
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:  # over the limit (or it grew after fstat())
            if partial:
                return Opened(data[:max_bytes], st, too_big=True)
            return Opened(None, st, problem="too big", too_big=True)
        return Opened(data, st)
    except OSError as exc:
        return Opened(None, problem=_os_reason(exc))
    finally:
        os.close(fd)


def _opened_path(fd: int) -> str | None:
    """The real path of an open file (Linux: /proc/self/fd), or None where unknown."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
