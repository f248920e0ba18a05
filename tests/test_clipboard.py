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


@pytest.mark.parametrize("set_clipboard", ["external", "off"])
def test_load_buffer_w_reaches_the_outer_terminal(set_clipboard: str) -> None:
    """What the notice claims inside tmux: `load-buffer -w` has tmux itself send the text
    to the terminal its client runs in (OSC 52), whatever `set-clipboard` says (tmux 3.3a),
    while the app's own OSC 52 is dropped under the default `external`."""
    import base64
    import pty
    import select
    import time

    def read_until(fd: int, needle: bytes, timeout: float = 20.0) -> bytes:
        out, end = b"", time.monotonic() + timeout
        while needle not in out and time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
        return out

    with tmux_server(["sh"]) as tmux:
        tmux.run("set-option", "-s", "set-clipboard", set_clipboard)
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        env["TERM"] = "xterm-256color"  # tmux's terminal-features give xterm* the clipboard (Ms)
        pid, fd = pty.fork()
        if pid == 0:  # the outer terminal's side: a tmux client attached to the session
            os.execvpe("tmux", ["tmux", "-L", tmux.socket, "attach", "-t", "t"], env)
        try:
            tmux.wait_for(lambda: tmux.run("list-clients", check=False).stdout.strip() != b"", what="client")
            # the app's own OSC 52 from inside the pane: not passed on under `external`
            tmux.run("send-keys", "-t", "t", "printf '\\033]52;c;QVBQ\\007'; echo done-$((6*7))", "Enter")
            seen = read_until(fd, b"done-42")  # the output, not the typed line
            assert b"\x1b]52" not in seen
            text = "[TLP:CLEAR] over 76,000 — “quoted”"
            assert load_tmux_buffer(text, env=tmux.env()).ok
            payload = base64.b64encode(text.encode()).decode().encode()
            assert payload in read_until(fd, payload)
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
