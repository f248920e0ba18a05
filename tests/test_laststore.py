"""The last good version of each part, across restarts (issue 10; tui/runtime/laststore.py):
private, atomic, keyed by a hash of the path, bounded, never a crash; a fresh start on a
part whose YAML cannot be read shows it, marked. Real files."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

from live_support import wait_until

from tui.runtime.laststore import LastGoodStore
from tui.runtime.reload import ReloadController
from tui.ui.app import SitboardApp

HEAD = "situation:\n  id: s\n  title: Test situation\n  as_of: 2024-08-07\n"
GOOD = HEAD + "events:\n  - {id: a, what: first}\n  - {id: b, what: second}\n"
BROKEN = HEAD + "events:\n  - {id: a, what: first\n  - [unclosed\n"


def test_save_load_private_and_keyed_by_a_hash(tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "state" / "lastgood")
    f = tmp_path / "../odd name ../x.yaml"
    assert store.save(f, b"data: 1\n", 1_700_000_000 * 10**9)
    kept = store.load(f)
    assert kept is not None and kept.data == b"data: 1\n" and kept.path == os.path.abspath(f)
    assert kept.modified == dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)
    (file,) = store.directory.iterdir()
    assert file.name == f"{LastGoodStore.key(f)}.yaml" and len(file.stem) == 64  # no name from outside
    assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
    for folder in (store.directory, store.directory.parent):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert store.load(tmp_path / "other.yaml") is None
    # the same bytes again: nothing written
    writes = store.writes
    assert store.save(f, b"data: 1\n", 1) and store.writes == writes


def test_damaged_or_foreign_copies_are_ignored(tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "lastgood")
    f = tmp_path / "a.yaml"
    store.save(f, b"data: 1\n", 1)
    file = store.path_for(f)
    raw = file.read_bytes()
    file.write_bytes(raw[:-2] + b"2\n")  # torn / tampered: the SHA-1 no longer matches
    assert LastGoodStore(tmp_path / "lastgood").load(f) is None
    file.write_bytes(raw.replace(os.path.abspath(f).encode(), b"/etc/elsewhere.yaml"))
    assert LastGoodStore(tmp_path / "lastgood").load(f) is None  # another file's copy
    file.write_bytes(b"not a copy at all")
    assert LastGoodStore(tmp_path / "lastgood").load(f) is None


def test_bounded_in_files_and_bytes(tmp_path: Path) -> None:
    store = LastGoodStore(tmp_path / "lastgood", max_files=3, max_total_bytes=10_000, max_file_bytes=4_000)
    assert not store.save(tmp_path / "huge.yaml", b"x" * 4_001, 1)  # one copy at most max_file_bytes
    for n in range(6):
        assert store.save(tmp_path / f"{n}.yaml", f"n: {n}\n".encode(), 1)
        os.utime(store.path_for(tmp_path / f"{n}.yaml"), ns=(n * 10**9, n * 10**9))
    kept = sorted(p for p in range(6) if store.load(tmp_path / f"{p}.yaml") is not None)
    assert kept == [3, 4, 5]  # the least recently written went first
    for n in range(3):
        store.save(tmp_path / f"big{n}.yaml", b"y" * 3_900, 1)
    total = sum(p.stat().st_size for p in store.directory.iterdir())
    assert total <= 10_000 and len(list(store.directory.iterdir())) <= 3


def test_full_disk_read_only_or_blocked_folder_never_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    store = LastGoodStore(blocker / "lastgood")
    assert not store.save(tmp_path / "a.yaml", b"a: 1\n", 1)
    assert store.last_error and "could not keep" in store.last_error and store.load(tmp_path / "a.yaml") is None
    full = LastGoodStore("/dev/full/lastgood")
    assert not full.save(tmp_path / "a.yaml", b"a: 1\n", 1) and full.last_error


def test_a_read_only_folder_is_reported_never_raised(tmp_path: Path, without_root_powers: list[str]) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    code = (
        "import sys\nfrom tui.runtime.laststore import LastGoodStore\n"
        "store = LastGoodStore(sys.argv[1])\n"
        "print(store.save(sys.argv[2], b'a: 1\\n', 1), store.last_error)\n"
    )
    cmd = [*without_root_powers, sys.executable, "-c", code, str(ro / "lastgood"), str(tmp_path / "a.yaml")]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("False ") and "could not keep" in proc.stdout, proc.stdout
    assert not (ro / "lastgood").exists()


def test_a_fresh_controller_on_a_broken_part_shows_the_kept_version(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(GOOD)
    store = LastGoodStore(tmp_path / "state" / "lastgood")
    ctl = ReloadController([f], store=store)
    assert ctl.reload().ok
    assert ctl.persist() == 1 and ctl.persist() == 0  # once per version
    mtime = os.stat(f).st_mtime

    f.write_text(BROKEN)  # broken while the board was closed
    res = ReloadController([f], store=LastGoodStore(store.directory)).reload()
    (sit,) = res.situations
    assert [it.id for it in sit.items()] == ["a", "b"]
    hhmm = dt.datetime.fromtimestamp(mtime).astimezone().strftime("%H:%M")
    notes = [d.message for d in res.warnings]
    n = len(res.errors)
    assert f"last good version of {hhmm}, the file now has {n} problem{'s' if n != 1 else ''}" in notes
    assert n >= 1

    # no kept version (another state folder): nothing to show, the errors say why
    res = ReloadController([f], store=LastGoodStore(tmp_path / "empty")).reload()
    assert res.situations == () and res.errors


def test_a_fresh_start_on_a_good_file_neither_parses_the_kept_copy_nor_reads_the_file_twice(
    tmp_path: Path, monkeypatch
) -> None:
    """Start-up cost: the kept version is parsed only when it is needed (the file is broken),
    and a version the store already holds is not read and hashed again to be kept."""
    import tui.runtime.reload as reload_module

    f = tmp_path / "s.yaml"
    f.write_text(GOOD)
    store = LastGoodStore(tmp_path / "state" / "lastgood")
    first = ReloadController([f], store=store)
    assert first.reload().ok and first.persist() == 1

    parsed: list[str] = []
    real_parse = reload_module.parse_bytes

    def counting_parse(data, path, *args, **kwargs):
        parsed.append(path)
        return real_parse(data, path, *args, **kwargs)

    monkeypatch.setattr(reload_module, "parse_bytes", counting_parse)
    again = ReloadController([f], store=LastGoodStore(store.directory))
    assert again.reload().ok
    assert parsed == []  # (the file itself is parsed by the cache, not here)

    opened: list[str] = []
    real_open = open

    def watching_open(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching_open)
    assert again.persist() == 0
    assert str(f) not in opened

    f.write_text(GOOD.replace("what: second", "what: the second"))  # a new version is kept, read once more
    assert again.reload().ok
    assert again.persist() == 1 and str(f) in opened


async def test_a_fresh_board_on_a_broken_part_shows_the_kept_version(tmp_path: Path, monkeypatch) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    f = d / "s.yaml"
    f.write_text(GOOD)
    state = tmp_path / "state"
    monkeypatch.setenv("SITBOARD_STATE_DIR", str(state))
    app = SitboardApp([str(d)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        await wait_until(pilot, lambda: LastGoodStore(state / "lastgood").load(f) is not None)
    f.write_text(BROKEN)
    app = SitboardApp([str(d)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.situation is not None)
        assert [it.id for it in app.situation.items()] == ["a", "b"]
        bar = app.board.errorbar
        await wait_until(pilot, lambda: bar.display)
        assert any("last good version of" in m and "the file now has" in m for m in bar.messages)
