"""The board's terminal driver: Textual's Linux driver, writing through a Wire.

The app chooses its driver with public API (`App.driver_class`, the documented `driver_class`
constructor argument); `LinuxDriver.write(data)` is where every byte Textual sends to the
terminal passes (its frames, modes, queries), so overriding it is the one change. Nothing of
Textual's insides is read or set. `SITBOARD_WIRE=plain` keeps Textual's own writes (to compare
or to rule us out when a terminal looks wrong).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Any

from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from tui.ui.wire.mirror import Size, Wire


def terminal_size() -> Size | None:
    """(columns, rows) of the terminal Textual writes to (its driver writes to stderr), or
    None when that is not a terminal."""
    try:
        size = os.get_terminal_size(sys.__stderr__.fileno()) if sys.__stderr__ is not None else None
    except (OSError, ValueError):
        return None
    return (size.columns, size.lines) if size else None


def wire_wanted() -> bool:
    return os.environ.get("SITBOARD_WIRE", "").strip().lower() != "plain"


def board_driver(default: type[Driver]) -> type[Driver]:
    """The driver for the board: ours where Textual would use its Linux driver on a terminal,
    else what Textual chose (Windows, TEXTUAL_DRIVER, not a terminal)."""
    if default is LinuxDriver and wire_wanted() and terminal_size() is not None:
        return WireDriver
    return default


class WireDriver(LinuxDriver):
    """Textual's Linux driver; what the app writes goes through a Wire (only changed cells)."""

    def __init__(
        self, app: App[Any], *, debug: bool = False, mouse: bool = True, size: tuple[int, int] | None = None
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.wire = Wire(terminal_size)

    def write(self, data: str) -> None:
        out = self.wire.feed(data)
        if out:
            super().write(out)

    def start_application_mode(self) -> None:
        super().start_application_mode()
        # A resize may cost the terminal what it showed (shrunk and grown back to the same size
        # between two writes, the size alone would not tell): note every SIGWINCH, then let
        # Textual's handler do its part.
        textual_handler = signal.getsignal(signal.SIGWINCH)
        wire = self.wire

        def resized(signum: int, frame: FrameType | None) -> None:
            wire.resized = True
            if callable(textual_handler):
                textual_handler(signum, frame)

        signal.signal(signal.SIGWINCH, resized)
