"""tui.runtime.reload.ReloadController: incremental reload, last good picture, diff, scheduling."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from live_support import open_board, wait_until

from tui.model.load import FileCache
from tui.runtime.reload import ReloadController
from tui.runtime.settle import Settler

# These tests are about what a reload shows; settling writes (a version that removes
# items is held while the file is being written) is tested in tests/test_settle.py.
NO_SETTLE = {"settler": Settler(quiet=0, long_quiet=0)}

HEAD = """\
situation:
  id: s
  title: Test situation
  as_of: 2024-08-07
"""


def part(sid: str, pane: str, ids: list[str], field: str = "what", value: str = "x") -> str:
    lines = [f"situation: {{id: {sid}}}", f"{pane}:"]
    key = {"events": "what", "fronts": "name", "evacuations": "area"}[pane]
    for i in ids:
        lines.append(f"  - id: {i}")
        lines.append(f'    {key}: "{value} {i}"')
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def make_split(tmp_path: Path, parts: int = 10) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    write(d / "00-head.yaml", HEAD)
    for n in range(parts):
        write(d / f"part-{n:02d}.yaml", part("s", "events", [f"e{n}-{k}" for k in range(3)]))
    return d


def ids(result) -> set[str]:
    (sit,) = result.situations
    return {it.id for it in sit.items()}


def test_first_load_then_one_part_of_ten_reparsed(tmp_path):
    d = make_split(tmp_path)
    cache = FileCache()
    ctl = ReloadController([d], cache)
    first = ctl.reload()
    assert first.ok, first.diagnostics
    assert len(ids(first)) == 30
    assert cache.parses == 11
    assert dict(ctl.diffs) == {}  # first load marks nothing

    write(d / "part-04.yaml", part("s", "events", ["e4-0", "e4-1", "e4-2"], value="y"))
    res = ctl.reload({d / "part-04.yaml"})
    assert cache.parses == 12  # one file re-read out of eleven
    assert ctl.last_reparsed == (str(d / "part-04.yaml"),)
    diff = ctl.diff("s")
    assert diff is not None and set(diff.changed) == {"e4-0", "e4-1", "e4-2"}
    assert diff.summary == "3 changed"
    assert res.ok


def test_reload_without_changes_reparses_nothing_and_diff_is_empty(tmp_path):
    d = make_split(tmp_path, parts=3)
    cache = FileCache()
    ctl = ReloadController([d], cache)
    ctl.reload()
    n = cache.parses
    ctl.reload(set())
    assert cache.parses == n
    assert ctl.diff("s").empty


def test_changed_path_is_rechecked_even_when_stat_looks_the_same(tmp_path):
    d = make_split(tmp_path, parts=1)
    p = d / "part-00.yaml"
    ctl = ReloadController([d])
    ctl.reload()
    st = p.stat()
    write(p, part("s", "events", ["e0-0", "e0-1", "e0-2"], value="z"))  # same size
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: a coarse clock
    assert p.stat().st_size == st.st_size
    ctl.reload(set())  # by stat only: nothing seen
    assert ctl.diff("s").empty
    ctl.reload({p})  # the watcher said so: re-read
    assert set(ctl.diff("s").changed) == {"e0-0", "e0-1", "e0-2"}


def test_broken_part_keeps_last_good_and_other_parts(tmp_path):
    d = make_split(tmp_path, parts=3)
    ctl = ReloadController([d], **NO_SETTLE)
    ctl.reload()
    bad = d / "part-01.yaml"
    write(bad, "situation: {id: s}\nevents:\n  - id: e1-0\n    what: [unclosed\n")
    write(d / "part-02.yaml", part("s", "events", ["e2-0", "e2-1", "e2-2", "e2-new"]))
    res = ctl.reload({bad, d / "part-02.yaml"})
    assert ids(res) >= {"e1-0", "e1-1", "e1-2", "e2-new"}  # the broken part's last good items stay
    errors = [x for x in res.diagnostics if x.severity == "error"]
    assert errors and all(x.file == str(bad) for x in errors)
    assert errors[0].line >= 1
    assert ctl.diff("s").new == ("e2-new",)
    assert not ctl.diff("s").removed

    write(bad, part("s", "events", ["e1-0", "e1-1"]))  # fixed, one item dropped
    res = ctl.reload({bad})
    assert res.ok
    assert [it.id for it in ctl.diff("s").removed] == ["e1-2"]


def test_broken_single_file_keeps_picture(tmp_path):
    f = tmp_path / "one.yaml"
    write(f, HEAD + "events:\n  - {id: a, what: first}\n")
    ctl = ReloadController([f], **NO_SETTLE)
    ctl.reload()
    write(f, HEAD + "events:\n  - {id: a, what: first}\n  - {id: b, wat: typo}\n")
    res = ctl.reload({f})
    # issue 10: the item with the typo is a flagged row (a BrokenItem), the rest stays
    assert ids(res) == {"a", "b"}
    assert [type(it).__name__ for it in res.situations[0].events] == ["Event", "BrokenItem"]
    assert any("wat" in x.message for x in res.errors)
    # a YAML error instead: the picture before it stays (the last good version)
    write(f, HEAD + "events:\n  - {id: a, what: first\n")
    res = ctl.reload({f})
    assert ids(res) == {"a", "b"}


def test_deleted_and_created_parts(tmp_path):
    d = make_split(tmp_path, parts=2)
    ctl = ReloadController([d])
    ctl.reload()
    (d / "part-01.yaml").unlink()
    write(d / "part-09.yaml", part("s", "fronts", ["f9"]))
    res = ctl.reload({d / "part-01.yaml", d / "part-09.yaml"})
    diff = ctl.diff("s")
    assert diff.new == ("f9",)
    assert {it.id for it in diff.removed} == {"e1-0", "e1-1", "e1-2"}
    assert "e1-0" not in ids(res)
    assert str(d / "part-01.yaml") not in res.files


def test_backup_and_swap_files_are_not_read(tmp_path):
    d = make_split(tmp_path, parts=1)
    ctl = ReloadController([d])
    ctl.reload()
    for name in ("4913", ".part-00.yaml.swp", "part-00.yaml~", ".#part-00.yaml"):
        write(d / name, "garbage: [")
    res = ctl.reload({d / n for n in ("4913", ".part-00.yaml.swp", "part-00.yaml~", ".#part-00.yaml")})
    assert res.ok and ctl.diff("s").empty


def test_vanished_file_and_directory_keep_last_good_picture(tmp_path):
    f = tmp_path / "one.yaml"
    write(f, HEAD + "events:\n  - {id: a, what: first}\n")
    ctl = ReloadController([f])
    ctl.reload()
    f.unlink()  # an editor between rename and write
    res = ctl.reload({f})
    assert ids(res) == {"a"} and ctl.diff("s").empty
    assert any("last good" in x.message for x in res.warnings)

    d = make_split(tmp_path, parts=2)
    ctl = ReloadController([d], **NO_SETTLE)
    ctl.reload()
    shutil.rmtree(d)
    res = ctl.reload({d})
    assert len(ids(res)) == 6 and ctl.diff("s").empty
    d.mkdir()  # re-created with a different content
    write(d / "00-head.yaml", HEAD)
    write(d / "part-00.yaml", part("s", "events", ["e0-0"]))
    res = ctl.reload({d})
    assert ids(res) == {"e0-0"}
    assert len(ctl.diff("s").removed) == 5


def test_scheduling_runs_one_more_after_a_running_reload(tmp_path):
    ctl = ReloadController([tmp_path])
    assert ctl.note_changes([tmp_path / "a.yaml"]) is True
    taken = ctl.begin()
    assert taken == {str(tmp_path / "a.yaml")}
    # a burst while the reload runs: remembered, not started
    for i in range(100):
        assert ctl.note_changes([tmp_path / f"{i % 3}.yaml"]) is False
    assert ctl.finish() is True  # exactly one more
    taken = ctl.begin()
    assert taken == {str(tmp_path / f"{i}.yaml") for i in range(3)}
    assert ctl.finish() is False
    assert not ctl.running


def test_pause_collects_and_resume_applies(tmp_path):
    ctl = ReloadController([tmp_path])
    ctl.pause()
    assert ctl.state_text() == "paused"
    assert ctl.note_changes([tmp_path / "a.yaml"]) is False
    assert ctl.note_changes([tmp_path / "b.yaml", tmp_path / "a.yaml"]) is False
    assert ctl.waiting == 2
    assert ctl.state_text() == "paused · +2 changes waiting"
    assert ctl.resume() is True
    assert ctl.begin() == {str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")}
    assert ctl.finish() is False
    assert ctl.state_text() == ""
    ctl.pause()
    assert ctl.resume() is False  # nothing waiting


def test_force_reload_runs_while_paused_and_takes_everything(tmp_path):
    ctl = ReloadController([tmp_path])
    ctl.pause()
    ctl.note_changes([tmp_path / "a.yaml"])
    assert ctl.note_changes(None, force=True) is True
    assert ctl.begin() is None  # None: re-check every file
    assert ctl.finish() is False
    assert ctl.paused and ctl.waiting == 0


# -- the app: real files, real watcher, Pilot ------------------------------------------


async def test_app_follows_saves_keeps_place_marks_and_pauses(tmp_path):
    from tui.ui.app import SitboardApp

    d = make_split(tmp_path, parts=3)
    app = SitboardApp([str(d)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("5", "j", "j")  # events pane, third row
        pane = app.board.pane("events")
        assert pane.selected_id == "e0-2"
        n = app.reloads_applied

        # an atomic save of one part: one new item, one changed
        tmp = d / ".part-01.tmp"
        write(tmp, part("s", "events", ["e1-0", "e1-1", "e1-2", "e1-new"]).replace('"x e1-0"', '"moved"'))
        os.replace(tmp, d / "part-01.yaml")
        await wait_until(pilot, lambda: app.reloads_applied > n)
        assert app.focused is pane and pane.selected_id == "e0-2"  # the officer's place
        assert app.live.marked == {"e1-new": "new", "e1-0": "changed"}
        assert app.live.changed_ids == {"e1-new", "e1-0"}
        assert "1 changed · 1 new" in app.reload_state and app.reload_state.startswith("reloaded ")
        assert app.live.reloader.last_reparsed == (str(d / "part-01.yaml"),)
        assert pane.cell("e1-new", "_conf").plain.startswith("+")
        await pilot.press("c")
        assert pane.selected_id in {"e1-new", "e1-0"}

        # a broken save: the picture stays, the error bar names file and line; fixing clears it
        n = app.reloads_applied
        write(d / "part-02.yaml", "situation: {id: s}\nevents:\n  - id: e2-0\n    what: [unclosed\n")
        await wait_until(pilot, lambda: app.reloads_applied > n)
        bar = app.board.errorbar
        assert bar.display and any("part-02.yaml:" in m for m in bar.messages)
        assert app.situation.item("e2-0") is not None
        n = app.reloads_applied
        write(d / "part-02.yaml", part("s", "events", ["e2-0", "e2-1", "e2-2"]))
        await wait_until(pilot, lambda: app.reloads_applied > n)
        assert not bar.display

        # pause: changes wait and are counted; p again applies them
        await pilot.press("p")
        n = app.reloads_applied
        write(d / "part-00.yaml", part("s", "events", ["e0-0", "e0-1", "e0-2", "late"]))
        await wait_until(pilot, lambda: app.live.reloader.waiting == 1)
        assert app.reload_state == "paused · +1 change waiting"
        assert app.situation.item("late") is None and app.reloads_applied == n
        await pilot.press("p")
        await wait_until(pilot, lambda: app.situation.item("late") is not None)
        assert app.live.marked.get("late") == "new"
