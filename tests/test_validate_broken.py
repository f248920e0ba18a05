"""A bad item costs that item (issue 10): BrokenItem in place, every problem placed; a bad
source keeps the source; the header fields that validate are used."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tui.model.load import load, parse_bytes
from tui.model.types import BrokenItem, Event, Front, Item

HEADER = """\
situation:
  id: demo
  title: Demo
  as_of: 2024-08-09T12:00:00+03:00
"""


def with_header(body: str, name: str = "f.yaml"):
    return parse_bytes((HEADER + textwrap.dedent(body)).encode("utf-8"), name)


def test_a_bad_field_makes_a_broken_item_in_its_place_the_others_stay_whole():
    pf = with_header(
        """\
        fronts:
          - name: North
            status: advancing
          - name: Kursk region border
            status: winning
            sides: [Ukraine, Russia]
            confidence: claimed
            sources: [reuters]
            x-desk: east
          - name: South
        """
    )
    assert not pf.ok
    north, bad, south = pf.items["fronts"]
    assert isinstance(north, Front) and isinstance(south, Front) and not north.broken
    assert isinstance(bad, BrokenItem) and isinstance(bad, Item) and bad.broken
    assert bad.pane == "fronts" and bad.label == "Kursk region border"
    assert bad.id == "kursk-region-border" and bad.id_derived
    (problem,) = bad.problems
    assert problem is pf.diagnostics[0] and bad.first_problem is problem
    assert (problem.line, problem.column, problem.path) == (9, 13, "fronts[1].status")
    assert problem.message.startswith("'winning' is not one of advancing")
    # What validated is kept: common fields in place, own fields in `values`.
    assert bad.confidence == "claimed" and [r.source for r in bad.sources] == ["reuters"]
    assert bad.extensions == (("x-desk", "east"),)
    assert dict(bad.values) == {"name": "Kursk region border", "sides": ("Ukraine", "Russia")}
    assert bad.origin is not None and (bad.origin.file, bad.origin.line, bad.origin.column) == ("f.yaml", 8, 3)
    assert pf.broken_items == (bad,)


def test_every_problem_of_the_item_is_in_it_and_only_its_own():
    pf = with_header(
        """\
        events:
          - what: Strike
            date: yesterday
            count: many
            stauts: x
          - what: Other
            date: 2024-13-40
        """
    )
    first, second = pf.items["events"]
    assert [d.path for d in first.problems] == [
        "events[0].date",
        "events[0].count",
        "events[0].stauts",
    ]  # in file order
    assert [d.path for d in second.problems] == ["events[1].date"]
    assert set(first.problems + second.problems) == set(pf.diagnostics)


def test_ids_of_broken_items_explicit_derived_or_by_place():
    pf = with_header(
        """\
        events:
          - id: strike-1
            what: Strike
            count: -1
          - id: Not A Slug
            what: Convoy hit
          - count: 3
          - 42
          - [a, list]
        """
    )
    ids = [(it.id, it.id_derived, it.label) for it in pf.items["events"]]
    assert ids == [
        ("strike-1", False, "Strike"),
        ("convoy-hit", True, "Convoy hit"),  # the explicit id is bad: derived from the label
        ("events-2", True, "events[2]"),  # no label: its place
        ("events-3", True, "events[3]"),  # not a mapping at all
        ("events-4", True, "events[4]"),
    ]
    assert all(isinstance(it, BrokenItem) and it.problems for it in pf.items["events"])
    not_mapping = pf.items["events"][3]
    assert not_mapping.problems[0].message == "expected an event (a mapping), found the number 42"
    assert (not_mapping.origin.line, not_mapping.origin.column) == (12, 3)


def test_a_label_that_is_not_text_falls_back_to_the_place_and_controls_are_made_visible():
    pf = with_header(
        """\
        fronts:
          - name: [a, b]
          - name: "Evil\\x1b[2J name"
            status: x
        """
    )
    first, second = pf.items["fronts"]
    assert first.label == "fronts[0]" and first.id == "fronts-0"
    assert second.label == "Evil␛[2J name" and "\x1b" not in second.label


def test_items_keep_file_order_across_good_and_broken_in_every_pane():
    body = "".join(f"{pane}:\n  - {label}: A\n  - {label}: B\n    confidence: sure\n  - {label}: C\n" for pane, label in (
        ("fronts", "name"), ("evacuations", "area"), ("infrastructure", "name"), ("events", "what")))  # fmt: skip
    pf = with_header(body)
    for pane in ("fronts", "evacuations", "infrastructure", "events"):
        assert [(it.label, it.broken) for it in pf.items[pane]] == [("A", False), ("B", True), ("C", False)], pane
        assert [i for _p, i, _it in pf.all_items() if _p == pane] == [0, 1, 2]


def test_a_missing_label_and_a_bad_common_field():
    pf = with_header(
        """\
        statements:
          - actor: Putin
            summary: spoke
          - quote: "words"
            updated: soon
        """
    )
    good, bad = pf.items["statements"]
    assert not good.broken
    assert bad.label == "statements[1]" and bad.values == (("quote", "words"),)
    assert [d.path for d in bad.problems] == ["statements[1]", "statements[1].updated"]


def test_a_good_file_has_no_broken_items_and_pays_nothing():
    pf = with_header("events:\n  - what: A\n")
    assert pf.ok and pf.broken_items == () and type(pf.items["events"][0]) is Event


# -- sources ------------------------------------------------------------------------------------


def test_a_bad_source_keeps_the_source_with_its_problems():
    pf = with_header(
        """\
        sources:
          rep: {name: Report, reliability: Z, url: https://example.org}
          bare: 42
          noname: {type: agency}
        """
    )
    rep, bare, noname = pf.sources["rep"], pf.sources["bare"], pf.sources["noname"]
    assert rep.name == "Report" and rep.reliability is None and rep.url == "https://example.org"
    assert [d.path for d in rep.problems] == ["sources.rep.reliability"]
    assert bare.name == "bare" and bare.problems[0].message.startswith("expected a mapping")
    assert noname.name == "noname" and noname.type == "agency"
    assert not pf.ok and len(pf.errors) == 3


def test_a_bad_document_keeps_the_source_known_to_check(tmp_path: Path):
    """Issue 13 item 8: check dropped the source, then reported 'known sources: none are defined'."""
    path = tmp_path / "s.yaml"
    path.write_text(
        HEADER + "sources:\n  rep: {name: Report, document: /etc/passwd}\n"
        "events:\n  - what: A\n    sources: [rep]\n  - what: B\n    sources: [nope]\n",
        encoding="utf-8",
    )
    result = load([path], for_check=True)
    messages = [(d.path, d.message) for d in result.errors]
    assert messages[0][0] == "sources.rep.document"
    assert messages[1:] == [("events[1].sources[0]", "unknown source 'nope' (known sources: rep)")]
    run = subprocess.run(
        [sys.executable, "-m", "tui", "check", "--json", str(path)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert [d["path"] for d in report["diagnostics"]] == ["sources.rep.document", "events[1].sources[0]"]


# -- header ---------------------------------------------------------------------------------------


def test_the_header_fields_that_validate_are_used_and_the_written_ones_are_known():
    pf = parse_bytes(
        b"situation:\n  id: demo\n  title: [not, text]\n  as_of: 2024-08-09\n  marking: TLP:RED\n", "f.yaml"
    )
    assert not pf.ok
    assert dict(pf.header) == {"as_of": pf.header["as_of"], "marking": "TLP:RED"}
    assert pf.header_keys == {"title", "as_of", "marking"} and pf.declares_header and not pf.carries_header
    part = parse_bytes(b"situation: {id: demo}\nevents: [{what: A}]\n", "g.yaml")
    assert part.header_keys == frozenset() and not part.declares_header


def test_check_exits_1_on_a_broken_item_and_reports_it_placed(tmp_path: Path):
    path = tmp_path / "s.yaml"
    path.write_text(HEADER + "fronts:\n  - name: A\n    status: winning\n  - name: B\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "tui", "check", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert f"{path}:7:13: fronts[0].status: 'winning' is not one of" in run.stdout


def test_a_broken_item_survives_the_baseline_json_round_trip():
    from tui.model.serialize import SerializeError, situation_from_json, situation_to_json
    from tui.model.types import Situation

    pf = with_header(
        """\
        events:
          - what: Strike
            date: 2024-08-07
            count: {value: 5, qualifier: roughly}
            where: Sudzha
            x-k: [1, 2]
          - 42
        """
    )
    sit = Situation(id="demo", title="Demo", as_of=pf.header["as_of"], events=pf.items["events"])
    text = situation_to_json(sit)
    back = situation_from_json(text)
    assert back == sit and back.events[0].broken and back.events[0].problems == sit.events[0].problems
    assert dict(back.events[0].values)["date"] == sit.events[0].values[1][1]
    tampered = text.replace('"severity": "error"', '"severity": "fatal"', 1)
    try:
        situation_from_json(tampered)
    except SerializeError as exc:
        assert "not a problem" in str(exc)
    else:
        raise AssertionError("a tampered problem was read")
