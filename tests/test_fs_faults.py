"""File system faults: the board and `sitboard check` carry on with a clear message.

Tests run as root, so chmod 000 does not stop a read: an unreadable file is a FIFO (which
would also block a naive open() for ever), a Unix socket, a directory named x.yaml or a
symbolic link loop. Also: a file that vanishes between listing and reading, a watched
directory deleted (and re-created), a full or read-only state directory for baselines,
non-UTF-8 bytes, a BOM, CRLF line ends.
"""

from __future__ import annotations

import errno
import importlib
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from cli_support import sitboard
from live_support import open_board, wait_until

from tui import cli
from tui.model.load import FileCache, load
from tui.runtime.reload import ReloadController

load_mod = importlib.import_module("tui.model.load")  # `tui.model.load` the name is the function

ROOT = Path(__file__).resolve().parent.parent
HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
MAIN = HEADER + "fronts:\n  - name: North\n"
PART = "situation:\n  id: demo\nevents:\n  - what: Shelling\n"
TIMEOUT = 20  # seconds before a "never happens" is a failure (not a timing assertion)


def run_check(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real program, with a timeout: a FIFO must never hang it."""
    return sitboard("check", *args, env=env, timeout=60)


@pytest.fixture
def sit(tmp_path: Path) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "main.yaml").write_text(MAIN, encoding="utf-8")
    return d


@pytest.fixture
def unix_socket(sit: Path):
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sit / "sock.yaml"))
    yield sit / "sock.yaml"
    s.close()


# -- unreadable files ---------------------------------------------------------------


def test_fifo_given_by_name_is_a_clear_usage_error_not_a_hang(sit: Path) -> None:
    os.mkfifo(sit / "pipe.yaml")
    proc = run_check(str(sit / "pipe.yaml"))
    assert proc.returncode == 2
    assert proc.stderr == f"sitboard: {sit / 'pipe.yaml'}: cannot read: not a regular file: a named pipe (FIFO)\n"
    assert "Traceback" not in proc.stdout + proc.stderr


def test_fifo_given_to_the_loader_is_a_diagnostic_not_a_hang(sit: Path) -> None:
    os.mkfifo(sit / "pipe.yaml")
    result = load([sit / "main.yaml", sit / "pipe.yaml"])
    assert [str(d) for d in result.diagnostics] == [
        f"{sit / 'pipe.yaml'}:1:1: cannot read this file: not a regular file: a named pipe (FIFO)"
    ]
    assert [s.id for s in result.situations] == ["demo"]


def test_odd_entries_in_a_directory_are_skipped_with_a_warning(sit: Path, unix_socket: Path, capsys) -> None:
    os.mkfifo(sit / "pipe.yaml")
    (sit / "dir.yaml").mkdir()
    os.symlink("loop-b.yaml", sit / "loop-a.yaml")
    os.symlink("loop-a.yaml", sit / "loop-b.yaml")
    os.symlink("gone.yaml", sit / "dangling.yaml")
    (sit / "part.yaml").write_text(PART, encoding="utf-8")
    code = cli.main(["check", str(sit)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0  # warnings do not fail the check: the situation is whole
    assert f"{sit / 'pipe.yaml'}:1:1: warning: skipped: not a regular file: a named pipe (FIFO)" in out
    assert f"{sit / 'sock.yaml'}:1:1: warning: skipped: not a regular file: a socket" in out
    assert f"{sit / 'loop-a.yaml'}:1:1: warning: skipped: a symbolic link loop" in out
    assert f"{sit / 'dangling.yaml'}:1:1: warning: skipped: a broken symbolic link (its target does not exist)" in out
    assert f"{sit / 'dir.yaml'}:1:1: warning: skipped: not a regular file: a directory" in out
    assert out[-1] == "2 files, 1 situation, 2 items: OK (6 warnings)"


def test_socket_and_loop_by_name_are_usage_errors(sit: Path, unix_socket: Path) -> None:
    os.symlink("l2.yaml", sit / "l1.yaml")
    os.symlink("l1.yaml", sit / "l2.yaml")
    proc = run_check(str(unix_socket))
    assert proc.returncode == 2 and "not a regular file: a socket" in proc.stderr
    proc = run_check(str(sit / "l1.yaml"))
    assert proc.returncode == 2 and "Too many levels of symbolic links" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_file_replaced_by_a_fifo_after_stat_cannot_hang_the_reader(sit: Path, monkeypatch) -> None:
    """The cache's stat() said regular file; by open() it is a FIFO (O_NONBLOCK + fstat)."""
    import tui.model.cache as cache_mod

    target = sit / "main.yaml"
    real_stat = os.stat
    swapped = []

    def stat_then_swap(path, *a, **kw):
        st = real_stat(path, *a, **kw)
        if os.fspath(path) == str(target) and not swapped:
            swapped.append(1)
            os.unlink(target)
            os.mkfifo(target)
        return st

    monkeypatch.setattr(cache_mod.os, "stat", stat_then_swap)
    pf = cache_mod.FileCache().get(target)
    assert swapped
    assert [d.message for d in pf.diagnostics] == ["cannot read this file: not a regular file: a named pipe (FIFO)"]
    assert [d.message for d in load_mod.parse_file(target).diagnostics] == [
        "cannot read this file: not a regular file: a named pipe (FIFO)"
    ]


# -- vanishing files ------------------------------------------------------------------


def _vanish_after_listing(monkeypatch, module, victim: Path) -> None:
    real = module.discover

    def discover_then_delete(paths):
        found = real(paths)
        if victim.exists():
            victim.unlink()
        return found

    monkeypatch.setattr(module, "discover", discover_then_delete)


def test_file_vanishing_between_listing_and_reading(sit: Path, monkeypatch) -> None:
    (sit / "part.yaml").write_text(PART, encoding="utf-8")
    _vanish_after_listing(monkeypatch, load_mod, sit / "part.yaml")
    result = load([sit])
    assert [str(d) for d in result.diagnostics] == [
        f"{sit / 'part.yaml'}:1:1: cannot read this file: No such file or directory"
    ]
    assert [it.label for it in result.situations[0].items()] == ["North"]


def test_file_vanishing_during_a_reload_keeps_its_last_good_version(sit: Path, monkeypatch) -> None:
    import tui.runtime.reload as reload_mod

    (sit / "part.yaml").write_text(PART, encoding="utf-8")
    ctl = ReloadController([sit], FileCache())
    first = ctl.reload()
    assert first.ok and first.situations[0].item_count == 2
    _vanish_after_listing(monkeypatch, reload_mod, sit / "part.yaml")
    again = ctl.reload({sit / "part.yaml"})
    assert [it.label for it in again.situations[0].items()] == ["North", "Shelling"]
    messages = [str(d) for d in again.diagnostics]
    assert f"{sit / 'part.yaml'}:1:1: cannot read this file: No such file or directory" in messages
    assert any("last good version of" in m for m in messages)


# -- encodings ------------------------------------------------------------------------


def test_bom_and_crlf_load_and_non_utf8_is_placed(sit: Path, capsys) -> None:
    (sit / "bom-crlf.yaml").write_bytes(b"\xef\xbb\xbf" + PART.replace("\n", "\r\n").encode())
    (sit / "latin1.yaml").write_bytes("situation:\n  id: demo\nevents:\n  - what: Kursk r\xe9gion\n".encode("latin-1"))
    (sit / "utf16.yaml").write_bytes(PART.encode("utf-16"))
    code = cli.main(["check", str(sit)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:-1] == [
        f"{sit / 'latin1.yaml'}:4:18: not valid UTF-8: byte 0xe9 at line 4, column 18; situation files must be UTF-8 text",
        f"{sit / 'utf16.yaml'}:1:1: not a UTF-8 text file (it starts with a UTF-16 byte order mark); save it as UTF-8",
    ]
    result = load([sit])
    assert [it.label for it in result.situations[0].items()] == ["North", "Shelling"]


# -- the board ------------------------------------------------------------------------


async def test_board_carries_on_with_every_fault_at_once(sit: Path, unix_socket: Path) -> None:
    from tui.ui.app import SitboardApp

    os.mkfifo(sit / "pipe.yaml")
    os.symlink("loop-b.yaml", sit / "loop-a.yaml")
    os.symlink("loop-a.yaml", sit / "loop-b.yaml")
    (sit / "bom-crlf.yaml").write_bytes(b"\xef\xbb\xbf" + PART.replace("\n", "\r\n").encode())
    (sit / "latin1.yaml").write_bytes(b"situation:\n  id: demo\nevents:\n  - what: r\xe9gion\n")
    app = SitboardApp([str(sit)], watch=False, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None, TIMEOUT, what="the first load")
        assert [it.label for it in app.situation.items()] == ["North", "Shelling"]
        problems = app.board.errorbar.messages
        assert any("latin1.yaml:4:" in p and "not valid UTF-8" in p for p in problems)
        assert any("pipe.yaml" in p and "FIFO" in p for p in problems)
        assert any("loop-a.yaml" in p and "loop" in p for p in problems)
        await pilot.press("r")  # reload by hand: still fine
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running and app.situation.item_count == 2


async def test_watched_directory_deleted_and_recreated(sit: Path) -> None:
    """The last good picture stays with a warning; the re-created directory is read."""
    from tui.ui.app import SitboardApp

    (sit / "part.yaml").write_text(PART, encoding="utf-8")
    app = SitboardApp([str(sit)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)  # the watch armed
        before = app.reloads_applied
        shutil.rmtree(sit)
        await wait_until(
            pilot,
            lambda: (
                app.reloads_applied > before
                and any("no such file or directory" in m for m in app.board.errorbar.messages)
            ),
            TIMEOUT,
            what="the deletion noticed",
        )
        assert app.is_running
        assert [it.label for it in app.situation.items()] == ["North", "Shelling"]  # last good picture

        sit.mkdir()
        (sit / "main.yaml").write_text(MAIN + "  - name: South\n", encoding="utf-8")
        await wait_until(
            pilot,
            lambda: app.situation is not None and [it.label for it in app.situation.items()] == ["North", "South"],
            TIMEOUT,
            what="the re-created directory read",
        )
        assert not any("no such file" in m for m in app.board.errorbar.messages)
        await pilot.press("q")
    assert app.return_code in (0, None)


# -- the state directory ---------------------------------------------------------------


def _demo():
    return load([Path(__file__).resolve().parent.parent / "data"]).situations[0]


def test_baseline_store_on_dev_full_and_a_file_in_the_way(tmp_path: Path) -> None:
    from tui.runtime.baseline import BaselineStore

    res = BaselineStore("/dev/full").save(_demo())
    assert not res.ok and "could not save the baseline" in res.error and "\n" not in res.error
    blocker = tmp_path / "state"
    blocker.write_text("not a directory")
    res = BaselineStore(blocker).save(_demo())
    assert not res.ok and "a file is in the way" in res.error
    assert BaselineStore(blocker).load("kursk-2024-08") is None


def test_baseline_store_full_disk_keeps_the_previous_baseline(tmp_path: Path, monkeypatch) -> None:
    from tui.runtime import baseline as baseline_mod
    from tui.runtime.baseline import BaselineStore

    store = BaselineStore(tmp_path)
    sit = _demo()
    assert store.save(sit).ok
    before = store.path_for(sit.id).read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(baseline_mod.os, "fsync", full)
    res = store.save(sit)
    assert not res.ok and "the disk is full" in res.error
    assert store.path_for(sit.id).read_bytes() == before  # the old one intact
    assert [p.name for p in store.directory.iterdir()] == [store.path_for(sit.id).name]  # no temp left
    assert store.load(sit.id) is not None


def test_baseline_store_read_only_file_system(tmp_path: Path, monkeypatch) -> None:
    from tui.runtime import baseline as baseline_mod
    from tui.runtime.baseline import BaselineStore

    def rofs(*a, **kw):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(baseline_mod.tempfile, "mkstemp", rofs)
    res = BaselineStore(tmp_path).save(_demo())
    assert not res.ok and "read-only" in res.error


def test_brief_since_saved_with_an_unusable_state_dir_is_one_clear_line() -> None:
    """XDG_STATE_HOME pointing at /dev/full: no baseline can be there; one line, exit 2."""
    proc = sitboard("brief", "--since", "saved", env={"XDG_STATE_HOME": "/dev/full"}, timeout=60)
    assert proc.returncode in (1, 2), proc
    assert "Traceback" not in proc.stdout + proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "baseline" in proc.stderr
