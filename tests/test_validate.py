"""One file's rules: keys, types, enums, required fields, quantities, times, ids, x- keys."""

from __future__ import annotations

import datetime as dt
import os
import textwrap

import pytest

from tui.model.load import parse_bytes
from tui.model.types import Front, Quantity, SourceRef, Statement, When
from tui.model.validate import derive_id, slugify

HEADER = """\
situation:
  id: demo
  title: Demo
  as_of: 2024-08-09T12:00:00+03:00
"""


def parse(text: str, name: str = "f.yaml"):
    return parse_bytes(textwrap.dedent(text).encode("utf-8"), name)


def with_header(body: str):
    return parse(HEADER + textwrap.dedent(body))


def where(pf):
    return [(d.line, d.column, d.path, d.message) for d in pf.diagnostics]


def only(pf):
    assert len(pf.diagnostics) == 1, [str(d) for d in pf.diagnostics]
    return pf.diagnostics[0]


def test_a_good_file():
    pf = with_header(
        """\
        sources:
          reuters: {name: Reuters, type: news agency, reliability: B, url: https://www.reuters.com/}
        fronts:
          - id: north
            name: Northern axis
            status: advancing
            sides: [Ukraine, Russia]
            depth_km: {value: 20, qualifier: up_to, unit: km}
            strength: several thousand
            since: 2024-08-06
            places: [Sudzha]
            confidence: claimed
            sources: [reuters, {source: reuters, quote: "up to 20 km"}]
            updated: 2024-08-09T10:00:00Z
            note: a note
        """
    )
    assert pf.ok, where(pf)
    assert pf.situation_id == "demo" and pf.carries_header
    assert pf.header["title"] == "Demo"
    assert pf.header["as_of"] == When(dt.datetime(2024, 8, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    (front,) = pf.items["fronts"]
    assert isinstance(front, Front)
    assert front.id == "north" and not front.id_derived
    assert front.depth_km == Quantity(value=20, qualifier="up_to", unit="km")
    assert front.sides == ("Ukraine", "Russia") and front.places == ("Sudzha",)
    assert front.since == When(dt.date(2024, 8, 6))
    assert front.sources == (SourceRef("reuters"), SourceRef("reuters", "up to 20 km"))
    assert front.confidence == "claimed"
    assert front.origin is not None and (front.origin.line, front.origin.column) == (8, 3)
    assert pf.sources["reuters"].reliability == "B"


def test_unknown_key_suggests_nearest():
    pf = with_header(
        """\
        fronts:
          - name: A
            stauts: contested
        """
    )
    assert where(pf) == [(7, 5, "fronts[0].stauts", "unknown key 'stauts' in fronts[0]; did you mean 'status'?")]


def test_unknown_top_level_and_situation_keys():
    pf = parse(
        """\
        situation:
          id: demo
          titel: Demo
          as_of: 2024-08-09
        fronst: []
        """
    )
    got = where(pf)
    assert (3, 3, "situation.titel", "unknown key 'titel' in situation; did you mean 'title'?") in got
    assert (5, 1, "fronst", "unknown key 'fronst' in the top level; did you mean 'fronts'?") in got


def test_enum_value_outside():
    pf = with_header(
        """\
        fronts:
          - name: A
            status: winning
        """
    )
    assert where(pf) == [
        (
            7,
            13,
            "fronts[0].status",
            "'winning' is not one of advancing, contested, holding, stabilized, withdrawing, buildup, quiet, unknown",
        )
    ]


@pytest.mark.parametrize(
    ("pane", "body", "field", "message"),
    [
        (
            "evacuations",
            "area: X\n    status: done",
            "status",
            "'done' is not one of planned, ordered, ongoing, completed, suspended, forced, blocked, unknown",
        ),
        (
            "infrastructure",
            "name: X\n    status: broken",
            "status",
            "'broken' is not one of operational, degraded, damaged, threatened, offline, destroyed, unknown",
        ),
        (
            "events",
            "what: X\n    confidence: sure",
            "confidence",
            "'sure' is not one of verified, reported, claimed, disputed, unconfirmed",
        ),
    ],
)
def test_enums_of_every_pane(pane, body, field, message):
    pf = with_header(f"{pane}:\n  - {body}\n")
    (d,) = pf.diagnostics
    assert (d.line, d.path, d.message) == (7, f"{pane}[0].{field}", message)


def test_quantity_text_is_explained():
    pf = with_header(
        """\
        fronts:
          - name: A
            depth_km: twenty
        """
    )
    assert where(pf) == [
        (
            7,
            15,
            "fronts[0].depth_km",
            "expected a number or {value, qualifier} or {min, max} (or only one of them), found text 'twenty'",
        )
    ]


def test_missing_required_fields_point_at_the_mapping():
    pf = with_header(
        """\
        fronts:
          - status: quiet
        evacuations:
          - people: 5
        statements:
          - actor: Zelensky
        infrastructure:
          - kind: plant
        events:
          - where: Kursk
        """
    )
    assert where(pf) == [
        (6, 5, "fronts[0]", "missing required field 'name' (a front needs 'name')"),
        (8, 5, "evacuations[0]", "missing required field 'area' (an evacuation needs 'area')"),
        (10, 5, "statements[0]", "a statement needs at least one of 'quote' (verbatim words) or 'summary'"),
        (12, 5, "infrastructure[0]", "missing required field 'name' (an infrastructure item needs 'name')"),
        (14, 5, "events[0]", "missing required field 'what' (an event needs 'what')"),
    ]


def test_missing_situation():
    d = only(parse("fronts: []\n"))
    assert (d.line, d.column, d.path) == (1, 1, "")
    assert "missing required key 'situation'" in d.message


def test_title_without_as_of():
    d = only(parse("situation:\n  id: demo\n  title: Demo\n"))
    assert (d.line, d.column, d.path) == (2, 3, "situation")
    assert "missing required field 'as_of'" in d.message


def test_bad_situation_id():
    d = only(parse("situation:\n  id: Kursk 2024\n  title: T\n  as_of: 2024-08-09\n"))
    assert (d.line, d.column, d.path) == (2, 7, "situation.id")
    assert d.message.startswith("'Kursk 2024' is not a valid id")


def test_format_2_says_upgrade():
    d = only(parse("format: 2\n" + HEADER))
    assert (d.line, d.column, d.path) == (1, 9, "format")
    assert d.message == "this file is format 2; this version of sitboard reads format 1: upgrade sitboard"


@pytest.mark.parametrize(
    ("value", "message"),
    [("'1'", "expected the number 1, found text '1'"), ("0", "0 is not a format version; expected 1")],
)
def test_other_bad_formats(value, message):
    d = only(parse(f"format: {value}\n" + HEADER))
    assert (d.line, d.column, d.message) == (1, 9, message)


def test_format_1_and_absent_are_fine():
    assert parse("format: 1\n" + HEADER).ok
    assert parse(HEADER).ok


def test_as_of_without_offset():
    d = only(parse("situation:\n  id: demo\n  title: T\n  as_of: 2024-08-09T12:00:00\n"))
    assert (d.line, d.column, d.path) == (4, 10, "situation.as_of")
    assert "has a time but no UTC offset" in d.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-08-09", dt.date(2024, 8, 9)),
        ("2024-08-09T12:00:00Z", dt.datetime(2024, 8, 9, 12, tzinfo=dt.UTC)),
        ("'2024-08-09T12:00+03:00'", dt.datetime(2024, 8, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=3)))),
    ],
)
def test_as_of_forms(text, value):
    pf = parse(f"situation:\n  id: demo\n  title: T\n  as_of: {text}\n")
    assert pf.ok and pf.header["as_of"].value == value


def test_times_approx_and_errors():
    pf = with_header(
        """\
        events:
          - what: Gerasimov speaks
            date: {at: 2024-08-07, approx: true}
          - what: B
            date: {approx: true}
          - what: C
            date: Wednesday
          - what: D
            date: 20240807x
          - what: E
            date: {at: 2024-08-07T10:00, approx: yes}
        """
    )
    assert pf.items["events"][0].date == When(dt.date(2024, 8, 7), approx=True)
    got = where(pf)
    assert got[0][:3] == (9, 11, "events[1].date")
    assert "missing required field 'at'" in got[0][3]
    assert got[1][:3] == (11, 11, "events[2].date")
    assert got[1][3].startswith("expected an ISO 8601 date (2024-08-07)") and "found text 'Wednesday'" in got[1][3]
    assert got[2][:3] == (13, 11, "events[3].date")
    assert got[3][:3] == (15, 42, "events[4].date.approx")  # `yes` is text in YAML 1.2
    assert got[3][3] == "expected true or false, found text 'yes'"
    assert got[4][:3] == (15, 16, "events[4].date.at")
    assert "no UTC offset" in got[4][3]
    assert len(got) == 5


def test_quantities_of_every_form():
    pf = with_header(
        """\
        evacuations:
          - area: a
            people: 76000
          - area: b
            people: {value: 76000, qualifier: over}
          - area: c
            people: {min: 10, max: 20, unit: families}
          - area: d
            people: {value: 1.5, unit: thousand, x-src: estimate}
          - area: e
            people: {value: 3, qualifier: at_least}
        """
    )
    assert pf.ok, where(pf)
    got = [e.people for e in pf.items["evacuations"]]
    assert got == [
        Quantity(value=76000),
        Quantity(value=76000, qualifier="over"),
        Quantity(min=10, max=20, unit="families"),
        Quantity(value=1.5, unit="thousand", extensions=(("x-src", "estimate"),)),
        Quantity(value=3, qualifier="at_least"),
    ]


@pytest.mark.parametrize(
    ("quantity", "column", "path", "message"),
    [
        ("-5", 13, "", "expected a number of zero or more, found -5"),
        (
            "true",
            13,
            "",
            "expected a number or {value, qualifier} or {min, max} (or only one of them), found the boolean true",
        ),
        (
            "{value: 5, qualifier: roughly}",
            35,
            ".qualifier",
            "'roughly' is not one of over, under, about, up_to, at_least, almost",
        ),
        ("{min: 20, max: 10}", 13, "", "min 20 is more than max 10"),
        ("{min: 20, max: x}", 28, ".max", "expected a number, found text 'x'"),
        ("{value: 5, min: 1, max: 9}", 13, "", "a quantity is either {value, qualifier} or {min, max}, not both"),
        ("{value: -1}", 21, ".value", "expected a number of zero or more, found -1"),
        (
            "{vale: 5}",
            14,
            ".vale",
            "unknown key 'vale' in evacuations[0].people; did you mean 'value'?"
            " (a quantity takes value, qualifier, min, max, unit)",
        ),
        (".nan", 13, "", "expected a finite number, found nan"),
    ],
)
def test_quantity_errors(quantity, column, path, message):
    pf = with_header(f"evacuations:\n  - area: a\n    people: {quantity}\n")
    assert not pf.ok
    d = pf.diagnostics[0]
    assert (d.line, d.column, d.path, d.message) == (7, column, "evacuations[0].people" + path, message)


def test_units_map():
    pf = with_header(
        """\
        infrastructure:
          - name: Kursk NPP
            units: {operational: 2, shut_down: 2, under_construction: 2}
          - name: B
            units: {operational: -1}
        """
    )
    (d,) = pf.diagnostics
    assert (d.line, d.column, d.path) == (9, 26, "infrastructure[1].units.operational")
    assert d.message == "expected a whole number of zero or more, found the number -1"
    assert pf.items["infrastructure"][0].units == (("operational", 2), ("shut_down", 2), ("under_construction", 2))


def test_statements_quote_or_summary_and_types():
    pf = with_header(
        """\
        statements:
          - actor: Gerasimov
            quote: "The advance has been halted."
            date: 2024-08-07
          - actor: IAEA
            summary: calls for restraint
            role: [42]
        """
    )
    (d,) = pf.diagnostics
    assert (d.line, d.column, d.path) == (11, 11, "statements[1].role")
    assert d.message == "expected text, found a list"
    s, broken = pf.items["statements"]
    assert isinstance(s, Statement) and s.quote == "The advance has been halted."
    assert broken.broken and broken.label == "IAEA" and broken.problems == (d,)


def test_derived_ids():
    pf = with_header(
        """\
        fronts:
          - name: "Kyïv Oblast — North!"
          - name: Київ
        """
    )
    assert pf.ok
    a, b = pf.items["fronts"]
    assert (a.id, a.id_derived) == ("kyiv-oblast-north", True)
    assert b.id.startswith("fronts-") and len(b.id) == len("fronts-") + 8 and b.id_derived


def test_slugify_rules():
    assert slugify("  Crème Brûlée --- ÀÉÎ  ") == "creme-brulee-aei"
    assert slugify("ß Straße") == "ss-strasse"
    long = slugify("word " * 30)
    assert len(long) <= 48 and not long.endswith("-")
    assert derive_id("events", "!!!") == derive_id("events", "!!!") != derive_id("events", "???")


def test_item_ids_must_be_slugs():
    d = only(with_header("events:\n  - id: Bad_ID\n    what: x\n"))
    assert (d.line, d.column, d.path) == (6, 9, "events[0].id")


def test_x_keys_kept_everywhere():
    pf = parse(
        """\
        x-desk: analysis
        situation:
          id: demo
          title: T
          as_of: 2024-08-09
          x-owner: {name: Ana}
        sources:
          s1: {name: S, x-grade-note: why}
        events:
          - what: E
            x-colour: red
            date: {at: 2024-08-07, approx: true, x-said: Wednesday}
            sources: [{source: s1, quote: q, x-page: 3}]
        """
    )
    assert pf.ok, where(pf)
    assert pf.extensions == (("x-desk", "analysis"),)
    assert pf.header_extensions == (("x-owner", {"name": "Ana"}),)
    assert pf.sources["s1"].extensions == (("x-grade-note", "why"),)
    (e,) = pf.items["events"]
    assert e.extensions == (("x-colour", "red"),)
    assert e.date.extensions == (("x-said", "Wednesday"),)
    assert e.sources[0].extensions == (("x-page", 3),)


def test_sources_rules(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "report.txt").write_text("words")
    path = tmp_path / "s.yaml"
    path.write_text(
        HEADER
        + textwrap.dedent(
            """\
            sources:
              seed: {name: Seed, document: seeds/report.txt}
              gone: {name: Gone, document: seeds/nothing.txt}
              bad: {name: Bad, reliability: G}
              nameless: {type: agency}
            """
        )
    )
    from tui.model.load import parse_file

    pf = parse_file(path)
    assert pf.sources["seed"].document == str(tmp_path / "seeds" / "report.txt")
    got = [(d.line, d.column, d.path, d.severity) for d in pf.diagnostics]
    assert got == [
        (7, 32, "sources.gone.document", "warning"),
        (8, 33, "sources.bad.reliability", "error"),
        (9, 13, "sources.nameless", "error"),
    ]
    assert "not found" in pf.diagnostics[0].message
    assert pf.diagnostics[1].message == "'G' is not one of A, B, C, D, E, F"
    assert pf.diagnostics[2].message == "missing required field 'name'"


def test_source_ref_forms_and_errors():
    pf = with_header(
        """\
        events:
          - what: E
            sources: [a, {source: b, quote: q}, {quote: orphan}, 5]
          - what: F
            sources: a
        """
    )
    got = [(d.line, d.column, d.path) for d in pf.diagnostics]
    assert got == [(7, 41, "events[0].sources[2]"), (7, 58, "events[0].sources[3]"), (9, 14, "events[1].sources")]


def test_all_errors_of_a_file_are_reported():
    pf = with_header(
        """\
        fronts:
          - name: A
            stauts: x
            status: winning
            depth_km: twenty
            confidence: sure
          - name: [7]
        """
    )
    assert len(pf.diagnostics) == 5
    assert [d.line for d in pf.diagnostics] == [7, 8, 9, 10, 11]


def test_keys_must_be_text():
    d = only(with_header("events:\n  - what: E\n    1: one\n"))
    assert d.message.startswith("keys must be text, found the number 1")
    assert d.line == 7


def test_null_optional_fields_are_absent():
    pf = with_header("fronts:\n  - name: A\n    status:\n    note:\nevents:\n")
    assert pf.ok and pf.items["fronts"][0].status is None


# --- document: a relative path inside the situation's folder or its parent --------------

DOC_RULE = (
    "document must be a relative path to a file inside the situation's git work tree"
    " (or, outside git, its folder or their parent), with no hidden folder, e.g. ../seeds/report.txt"
)


def _doc_file(tmp_path, document: str):
    """tmp/outer/sit/s.yaml with one source whose document is `document`."""
    import json

    sit = tmp_path / "outer" / "sit"
    sit.mkdir(parents=True, exist_ok=True)
    (tmp_path / "outer" / "seeds").mkdir(exist_ok=True)
    (tmp_path / "outer" / "seeds" / "r.txt").write_text("report\n")
    (sit / "local.txt").write_text("local\n")
    (tmp_path / "secret.txt").write_text("id_rsa\n")
    path = sit / "s.yaml"
    path.write_text(HEADER + f"sources:\n  rep: {{name: Rep, document: {json.dumps(document)}}}\n")
    from tui.model.load import parse_file

    return parse_file(path), tmp_path / "outer"


@pytest.mark.parametrize(
    "document, expected",
    [
        ("../seeds/r.txt", "seeds/r.txt"),
        ("local.txt", "sit/local.txt"),
        ("./x/../../seeds/r.txt", "seeds/r.txt"),
    ],
)
def test_document_inside_the_folder_or_its_parent_is_fine(tmp_path, document, expected):
    pf, outer = _doc_file(tmp_path, document)
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert pf.sources["rep"].document == str(outer / expected)


@pytest.mark.parametrize(
    "document, why",
    [
        ("/etc/passwd", "not a relative path"),
        ("~/.ssh/id_rsa", "not a relative path"),
        ("../../secret.txt", "leads outside"),
        ("../seeds/../../secret.txt", "leads outside"),
        ("../..", "leads outside"),
    ],
)
def test_document_outside_is_an_error_naming_the_field(tmp_path, document, why):
    pf, _outer = _doc_file(tmp_path, document)
    assert not pf.ok
    d = only(pf)
    assert (d.line, d.column, d.path, d.severity) == (6, 30, "sources.rep.document", "error")
    assert d.message.startswith(DOC_RULE + "; ") and why in d.message
    assert pf.sources["rep"].document is None and pf.sources["rep"].problems == (
        d,
    )  # the source stays  # never reaches the board's detail view


def test_document_escaping_through_a_symbolic_link_is_an_error(tmp_path):
    import os

    pf, outer = _doc_file(tmp_path, "link.txt")
    assert pf.ok and pf.diagnostics[0].severity == "warning"  # not there yet: only "not found"
    os.symlink(tmp_path / "secret.txt", outer / "sit" / "link.txt")
    os.symlink(tmp_path, outer / "up")
    for document in ("link.txt", "../up/secret.txt"):
        pf, _ = _doc_file(tmp_path, document)
        d = only(pf)
        assert d.path == "sources.rep.document" and d.severity == "error"
        assert "through a symbolic link" in d.message and str(tmp_path / "secret.txt") in d.message
        assert pf.sources["rep"].document is None and pf.sources["rep"].problems == (d,)  # the source stays
    # a link that stays inside is fine
    os.symlink(outer / "seeds" / "r.txt", outer / "sit" / "inside.txt")
    pf, _ = _doc_file(tmp_path, "inside.txt")
    assert pf.ok and pf.sources["rep"].document == str(outer / "sit" / "inside.txt")


def test_hostile_document_never_reaches_the_board(tmp_path):
    from tui.model.load import load

    pf, outer = _doc_file(tmp_path, os.path.expanduser("~/.ssh/id_rsa"))
    result = load([outer / "sit"])
    assert result.situations[0].sources["rep"].document is None  # never opened
    assert [d.path for d in result.errors] == ["sources.rep.document"]
