"""tui.runtime.clipboard: the tmux buffer (a real tmux server on its own socket), the mouse
default over SSH, and notices that say where the text was sent, never "Copied"."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tmux_support import tmux_server  # noqa: E402

from tui.runtime.clipboard import TmuxResult, in_tmux, load_tmux_buffer, mouse_default, notice, over_ssh  # noqa: E402


def test_where_we_are() -> None:
    assert in_tmux({"TMUX": "/tmp/tmux-0/default,1,0"}) and not in_tmux({}) and not in_tmux({"TMUX": ""})
    assert over_ssh({"SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}) and over_ssh({"SSH_TTY": "/dev/pts/3"})
    assert not over_ssh({"TERM": "xterm"})
    assert mouse_default({}) is True
    assert mouse_default({"SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}) is False


def test_load_buffer_puts_the_text_in_the_tmux_buffer() -> None:
    text = "[TLP:CLEAR] over 76,000 evacuated — “quoted”\nsecond line\n"
    with tmux_server() as tmux:
        assert tmux.buffers() == []
        result = load_tmux_buffer(text, env=tmux.env())
        assert result == TmuxResult(True)
        assert tmux.show_buffer() == text


def test_a_tmux_that_is_gone_is_reported() -> None:
    env = dict(os.environ, TMUX="/nonexistent/tmux-socket,1,0")
    result = load_tmux_buffer("x", env=env)
    assert not result.ok
    assert "/nonexistent/tmux-socket" in result.reason and result.reason.isprintable()


def test_no_tmux_on_path() -> None:
    result = load_tmux_buffer("x", env={"TMUX": "/tmp/x,1,0", "PATH": "/nonexistent"})
    assert result == TmuxResult(False, "tmux is not on PATH")


def test_a_tmux_that_does_not_answer_times_out() -> None:
    with tmux_server() as tmux:
        pid = tmux.server_pid()
        env = tmux.env()
        os.kill(pid, signal.SIGSTOP)  # a hung server: load-buffer would wait for ever
        try:
            result = load_tmux_buffer("x", env=env, timeout=0.5)
        finally:
            os.kill(pid, signal.SIGCONT)
        assert result == TmuxResult(False, "tmux did not answer within 0.5 s")


@pytest.mark.parametrize(
    ("tmux", "mouse", "expected", "warn"),
    [
        (
            None,
            True,
            "Evacuations › Kursk: 1 line sent to the terminal clipboard (OSC 52). If your terminal ignores "
            "OSC 52, nothing was copied: start with --no-mouse and select it.",
            False,
        ),
        (
            None,
            False,
            "Evacuations › Kursk: 1 line sent to the terminal clipboard (OSC 52). If your terminal ignores "
            "OSC 52, nothing was copied: select it with the mouse.",
            False,
        ),
        (
            TmuxResult(True),
            True,
            "Evacuations › Kursk: 1 line sent to the terminal clipboard (OSC 52) and the tmux buffer.",
            False,
        ),
        (
            TmuxResult(False, "no server running"),
            True,
            "Evacuations › Kursk: 1 line sent to the terminal clipboard (OSC 52), NOT to the tmux buffer "
            "(no server running); tmux passes OSC 52 on only with set-clipboard on.",
            True,
        ),
    ],
)
def test_notice_says_where_it_went(tmux: TmuxResult | None, mouse: bool, expected: str, warn: bool) -> None:
    text, is_warning = notice("Evacuations › Kursk", lines=1, tmux=tmux, mouse=mouse)
    assert (text, is_warning) == (expected, warn)
    assert "Copied" not in text


def test_notice_says_when_it_was_cut() -> None:
    text, warn = notice("Events › Big", lines=80, tmux=TmuxResult(True), mouse=True, cut=(8_000, 10_240_000))
    assert text.startswith("Events › Big: 80 lines sent to")
    assert text.endswith(" Cut to 8,000 of 10,240,000 characters.")
    assert warn
