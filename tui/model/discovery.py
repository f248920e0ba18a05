"""Paths given -> the situation files to read, and a warning for every one left out.

A file named on the command line is taken as given. In a directory, every `*.yaml` /
`*.yml` entry is a situation file except:

* hidden entries (`.x.yaml`, Emacs's lock files `.#x.yaml`): left out silently, as the
  contract says (editor backups such as `x.yaml~`, `#x.yaml#` and `x.yaml.swp` do not end
  in .yaml and are never candidates);
* anything that is not a regular file (a directory named `x.yaml`, a FIFO, a socket, a
  broken or looping link): left out with a warning naming it;
* a symbolic link leading outside the directory: left out with a warning, never read
  (a `*.yaml` link to ~/.git-credentials must not print its content in an error).

`#desk.yaml` is an ordinary name (not an editor backup): it is read.

Files found in a directory are `FoundFile`s: a `str` that remembers the directory, so
that the read (tui/model/cache.py) confines them to it again when it opens them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from .safeopen import hidden_part, inside, kind_of
from .types import Diagnostic

SITUATION_SUFFIXES = (".yaml", ".yml")


class FoundFile(str):
    """A situation file's path; `root` is the directory it was listed in (None: named)."""

    root: str | None = None

    def __new__(cls, path: str, root: str | None = None) -> FoundFile:
        self = super().__new__(cls, path)
        self.root = root
        return self


def is_situation_name(name: str) -> bool:
    """A directory entry the board reads: *.yaml/*.yml, not hidden (see the module's note)."""
    if not name.lower().endswith(SITUATION_SUFFIXES):
        return False
    return not name.startswith(".")


def discover(paths: Iterable[Any]) -> tuple[list[str], list[Diagnostic]]:
    """Paths -> situation files (a file is taken as given; a directory -> its *.yaml/*.yml)."""
    files: list[str] = []
    diags: list[Diagnostic] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            picked, problems = _list_directory(path)
            diags.extend(problems)
            for p in picked:
                add(p)
        elif os.path.exists(path):
            add(path)
        else:
            diags.append(Diagnostic(path, 1, 1, "", "no such file or directory"))
    return files, diags


def _list_directory(path: str) -> tuple[list[FoundFile], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        return [], [Diagnostic(path, 1, 1, "", f"cannot read this directory: {exc.strerror or exc}")]
    real_dir = os.path.realpath(path)
    picked: list[FoundFile] = []
    for n in names:
        if not is_situation_name(n):
            continue
        full = os.path.join(path, n)
        if os.path.islink(full):
            target = os.path.realpath(full)
            if not inside(target, real_dir):
                diags.append(
                    Diagnostic(
                        full, 1, 1, "", f"skipped: a symbolic link leading outside {path} (to {target})", "warning"
                    )
                )
                continue
            hidden = hidden_part(target, real_dir)
            if hidden is not None:
                diags.append(
                    Diagnostic(
                        full, 1, 1, "", f"skipped: a symbolic link into a hidden folder or file ({hidden})", "warning"
                    )
                )
                continue
        if os.path.isfile(full):
            picked.append(FoundFile(full, path))
        else:
            diags.append(Diagnostic(full, 1, 1, "", f"skipped: {not_regular_reason(full)}", "warning"))
    if not picked:
        diags.append(Diagnostic(path, 1, 1, "", f"no situation files (*.yaml, *.yml) in the directory {path}"))
    return picked, diags


def not_regular_reason(path: str) -> str:
    """Why `path` is not a file the board can read, in words."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            if getattr(exc, "errno", None) == 40:  # ELOOP
                return "a symbolic link loop"
            return "a broken symbolic link (its target does not exist)"
        return f"cannot read it: {exc.strerror or exc}"
    what = kind_of(mode)
    return what if what == "not a regular file" else f"not a regular file: {what}"
