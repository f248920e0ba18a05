"""Which file system a path lives on: network ones (where inotify sees no changes made on
other machines) make the watcher poll. Reads /proc/mounts; nothing else."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["NETWORK_FS_TYPES", "network_fs_type"]

NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.gcsfuse",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph",
        "lustre",
    }
)


def _unescape_mount(field: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal (\040 ...).
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1 : i + 4].isdigit() and len(field[i + 1 : i + 4]) == 3:
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def network_fs_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The file system type of `path` if it is a network one (where inotify sees no
    remote changes), else None. Reads /proc/mounts; None where that is unavailable."""
    if mounts_text is None:
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
                mounts_text = fh.read()
        except OSError:
            return None
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return None
    best, best_type = "", None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mnt, fstype = _unescape_mount(fields[1]), fields[2]
        prefix = mnt.rstrip("/") + "/"
        if (real == mnt or real.startswith(prefix) or mnt == "/") and len(mnt) >= len(best):
            best, best_type = mnt, fstype
    if best_type is None:
        return None
    return best_type if best_type.lower() in NETWORK_FS_TYPES else None
