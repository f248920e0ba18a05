"""A real tmux server of the test's own (`tmux -L test-<pid>-<n>`, no user config), and the
environment a program started inside it would see ($TMUX)."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

_counter = itertools.count()


@dataclass
class Tmux:
    socket: str  # the -L name
    path: str  # the socket's path

    def run(self, *args: str, check: bool = True, input: bytes | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, check=check, timeout=30, input=input
        )

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment of a program in a pane of this server."""
        env = dict(os.environ if base is None else base)
        env["TMUX"] = f"{self.path},{self.server_pid()},0"
        return env

    def server_pid(self) -> int:
        return int(self.run("display", "-p", "#{pid}").stdout.decode().strip())

    def buffers(self) -> list[str]:
        out = self.run("list-buffers", "-F", "#{buffer_name}", check=False).stdout.decode()
        return [b for b in out.splitlines() if b]

    def show_buffer(self) -> str:
        return self.run("show-buffer").stdout.decode("utf-8")

    def capture(self, target: str = "t") -> str:
        return self.run("capture-pane", "-p", "-t", target).stdout.decode("utf-8")

    def wait_for(self, pred: Callable[[], bool], timeout: float = 60.0, what: str = "", target: str = "t") -> None:
        end = time.monotonic() + timeout
        while not pred():
            if time.monotonic() > end:
                raise AssertionError(f"never happened: {what}\n--- pane ---\n{self.capture(target)}")
            time.sleep(0.05)


@contextmanager
def tmux_server(
    command: Sequence[str] = ("sleep", "600"),
    *,
    cols: int = 80,
    rows: int = 24,
    env: dict[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> Iterator[Tmux]:
    """A detached session `t` running `command` in a pane of cols x rows; `env` is the
    server's environment (the pane's, but for $TMUX), `cwd` the pane's folder."""
    if shutil.which("tmux") is None:
        raise RuntimeError("tmux is not installed (the copy tests need it)")
    socket = f"test-{os.getpid()}-{next(_counter)}"
    tmux = Tmux(socket, "")
    args = ["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(cols), "-y", str(rows)]
    if cwd is not None:
        args += ["-c", str(cwd)]
    subprocess.run(["tmux", "-L", socket, *args, *command], check=True, timeout=30, capture_output=True, env=env)
    try:
        tmux.path = tmux.run("display", "-p", "#{socket_path}").stdout.decode().strip()
        yield tmux
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=30)
