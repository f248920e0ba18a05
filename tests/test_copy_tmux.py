"""`y` and `Y` in a real tmux: the real `sitboard` on the embedded default in a pane of a
tmux server of the test's own (`tmux -L test-<pid>-<n>`); `2 y` leaves the one-line text in
the tmux buffer, `Y` the whole item. With tmux's default `set-clipboard external` the
app's own OSC 52 makes no buffer (tmux ignores it from applications): the buffer is ours,
from `tmux load-buffer`. With `set-clipboard on` tmux takes the app's OSC 52 too: a second
buffer, the same text (the OSC 52 payload is right)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tmux_support import tmux_server  # noqa: E402

from tui.model.copytext import item_line, item_whole  # noqa: E402
from tui.model.load import load  # noqa: E402
from tui.runtime.paths import default_situation_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "PYTEST", "TMUX", "SSH_")) and k not in ("COLUMNS", "LINES")
    }
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_y_and_Y_fill_the_tmux_buffer() -> None:
    sit = load([str(default_situation_path())]).situations[0]
    evacuation = sit.evacuations[0]
    line = item_line(sit, evacuation).text
    whole = item_whole(sit, evacuation).text
    assert line.startswith("[TLP:CLEAR] over 76,000 evacuated from Kursk region border areas")

    with tmux_server([sys.executable, "-m", "tui"], env=_env(), cwd=ROOT) as tmux:
        assert tmux.run("show-options", "-s", "set-clipboard").stdout.decode().split() == ["set-clipboard", "external"]
        tmux.wait_for(lambda: "Evacuations" in tmux.capture() and "over 76,000" in tmux.capture(), what="board")
        tmux.run("send-keys", "-t", "t", "2")
        tmux.run("send-keys", "-t", "t", "y")
        tmux.wait_for(lambda: len(tmux.buffers()) == 1, what="a tmux buffer after y")
        assert tmux.show_buffer() == line
        tmux.wait_for(lambda: "clipboard" in tmux.capture(), what="the notice")  # its words: tests/test_copy_ui.py
        assert "Copied" not in tmux.capture()

        tmux.run("send-keys", "-t", "t", "Y")
        tmux.wait_for(lambda: len(tmux.buffers()) == 2, what="a second tmux buffer after Y")
        assert tmux.show_buffer() == whole

        # set-clipboard on: tmux also takes the app's own OSC 52 (one more buffer, the same text)
        tmux.run("set-option", "-s", "set-clipboard", "on")
        tmux.run("send-keys", "-t", "t", "y")
        tmux.wait_for(lambda: len(tmux.buffers()) == 4, what="two more buffers after y")
        newest = tmux.buffers()[:2]
        assert [tmux.run("show-buffer", "-b", b).stdout.decode() for b in newest] == [line, line]
        tmux.run("send-keys", "-t", "t", "q")
