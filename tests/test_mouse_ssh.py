"""The mouse over SSH: the real `sitboard` on a pty leaves the mouse to the terminal when
$SSH_CONNECTION (or $SSH_TTY) is set, so drag-to-select works; `--mouse` turns capture on,
`--no-mouse` off. Read from the bytes it writes: the mouse-tracking enable sequence."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_support import PtyApp  # noqa: E402

MOUSE_ON = b"\x1b[?1000h"  # SET_VT200_MOUSE: the terminal reports clicks, selection stops working
SSH = {"SSH_CONNECTION": "192.0.2.10 50022 192.0.2.20 22"}


@pytest.mark.parametrize(
    ("env", "args", "captured"),
    [
        (SSH, [], False),
        ({"SSH_TTY": "/dev/pts/7"}, [], False),
        (SSH, ["--mouse"], True),
        ({}, [], True),
        ({}, ["--no-mouse"], False),
    ],
)
def test_mouse_capture(env: dict[str, str], args: list[str], captured: bool) -> None:
    # (conftest drops the caller's SSH_* and TMUX: the board sees only `env`'s)
    with PtyApp(args, env=env) as app:
        app.wait_text("Fronts")
        app.wait_quiet()
        app.send("q")
        assert app.finish() == 0
        assert (MOUSE_ON in app.raw) is captured
        assert b"\x1b[?1049h" in app.raw  # it did take the screen (the test saw the real start-up)
