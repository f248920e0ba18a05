"""Run a terminal program in a real pseudo-terminal and watch its screen with a terminal emulator.

`run_in_pty(argv, ...)` spawns the program on a pty of a fixed size (the pty is its controlling
terminal, TERM=xterm-256color), feeds everything it writes to a `pyte` screen, and stops the
first-paint clock when the frame that made `ready(screen_lines)` true is complete: the last
chunk of that burst of output, a burst ending when the output pauses for 30 ms (a reader thread
timestamps every chunk, so the emulator's own parsing does not delay the clock).
After first paint it can keep the program open: settle, measure an idle window (CPU seconds of
the process and bytes written to the terminal), apply an edit and count the bytes of the repaint,
then quit it (keys, then SIGTERM, then SIGKILL). Peak RSS is the kernel's high-water mark of the
process's own address space (VmHWM in /proc/PID/status, read just before quitting), not a sample;
not ru_maxrss from wait4, which on Linux also counts the runner's RSS copied at fork.
"""

from __future__ import annotations

import errno
import fcntl
import os
import queue
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyte

Predicate = Callable[[list[str]], bool]


@dataclass
class PtyResult:
    ok: bool  # ready() became true before the timeout
    first_paint: float | None = None  # seconds from spawn to the ready screen
    first_paint_cpu: float | None = None  # CPU seconds of the process (all threads) at that moment
    peak_rss: int | None = None  # bytes (VmHWM of the child)
    idle_cpu_percent: float | None = None
    idle_bytes_per_min: float | None = None
    reload_bytes: int | None = None
    reload_seen: bool = False  # reload_ready() became true (when given)
    bytes_total: int = 0
    exit_status: int | None = None
    why: str = ""  # why it failed (timeout, exited early ...)
    screen: list[str] = field(default_factory=list)  # the last screen, for diagnosis


def _set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _child_setup() -> None:  # runs in the child between fork and exec
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class _Reader(threading.Thread):
    """Reads the pty master as fast as it can; queues (timestamp, bytes)."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.q: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self.eof = threading.Event()

    def run(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError as e:  # EIO: the child side closed
                if e.errno not in (errno.EIO, errno.EBADF):
                    pass
                break
            if not data:
                break
            self.q.put((time.perf_counter(), data))
        self.eof.set()


class PtySession:
    def __init__(self, argv: Sequence[str], cols: int, rows: int, env: dict[str, str] | None, cwd: str | None) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        _set_winsize(slave, cols, rows)
        full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL")}
        full_env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "PYTHONUNBUFFERED": "1"})
        if env:
            full_env.update(env)
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            preexec_fn=_child_setup,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.reader = _Reader(master)
        self.reader.start()
        self.nbytes = 0
        self.last_chunk = self.t0
        self.status: int | None = None
        self.rusage = None

    # -- reading --------------------------------------------------------------------------
    def lines(self) -> list[str]:
        return list(self.screen.display)

    def pump(
        self, until: float, ready: Predicate | None = None, quiet: float | None = None
    ) -> tuple[float | None, int]:
        """Feed output to the emulator until `ready` (returns the timestamp of the chunk that made
        it true), the deadline, end of output, or (with `quiet`) `quiet` seconds without output
        after at least one chunk. Returns (ready_timestamp or None, bytes read)."""
        got = 0
        last = None
        while True:
            now = time.perf_counter()
            if now >= until:
                return None, got
            if quiet is not None and last is not None and now - last >= quiet:
                return None, got
            timeout = until - now
            if quiet is not None and last is not None:
                timeout = min(timeout, quiet - (now - last))
            try:
                ts, data = self.reader.q.get(timeout=max(0.0, min(timeout, 0.1)))
            except queue.Empty:
                if self.reader.eof.is_set() and self.reader.q.empty():
                    return None, got
                continue
            # drain whatever else is already queued: parse once, keep the latest timestamp
            chunks = [data]
            while True:
                try:
                    ts, more = self.reader.q.get_nowait()
                except queue.Empty:
                    break
                chunks.append(more)
            blob = b"".join(chunks)
            got += len(blob)
            self.nbytes += len(blob)
            last = time.perf_counter()
            self.last_chunk = ts
            self.stream.feed(blob)
            if ready is not None and ready(self.lines()):
                return ts, got

    def frame_end(self, gap: float = 0.03, limit: float = 0.5) -> float:
        """Timestamp of the last chunk of the burst of output in progress: a frame is often
        written in several chunks; it is complete when the output pauses for `gap` seconds."""
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            before = self.nbytes
            self.pump(time.perf_counter() + gap)
            if self.nbytes == before:
                break
        return self.last_chunk

    def exited(self) -> bool:
        if self.status is not None:
            return True
        pid, status, ru = os.wait4(self.proc.pid, os.WNOHANG)
        if pid == 0:
            return False
        self._reaped(status, ru)
        return True

    def _reaped(self, status: int, ru) -> None:
        self.status = os.waitstatus_to_exitcode(status)
        self.rusage = ru
        self.proc.returncode = self.status  # we reaped it ourselves

    def cpu_seconds(self) -> float | None:
        try:
            import psutil
        except ImportError:
            return _proc_stat_cpu(self.proc.pid)
        try:
            t = psutil.Process(self.proc.pid).cpu_times()
            return t.user + t.system
        except Exception:
            return None

    def send(self, data: bytes) -> None:
        try:
            os.write(self.master, data)
        except OSError:
            pass

    def close(self, quit_keys: Sequence[bytes] = (b"q",), grace: float = 3.0) -> None:
        if not self.exited():
            for k in quit_keys:
                self.send(k)
                self.pump(time.perf_counter() + 0.15)
            deadline = time.perf_counter() + grace
            while time.perf_counter() < deadline and not self.exited():
                self.pump(time.perf_counter() + 0.05)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.exited():
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            deadline = time.perf_counter() + 2.0
            while time.perf_counter() < deadline and not self.exited():
                time.sleep(0.02)
        if self.status is None:
            _, status, ru = os.wait4(self.proc.pid, 0)
            self._reaped(status, ru)
        try:
            os.close(self.master)
        except OSError:
            pass
        self.reader.join(timeout=1.0)


def _proc_stat_cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def run_in_pty(
    argv: Sequence[str],
    *,
    size: tuple[int, int] = (80, 24),
    ready: Predicate,
    timeout: float = 30.0,
    settle: float = 0.0,
    idle: float = 0.0,
    edit: Callable[[], None] | None = None,
    reload_ready: Predicate | None = None,
    reload_timeout: float = 5.0,
    quit_keys: Sequence[bytes] = (b"q",),
    env: dict[str, str] | None = None,
    cwd: str | None = None,
) -> PtyResult:
    """Spawn `argv` in a pty of `size` (cols, rows) and measure it; see the module docstring."""
    cols, rows = size
    s = PtySession(argv, cols, rows, env, cwd)
    res = PtyResult(ok=False)
    try:
        ts, _ = s.pump(s.t0 + timeout, ready)
        if ts is None:
            res.why = (
                "exited before its first screen"
                if s.exited() or s.reader.eof.is_set()
                else f"not ready after {timeout:g} s"
            )
            return res
        res.ok = True
        res.first_paint_cpu = s.cpu_seconds()
        # the clock stops when the frame that showed the title and rows is complete
        res.first_paint = max(ts, s.frame_end()) - s.t0
        if settle:
            s.pump(time.perf_counter() + settle)
        if idle and not s.exited():
            c0 = s.cpu_seconds()
            b0 = s.nbytes
            w0 = time.perf_counter()
            s.pump(w0 + idle)
            w1 = time.perf_counter()
            c1 = s.cpu_seconds()
            if c0 is not None and c1 is not None and not s.exited():
                res.idle_cpu_percent = 100.0 * (c1 - c0) / (w1 - w0)
                res.idle_bytes_per_min = (s.nbytes - b0) * 60.0 / (w1 - w0)
        if edit is not None and not s.exited():
            s.pump(time.perf_counter() + 0.3, quiet=0.3)  # let any tick finish
            b0 = s.nbytes
            edit()
            deadline = time.perf_counter() + reload_timeout
            if reload_ready is not None:
                seen, _ = s.pump(deadline, reload_ready)
                res.reload_seen = seen is not None
            # then the rest of that repaint: until the output pauses
            s.pump(min(deadline, time.perf_counter() + 1.0), quiet=0.25)
            res.reload_bytes = s.nbytes - b0
    finally:
        res.screen = s.lines()
        hwm = _vm_hwm(s.proc.pid) if not s.exited() else None
        s.close(quit_keys)
        res.bytes_total = s.nbytes
        res.exit_status = s.status
        if hwm is not None:
            res.peak_rss = hwm
        elif s.rusage is not None:
            # fallback; on Linux ru_maxrss also counts the forking parent's RSS before exec
            res.peak_rss = s.rusage.ru_maxrss * 1024  # kilobytes on Linux
    return res


def _vm_hwm(pid: int) -> int | None:
    """Peak RSS of the process's own address space (VmHWM), in bytes."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None
