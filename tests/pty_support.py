"""Run the real `sitboard` in a pseudo-terminal and read its screen (pyte).

Used by tests/test_terminals.py, tests/test_crash.py and scripts/long_run.py.
No fixed sleeps: `wait_for(pred)` reads output until the screen satisfies `pred`
or a generous timeout passes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _controlling_tty() -> None:
    """In the child: a new session whose controlling terminal is the pty (stdin), as in
    a real terminal (SIGWINCH on resize, job control)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """`python -m tui ARGS` on a pty of `cols` x `rows`, with pyte reading the screen."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        cols: int = 80,
        rows: int = 24,
        argv: Sequence[str] | None = None,
    ) -> None:
        import pyte

        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        master, slave = pty.openpty()
        self._set_size(slave, rows, cols)
        # No COLUMNS/LINES: shutil.get_terminal_size() would prefer them to the pty's size.
        full_env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TEXTUAL", "PYTEST")) and k not in ("COLUMNS", "LINES")
        }
        full_env["TERM"] = "xterm-256color"
        full_env.update(env or {})
        cmd = list(argv) if argv is not None else [sys.executable, "-m", "tui", *args]
        self.proc = subprocess.Popen(
            cmd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=ROOT,
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.eof = False

    @staticmethod
    def _set_size(fd: int, rows: int, cols: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def resize(self, cols: int, rows: int) -> None:
        import pyte

        self.cols, self.rows = cols, rows
        # Like xterm: the top-left of what was on screen stays (pyte's own resize drops
        # lines from the top, and the program only repaints what it thinks changed).
        old = self.screen
        screen = pyte.Screen(cols, rows)
        screen.mode = set(old.mode)
        for y in range(min(rows, old.lines)):
            line = old.buffer[y]
            for x in range(min(cols, old.columns)):
                if x in line:
                    screen.buffer[y][x] = line[x]
        screen.cursor.x, screen.cursor.y = min(old.cursor.x, cols - 1), min(old.cursor.y, rows - 1)
        screen.cursor.attrs = old.cursor.attrs
        self.stream.detach(old)
        self.stream.attach(screen)
        self.screen = screen
        self._set_size(self.master, rows, cols)
        try:
            os.killpg(self.proc.pid, signal.SIGWINCH)
        except OSError:
            pass

    def read(self, timeout: float = 0.1) -> bytes:
        """What arrived within `timeout` seconds (b"" on EOF)."""
        if self.eof:
            return b""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the other side closed
            data = b""
        if not data:
            self.eof = True
            return b""
        self.raw += data
        self.stream.feed(data)
        return data

    def wait_quiet(self, quiet: float = 0.5, timeout: float = 30.0) -> None:
        """Read until nothing arrives for `quiet` seconds (the program has settled)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and not self.eof:
            if not self.read(quiet):
                return

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, pred: Callable[[PtyApp], bool], timeout: float = 30.0, what: str = "") -> None:
        end = time.monotonic() + timeout
        while not pred(self):
            if self.eof or time.monotonic() > end:
                raise AssertionError(
                    f"never happened: {what or pred}\n--- screen ---\n{self.text()}\n--- raw tail ---\n"
                    f"{bytes(self.raw[-600:])!r}"
                )
            self.read(0.1)

    def wait_text(self, needle: str, timeout: float = 30.0) -> None:
        self.wait_for(lambda a: needle in a.text(), timeout, f"{needle!r} on screen")

    def send(self, data: str | bytes) -> None:
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def finish(self, timeout: float = 30.0) -> int:
        """Read to EOF and return the exit code."""
        end = time.monotonic() + timeout
        while not self.eof and time.monotonic() < end:
            self.read(0.1)
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
