"""The Wire on the real board (issue 14): the program on a pty, every write logged (what
Textual wrote, what the Wire wrote: tests/wire_record.py) while a user goes through it: the
first screen, panes, the cursor, the detail and back, a search, resizes, help. Replayed on two
reference terminals (tests/wire_support.py), they agree after every single write, cell by cell
and on the cursor, in every kind of terminal the board supports; and the real terminal ends
showing the same screen."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pty_support import ROOT, PtyApp
from wire_support import RefScreen, differences

TITLE = "Ukrainian incursion into Russia"


def board_ready(app: PtyApp) -> bool:
    text = app.text()
    return TITLE in text and "5 Events" in text and "Convoy" in text


def replay(log: Path, cols: int, rows: int) -> tuple[RefScreen, RefScreen, int, int]:
    """Both terminals through the log; fails at the first write after which they differ."""
    raw, ours = RefScreen(cols, rows), RefScreen(cols, rows)
    sent = received = 0
    for n, line in enumerate(log.read_text(encoding="utf-8").splitlines()):
        entry = json.loads(line)
        if entry[0] == "size":
            for screen in (raw, ours):
                screen.resize(entry[2], entry[1])
            continue
        _, data, out = entry
        raw.feed(data)
        ours.feed(out)
        sent, received = sent + len(data.encode()), received + len(out.encode())
        diff = differences(raw, ours)
        assert not diff, f"write {n} ({data[:120]!r}...): {diff}"
    return raw, ours, sent, received


def session(env: dict[str, str], log: Path, full: bool) -> PtyApp:
    """A user's tour of the board, waiting on the screen at each step."""
    app = PtyApp([], env=env, argv=[sys.executable, str(ROOT / "tests" / "wire_record.py"), str(log)])
    app.wait_for(board_ready, what="the first screen")

    def press(key: str, shows: str) -> None:
        app.send(key)
        app.wait_text(shows)
        app.wait_quiet(0.3)

    press("\t", "┏━ 2 Evacuations")
    press("3", "┏━ 3 Statements")
    press("j", "┏━ 3 Statements")
    press("\r", "Sources")
    press("\x1b", "┏━ 3 Statements")
    press("/", "search all panes")
    press("b", "b")
    press("e", "be")
    press("\x1b", "┏━ 3 Statements")
    if full:
        press("5", "┏━ 5 Events")
        for _ in range(4):
            press("j", "┏━ 5 Events")
        press("?", "Keys")
        press("\x1b", "┏━ 5 Events")
        app.resize(100, 30)
        app.wait_for(board_ready, what="the board at 100x30")
        app.wait_quiet(0.5)
        app.resize(60, 20)
        app.wait_quiet(0.5)
        app.resize(80, 24)
        app.wait_for(board_ready, what="the board at 80x24 again")
        app.wait_quiet(0.5)
    return app


def run_and_replay(tmp_path: Path, env: dict[str, str], full: bool = False) -> tuple[int, int]:
    log = tmp_path / "writes.jsonl"
    with session(env, log, full) as app:
        live = [[app.screen.buffer[y][x] for x in range(app.cols)] for y in range(app.rows)]
        app.send("q")
        assert app.finish() == 0
    raw, ours, sent, received = replay(log, 80, 24)
    # the real terminal got the Wire's writes: it shows what Textual's own would have shown
    assert [[tuple(c) for c in row] for row in live] == [
        [tuple(ours.buffer[y][x]) for x in range(80)] for y in range(24)
    ]
    return sent, received


def test_the_board_through_the_wire_is_exactly_textuals_picture(tmp_path: Path) -> None:
    sent, received = run_and_replay(tmp_path, {"TERM": "xterm-256color"}, full=True)
    assert received < sent / 3, (sent, received)  # and it costs a fraction of the bytes


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "screen-256color"},
        {"TERM": "linux"},
        {"TERM": "vt100"},
        {"TERM": "xterm-256color", "NO_COLOR": "1"},
        {"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"},
        {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    ],
    ids=["tmux", "linux", "vt100", "no-color", "16-colours", "truecolor"],
)
def test_every_kind_of_terminal_gets_exactly_textuals_picture(tmp_path: Path, env: dict[str, str]) -> None:
    run_and_replay(tmp_path, env)
