"""Crash safety (tui/runtime/crashlog.py, tui/ui/crash.py): never a traceback on the terminal.

A fatal error restores the terminal, writes the traceback to
<user_state_dir>/sitboard/crash-<time>.log and prints ONE line naming it on stderr; the
exit code is 3. An error while applying a reload is not fatal: the last good picture
stays, the error bar says what happened, and reloads keep working.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from live_support import wait_until
from pty_support import PtyApp
from textual.binding import Binding

from tui import cli
from tui.runtime.crashlog import CrashTest, one_line, write_crash_log
from tui.ui.app import SitboardApp

HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
TIMEOUT = 20


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch) -> Path:
    """platformdirs' user_state_dir follows XDG_STATE_HOME: logs land in tmp_path."""
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def logs(state_home: Path) -> list[Path]:
    return sorted((state_home / "sitboard").glob("crash-*.log"))


class Boom(SitboardApp):
    BINDINGS = [Binding("f12", "boom", "Boom")]

    def action_boom(self) -> None:
        raise ZeroDivisionError("boom \x1b[31m in an action")


def test_write_crash_log_and_one_line(tmp_path: Path) -> None:
    try:
        raise ValueError("bad \x1b]0;title\x07 value")
    except ValueError as exc:
        path = write_crash_log(exc, "testing", directory=tmp_path)
        line = one_line(exc, path)
    text = Path(path).read_text()
    assert Path(path).name.startswith("crash-") and path.endswith(".log")
    assert "Traceback (most recent call last)" in text and "while: testing" in text
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line
    assert line.startswith("sitboard: internal error: ValueError: bad ") and line.endswith(f"details in {path}")
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_write_crash_log_falls_back_to_the_temp_dir_then_says_so(monkeypatch) -> None:
    from tui.runtime import crashlog as crash

    monkeypatch.setenv("XDG_STATE_HOME", "/dev/full")  # the state dir cannot be made
    path = write_crash_log(RuntimeError("x"))
    assert Path(path).parent == crash._temp_dir() and "RuntimeError: x" in Path(path).read_text()
    Path(path).unlink()
    monkeypatch.setattr(crash, "_temp_dir", lambda: Path("/dev/full/nowhere"))
    assert write_crash_log(RuntimeError("x")) == "(no writable log directory)"


async def test_an_action_that_raises_is_logged_not_printed(tmp_path: Path, state_home: Path, capfd) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEADER, encoding="utf-8")
    app = Boom([str(f)], watch=False, read_user_keymap=False)
    with pytest.raises(ZeroDivisionError):  # Pilot re-raises the app's error for tests
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.situation is not None, TIMEOUT, what="the first load")
            await pilot.press("f12")
            await pilot.pause()
    assert app.return_code == 3
    assert app.crash_log is not None and Path(app.crash_log) in logs(state_home)
    log = Path(app.crash_log).read_text()
    assert "Traceback" in log and "action_boom" in log and "ZeroDivisionError" in log
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert err.count("\n") == 1 and err.startswith("sitboard: internal error: ZeroDivisionError: boom ")
    assert "\x1b[31m" not in err and f"details in {app.crash_log}" in err


async def test_an_error_applying_a_reload_keeps_the_last_good_picture(tmp_path: Path, state_home: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEADER + "fronts:\n  - name: North\n", encoding="utf-8")
    app = SitboardApp([str(f)], watch=False, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None, TIMEOUT, what="the first load")
        real_apply = app.apply_result
        calls = []

        def broken_apply(result):
            calls.append(1)
            if len(calls) == 1:
                real_apply(result)  # halfway: the board already holds the new result ...
                raise KeyError("a bug while applying")  # ... then something fails

            real_apply(result)

        app.apply_result = broken_apply  # type: ignore[method-assign]
        f.write_text(HEADER + "fronts:\n  - name: South\n", encoding="utf-8")
        await pilot.press("r")
        await wait_until(pilot, lambda: bool(getattr(app, "recovered", None)), TIMEOUT, what="the error caught")
        assert app.is_running
        assert [it.label for it in app.situation.items()] == ["North"]  # the last good picture
        assert [it.label for it in app.board.pane("fronts").items] == ["North"]
        problems = app.board.errorbar.messages
        assert any("internal error applying a reload (KeyError" in p and "details in" in p for p in problems)
        assert Path(app.recovered[0]).exists() and "a bug while applying" in Path(app.recovered[0]).read_text()
        # the reload machinery is not stuck: the next reload applies
        await pilot.press("r")
        await wait_until(
            pilot,
            lambda: [it.label for it in app.situation.items()] == ["South"],
            TIMEOUT,
            what="the next reload applied",
        )
        assert not any("internal error" in p for p in app.board.errorbar.messages)


def test_cli_internal_error_outside_the_app(monkeypatch, state_home: Path, capsys) -> None:
    def broken(argv):
        raise RuntimeError("oops")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    code = cli.main(["check", "x"])
    out, err = capsys.readouterr()
    assert code == 3 and out == ""
    assert re.fullmatch(r"sitboard: internal error: RuntimeError: oops; details in \S+crash-\S+\.log\n", err)
    [log] = logs(state_home)
    assert "Traceback" in log.read_text() and "oops" in log.read_text()


def test_crash_on_a_real_terminal_restores_it_and_prints_one_line(tmp_path: Path) -> None:
    """`sitboard --crash-test` in a pty: the app raises in on_mount."""
    state = tmp_path / "state"
    app = PtyApp(["--crash-test"], env={"XDG_STATE_HOME": str(state)})
    code = app.finish()
    raw = bytes(app.raw)
    assert code == 3, raw[-500:]
    assert b"Traceback" not in raw and b'File "' not in raw
    # the terminal is put back: alternate screen left, cursor shown, mouse off
    assert raw.index(b"\x1b[?1049h") < raw.rindex(b"\x1b[?1049l")
    assert b"\x1b[?25h" in raw[raw.rindex(b"\x1b[?1049l") - 200 :] or raw.rfind(b"\x1b[?25h") > raw.rfind(b"\x1b[?25l")
    tail = raw[raw.rindex(b"\x1b[?1049l") :].decode("utf-8", "replace")
    m = re.search(
        r"sitboard: internal error: CrashTest: crash test \(sitboard --crash-test\): this is not a bug; details in (\S+\.log)",
        tail,
    )
    assert m, tail
    log = Path(m.group(1))
    assert log.parent == state / "sitboard" and log.name.startswith("crash-")
    text = log.read_text()
    assert "Traceback" in text and "CrashTest" in text and "maybe_crash_test" in text


def test_crash_test_flag_is_hidden_from_help() -> None:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["--help"]) == 0
    assert "--crash-test" not in buf.getvalue()
    assert issubclass(CrashTest, RuntimeError)
