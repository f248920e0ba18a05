"""Discovering files, the cache, and assembling parts into situations."""

from __future__ import annotations

import os
from pathlib import Path

from tui.model import FileCache, assemble, discover, load, parse_file
from tui.model.types import BrokenItem, Situation

HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
PART = "situation:\n  id: demo\n"

REPO = Path(__file__).resolve().parent.parent


def where(result):
    return [(os.path.basename(d.file), d.line, d.column, d.path, d.message) for d in result.diagnostics]


def test_discover_directory_sorted_skipping_hidden_and_backups(write, tmp_path):
    for name in [
        "b.yaml",
        "a.yml",
        ".hidden.yaml",
        "c.yaml~",
        ".#d.yaml",
        "e.yaml.swp",
        "#f.yaml#",
        "#desk.yaml",
        "notes.txt",
        "g.YAML",
    ]:
        write(f"dir/{name}", PART)
    (tmp_path / "dir" / "sub.yaml").mkdir()
    files, diags = discover([tmp_path / "dir"])
    # `#desk.yaml` is no editor backup (Emacs's are `#x#`, which do not end in .yaml): read.
    assert [os.path.basename(f) for f in files] == ["#desk.yaml", "a.yml", "b.yaml", "g.YAML"]
    # A part replaced by a directory is named; hidden and backup entries are not.
    assert [(os.path.basename(d.file), d.severity, d.message) for d in diags] == [
        ("sub.yaml", "warning", "skipped: not a regular file: a directory")
    ]


def test_discover_file_as_given_missing_and_empty_dir(write, tmp_path):
    txt = write("notes.txt", HEADER)
    (tmp_path / "empty").mkdir()
    write("empty/readme.md", "hi")
    files, diags = discover([txt, tmp_path / "nope.yaml", tmp_path / "empty", txt])
    assert files == [str(txt)]
    assert [(os.path.basename(d.file), d.line, d.column, d.message) for d in diags] == [
        ("nope.yaml", 1, 1, "no such file or directory"),
        ("empty", 1, 1, f"no situation files (*.yaml, *.yml) in the directory {tmp_path / 'empty'}"),
    ]


def test_parse_file_never_raises_for_os_errors(tmp_path):
    pf = parse_file(tmp_path / "missing.yaml")
    assert not pf.ok and "cannot read this file" in pf.diagnostics[0].message
    pf = parse_file(tmp_path)
    assert not pf.ok


def test_load_the_default_situation():
    result = load([REPO / "data"])
    assert result.ok, [str(d) for d in result.diagnostics]
    (sit,) = result.situations
    assert isinstance(sit, Situation) and sit.id == "kursk-2024-08"
    assert sit.item_count > 0 and "seed" in sit.sources
    assert os.path.isabs(sit.sources["seed"].document)


def test_two_parts_merge(write, tmp_path):
    write(
        "s/a-head.yaml",
        HEADER + "x-desk: head\nsources:\n  reuters: {name: Reuters}\nfronts:\n  - id: north\n    name: North\n",
    )
    write(
        "s/b-statements.yaml",
        PART
        + "sources:\n  reuters: {name: Reuters}\n  tass: {name: TASS}\n"
        + "statements:\n  - actor: Gerasimov\n    quote: halted\n    sources: [tass]\n    about: [north]\n",
    )
    result = load([tmp_path / "s"])
    assert result.ok, where(result)
    (sit,) = result.situations
    assert sit.title == "Demo"
    assert [f.id for f in sit.fronts] == ["north"]
    assert sit.statements[0].about == ("north",)
    assert sorted(sit.sources) == ["reuters", "tass"]
    assert [os.path.basename(f) for f in sit.files] == ["a-head.yaml", "b-statements.yaml"]
    assert sit.extensions == (("x-desk", "head"),)
    assert sit.backlinks("north") == (sit.statements[0],)


def test_missing_header_is_an_error_on_each_part(write, tmp_path):
    write("s/a.yaml", PART + "events:\n  - what: A\n")
    write("s/b.yaml", "# part b\n" + PART)
    result = load([tmp_path / "s"])
    assert [(f, line, col, path) for f, line, col, path, _ in where(result)] == [
        ("a.yaml", 2, 3, "situation"),
        ("b.yaml", 3, 3, "situation"),
    ]
    assert "has no part with `title` and `as_of`" in result.diagnostics[0].message
    assert "(shown as 'a.yaml' meanwhile)" in result.diagnostics[0].message
    # The items stay on the board, under the file's name and its modification time (~).
    (sit,) = result.situations
    assert [e.what for e in sit.events] == ["A"]
    assert sit.title == "a.yaml" and sit.as_of.approx
    mtime = (tmp_path / "s" / "a.yaml").stat().st_mtime
    assert abs(sit.as_of.value.timestamp() - mtime) < 1


def test_double_header_names_both_places(write, tmp_path):
    write("s/a.yaml", HEADER)
    write("s/b.yaml", HEADER.replace("Demo", "Other"))
    result = load([tmp_path / "s"])
    (sit,) = result.situations
    assert sit.title == "Demo"
    ((f, line, col, path, msg),) = where(result)
    assert (f, line, col, path) == ("b.yaml", 2, 3, "situation")
    assert "in two parts" in msg and f"{tmp_path / 's' / 'a.yaml'}:2:3" in msg


def test_non_header_part_may_carry_only_the_id(write, tmp_path):
    write("s/a.yaml", HEADER)
    write("s/b.yaml", PART + "  area: somewhere\n")
    result = load([tmp_path / "s"])
    ((f, line, col, path, msg),) = where(result)
    assert (f, line, col, path) == ("b.yaml", 3, 3, "situation.area")
    assert result.situations[0].area is None


def test_source_clash_names_both(write, tmp_path):
    write("s/a.yaml", HEADER + "sources:\n  reuters: {name: Reuters}\n")
    write("s/b.yaml", PART + "sources:\n  reuters: {name: Reuters, reliability: A}\n")
    result = load([tmp_path / "s"])
    ((f, line, col, path, msg),) = where(result)
    assert (f, line, col, path) == ("b.yaml", 4, 3, "sources.reuters")
    assert f"{tmp_path / 's' / 'a.yaml'}:6:3" in msg and "defined differently" in msg
    assert result.situations[0].sources["reuters"].reliability is None


def test_derived_id_clash_suggests_explicit_id(write, tmp_path):
    write("s/a.yaml", HEADER + "fronts:\n  - name: North axis\n")
    write("s/b.yaml", PART + "events:\n  - what: north axis\n")
    result = load([tmp_path / "s"])
    ((f, line, col, path, msg),) = where(result)
    assert (f, line, col, path) == ("b.yaml", 4, 5, "events[0]")
    assert msg.startswith("duplicate id 'north-axis': fronts[0] at ")
    assert f"{tmp_path / 's' / 'a.yaml'}:6:5" in msg and "add an explicit `id:`" in msg
    sit = result.situations[0]
    # the later one is a flagged row (a bad item costs that item, issue 10), under its place
    assert len(sit.fronts) == 1 and [(e.id, e.label, e.broken) for e in sit.events] == [
        ("events-0", "north axis", True)
    ]
    assert sit.events[0].problems[0].message == msg


def test_explicit_id_clash_points_at_the_second_id(write):
    path = write("one.yaml", HEADER + "events:\n  - id: x\n    what: A\n  - id: x\n    what: B\n")
    result = load([path])
    ((f, line, col, p, msg),) = where(result)
    assert (line, col, p) == (8, 9, "events[1]")
    assert "add an explicit" not in msg
    events = result.situations[0].events
    assert [(e.id, e.label, e.broken) for e in events] == [("x", "A", False), ("events-1", "B", True)]


def test_unknown_source_and_about_refs_are_dropped_and_reported(write):
    path = write(
        "one.yaml",
        HEADER
        + "sources:\n  reuters: {name: Reuters}\n"
        + "events:\n  - id: a\n    what: A\n    sources: [reuter, reuters]\n    about: [b, zzz]\n"
        + "  - id: b\n    what: B\n    about: [a]\n",
    )
    result = load([path])
    assert [(line, col, p, msg) for _, line, col, p, msg in where(result)] == [
        (10, 15, "events[0].sources[0]", "unknown source 'reuter'; did you mean 'reuters'?"),
        (11, 16, "events[0].about[1]", "unknown item id 'zzz' in about"),
    ]
    a, b = result.situations[0].events
    assert [r.source for r in a.sources] == ["reuters"] and a.about == ("b",) and b.about == ("a",)


def test_a_bad_item_is_a_flagged_row_and_the_others_shown(write, tmp_path):
    write("s/a.yaml", HEADER + "events:\n  - what: A\n")
    write("s/b.yaml", PART + "events:\n  - what: B\n    confidence: sure\n  - what: C\n")
    result = load([tmp_path / "s"])
    assert not result.ok
    (sit,) = result.situations
    assert [(e.label, isinstance(e, BrokenItem)) for e in sit.events] == [("A", False), ("B", True), ("C", False)]
    assert result.diagnostics[0].path == "events[0].confidence"


def test_a_part_with_errors_keeps_its_valid_items(write, tmp_path):
    write("s/a.yaml", HEADER)
    b = write("s/b.yaml", PART + "events:\n  - what: B\n")
    cache = FileCache()
    first = load([tmp_path / "s"], cache=cache)
    assert [e.what for e in first.situations[0].events] == ["B"]
    b.write_text(PART + "events:\n  - what: B2\n    confidence: sure\n  - what: C\n")
    os.utime(b, ns=(1, 1))
    second = load([tmp_path / "s"], cache=cache)
    assert [(e.label, isinstance(e, BrokenItem)) for e in second.situations[0].events] == [("B2", True), ("C", False)]
    assert [d.severity for d in second.diagnostics] == ["error"]


def test_last_good_stands_in_for_a_part_that_cannot_be_read(write, tmp_path):
    write("s/a.yaml", HEADER)
    b = write("s/b.yaml", PART + "events:\n  - what: B\n")
    os.utime(b, ns=(10**18, 10**18))
    cache = FileCache()
    load([tmp_path / "s"], cache=cache)
    b.write_text(PART + "events:\n  - what: [B2\n")  # a syntax error (a save half done)
    second = load([tmp_path / "s"], cache=cache)
    assert [e.what for e in second.situations[0].events] == ["B"]
    assert [d.severity for d in second.diagnostics] == ["error", "warning"]
    assert second.diagnostics[1].message.startswith("last good version of ")
    assert second.diagnostics[1].message.endswith(", the file now has 1 problem")
    # without the cache (no last good), the part is simply left out
    assert load([tmp_path / "s"]).situations[0].events == ()


def test_file_cache_reparses_only_on_change(write):
    path = write("one.yaml", HEADER)
    cache = FileCache()
    a = cache.get(path)
    assert cache.parses == 1 and cache.get(path) is a and cache.parses == 1
    # same bytes, new mtime: no new validation
    os.utime(path, ns=(10**18, 10**18))
    b = cache.get(path)
    assert cache.parses == 1 and b.items == a.items and b.fingerprint.mtime_ns == 10**18
    # recheck reads even when stat looks the same; still no parse for the same bytes
    assert cache.get(path, recheck=True) is b and cache.parses == 1
    path.write_text(HEADER + "events:\n  - what: new\n")
    c = cache.get(path)
    assert cache.parses == 2 and c.item_count == 1
    assert cache.last_good(path) is c
    path.write_text("situation: [\n")
    d = cache.get(path)
    assert not d.ok and cache.last_good(path) is c
    cache.forget(path)
    assert cache.last_good(path) is None


def test_assemble_directly_with_use_last_good(write):
    good = parse_file(write("a.yaml", HEADER + "events:\n  - what: A\n"))
    bad = parse_file(write("a.yaml", "situation: {id: demo\n"))
    assert not bad.ok
    assert assemble([bad]).situations == ()
    result = assemble([bad], use_last_good={bad.path: good})
    assert [e.what for e in result.situations[0].events] == ["A"]


def test_python_tag_through_load_runs_nothing(write, tmp_path):
    marker = tmp_path / "pwned"
    path = write("evil.yaml", HEADER + f"x-a: !!python/object/apply:os.system ['touch {marker}']\n")
    result = load([path])
    assert not result.ok  # the tag is an error; the value is read as plain text
    assert result.situations[0].extensions == (("x-a", ["touch " + str(marker)]),)
    assert (result.diagnostics[0].line, result.diagnostics[0].column) == (5, 6)
    assert not marker.exists()


def test_several_situations_in_one_directory(write, tmp_path):
    write("s/a.yaml", HEADER)
    write("s/b.yaml", HEADER.replace("id: demo", "id: other"))
    result = load([tmp_path / "s"])
    assert [s.id for s in result.situations] == ["demo", "other"]


def test_large_generated_file_loads(tmp_path):
    items = "".join(
        f"  - id: e-{i}\n    what: Event {i}\n    count: {{value: {i}, qualifier: about}}\n    date: 2024-08-07\n"
        for i in range(5000)
    )
    path = tmp_path / "big.yaml"
    path.write_text(HEADER + "events:\n" + items)
    result = load([path])
    assert result.ok
    sit = result.situations[0]
    assert len(sit.events) == 5000
    assert sit.events[4999].origin.line == 6 + 4 * 4999


# --- issue 2: `check` reports the cross-file problems of files with errors too ----------

ALL_AT_ONCE = (
    HEADER
    + """\
sources:
  reuters: {name: Reuters}
fronts:
  - name: North
    status: winning
    sources: [reuter]
  - name: South
    about: [nowhere]
  - name: North
"""
)


def test_check_mode_reports_cross_file_errors_of_a_file_with_errors(write):
    path = write("s.yaml", ALL_AT_ONCE)
    got = [(d.line, d.column, d.path, d.message.split(";")[0]) for d in load([path], for_check=True).errors]
    assert got == [
        (
            9,
            13,
            "fronts[0].status",
            "'winning' is not one of advancing, contested, holding, stabilized, withdrawing, buildup, quiet, unknown",
        ),
        (13, 5, "fronts[2]", "duplicate id 'north': fronts[0] at " + f"{path}:8:5 has it too"),
        (10, 15, "fronts[0].sources[0]", "unknown source 'reuter'"),
        (12, 13, "fronts[1].about[0]", "unknown item id 'nowhere' in about"),
    ]
    assert "did you mean 'reuters'?" in load([path], for_check=True).errors[2].message


def test_the_board_shows_what_validates_in_a_file_with_errors(write):
    path = write("s.yaml", ALL_AT_ONCE)
    result = load([path])
    (sit,) = result.situations
    assert [(f.label, isinstance(f, BrokenItem)) for f in sit.fronts] == [
        ("North", True),
        ("South", False),
        ("North", True),  # derived id 'north' again: the later one is flagged and reported
    ]
    assert [d.path for d in result.errors] == [
        "fronts[0].status",
        "fronts[2]",
        "fronts[0].sources[0]",
        "fronts[1].about[0]",
    ]
    # with a cache, the file's own version is shown (its last good one only stands in
    # when the YAML cannot be read)
    cache = FileCache()
    path.write_text(HEADER + "events:\n  - what: A\n")
    assert load([path], cache=cache).ok
    path.write_text(ALL_AT_ONCE)
    os.utime(path, ns=(1, 1))
    shown = load([path], cache=cache)
    assert shown.situations[0].events == () and len(shown.situations[0].fronts) >= 2
    assert not any("last good" in d.message for d in shown.diagnostics)
    checked = load([path], cache=cache, for_check=True)
    assert len(checked.errors) == 4


def test_check_mode_never_calls_unknown_what_the_broken_file_holds(write):
    # A source and items with errors: references to them are not "unknown"; a header
    # whose as_of is wrong still counts as the header.
    path = write(
        "s.yaml",
        """\
        situation:
          id: demo
          title: Demo
          as_of: yesterday
        sources:
          agency: {name: Agency, reliability: Z}
        fronts:
          - id: east
            name: [5]
          - id: west
            name: West
            status: nope
          - name: Centre
            sources: [agency]
            about: [east, west]
        """,
    )
    result = load([path], for_check=True)
    assert [d.path for d in result.errors] == [
        "situation.as_of",
        "sources.agency.reliability",
        "fronts[0].name",
        "fronts[1].status",
    ]
    # no valid as_of: the file's modification time stands in, marked approximate
    assert result.situations[0].title == "Demo" and result.situations[0].as_of.approx


def test_check_mode_two_parts_one_broken(write, tmp_path):
    write("s/a.yaml", HEADER + "sources:\n  r: {name: R}\nevents:\n  - what: A\n    sources: [r]\n")
    write(
        "s/b.yaml",
        PART + "events:\n  - what: B\n    date: someday\n    sources: [q]\n  - what: A\n",
    )
    result = load([tmp_path / "s"], for_check=True)
    got = [
        (os.path.basename(d.file), d.line, d.column, d.path, d.message.split(";")[0].split(":")[0])
        for d in result.errors
    ]
    assert got == [
        (
            "b.yaml",
            5,
            11,
            "events[0].date",
            "expected an ISO 8601 date (2024-08-07), date-time with offset (2024-08-07T10",
        ),
        ("b.yaml", 7, 5, "events[1]", "duplicate id 'a'"),
        ("b.yaml", 6, 15, "events[0].sources[0]", "unknown source 'q' (known sources"),
    ]
    assert load([tmp_path / "s"]).situations[0].events[0].what == "A"  # the board: part a only
