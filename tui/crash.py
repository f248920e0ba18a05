"""Crash safety: never a traceback on the terminal.

* `write_crash_log(exc, context="") -> str` writes the traceback (and the version,
  Python, argv, and what the app was doing) to
  `platformdirs.user_state_dir("sitboard")/crash-<UTC time>.log` (falling back to the
  temp directory when that cannot be written) and returns its path (or a note that no
  log could be written). Never raises.
* `one_line(exc, log) -> str`: "sitboard: internal error: TypeError: ...; details in
  <log>" (control characters made visible, cut to one short line).
* `CrashGuardMixin` (mixed into the Textual App): Textual prints a Rich traceback itself
  when something raises in the app (App._handle_exception -> _fatal_error / panic ->
  _print_error_renderables after the terminal is restored). The mixin writes the log
  instead and prints ONE line on stderr once the terminal is back. Errors while applying
  a reload are not fatal: `with app.recovering("applying a reload", restore)` catches
  them, logs them, keeps (or puts back) the last good picture and says so in the error
  bar.
* `--crash-test` (hidden flag of `sitboard`): the app raises in on_mount, to test all
  of the above on a real terminal.

Importing this module imports only the standard library.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

APP = "sitboard"
EXIT_INTERNAL = 3


class CrashTest(RuntimeError):
    """Raised on purpose by `sitboard --crash-test`."""


def log_dir() -> Path:
    """Where crash logs go: the user's state directory for sitboard."""
    try:
        from platformdirs import user_state_dir

        return Path(user_state_dir(APP, appauthor=False))
    except Exception:  # platformdirs missing or broken
        return _temp_dir()


def _temp_dir() -> Path:
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"{APP}-{uid}"


def _version() -> str:
    try:
        from tui import __version__

        return f"{APP} {__version__}"
    except Exception:
        return APP


def _safe(s: object, limit: int = 300) -> str:
    """One short line, no control characters."""
    try:
        from tui.model.text import visible

        text = visible(str(s), single_line=True)
    except Exception:
        text = "".join(ch if ch.isprintable() else f"⟨U+{ord(ch):04X}⟩" for ch in str(s))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_crash_log(exc: BaseException, context: str = "", *, directory: Path | None = None) -> str:
    """The traceback in a new log file; returns its path. Never raises."""
    try:
        import traceback

        now = dt.datetime.now(dt.timezone.utc)
        body = (
            f"{now.isoformat()} {_version()} python {sys.version.split()[0]}\n"
            f"argv: {sys.argv!r}\n"
            f"TERM={os.environ.get('TERM', '')!r}\n"
            + (f"while: {context}\n" if context else "")
            + "\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        )
    except Exception as inner:  # formatting the traceback failed: keep what we can
        body = f"{type(exc).__name__}: {exc!r}\n(formatting the traceback failed: {inner!r})\n"
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    candidates = [directory] if directory is not None else [log_dir(), _temp_dir()]
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"crash-{stamp}.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(body)
            return str(path)
        except Exception:
            continue
    return "(no writable log directory)"


def one_line(exc: BaseException, log: str) -> str:
    return f"{APP}: internal error: {_safe(type(exc).__name__, 80)}: {_safe(exc)}; details in {log}"


def _stderr_line(line: str) -> None:
    for stream in (sys.__stderr__, sys.stderr):
        try:
            if stream is not None:
                stream.write(line + "\n")
                stream.flush()
                return
        except Exception:
            continue


class CrashGuardMixin:
    """Textual App side: log file instead of a traceback; recoverable reload errors."""

    crash_log: str | None = None  # path of the log of a fatal error, once there is one
    crash_line: str | None = None  # the one line printed on stderr for it
    crash_test: bool = False  # --crash-test: raise in on_mount
    recovered: list[str]  # logs of errors the app carried on after

    # -- fatal errors -----------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:  # Textual's hook
        if self.crash_log is None:  # the first error is the one that matters
            self.crash_log = write_crash_log(error, "running the board")
            self.crash_line = one_line(error, self.crash_log)
        self._return_code = EXIT_INTERNAL  # type: ignore[attr-defined]
        if self._exception is None:  # type: ignore[attr-defined]  # Pilot re-raises it in tests
            self._exception = error  # type: ignore[attr-defined]
            self._exception_event.set()  # type: ignore[attr-defined]
        self._close_messages_no_wait()  # type: ignore[attr-defined]

    def _fatal_error(self) -> None:  # never a Rich traceback
        self._close_messages_no_wait()  # type: ignore[attr-defined]

    def _print_error_renderables(self) -> None:  # called once the terminal is restored
        renderables = list(self._exit_renderables)  # type: ignore[attr-defined]
        self._exit_renderables.clear()  # type: ignore[attr-defined]
        if renderables and self.crash_log is None:  # a panic() with no exception: log it too
            try:
                from rich.console import Console

                console = Console(file=None, record=True, width=100, color_system=None, force_terminal=False)
                with console.capture():
                    for r in renderables:
                        console.print(r)
                text = console.export_text()
            except Exception:
                text = "\n".join(map(str, renderables))
            err = RuntimeError(text.strip().splitlines()[-1] if text.strip() else "the app stopped")
            self.crash_log = write_crash_log(err, "panic:\n" + text)
            self.crash_line = one_line(err, self.crash_log)
        if self.crash_line:
            _stderr_line(self.crash_line)

    # -- recoverable errors -----------------------------------------------------------
    @contextlib.contextmanager
    def recovering(self, doing: str, restore: Callable[[], Any] | None = None) -> Iterator[None]:
        """Run a step the board can survive: on an exception, log it, call `restore`
        (put the last good picture back), and say so in the error bar."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - this is the safety net
            log = write_crash_log(exc, doing)
            if not hasattr(self, "recovered"):
                self.recovered = []
            self.recovered.append(log)
            if restore is not None:
                try:
                    restore()
                except Exception as again:  # the picture cannot be put back either
                    write_crash_log(again, f"restoring the picture after an error {doing}")
            message = (
                f"internal error {doing} ({_safe(type(exc).__name__, 80)}: {_safe(exc, 160)});"
                f" showing the last good picture; details in {log}"
            )
            try:
                self.board.errorbar.show_problems([message], kind="internal error")  # type: ignore[attr-defined]
            except Exception:
                try:
                    self.notify(message, severity="error", markup=False, timeout=30)  # type: ignore[attr-defined]
                except Exception:
                    pass

    def maybe_crash_test(self) -> None:
        """`sitboard --crash-test`: fail on purpose (on_mount calls this)."""
        if self.crash_test:
            raise CrashTest("crash test (sitboard --crash-test): this is not a bug")
