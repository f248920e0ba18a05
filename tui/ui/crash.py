"""Crash safety on the Textual side: never a Rich traceback on the terminal.

Textual 8.2 has no public hook for an unhandled exception (Textualize/textual#2818):
it exits the app, restores the terminal, then prints the traceback to the app's public
`error_console`. `CrashGuard.install()` makes that console write into a crash log
(tui.runtime.crashlog) instead of the terminal: the first text it receives becomes the
log, ONE line naming it goes to stderr, and the return code becomes 3 through the
public `App.exit(return_code=...)`.

Errors while applying a reload are not fatal: `with guard.recovering("applying a
reload", restore)` catches them, logs them, keeps (or puts back) the last good picture
and says so (the `report` callback: the board's error bar). `sitboard --crash-test`
(a hidden flag) makes the app raise in on_mount, to test all of this on a real terminal.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import Console

from tui.runtime.crashlog import (
    EXIT_INTERNAL,
    short_text,
    stderr_line,
    summary_line,
    write_crash_log,
    write_crash_log_text,
)

if TYPE_CHECKING:
    from textual.app import App

# The line after a Rich traceback's last frame: "ZeroDivisionError: boom".
_EXC_LINE = re.compile(r"^([A-Za-z_][\w.]*): ?(.*)$")


def summary_of(traceback_text: str) -> tuple[str, str]:
    """(exception type, message) from the text Textual prints for a fatal error: the
    lines after the last frame panel ("╰───╯") read "Type: message" (wrapped)."""
    text = traceback_text.rstrip()
    tail = text.rsplit("╯", 1)[-1]
    lines = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        m = _EXC_LINE.match(line)
        if m:
            return m.group(1).rsplit(".", 1)[-1], " ".join([m.group(2), *lines[i + 1 :]]).strip()
    return "Error", lines[-1] if lines else "the app stopped"


class _Sink(io.StringIO):
    """A file for the error console: text collected, handed on when flushed."""

    def __init__(self, on_text: Callable[[str], None]) -> None:
        super().__init__()
        self._on_text = on_text

    def flush(self) -> None:
        text = self.getvalue()
        self.seek(0)
        self.truncate()
        if text.strip():
            self._on_text(text)


class CrashGuard:
    """The app's crash log and recoverable errors. `report(messages)` shows a problem
    on screen (the board's error bar)."""

    def __init__(self, app: App[Any], report: Callable[[list[str]], None]) -> None:
        self.app = app
        self.report = report
        self.log: str | None = None  # path of the log of a fatal error, once there is one
        self.line: str | None = None  # the one line printed on stderr for it
        self.recovered: list[str] = []  # logs of errors the app carried on after

    def install(self) -> None:
        """Textual prints a fatal error to `error_console` once the terminal is back:
        ours writes it to a crash log (plain text, wide, no colour)."""
        self.app.error_console = Console(
            file=_Sink(self._fatal_text),
            width=160,
            color_system=None,
            force_terminal=False,
            markup=False,
            highlight=False,
        )

    def _fatal_text(self, text: str) -> None:
        if self.log is None:  # the first error is the one that matters
            kind, message = summary_of(text)
            self.log = write_crash_log_text(text, "running the board")
            self.line = summary_line(kind, message, self.log)
            stderr_line(self.line)
        self.app.exit(return_code=EXIT_INTERNAL)  # the app has stopped: this only sets the code

    @contextlib.contextmanager
    def recovering(self, doing: str, restore: Callable[[], Any] | None = None) -> Iterator[None]:
        """Run a step the board can survive: on an exception, log it, call `restore`
        (put the last good picture back), and say so on screen."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - this is the safety net
            log = write_crash_log(exc, doing)
            self.recovered.append(log)
            if restore is not None:
                try:
                    restore()
                except Exception as again:  # the picture cannot be put back either
                    write_crash_log(again, f"restoring the picture after an error {doing}")
            message = (
                f"internal error {doing} ({short_text(type(exc).__name__, 80)}: {short_text(exc, 160)});"
                f" showing the last good picture; details in {log}"
            )
            try:
                self.report([message])
            except Exception:  # no board to show it on: a notice then
                self.app.notify(message, severity="error", markup=False, timeout=30)
