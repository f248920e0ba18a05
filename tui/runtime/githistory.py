"""What git already knows about a situation (issue 15): who changed an item, the commits
that changed the files, and the situation as of a commit. UI-free; every call through
tui.runtime.git.run (no shell, no prompt, timeouts, bounded output).

    commits = history(paths)                         # newest first, bounded
    res = situation_at("HEAD~3", paths)              # a LoadResult, as of that commit
    blamer = Blamer()
    who = blamer.item(item, items)                   # Change(sha, author, time, subject) | None
    every = blamer.items(items)                      # {item id: Change}, one git blame per file

* `history(paths, limit=200)`: the commits that changed the situation's files (`git log
  -- paths`), newest first.
* `file_at(rev, path)`: the bytes of a file at a commit (`git cat-file blob`, raw, no
  filters), at most the loader's file-size limit.
* `situation_at(rev, paths)`: the situation's files as they were at `rev` (a directory:
  the situation files it held then), parsed with the model's `parse_bytes` under their
  working-tree names, assembled: what `sitboard diff --git REV [REV2] PATH`, `brief
  --since REV` and history stepping (`[` / `]`) show. Raises GitError (not a work tree,
  unknown revision) for the caller to turn into one line and exit 2.
* `Blamer`: the last commit that changed an item's lines (`git blame --porcelain -L a,b`),
  cached per file content; `item_range(text, item, items)` is the range: from the
  item's `origin` line to the line before the next item or top-level key in that file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.model.load import assemble, is_situation_name, parse_bytes
from tui.model.types import Diagnostic, Item, LoadResult
from tui.runtime.git import GitError, run, work_tree

if TYPE_CHECKING:
    from tui.model.limits import Limits

__all__ = ["Change", "history", "file_at", "situation_at", "resolve", "Blamer", "item_range"]

MAX_COMMITS = 200
MAX_BLAME_CACHE = 256  # (file content, range) answers kept
MAX_BLAME_OUTPUT = 64 * 1024 * 1024  # porcelain of a whole file (each line with its commit)
MAX_ORDERED = 10_000  # commits of a file put in order for "newest"
ZERO = "0" * 40  # git blame's name for lines not committed yet
_SEP, _END = "\x1f", "\x1e"


@dataclass(frozen=True, slots=True)
class Change:
    """A commit, as the board names it."""

    sha: str  # full hash; "" for lines not committed yet
    author: str
    time: dt.datetime | None
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def committed(self) -> bool:
        return bool(self.sha)


NOT_COMMITTED = Change("", "you (not committed yet)", None, "local edits")


def _root(paths: Sequence[str | os.PathLike[str]]) -> Path:
    if not paths:
        raise GitError("no path given")
    root = work_tree(paths[0])
    if root is None:
        raise GitError(f"{os.fspath(paths[0])} is not in a git work tree")
    return root


def _rel(root: Path, path: str | os.PathLike[str]) -> str:
    real = os.path.realpath(os.fspath(path))
    rel = os.path.relpath(real, os.path.realpath(root))
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        raise GitError(f"{os.fspath(path)} is outside the work tree {root}")
    return "." if rel == "." else rel.replace(os.sep, "/")


def _when(epoch: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None


def resolve(rev: str, path: str | os.PathLike[str]) -> Change:
    """The commit `rev` names in the repository holding `path` (GitError if none)."""
    if not rev or rev.startswith("-"):
        raise GitError(f"not a revision: {rev!r}")
    root = _root([path])
    res = run(["log", "-1", f"--format=%H{_SEP}%an{_SEP}%at{_SEP}%s", rev, "--"], root)
    if not res.ok or not res.text.strip():
        raise GitError(f"unknown revision {rev!r} in {root}")
    sha, author, at, subject = (res.text.strip().split(_SEP) + ["", "", "", ""])[:4]
    return Change(sha, author, _when(at), subject)


def history(paths: Sequence[str | os.PathLike[str]], limit: int = MAX_COMMITS) -> list[Change]:
    """The commits that changed the situation's files, newest first (at most `limit`)."""
    root = _root(paths)
    rels = [_rel(root, p) for p in paths]
    fmt = f"--format=%H{_SEP}%an{_SEP}%at{_SEP}%s{_END}"
    res = run(["log", f"-n{max(1, int(limit))}", fmt, "--", *rels], root)
    if res.returncode != 0:
        raise GitError(f"git log failed: {res.first_error_line()}")
    out = []
    for record in res.text.split(_END):
        fields = record.strip("\n").split(_SEP)
        if len(fields) == 4 and fields[0]:
            out.append(Change(fields[0], fields[1], _when(fields[2]), fields[3]))
    return out


def _limits() -> Limits:
    from tui.model.limits import DEFAULT_LIMITS

    return DEFAULT_LIMITS


def file_at(rev: str, path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes | None:
    """The file's bytes at `rev` (None: it did not exist then). GitError when too large."""
    root = _root([path])
    cap = max_bytes if max_bytes is not None else _limits().max_file_bytes
    res = run(["cat-file", "blob", f"{rev}:{_rel(root, path)}"], root, max_output=cap)
    if res.truncated:
        raise GitError(f"{os.fspath(path)} at {rev} is larger than {cap} bytes")
    return res.out if res.returncode == 0 else None


def _files_at(root: Path, rev: str, path: str) -> list[str] | None:
    """Working-tree names of the situation files `path` stood for at `rev` (None: it did
    not exist then)."""
    rel = _rel(root, path)
    res = run(["ls-tree", "-z", "--full-tree", rev, "--", rel], root)
    if res.returncode != 0:
        raise GitError(f"unknown revision {rev!r} in {root}")
    entries = [e for e in res.out.split(b"\0") if e]
    if not entries:
        return None
    meta, _, name = entries[0].partition(b"\t")
    if meta.split()[1:2] == [b"blob"]:
        return [os.fspath(path)]
    res = run(["ls-tree", "-z", "--name-only", rev, "--", rel.rstrip("/") + "/"], root)
    names = [n.decode("utf-8", "surrogateescape") for n in res.out.split(b"\0") if n]
    return [
        os.path.join(os.fspath(path), os.path.basename(n))
        for n in sorted(names)
        if is_situation_name(os.path.basename(n))
    ]


def situation_at(rev: str, paths: Sequence[str | os.PathLike[str]]) -> LoadResult:
    """The situation as of commit `rev`: see the module docstring."""
    if not rev or rev.startswith("-"):
        raise GitError(f"not a revision: {rev!r}")
    root = _root(paths)
    sha = resolve(rev, paths[0]).sha
    limits = _limits()
    parsed = []
    diags: list[Diagnostic] = []
    for p in paths:
        files = _files_at(root, sha, os.fspath(p))
        if files is None:
            diags.append(Diagnostic(os.fspath(p), 1, 1, "", f"did not exist at {sha[:7]}", "warning"))
            continue
        for f in files:
            try:
                data = file_at(sha, f, max_bytes=limits.max_file_bytes + 1)
            except GitError as exc:
                diags.append(Diagnostic(f, 1, 1, "", str(exc)))
                continue
            if data is not None:
                parsed.append(parse_bytes(data, f, limits))
    assembled = assemble(parsed)
    return LoadResult(assembled.situations, tuple(diags) + assembled.diagnostics, assembled.files)


# -- who changed an item ------------------------------------------------------------------
def item_range(text: str, item: Item, items: Iterable[Item]) -> tuple[int, int] | None:
    """(first, last) line of `item` in its file's `text`: from its origin to the line
    before the next item of the same file or the next top-level key; trailing blank and
    comment lines left out. None when the item has no origin."""
    if item.origin is None:
        return None
    start = item.origin.line
    lines = text.splitlines()
    starts = sorted(
        it.origin.line
        for it in items
        if it.origin is not None and it.origin.file == item.origin.file and it.origin.line > start
    )
    end = (starts[0] - 1) if starts else len(lines)
    for n in range(start, min(end, len(lines))):  # a top-level key ends the list
        line = lines[n]
        if line[:1] not in ("", " ", "\t", "#", "-"):
            end = n
            break
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return (start, max(start, min(end, len(lines))))


class Blamer:
    """The last commit that changed a range of lines, cached per file content."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, int, int], Change | None] = {}
        self._lock = threading.Lock()
        self.calls = 0  # git blame runs (for tests)
        self._git_folders: dict[str, bool] = {}  # folder -> a .git above it

    def may_be_in_git(self, path: str | os.PathLike[str]) -> bool:
        """False when no folder above `path` has a `.git` (and GIT_DIR is not set): then the
        detail neither reads the whole file nor runs git for every item shown. Cached per folder."""
        if os.environ.get("GIT_DIR"):
            return True
        folder = os.path.dirname(os.path.abspath(os.fspath(path)))
        with self._lock:
            known = self._git_folders.get(folder)
        if known is None:
            known, here = False, folder
            for _ in range(256):  # a bound on the walk up (paths are never that deep)
                if os.path.exists(os.path.join(here, ".git")):
                    known = True
                    break
                parent = os.path.dirname(here)
                if parent == here:
                    break
                here = parent
            with self._lock:
                self._git_folders[folder] = known
        return known

    def lines(self, path: str | os.PathLike[str], first: int, last: int) -> Change | None:
        """The newest commit among lines first..last of the file as it is on disk (lines
        not committed yet: NOT_COMMITTED). None outside a work tree or on a git error."""
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        key = (os.path.abspath(os.fspath(path)), hashlib.sha1(data).hexdigest(), int(first), int(last))
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        answer = self._blame(path, first, last)
        with self._lock:
            if len(self._cache) >= MAX_BLAME_CACHE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = answer
        return answer

    def item(self, item: Item, items: Iterable[Item]) -> Change | None:
        """The last commit that changed `item`'s lines (items: the situation's, for the range)."""
        if item.origin is None or not self.may_be_in_git(item.origin.file):
            return None
        try:
            text = Path(item.origin.file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        span = item_range(text, item, items)
        return self.lines(item.origin.file, *span) if span else None

    def items(self, items: Iterable[Item]) -> dict[str, Change]:
        """The last commit of every item, one `git blame` per file (for `brief --authors`:
        thousands of items, not thousands of git runs). Items git cannot answer for are
        left out."""
        by_file: dict[str, list[Item]] = {}
        for it in items:
            if it.origin is not None:
                by_file.setdefault(it.origin.file, []).append(it)
        out: dict[str, Change] = {}
        for file, its in by_file.items():
            try:
                text = Path(file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            blamed = self._whole(file)
            if blamed is None:
                continue
            line_sha, commits, order = blamed
            for it in its:
                span = item_range(text, it, its)
                shas: set[str] = {line_sha[n] for n in range(span[0], span[1] + 1) if n in line_sha} if span else set()
                if not shas:
                    continue
                if ZERO in shas:
                    out[it.id] = NOT_COMMITTED
                    continue
                sha = min(shas, key=lambda t: (order.get(t, len(order)), -int(commits[t].get("committer-time", "0"))))
                info = commits[sha]
                out[it.id] = Change(
                    sha, info.get("author", "?"), _when(info.get("author-time", "")), info.get("summary", "")
                )
        return out

    def _whole(self, path: str) -> tuple[dict[int, str], dict[str, dict[str, str]], dict[str, int]] | None:
        """Line -> commit for the whole file, the commits, and their order (newest first)."""
        root = work_tree(path)
        if root is None:
            return None
        self.calls += 1
        try:
            rel = _rel(root, path)
            res = run(["blame", "--porcelain", "--", rel], root, max_output=MAX_BLAME_OUTPUT)
            log = run(["log", "--topo-order", "--format=%H", f"-n{MAX_ORDERED}", "--", rel], root)
        except GitError:
            return None
        if not res.ok:
            return None
        line_sha: dict[int, str] = {}
        for line in res.text.splitlines():
            parts = line.split(" ")
            if len(parts) >= 3 and len(parts[0]) == 40 and parts[2].isdigit():
                line_sha[int(parts[2])] = parts[0]
        order = {sha: i for i, sha in enumerate(log.text.split())}
        return line_sha, _commits(res.text), order

    def _blame(self, path: str | os.PathLike[str], first: int, last: int) -> Change | None:
        root = work_tree(path)
        if root is None or first < 1 or last < first:
            return None
        self.calls += 1
        try:
            res = run(["blame", "--porcelain", "-L", f"{first},{last}", "--", _rel(root, path)], root)
        except GitError:
            return None
        if res.returncode != 0:
            return None
        commits = _commits(res.text)
        if not commits:
            return None
        if ZERO in commits:
            return NOT_COMMITTED
        tips = list(commits)
        if len(tips) > 1:  # the newest is the one the others lead to (times tie within a second)
            try:
                independent = run(["merge-base", "--independent", *tips], root)
                found = [t for t in independent.text.split() if t in commits]
                tips = found or tips
            except GitError:
                pass
        sha = max(tips, key=lambda t: int(commits[t].get("committer-time", "0") or 0))
        info = commits[sha]
        return Change(sha, info.get("author", "?"), _when(info.get("author-time", "")), info.get("summary", ""))


def _commits(porcelain: str) -> dict[str, dict[str, str]]:
    """The commits in `git blame --porcelain` output, with their headers."""
    commits: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in porcelain.splitlines():
        head = line.split(" ", 1)
        if len(head[0]) == 40 and all(c in "0123456789abcdef" for c in head[0]):
            current = commits.setdefault(head[0], {})
        elif current is not None and not line.startswith("\t") and len(head) == 2:
            current.setdefault(head[0], head[1])
    return commits
