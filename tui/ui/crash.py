"""Crash safety on the Textual side: never a Rich traceback on the terminal.

`CrashGuardMixin` (mixed into the Textual App) writes a crash log
(tui.runtime.crashlog) and prints ONE line on stderr once the terminal is back. Errors
while applying a reload are not fatal: `with app.recovering("applying a reload",
restore)` catches them, logs them, keeps (or puts back) the last good picture and says
so in the error bar. `--crash-test` (hidden flag of `sitboard`): the app raises in
on_mount, to test all of this on a real terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from tui.runtime.crashlog import EXIT_INTERNAL, CrashTest, _safe, _stderr_line, one_line, write_crash_log


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
