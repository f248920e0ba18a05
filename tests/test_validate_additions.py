"""The December 2026 additions to every item and value: severity, counts, geo, via,
`almost`, half ranges, months, periods, the new statuses, next_update. Good values load
typed; bad ones are placed errors, with the allowed keys named when a key is wrong."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from tui.model.load import load, parse_bytes
from tui.model.types import Geo, Quantity, SourceRef, When

HEADER = """\
situation:
  id: demo
  title: Demo
  as_of: 2024-08-09T12:00:00+03:00
"""
UTC3 = dt.timezone(dt.timedelta(hours=3))


def with_header(body: str):
    return parse_bytes((HEADER + textwrap.dedent(body)).encode("utf-8"), "f.yaml")


def one_error(pf):
    (d,) = pf.errors
    return (d.line, d.column, d.path, d.message)


def test_severity_counts_geo_on_any_item():
    pf = with_header(
        """\
        events:
          - what: Convoy hit
            severity: critical
            counts: {killed: 17, missing: {value: 83, qualifier: about}, 2024: 1}
            geo: {lat: 51.68, lon: -35.5, precision: near, pcode: 08}
        """
    )
    assert pf.ok, [str(d) for d in pf.diagnostics]
    (event,) = pf.items["events"]
    assert event.severity == "critical"
    assert event.counts == (
        ("killed", Quantity(value=17)),
        ("missing", Quantity(value=83, qualifier="about")),
        ("2024", Quantity(value=1)),  # a label that YAML reads as a number is the text as written
    )
    assert event.geo == Geo(51.68, -35.5, "near", "08")


@pytest.mark.parametrize(
    ("field", "value", "column", "path", "message"),
    [
        ("severity", "urgent", 15, "", "'urgent' is not one of critical, high, medium, low"),
        ("severity", "hihg", 15, "", "'hihg' is not one of critical, high, medium, low; did you mean 'high'?"),
        (
            "counts",
            "17",
            13,
            "",
            "expected a mapping of label -> figure ({killed: 17, missing: 83}), found the number 17",
        ),
        ("counts", "{killed: many}", 22, ".killed", "expected a number or {value, qualifier} or {min, max}"),
        ("geo", "[51, 35]", 10, "", "expected {lat, lon} in decimal degrees, found a list"),
        ("geo", "{lat: 91, lon: 35}", 16, ".lat", "expected decimal degrees from -90 to 90, found 91"),
        ("geo", "{lat: 51, lon: -180.5}", 25, ".lon", "expected decimal degrees from -180 to 180, found -180.5"),
        ("geo", "{lat: 51}", 10, "", "missing required field 'lon' ({lat, lon} in decimal degrees)"),
        ("geo", "{lat: '51', lon: 35}", 16, ".lat", "expected a number of decimal degrees, found text '51'"),
        (
            "geo",
            "{lat: 51, lon: 35, precision: close}",
            40,
            ".precision",
            "'close' is not one of exact, near, area, region",
        ),
        (
            "geo",
            "{lat: 51, lng: 35}",
            20,
            ".lng",
            "unknown key 'lng' in events[0].geo; did you mean 'lon'? (a geo point takes lat, lon, precision, pcode)",
        ),
    ],
)
def test_bad_common_additions_are_placed(field, value, column, path, message):
    pf = with_header(f"events:\n  - what: A\n    {field}: {value}\n")
    line, col, got_path, got = pf.errors[0].line, pf.errors[0].column, pf.errors[0].path, pf.errors[0].message
    assert (line, col, got_path) == (7, column, f"events[0].{field}{path}")
    assert got.startswith(message), got
    assert pf.items["events"][0].broken


def test_a_label_that_is_not_text():
    pf = with_header("events:\n  - what: A\n    counts: {[a]: 1, 2024: 3, true: 2}\n")
    (d,) = pf.errors
    assert d.path.startswith("events[0].counts.") and d.message.startswith("labels must be text, found a ")


def test_an_unknown_geo_key_names_the_keys_it_takes():
    pf = with_header("events:\n  - what: A\n    geo: {lat: 51, lng: 35}\n")
    messages = [d.message for d in pf.errors]
    assert (
        messages[0]
        == "unknown key 'lng' in events[0].geo; did you mean 'lon'? (a geo point takes lat, lon, precision, pcode)"
    )
    assert messages[1] == "missing required field 'lon' ({lat, lon} in decimal degrees)"


def test_via_and_the_keys_of_a_source_reference():
    pf = with_header(
        """\
        events:
          - what: A
            sources:
              - {source: echo, quote: "words", via: media reports}
              - {source: echo, qoute: "words"}
        """
    )
    (d,) = pf.errors
    assert (d.line, d.column, d.path) == (9, 24, "events[0].sources[1].qoute")
    assert d.message == (
        "unknown key 'qoute' in events[0].sources[1]; did you mean 'quote'? (a source reference takes source, quote, via)"
    )
    assert pf.items["events"][0].sources[0] == SourceRef("echo", "words", via="media reports")


# -- quantities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "quantity"),
    [
        ("{value: 1000, qualifier: almost}", Quantity(value=1000, qualifier="almost")),
        ("{max: 5}", Quantity(max=5)),
        ("{min: 5, unit: km}", Quantity(min=5, unit="km")),
        ("{min: 5, max: 5}", Quantity(min=5, max=5)),
    ],
)
def test_almost_and_half_ranges(written, quantity):
    pf = with_header(f"events:\n  - what: A\n    count: {written}\n")
    assert pf.ok and pf.items["events"][0].count == quantity


@pytest.mark.parametrize(
    ("written", "column", "path", "message"),
    [
        ("{max: 5, qualifier: over}", 32, ".qualifier", "a qualifier goes with `value`, not with a {min, max} range"),
        ("{min: 6, max: 5}", 12, "", "min 6 is more than max 5"),
        ("{unit: km}", 12, "", "expected a number or {value, qualifier} or {min, max} (or only one of them)"),
        (
            "{value: 5, qualifer: over}",
            23,
            ".qualifer",
            "unknown key 'qualifer' in events[0].count; did you mean 'qualifier'?"
            " (a quantity takes value, qualifier, min, max, unit)",
        ),
        ("{vlaue: 5}", 13, ".vlaue", "unknown key 'vlaue' in events[0].count; did you mean 'value'?"),
    ],
)
def test_quantity_errors_name_the_keys_a_quantity_takes(written, column, path, message):
    pf = with_header(f"events:\n  - what: A\n    count: {written}\n")
    d = pf.errors[0]
    assert (d.line, d.column, d.path) == (7, column, "events[0].count" + path)
    assert d.message.startswith(message), d.message


# -- times ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "when"),
    [
        ("2024-07", When(dt.date(2024, 7, 1), kind="month")),
        ("{at: 2024-07, approx: true}", When(dt.date(2024, 7, 1), approx=True, kind="month")),
        ("{from: 2022-11-28, to: 2022-11-29}", When(dt.date(2022, 11, 28), kind="period", end=dt.date(2022, 11, 29))),
        (
            "{from: 2022-11-28, to: 2022-11-29, approx: true}",
            When(dt.date(2022, 11, 28), approx=True, kind="period", end=dt.date(2022, 11, 29)),
        ),
        (
            "{from: '2024-08-06T05:00+03:00', to: '2024-08-06T09:30+03:00'}",
            When(
                dt.datetime(2024, 8, 6, 5, tzinfo=UTC3), kind="period", end=dt.datetime(2024, 8, 6, 9, 30, tzinfo=UTC3)
            ),
        ),
        ("{from: 2024-08-06, to: 2024-08-06}", When(dt.date(2024, 8, 6), kind="period", end=dt.date(2024, 8, 6))),
    ],
)
def test_months_and_periods(written, when):
    pf = with_header(f"events:\n  - what: A\n    date: {written}\n")
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert pf.items["events"][0].date == when


@pytest.mark.parametrize(
    ("written", "column", "path", "message"),
    [
        ("2024-13", 11, "", "'2024-13' is not a month: months run from 01 to 12"),
        ("1899-12", 11, "", "'1899-12' is out of range: times must fall in the years 1900-2200"),
        ("{from: 2022-11-29, to: 2022-11-28}", 11, "", "the period ends (2022-11-28) before it starts (2022-11-29)"),
        ("{from: 2022-11-28}", 11, "", "a period needs both from and to; 'to' is missing"),
        ("{to: 2022-11-28}", 11, "", "a period needs both from and to; 'from' is missing"),
        (
            "{at: 2022-11-28, to: 2022-11-29}",
            11,
            "",
            "a time is either {at, approx} or a period {from, to, approx}, not both",
        ),
        (
            "{from: 2022-11-28, to: '2022-11-29T10:00Z'}",
            11,
            "",
            "a period's from and to are both dates or both date-times",
        ),
        ("{from: 2022-11, to: 2022-12}", 18, ".from", "expected an ISO 8601 date (2024-08-07), date-time with offset"),
        ("{from: 2022-11-28, to: '2022-11-29T10:00'}", 34, ".to", "'2022-11-29T10:00' has a time but no UTC offset"),
        (
            "{approx: true}",
            11,
            "",
            "missing required field 'at' (the date, e.g. {at: 2024-08-07, approx: true}) or 'from'",
        ),
        (
            "{form: 2022-11-28, to: 2022-11-29}",
            12,
            ".form",
            "unknown key 'form' in events[0].date; did you mean 'from'? (a time takes at, from, to, approx)",
        ),
    ],
)
def test_bad_months_and_periods_are_placed(written, column, path, message):
    pf = with_header(f"events:\n  - what: A\n    date: {written}\n")
    d = pf.errors[0]
    assert (d.line, d.column, d.path) == (7, column, "events[0].date" + path), str(d)
    assert d.message.startswith(message), d.message


# -- statuses, next_update --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pane", "label", "status"),
    [
        ("fronts", "name", "unknown"),
        ("evacuations", "area", "forced"),
        ("evacuations", "area", "blocked"),
        ("evacuations", "area", "unknown"),
    ],
)
def test_the_new_statuses(pane, label, status):
    pf = with_header(f"{pane}:\n  - {label}: A\n    status: {status}\n")
    assert pf.ok and pf.items[pane][0].status == status


def test_next_update():
    pf = parse_bytes((HEADER + "  next_update: 2024-08-10T12:00:00+03:00\n").encode(), "f.yaml")
    assert pf.ok and pf.header["next_update"] == When(dt.datetime(2024, 8, 10, 12, tzinfo=UTC3))
    assert "next_update" in pf.header_keys
    bad = parse_bytes((HEADER + "  next_update: tomorrow\n").encode(), "f.yaml")
    (d,) = bad.errors
    assert (d.line, d.column, d.path) == (5, 16, "situation.next_update")
    assert "title" in bad.header and "as_of" in bad.header  # the header fields that validate are used


def test_next_update_only_in_the_header_part(tmp_path):
    (tmp_path / "a.yaml").write_text(HEADER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("situation:\n  id: demo\n  next_update: 2024-08-10\n", encoding="utf-8")
    result = load([tmp_path])
    (d,) = result.errors
    assert (d.file, d.path) == (str(tmp_path / "b.yaml"), "situation.next_update")
    assert d.message.startswith("only the part with `title` and `as_of`")
