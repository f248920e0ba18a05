"""Every number and time has a range; lenient where the meaning is certain (issue 10).

Fields are taken from the spec (tui.model.spec), so a new numeric or time field is
covered here without a new test."""

from __future__ import annotations

import textwrap

import pytest

from tui.model.brief import render_brief
from tui.model.load import assemble, parse_bytes
from tui.model.plain import item_as_text, item_fields
from tui.model.searchtext import item_tiers
from tui.model.spec import LIST, LISTS, ListSpec
from tui.model.types import Situation

HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
HUGE = "9" * 5000  # str() of it raises past 4,300 digits
BEYOND = str(10**15 + 1)


def parse(text: str):
    return parse_bytes(textwrap.dedent(text).encode("utf-8"), "f.yaml")


def item_yaml(spec: ListSpec, field: str, value: str) -> str:
    """One item of the list: its label, what else it needs (figures' value, a statement's
    quote), and `field: value` (the needed fields come first: errors stay on line 7+)."""
    lines = [f"{spec.name}:", f"  - {spec.label}: Label"]
    needed = [f.name for f in spec.fields if f.required and f.name != spec.label] + list(spec.one_of[:1])
    for name in needed:
        if name != field:
            lines.append(f"    {name}: {spec.field(name).example}")
    lines.append(f"    {field}: {value}")
    return HEADER + "\n".join(lines) + "\n"


def field_line(spec: ListSpec, field: str) -> int:
    needed = [f.name for f in spec.fields if f.required and f.name != spec.label] + list(spec.one_of[:1])
    return 7 + len([n for n in needed if n != field])


def fields_of(kind: str) -> list[tuple[ListSpec, str]]:
    return [(spec, f.name) for spec in LISTS for f in spec.all_fields if f.kind == kind]


def shows_without_crashing(pf) -> None:  # type: ignore[no-untyped-def]
    """Everything the board and the outputs do with items: no exception."""
    panes = {pane: its for pane, its in pf.items.items()}
    sit = Situation(id="demo", title="Demo", as_of=pf.header["as_of"], **panes)
    for item in sit.items():
        item_fields(item)
        item_as_text(sit, item)
        item_tiers(item)  # what search reads
    render_brief(sit, fmt="text")


# -- numbers ----------------------------------------------------------------------------------

QUANTITIES = fields_of("quantity")


@pytest.mark.parametrize(("spec", "field"), QUANTITIES, ids=lambda x: getattr(x, "name", x))
@pytest.mark.parametrize(
    ("written", "sub"),
    [
        (HUGE, ""),
        (BEYOND, ""),
        ("1.0e300", ""),
        ("-" + HUGE, ""),
        (f"{{value: {HUGE}, qualifier: over}}", ".value"),
        (f"{{min: 1, max: {BEYOND}}}", ".max"),
        (f"{{min: {HUGE}, max: {HUGE}}}", ".min"),
    ],
)
def test_numbers_beyond_the_range_are_placed_errors(spec: ListSpec, field: str, written: str, sub: str) -> None:
    pf = parse(item_yaml(spec, field, written))
    errors = pf.errors
    assert errors, written[:20]
    d = errors[0]
    assert d.path == f"{spec.name}[0].{field}{sub}"
    assert d.line == field_line(spec, field)
    assert "10^15" in d.message or "zero or more" in d.message
    assert len(d.message) < 300  # never the 5,000 digits
    (item,) = pf.items[spec.name]
    assert item.broken and item.problems[0] == d
    shows_without_crashing(pf)


@pytest.mark.parametrize(("spec", "field"), QUANTITIES, ids=lambda x: getattr(x, "name", x))
def test_the_bound_itself_is_fine(spec: ListSpec, field: str) -> None:
    pf = parse(item_yaml(spec, field, f"{{min: 0, max: {10**15}}}"))
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert getattr(pf.items[spec.name][0], field).max == 10**15
    shows_without_crashing(pf)


def test_the_message_names_the_bound():
    pf = parse(item_yaml(LIST["evacuations"], "people", BEYOND))
    assert pf.errors[0].message == (
        "expected a number from 0 to 10^15 (1,000,000,000,000,000), found the number 1000000000000001"
    )
    pf = parse(item_yaml(LIST["evacuations"], "people", HUGE))
    assert pf.errors[0].message.endswith(" digits") and "found a number of 5,000 digits" in pf.errors[0].message


@pytest.mark.parametrize("count", [HUGE, BEYOND])
def test_unit_counts_have_the_range_too(count: str) -> None:
    pf = parse(HEADER + f"infrastructure:\n  - name: NPP\n    units: {{operational: {count}}}\n")
    (d,) = pf.errors
    assert (d.line, d.path) == (7, "infrastructure[0].units.operational") and "10^15" in d.message
    shows_without_crashing(pf)


def test_a_huge_format_number_is_an_error_not_a_crash() -> None:
    pf = parse(f"format: {HUGE}\n" + HEADER)
    (d,) = pf.errors
    assert (d.line, d.path) == (1, "format") and "digits" in d.message


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (HEADER + f"x-top: {HUGE}\n", "x-top"),
        (HEADER.replace("  title", f"  x-desk: {HUGE}\n  title"), "situation.x-desk"),
        (HEADER + f"events:\n  - what: A\n    x-n: {HUGE}\n", "events[0].x-n"),
        (HEADER + f"events:\n  - what: A\n    x-n: [1, {{deep: [{BEYOND}]}}]\n", "events[0].x-n[1].deep[0]"),
        (HEADER + f"events:\n  - what: A\n    count: {{value: 1, x-raw: {HUGE}}}\n", "events[0].count.x-raw"),
        (HEADER + f"sources:\n  r: {{name: R, x-id: {HUGE}}}\n", "sources.r.x-id"),
    ],
)
def test_numbers_in_x_keys_have_the_range_too(where: str, path: str) -> None:
    """A 5,000-digit integer in an x- key crashed `enter` on the item: an error, the key left out."""
    pf = parse(where)
    (d,) = pf.errors
    assert d.path == path and "10^15" in d.message and "quote it" in d.message
    for item in (it for its in pf.items.values() for it in its):
        assert item.broken and item.extensions == ()
    assert pf.extensions == () and pf.header_extensions == ()
    shows_without_crashing(pf)


def test_x_keys_in_range_are_kept_as_written() -> None:
    pf = parse(HEADER + "events:\n  - what: A\n    x-n: [1, {deep: 2.5}, 1000000000000000]\n")
    assert pf.ok and pf.items["events"][0].extensions == (("x-n", [1, {"deep": 2.5}, 10**15]),)


# -- times ------------------------------------------------------------------------------------

TIMES = fields_of("time")
OUT_OF_RANGE = ["9999-12-31", "0001-01-01", "0001-01-01T00:00:00+03:00", "1899-12-31", "2201-01-01T00:00Z"]


@pytest.mark.parametrize(("spec", "field"), TIMES, ids=lambda x: getattr(x, "name", x))
@pytest.mark.parametrize("written", OUT_OF_RANGE + [f"{{at: {t}, approx: true}}" for t in OUT_OF_RANGE[:2]])
def test_times_outside_1900_2200_are_placed_errors(spec: ListSpec, field: str, written: str) -> None:
    pf = parse(item_yaml(spec, field, written))
    (d,) = pf.errors
    assert d.path == f"{spec.name}[0].{field}" + (".at" if written.startswith("{") else "")
    assert "out of range: times must fall in the years 1900-2200" in d.message
    shows_without_crashing(pf)


@pytest.mark.parametrize("written", ["1900-01-01", "2200-12-31", "1900-01-01T00:00:00+14:00", "2200-12-31T23:59-12:00"])
def test_the_edges_of_the_time_range_are_fine(written: str) -> None:
    for spec, field in TIMES:
        pf = parse(item_yaml(spec, field, written))
        assert pf.ok, [str(d) for d in pf.diagnostics]
        shows_without_crashing(pf)


@pytest.mark.parametrize("written", ["9999-12-31", "0001-01-01T00:00:00+03:00"])
def test_an_as_of_out_of_range_is_an_error_and_the_file_still_assembles_for_check(written: str) -> None:
    pf = parse(HEADER.replace("2024-08-09T12:00:00+03:00", written) + "events:\n  - what: A\n    updated: 2024-08-01\n")
    (d,) = pf.errors
    assert d.path == "situation.as_of" and "1900-2200" in d.message
    assemble([pf], for_check=True)  # `check` runs on: no OverflowError


# -- lenient text ------------------------------------------------------------------------------


def test_a_plain_scalar_in_a_text_field_is_the_text_as_written() -> None:
    pf = parse(
        HEADER.replace("id: demo", "id: 2024")
        + "sources:\n  r: {name: 1945, type: 08}\n"
        + "statements:\n  - actor: yes\n    quote: 08\n    role: 1.50\n    id: 2024\n"
        + "  - actor: true\n    summary: 0x1F\n    channel: 1e3\n"
        + "fronts:\n  - name: 1945\n    sides: [08, 1945, NO]\n    strength: 007\n"
        + "events:\n  - what: 2024\n    count: {value: 5, unit: 08}\n    note: 1_000\n"
    )
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert pf.situation_id == "2024"
    assert (pf.sources["r"].name, pf.sources["r"].type) == ("1945", "08")
    first, second = pf.items["statements"]
    assert (first.actor, first.quote, first.role, first.id) == ("yes", "08", "1.50", "2024")
    assert (second.actor, second.summary, second.channel) == ("true", "0x1F", "1e3")
    (front,) = pf.items["fronts"]
    assert front.name == "1945" and front.sides == ("08", "1945", "NO") and front.strength == "007"
    assert front.id == "1945"
    (event,) = pf.items["events"]
    assert (event.what, event.count.unit, event.note) == ("2024", "08", "1_000")


def test_a_5000_digit_plain_scalar_in_a_text_field_is_text() -> None:
    pf = parse(HEADER + f"events:\n  - what: {HUGE}\n")
    assert pf.ok and pf.items["events"][0].what == HUGE
    shows_without_crashing(pf)


def test_numbers_enums_and_times_stay_strict() -> None:
    pf = parse(
        HEADER
        + "events:\n  - what: A\n    count: '5'\n    date: 20240807\n    confidence: 1\n    sources: 5\n"
        + "  - what: B\n    about: [{a: b}]\n"
    )
    assert [d.path for d in pf.errors] == [
        "events[0].count",
        "events[0].date",
        "events[0].confidence",
        "events[0].sources",
        "events[1].about[0]",
    ]


def test_a_quoted_number_that_is_not_a_slug_is_still_a_bad_id() -> None:
    pf = parse(HEADER + "events:\n  - what: A\n    id: 1.5\n")
    (d,) = pf.errors
    assert d.path == "events[0].id" and d.message.startswith("'1.5' is not a valid id")


# -- source ids ----------------------------------------------------------------------------------


def test_source_ids_are_slugs_and_a_bad_one_stays_known() -> None:
    pf = parse(HEADER + "sources:\n  Reuters Agency: {name: Reuters}\n  ok-1: {name: OK}\n")
    (d,) = pf.errors
    assert (d.line, d.column, d.path) == (6, 3, "sources.Reuters Agency")
    assert (
        d.message == "'Reuters Agency' is not a valid source id: expected a slug of a-z, 0-9 and '-' (e.g. 'reuters')"
    )
    assert set(pf.sources) == {"Reuters Agency", "ok-1"}
    assert pf.sources["Reuters Agency"].problems == (d,)
