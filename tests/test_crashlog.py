"""Crash logs (tui/runtime/crashlog.py, issue 10): one log per distinct error, a private
state folder, a temp-folder fallback that never follows a planted symbolic link."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from tui.runtime import crashlog
from tui.runtime.crashlog import write_crash_log
from tui.runtime.paths import private_dir, state_dir


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("SITBOARD_STATE_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "sitboard"


def fail(value: str) -> None:
    raise OverflowError(f"date value out of range ({value})")


def caught(fn, *args) -> BaseException:
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("did not raise")


def test_the_same_error_sixty_times_is_one_log_distinct_errors_are_distinct_logs(state_home: Path) -> None:
    paths = {write_crash_log(caught(fail, "9999"), "applying a reload") for _ in range(60)}
    assert len(paths) == 1
    logs = sorted(state_home.glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in paths
    text = logs[0].read_text()
    assert text.count("Traceback") == 1 and "again at" in text and "(60 times)" in text

    # another message, another type, another place: each its own log
    write_crash_log(caught(fail, "0001"))
    write_crash_log(caught(lambda: {}["x"]))
    write_crash_log(caught(lambda: fail("9999")))  # same message, same innermost place ...
    assert len(list(state_home.glob("crash-*.log"))) == 3  # ... is the same error


def test_repeats_are_bounded_and_a_deleted_log_is_written_again(state_home: Path) -> None:
    exc = caught(fail, "bounded")
    first = write_crash_log(exc)
    for _ in range(crashlog.MAX_REPEAT_LINES + 50):
        assert write_crash_log(exc) == first
    assert Path(first).read_text().count("again at") == crashlog.MAX_REPEAT_LINES
    Path(first).unlink()
    second = write_crash_log(caught(fail, "deleted"))
    Path(second).unlink()
    again = write_crash_log(caught(fail, "deleted"))  # its log is gone: written anew
    assert Path(again).exists()


def test_the_state_folder_is_private(state_home: Path, monkeypatch, tmp_path: Path) -> None:
    log = write_crash_log(caught(fail, "private"))
    assert Path(log).parent == state_home
    assert stat.S_IMODE(os.stat(state_home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
    # a folder of ours made 0755 by an older version is tightened
    os.chmod(state_home, 0o755)
    private_dir(state_home)
    assert stat.S_IMODE(os.stat(state_home).st_mode) == 0o700
    # SITBOARD_STATE_DIR wins over XDG_STATE_HOME
    monkeypatch.setenv("SITBOARD_STATE_DIR", str(tmp_path / "elsewhere"))
    assert state_dir() == tmp_path / "elsewhere"


def test_the_temp_fallback_never_follows_a_planted_link(monkeypatch, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    planted = tmp / f"sitboard-{os.getuid()}"
    planted.symlink_to(victim)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setattr(crashlog, "_fallback", None)
    monkeypatch.delenv("SITBOARD_STATE_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", "/dev/full")  # the state folder cannot be made

    log = Path(write_crash_log(caught(fail, "planted")))
    assert log.exists() and list(victim.iterdir()) == []
    folder = log.parent
    assert folder.parent == tmp and folder != planted and not folder.is_symlink()
    st = os.lstat(folder)
    assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()


def test_a_wide_open_temp_folder_of_the_fixed_name_is_not_used(monkeypatch, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    fixed = tmp / f"sitboard-{os.getuid()}"
    fixed.mkdir(mode=0o777)
    os.chmod(fixed, 0o777)  # anyone could have planted files or links in it
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setattr(crashlog, "_fallback", None)
    monkeypatch.delenv("SITBOARD_STATE_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", "/dev/full")
    log = Path(write_crash_log(caught(fail, "wide")))
    assert log.parent != fixed and log.parent.parent == tmp
    assert list(fixed.iterdir()) == []
