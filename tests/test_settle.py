"""Settled writes (issue 10 item 3; tui/runtime/settle.py): a file written in pieces never
shows a half picture. The decisions with a driven clock, then the reload controller on
real files written in place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.model.load import parse_bytes
from tui.model.validate import ParsedFile, fingerprint_of
from tui.runtime.reload import ReloadController
from tui.runtime.settle import LONG_QUIET_SECONDS, QUIET_SECONDS, Settler

HEAD = "situation:\n  id: s\n  title: Test situation\n  as_of: 2024-08-07\n"
NOW = 1_800_000_000.0  # the wall clock in these tests


def text(ids: list[str], what: str = "x") -> str:
    return HEAD + "events:\n" + "".join(f"  - id: {i}\n    what: {what} {i}\n" for i in ids)


def version(body: str, mtime: float = NOW) -> ParsedFile:
    data = body.encode()
    return parse_bytes(data, "/s/f.yaml", fingerprint=fingerprint_of(data, len(data), int(mtime * 1e9)))


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def settler() -> tuple[Settler, Clock]:
    clock = Clock()
    return Settler(clock=clock, wall=lambda: NOW + clock.t - 100.0), clock


IDS = [f"e{n}" for n in range(10)]


def test_changes_and_additions_go_straight_through() -> None:
    s, _ = settler()
    old = version(text(IDS))
    changed = version(text(IDS, what="y"))
    assert s.decide("f", old, old, changed, True) is changed
    more = version(text([*IDS, "e10"]))
    assert s.decide("f", changed, changed, more, True) is more
    assert not s.bursts and s.next_due() is None


def test_a_removal_waits_for_quiet_then_shows() -> None:
    s, clock = settler()
    old = version(text(IDS))
    fewer = version(text(IDS[:-1]))  # one item removed, a whole file
    assert s.decide("f", old, old, fewer, True) is old
    assert s.holding("f") and s.next_due() == pytest.approx(QUIET_SECONDS)
    clock.t += QUIET_SECONDS / 2
    assert s.decide("f", old, old, fewer, True) is old  # same content, not quiet long enough
    clock.t += QUIET_SECONDS / 2
    assert s.decide("f", old, old, fewer, True) is fewer
    assert not s.holding("f")


def test_an_old_file_is_not_being_written() -> None:
    s, _ = settler()
    old = version(text(IDS))
    fewer = version(text(IDS[:-1]), mtime=NOW - 3600)  # `r` on a file saved an hour ago
    assert s.decide("f", old, old, fewer, True) is fewer


def test_identical_content_in_pieces_changes_nothing() -> None:
    s, clock = settler()
    body = text(IDS)
    old = version(body)
    for cut in (0, 40, 90, 150, 230):
        clock.t += 0.05
        piece = version(body[:cut])
        assert s.decide("f", old, old, piece, body[:cut].endswith("\n")) is old
    clock.t += 0.05
    again = version(body)
    assert again is not old
    assert s.decide("f", old, old, again, True) is old  # the very object on screen: nothing changes
    assert not s.bursts


def test_whole_again_ends_the_burst_at_once() -> None:
    s, clock = settler()
    old = version(text(IDS))
    assert s.decide("f", old, old, version(text(IDS[:3])), True) is old
    clock.t += 0.01
    bigger = version(text([*IDS, "e10"]))  # every item, longer: whole
    assert s.decide("f", old, old, bigger, True) is bigger
    # the last item cut short (every id there, the file shorter) is not whole: it waits
    s2, _ = settler()
    body = text(IDS)
    assert s2.decide("f", old, old, version(body[:60]), False) is old
    short = version(body[: body.rindex(" e9")] + "\n")
    assert s2.decide("f", old, old, short, True) is old


def test_a_version_that_looks_cut_waits_longer() -> None:
    s, clock = settler()
    old = version(text(IDS))
    half = version(text(IDS[:3]))  # 7 of 10 items gone, and it reads: a pause mid-write?
    assert s.decide("f", old, old, half, True) is old
    clock.t += 2.0  # a 2 s pause: still the last picture
    assert s.decide("f", old, old, half, True) is old
    assert s.writing(after=QUIET_SECONDS) == ("f",)
    clock.t += LONG_QUIET_SECONDS - 2.0
    assert s.decide("f", old, old, half, True) is half  # 5 s quiet: a real removal

    s, clock = settler()
    body = text(IDS)
    cut = version(body[: body.index(" e8") + 2])  # mid-line: no newline at the end
    assert s.decide("f", old, old, cut, False) is old
    clock.t += 1.0
    assert s.decide("f", old, old, cut, False) is old


def test_unreadable_versions_are_held_then_shown_with_their_errors() -> None:
    s, clock = settler()
    old = version(text(IDS))
    broken = version(HEAD + "events:\n  - id: e0\n    what: [unclosed\n")
    assert not broken.ok
    assert s.decide("f", old, old, broken, True) is old
    clock.t += QUIET_SECONDS
    assert s.decide("f", old, old, broken, True) is broken
    # the version on screen is broken (its last good one shows): a fix that drops an
    # item keeps the broken one (and its errors) while it settles
    fixed = version(text(IDS[:-1]))
    assert s.decide("f", broken, old, fixed, True) is broken
    clock.t += QUIET_SECONDS
    assert s.decide("f", broken, old, fixed, True) is fixed


# -- the controller, real files written in place ------------------------------------------


def write_in_place(path: Path, data: bytes) -> None:
    with open(path, "r+b") as fh:  # same inode, as scp and rsync --inplace
        fh.truncate(0)
        fh.write(data)


def ids_of(result) -> set[str]:
    return {it.id for it in result.situations[0].items()} if result.situations else set()


def test_controller_holds_a_half_written_file_and_takes_the_whole(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    body = text(IDS).encode()
    f.write_bytes(body)
    clock = Clock()
    ctl = ReloadController([f], settler=Settler(clock=clock), store=False)
    first = ctl.reload()
    assert ids_of(first) == set(IDS) and ctl.outcome.changed

    write_in_place(f, body[:100])  # the first piece
    res = ctl.reload({f})
    assert ids_of(res) == set(IDS) and not ctl.outcome.changed  # nothing new to show
    assert ctl.holding() == (str(f),)  # cut mid-line: held up to LONG_QUIET_SECONDS
    assert ctl.outcome.writing == ()  # not yet worth a word in the header
    assert ctl.outcome.recheck_in == pytest.approx(QUIET_SECONDS)  # then looked at again, to say so
    clock.t += 0.5
    res = ctl.reload({f})
    assert ctl.outcome.writing == (str(f),)

    write_in_place(f, body)  # the rest: whole again, identical
    res = ctl.reload({f})
    assert ids_of(res) == set(IDS) and not ctl.outcome.changed and not ctl.holding()
    assert ctl.diff("s").empty


def test_controller_applies_a_real_removal_once_quiet(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(text(IDS))
    clock = Clock()
    ctl = ReloadController([f], settler=Settler(clock=clock), store=False)
    ctl.reload()
    tmp = tmp_path / ".s.yaml.tmp"
    tmp.write_text(text(IDS[:-1]))
    os.replace(tmp, f)  # an atomic save that removes e9
    res = ctl.reload({f})
    assert "e9" in ids_of(res) and ctl.outcome.recheck_in == pytest.approx(QUIET_SECONDS)
    clock.t += QUIET_SECONDS
    res = ctl.reload({f})  # what the recheck timer runs
    assert "e9" not in ids_of(res) and ctl.outcome.changed
    assert [it.id for it in ctl.diff("s").removed] == ["e9"]


def test_a_pause_mid_write_is_looked_at_again_once_it_lasts() -> None:
    """A write paused after its first pieces (a cut version held for up to 5 s): the
    caller is told to look again as soon as the burst has lasted `quiet`, so the header
    can say "x.yaml being written" during the pause. It was told 5 s, and said nothing
    until the write went on (seen at 80x24: a 2 s pause, the header unchanged)."""
    s, clock = settler()
    old = version(text(IDS))
    body = text(IDS)
    cut = version(body[: body.index(" e3") + 2])  # mid-line
    assert s.decide("f", old, old, cut, False) is old
    assert s.writing(after=QUIET_SECONDS) == ()
    due = s.next_due()
    assert due is not None and due <= QUIET_SECONDS + 0.001
    clock.t += due + 0.01  # the recheck timer
    assert s.decide("f", old, old, cut, False) is old  # still held
    assert s.writing(after=QUIET_SECONDS) == ("f",)  # the header says so now
    due = s.next_due()
    assert due is not None and due == pytest.approx(LONG_QUIET_SECONDS - QUIET_SECONDS - 0.01)
