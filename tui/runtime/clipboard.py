"""Where a copy goes, and what can honestly be said about it (UI-free).

The app writes the OSC 52 sequence itself (Textual's `App.copy_to_clipboard`). Nobody can
tell whether the terminal honours it (a stock xterm ignores it; tmux, by default
`set-clipboard external`, swallows it from applications), so no notice ever says
"Copied": it says where the text was SENT. Inside tmux (`$TMUX` set) the text also goes
to `tmux load-buffer -w -`: its exit code says whether the tmux buffer has it, and `-w`
has tmux pass it on to the outer terminal's clipboard itself (it does so whatever
`set-clipboard` says, when the terminal's terminfo has `Ms`; checked with tmux 3.3a).

The mouse: over SSH (`$SSH_CONNECTION` or `$SSH_TTY`) the board leaves the mouse to the
terminal by default, so its own drag-to-select (the copy that always works) works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from tui.model.text import format_number, visible

__all__ = [
    "TMUX_TIMEOUT",
    "TmuxResult",
    "in_tmux",
    "over_ssh",
    "mouse_default",
    "load_tmux_buffer",
    "notice",
]

TMUX_TIMEOUT = 3.0  # seconds: a tmux server that does not answer by then is reported, not waited for
_REASON_MAX = 120  # characters of tmux's own message kept in a notice


def in_tmux(env: Mapping[str, str] | None = None) -> bool:
    return bool((os.environ if env is None else env).get("TMUX"))


def over_ssh(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def mouse_default(env: Mapping[str, str] | None = None) -> bool:
    """Capture the mouse unless over SSH (there the terminal's own selection is the copy
    that always works; `--mouse` turns capture on)."""
    return not over_ssh(env)


@dataclass(frozen=True, slots=True)
class TmuxResult:
    """What `tmux load-buffer` did: `ok` from its exit code; `reason` (one safe line) if not."""

    ok: bool
    reason: str = ""


def _reason(text: str) -> str:
    line = " ".join(visible(text, single_line=True, spaces=True).split())
    return line if len(line) <= _REASON_MAX else line[: _REASON_MAX - 1] + "…"


def load_tmux_buffer(text: str, *, env: Mapping[str, str] | None = None, timeout: float = TMUX_TIMEOUT) -> TmuxResult:
    """Put `text` in a new tmux buffer (`tmux load-buffer -w -`, the text on stdin, no
    shell). Blocks up to `timeout`: call it off the UI thread. A tmux older than 3.2 has
    no `-w`: then the buffer is loaded without it."""
    env = dict(os.environ if env is None else env)
    exe = shutil.which("tmux", path=env.get("PATH"))
    if exe is None:
        return TmuxResult(False, "tmux is not on PATH")
    data = text.encode("utf-8", errors="replace")
    for args in (["load-buffer", "-w", "-"], ["load-buffer", "-"]):
        try:
            done = subprocess.run([exe, *args], input=data, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            return TmuxResult(False, f"tmux did not answer within {format_number(timeout)} s")
        except OSError as exc:
            return TmuxResult(False, _reason(f"tmux could not be run: {exc.strerror or exc}"))
        if done.returncode == 0:
            return TmuxResult(True)
        err = done.stderr.decode("utf-8", errors="replace").strip()
        if "-w" in args and ("unknown flag" in err or "usage" in err):
            continue  # tmux < 3.2
        return TmuxResult(False, _reason(err or f"tmux exited with {done.returncode}"))
    return TmuxResult(False, "tmux refused load-buffer")


def notice(
    what: str,
    *,
    lines: int,
    tmux: TmuxResult | None,
    mouse: bool,
    cut: tuple[int, int] | None = None,
) -> tuple[str, bool]:
    """The notice after a copy, and whether it is a warning.

    `what` names the text (one safe line); `lines` how many lines it has; `tmux` what
    load-buffer did (None outside tmux); `mouse` whether the board captures the mouse (the
    fallback to suggest); `cut` (kept, total) characters when the text was capped.
    """
    count = "1 line" if lines == 1 else f"{format_number(lines)} lines"
    head = f"{what}: {count}"
    if tmux is None:
        select = "start with --no-mouse and select it" if mouse else "select it with the mouse"
        text = (
            f"{head} sent to the terminal clipboard (OSC 52). "
            f"If your terminal ignores OSC 52, nothing was copied: {select}."
        )
        warn = False
    elif tmux.ok:
        text = f"{head} sent to the terminal clipboard (OSC 52) and the tmux buffer."
        warn = False
    else:
        text = (
            f"{head} sent to the terminal clipboard (OSC 52), NOT to the tmux buffer ({tmux.reason}); "
            "tmux passes OSC 52 on only with set-clipboard on."
        )
        warn = True
    if cut is not None and cut[0] < cut[1]:
        text += f" Cut to {format_number(cut[0])} of {format_number(cut[1])} characters."
        warn = True
    return text, warn
