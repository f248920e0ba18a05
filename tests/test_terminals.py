"""Terminals: the real program in a pty (pyte reads the screen) under TERM=linux, vt100,
screen-256color, xterm-256color; NO_COLOR; 16 colours; TERM=dumb refused with a clear
line; resize storms (Pilot, and SIGWINCH on the real program).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pty_support import ROOT, PtyApp
from screen_support import screen_lines

TITLE = "Ukrainian incursion into Russia"
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def first_screen_ready(app: PtyApp) -> bool:
    """The whole first paint is there: title, the five panes, the last pane's rows."""
    text = app.text()
    return TITLE in text and "5 Events" in text and "Convoy" in text


def sgr_colours(raw: bytes) -> list[tuple[str, tuple[int, ...]]]:
    """Every colour set by an SGR sequence: ("256", (n,)), ("rgb", (r, g, b)), ("16", (code,))."""
    out: list[tuple[str, tuple[int, ...]]] = []
    for m in SGR.finditer(raw):
        parts = [int(p) if p.isdigit() else 0 for p in m.group(1).replace(b":", b";").decode().split(";") if p != ""]
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in (38, 48, 58) and i + 1 < len(parts):
                if parts[i + 1] == 5 and i + 2 < len(parts):
                    out.append(("256", (parts[i + 2],)))
                    i += 3
                    continue
                if parts[i + 1] == 2 and i + 4 < len(parts):
                    out.append(("rgb", tuple(parts[i + 2 : i + 5])))
                    i += 5
                    continue
            if 30 <= p <= 37 or 40 <= p <= 47 or 90 <= p <= 97 or 100 <= p <= 107:
                out.append(("16", (p,)))
            i += 1
    return out


def is_grey(kind: str, value: tuple[int, ...]) -> bool:
    if kind == "rgb":
        r, g, b = value
        return r == g == b
    if kind == "256":
        n = value[0]
        return n in (0, 7, 8, 15, 16, 231) or 232 <= n <= 255
    return value[0] in (30, 37, 40, 47, 90, 97, 100, 107)


def run_board(env: dict[str, str], keys: bool = True) -> tuple[int, bytes, str]:
    """Open the default board, check the first screen, press 2 (a pane key) and q."""
    with PtyApp([], env=env) as app:
        app.wait_for(first_screen_ready, what="the first screen")
        first = bytes(app.raw)
        screen = app.text()
        if keys:
            # 2 focuses the Evacuations pane: its border becomes the heavy (focused) one
            app.send("2")
            app.wait_for(lambda a: "┏━ 2 Evacuations" in a.text(), what="pane 2 focused")
            assert "┏━ 1 Fronts" not in app.text()
        app.send("q")
        code = app.finish()
    return code, first, screen


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color", "linux", "vt100"])
def test_real_terminal_first_screen_keys_and_quit(term: str) -> None:
    code, first, screen = run_board({"TERM": term})
    assert code == 0
    assert screen.splitlines()[0].lstrip().startswith(TITLE)
    assert "TLP:CLEAR" in screen.splitlines()[0]
    for pane in ("1 Fronts", "2 Evacuations", "3 Statements", "4 Infrastructure", "5 Events"):
        assert pane in screen
    assert b"Traceback" not in first
    colours = sgr_colours(first)
    assert colours, "no colour at all"
    if term in ("linux", "vt100"):  # 8/16-colour terminals get only the 16 standard colours
        assert {k for k, _ in colours} == {"16"}, sorted(set(colours))[:10]


def test_no_color_is_greys_only() -> None:
    code, first, screen = run_board({"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert code == 0 and TITLE in screen
    colours = sgr_colours(first)
    assert colours and all(is_grey(k, v) for k, v in colours), [c for c in colours if not is_grey(*c)][:10]


@pytest.mark.parametrize("value", ["16", "standard"])
def test_sixteen_colours(value: str) -> None:
    code, first, screen = run_board({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": value})
    assert code == 0 and TITLE in screen
    colours = sgr_colours(first)
    assert colours and {k for k, _ in colours} == {"16"}, sorted(set(colours))[:10]


def test_dumb_terminal_gets_a_clear_line_not_garbage() -> None:
    with PtyApp([], env={"TERM": "dumb"}) as app:
        code = app.finish()
        raw = bytes(app.raw)
    assert code == 2
    assert raw.replace(b"\r\n", b"\n") == b"sitboard needs a full-screen terminal (TERM=dumb); try `sitboard brief`\n"
    assert b"\x1b" not in raw


def test_dumb_terminal_still_runs_the_commands() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "brief", "--format", "text"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "TERM": "dumb", "HOME": str(Path.home())},
    )
    assert proc.returncode == 0, proc.stderr
    assert TITLE in proc.stdout and "\x1b" not in proc.stdout


def test_resize_storm_on_the_real_program() -> None:
    """50 SIGWINCHes of every size, tiny included; then the board is right at 80x24."""
    sizes = [(20 + (i * 37) % 180, 5 + (i * 11) % 55) for i in range(49)] + [(80, 24)]
    with PtyApp([]) as app:
        app.wait_for(first_screen_ready, what="the first screen")
        for cols, rows in sizes:
            app.resize(cols, rows)
            app.read(0.01)
        app.wait_quiet()  # the storm is over: the program settles
        app.wait_for(
            lambda a: first_screen_ready(a) and a.screen.display[0].startswith(" " + TITLE[:10]),
            what="repaint at 80x24",
        )
        assert b"Traceback" not in bytes(app.raw)
        app.send("q")
        assert app.finish() == 0


async def test_resize_storm_pilot() -> None:
    from textual.geometry import Size

    from tui.runtime.paths import default_situation_path
    from tui.ui.app import SitboardApp

    app = SitboardApp([str(default_situation_path())], watch=False, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for i in range(50):
            cols, rows = 10 + (i * 53) % 200, 3 + (i * 17) % 70
            await pilot.resize_terminal(cols, rows)
            if i % 10 == 0:
                await pilot.press("tab")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running and app.size == Size(80, 24)
        assert app.situation is not None and app.situation.item_count > 10
        lines = screen_lines(app)
        assert len(lines) == 24
        text = "\n".join(lines)
        assert TITLE[:20] in text and "5 Events" in text
        await pilot.press("2", "j", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DetailScreen"


def test_quit_after_a_live_reload_exits(tmp_path: Path) -> None:
    """q after a save was reloaded: the process exits (it used to hang for ever, the
    watcher's thread waited on by asyncio.run after the terminal was restored)."""
    d = tmp_path / "sit"
    d.mkdir()
    head = "situation:\n  id: demo\n  title: Live demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
    (d / "main.yaml").write_text(head + "fronts:\n  - name: North\n", encoding="utf-8")
    with PtyApp([str(d)]) as app:
        app.wait_text("North")
        app.wait_quiet()  # the watcher is armed once the first load is on screen
        tmp = d / ".main.yaml.tmp"
        tmp.write_text(head + "fronts:\n  - name: South\n", encoding="utf-8")
        tmp.replace(d / "main.yaml")
        app.wait_text("South")
        app.send("q")
        assert app.finish(timeout=30) == 0
