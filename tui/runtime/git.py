"""Follow the situation's git repository (issue 15): the git command line, never a prompt.

    root = work_tree(path)                     # the top of the work tree holding path, or None
    follower = Follower(root)
    state = follower.sync()                    # fetch, fast-forward when safe; a SyncState
    state.header_text()                        # "synced 12:01 · origin/main a1b2c3d"

`Follower.sync()` blocks (run it off the UI thread, on a timer: `--every SECONDS`):

1. the branch and its upstream (`branch.<name>.remote` / `.merge`); a detached HEAD or a
   branch without upstream is left alone and says so;
2. `git fetch <remote>`; a failure is "offline since HH:MM" (the first failure), the last
   sync time is kept, git's own words go to the error bar;
3. compared with the upstream (`rev-list --left-right --count HEAD...@{u}`):
   behind only, and no tracked file modified (staged or not) -> `git merge --ff-only`
   ("synced 12:01 · origin/main a1b2c3d · 3 new commits"); any tracked file modified ->
   left as it is ("local edits: not pulled · 3 new commits on origin/main"); ahead and
   behind (local commits, or a force-pushed remote) -> "diverged from origin/main", never
   merged, never reset. Untracked files do not count as local edits (git refuses the
   fast-forward itself if one would be overwritten: that is an error line, nothing else).

Every git call (`run`): an argument list (no shell), stdin closed, a timeout (the process
group is killed), output bounded, hooks off (`core.hooksPath=/dev/null`), no fsmonitor, no
pager, English messages, and no prompt ever: GIT_TERMINAL_PROMPT=0, SSH in batch mode,
GIT_ASKPASS/SSH_ASKPASS answering nothing. GIT_DIR and friends from the caller's
environment are dropped (the repository is found from the path).
"""

from __future__ import annotations

import datetime as dt
import os
import selectors
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["GitError", "GitResult", "run", "work_tree", "Follower", "SyncState", "DEFAULT_EVERY"]

DEFAULT_EVERY = 60.0  # seconds between syncs (`--every`)
TIMEOUT = 20.0  # a local git call
FETCH_TIMEOUT = 60.0  # a fetch over a thin link
MAX_OUTPUT = 4 * 1024 * 1024
MAX_ERROR = 64 * 1024
CONFIG = (
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.fsmonitor=false",
    "-c", "color.ui=false",
    "-c", "core.quotepath=false",
    "-c", "advice.detachedHead=false",
)  # fmt: skip
_DROPPED = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_PREFIX")


class GitError(Exception):
    """A git call that could not run or failed: one line for the user."""


@dataclass(frozen=True, slots=True)
class GitResult:
    returncode: int
    out: bytes
    err: str
    truncated: bool = False  # the output passed max_output (the process was stopped)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.truncated

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")

    def first_error_line(self) -> str:
        for line in self.err.splitlines():
            if line.strip():
                return line.strip()[:300]
        return f"git exited with {self.returncode}"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    never = shutil.which("true") or "/bin/true"
    ssh = env.get("GIT_SSH_COMMAND") or "ssh"
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_SSH_COMMAND=f"{ssh} -o BatchMode=yes -o ConnectTimeout=15",
        GIT_ASKPASS=never,
        SSH_ASKPASS=never,
        SSH_ASKPASS_REQUIRE="never",
        GCM_INTERACTIVE="never",
        GIT_OPTIONAL_LOCKS="0",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_EDITOR=never,
        GIT_MERGE_AUTOEDIT="no",
        LC_ALL="C",
        LANGUAGE="C",
    )
    return env


def run(
    args: Sequence[str],
    cwd: str | os.PathLike[str],
    *,
    timeout: float = TIMEOUT,
    max_output: int = MAX_OUTPUT,
) -> GitResult:
    """`git <args>` in `cwd`. Raises GitError when git cannot run or times out."""
    cmd = ["git", *CONFIG, *args]
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=os.fspath(cwd),
            env=_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: ssh goes too on a timeout
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed (or not on PATH)") from exc
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from exc
    out, err = bytearray(), bytearray()
    truncated = False
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None and proc.stderr is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ, out)
        sel.register(proc.stderr, selectors.EVENT_READ, err)
        while sel.get_map() and not truncated:
            left = deadline - time.monotonic()
            if left <= 0:
                _kill(proc)
                raise GitError(f"git {args[0] if args else ''} took longer than {timeout:g} s: stopped")
            for key, _ in sel.select(left):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(key.fileobj)
                    continue
                buf = key.data
                buf += chunk
                if buf is out and len(out) > max_output:
                    truncated = True
                    del out[max_output:]
                    _kill(proc)
                    break
                if buf is err and len(err) > MAX_ERROR:
                    del err[MAX_ERROR:]
    proc.stdout.close()
    proc.stderr.close()
    try:
        code = proc.wait(max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _kill(proc)
        code = proc.wait()
    return GitResult(code, bytes(out), err.decode("utf-8", "replace"), truncated)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        proc.kill()


def _line(res: GitResult) -> str:
    return res.text.strip()


def work_tree(path: str | os.PathLike[str]) -> Path | None:
    """The top of the git work tree holding `path` (a file or a directory), or None."""
    p = Path(os.path.abspath(os.fspath(path)))
    folder = p if p.is_dir() else p.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        res = run(["rev-parse", "--show-toplevel"], folder)
    except GitError:
        return None
    if not res.ok or not _line(res):
        return None
    return Path(_line(res))


def _hhmm(t: dt.datetime | None) -> str:
    return t.astimezone().strftime("%H:%M") if t is not None else "?"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


@dataclass(frozen=True, slots=True)
class SyncState:
    """Where a followed checkout stands; `header_text()` is the header's sync slot."""

    status: str = "starting"  # synced, local-edits, diverged, offline, no-upstream, detached, error, starting
    branch: str = ""
    upstream: str = ""  # "origin/main"
    upstream_head: str = ""  # short hash of the upstream's last commit
    head: str = ""  # short hash of HEAD
    pulled: int = 0  # commits the last sync brought
    waiting: int = 0  # upstream commits not pulled (local edits, diverged)
    ahead: int = 0  # local commits not on the upstream
    synced_at: dt.datetime | None = None  # last successful fetch (kept while offline)
    offline_since: dt.datetime | None = None
    error: str = ""  # git's own words, one line, for the error bar

    def header_text(self) -> str:
        up = self.upstream or "the upstream"
        if self.status == "synced":
            text = f"synced {_hhmm(self.synced_at)} · {up} {self.upstream_head}".rstrip()
            if self.pulled:
                text += f" · {_plural(self.pulled, 'new commit')}"
            if self.ahead:
                text += f" · {_plural(self.ahead, 'local commit')} not pushed"
            return text
        if self.status == "local-edits":
            return f"local edits: not pulled · {_plural(self.waiting, 'new commit')} on {up}"
        if self.status == "diverged":
            return f"diverged from {up}: not pulled"
        if self.status == "offline":
            last = f" (last synced {_hhmm(self.synced_at)})" if self.synced_at else ""
            return f"offline since {_hhmm(self.offline_since)}{last}"
        if self.status == "no-upstream":
            return f"branch {self.branch} has no upstream: not followed"
        if self.status == "detached":
            return "detached HEAD: not followed"
        if self.status == "error":
            return "git error: not pulled"
        return "syncing…"


class Follower:
    """Keeps one work tree following its upstream; `sync()` is thread-safe (one at a time)."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        clock: Callable[[], dt.datetime] | None = None,
        fetch_timeout: float = FETCH_TIMEOUT,
    ) -> None:
        self.root = Path(root)
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.fetch_timeout = fetch_timeout
        self.state = SyncState()
        self.syncs = 0
        self._lock = threading.Lock()

    def _git(self, *args: str, timeout: float = TIMEOUT) -> GitResult:
        return run(args, self.root, timeout=timeout)

    def sync(self) -> SyncState:
        """Fetch and fast-forward when safe; never raises (a failure is a state)."""
        with self._lock:
            try:
                state = self._sync()
            except GitError as exc:
                state = self._failed(str(exc))
            except Exception as exc:  # noqa: BLE001 - a state for the header, never a crash
                state = replace(self.state, status="error", error=f"{type(exc).__name__}: {exc}", pulled=0)
            self.state = state
            self.syncs += 1
            return state

    def _failed(self, error: str, offline: bool = False) -> SyncState:
        prev = self.state
        if offline:
            since = prev.offline_since or self.clock()
            return replace(prev, status="offline", offline_since=since, error=error, pulled=0)
        return replace(prev, status="error", error=error, pulled=0)

    def _sync(self) -> SyncState:
        prev = self.state
        branch_res = self._git("symbolic-ref", "-q", "--short", "HEAD")
        if not branch_res.ok:
            return SyncState(status="detached", synced_at=prev.synced_at)
        branch = _line(branch_res)
        remote = _line(self._git("config", "--get", f"branch.{branch}.remote"))
        merge = _line(self._git("config", "--get", f"branch.{branch}.merge"))
        up_res = self._git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
        if not remote or not merge or not up_res.ok:
            return SyncState(status="no-upstream", branch=branch, synced_at=prev.synced_at)
        upstream = _line(up_res)
        before = _line(self._git("rev-parse", "--verify", "-q", "@{upstream}"))
        if remote != ".":  # "." = a local branch as upstream: nothing to fetch
            fetched = self._git(
                "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", remote, timeout=self.fetch_timeout
            )
            if not fetched.ok:
                return replace(self._failed(fetched.first_error_line(), offline=True), branch=branch, upstream=upstream)
        now = self.clock()
        after = _line(self._git("rev-parse", "--verify", "-q", "@{upstream}"))
        counts = _line(self._git("rev-list", "--left-right", "--count", "HEAD...@{upstream}")).split()
        ahead, behind = (int(counts[0]), int(counts[1])) if len(counts) == 2 else (0, 0)
        base = SyncState(
            status="synced",
            branch=branch,
            upstream=upstream,
            upstream_head=_line(self._git("rev-parse", "--short", "@{upstream}")),
            head=_line(self._git("rev-parse", "--short", "HEAD")),
            ahead=ahead,
            synced_at=now,
        )
        forced = bool(before and after and before != after) and not self._is_ancestor(before, after)
        if ahead and (behind or forced):
            return replace(base, status="diverged", waiting=behind)
        if not behind:
            return base
        if self._local_edits():
            return replace(base, status="local-edits", waiting=behind)
        merged = self._git("merge", "--ff-only", "--quiet", "--no-edit", "@{upstream}", timeout=self.fetch_timeout)
        if not merged.ok:
            return replace(base, status="error", waiting=behind, error=merged.first_error_line())
        head = _line(self._git("rev-parse", "--short", "HEAD"))
        return replace(base, head=head, pulled=behind)

    def _is_ancestor(self, a: str, b: str) -> bool:
        return self._git("merge-base", "--is-ancestor", a, b).returncode == 0

    def _local_edits(self) -> bool:
        """Any tracked file modified, staged or not (untracked files do not count)."""
        res = self._git("status", "--porcelain=v1", "-z", "--untracked-files=no", "--ignore-submodules=all")
        if not res.ok:
            raise GitError(f"git status failed: {res.first_error_line()}")
        return bool(res.out.strip(b"\0"))
