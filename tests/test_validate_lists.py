"""The four lists of the December 2026 additions: figures, judgments, watch, needs.
Good values load as typed items; bad ones are placed errors (file:line:col and path)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from tui.model.load import load, parse_bytes
from tui.model.types import Figure, Funding, Judgment, Need, Quantity, SeriesPoint, Watch, When

HEADER = """\
situation:
  id: demo
  title: Demo
  as_of: 2024-08-09T12:00:00+03:00
"""


def with_header(body: str):
    return parse_bytes((HEADER + textwrap.dedent(body)).encode("utf-8"), "f.yaml")


def where(pf):
    return [(d.line, d.column, d.path, d.message) for d in pf.diagnostics]


def test_figures():
    pf = with_header(
        """\
        figures:
          - label: people evacuated
            value: {value: 76000, qualifier: over}
            where: Kursk region
            date: 2024-08-09
            breakdown: {Sudzha: 20000, Korenevo: 56000}
            series:
              - {at: 2024-07, value: 3000}
              - {at: 2024-08-08, value: {value: 60000, qualifier: about}}
          - label: deaths
            value: 1480
        """
    )
    assert pf.ok, where(pf)
    evacuated, deaths = pf.items["figures"]
    assert isinstance(evacuated, Figure) and evacuated.label == "people evacuated"
    assert evacuated.id == "people-evacuated" and evacuated.id_derived  # derived from the label
    assert evacuated.value == Quantity(value=76000, qualifier="over")
    assert evacuated.breakdown == (("Sudzha", Quantity(value=20000)), ("Korenevo", Quantity(value=56000)))
    assert evacuated.series == (
        SeriesPoint(When(dt.date(2024, 7, 1), kind="month"), Quantity(value=3000)),
        SeriesPoint(When(dt.date(2024, 8, 8)), Quantity(value=60000, qualifier="about")),
    )
    assert deaths.value == Quantity(value=1480) and deaths.breakdown == () and deaths.series == ()


def test_a_figure_needs_label_and_value():
    pf = with_header("figures:\n  - where: X\n")
    assert [(d.line, d.column, d.path, d.message) for d in pf.errors] == [
        (6, 5, "figures[0]", "missing required field 'label' (a figure needs 'label')"),
        (6, 5, "figures[0]", "missing required field 'value' (a figure needs 'value')"),
    ]
    assert pf.items["figures"][0].broken and pf.items["figures"][0].label == "figures[0]"


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ("value: many", "figures[0].value", "expected a number or {value, qualifier} or {min, max}"),
        ("value: 5\n    breakdown: [1, 2]", "figures[0].breakdown", "expected a mapping of label -> figure"),
        ("value: 5\n    breakdown: {a: x}", "figures[0].breakdown.a", "expected a number or {value, qualifier}"),
        ("value: 5\n    series: {at: 2024-07}", "figures[0].series", "expected a list of {at, value}"),
        ("value: 5\n    series: [5]", "figures[0].series[0]", "expected {at: <time>, value: <figure>}"),
        ("value: 5\n    series: [{at: 2024-07}]", "figures[0].series[0]", "missing required field 'value'"),
        ("value: 5\n    series: [{value: 3}]", "figures[0].series[0]", "missing required field 'at'"),
        ("value: 5\n    series: [{at: July, value: 3}]", "figures[0].series[0].at", "expected an ISO 8601 date"),
        ("value: 5\n    date: 2024-13", "figures[0].date", "'2024-13' is not a month: months run from 01 to 12"),
    ],
)
def test_figure_errors_are_placed(body, path, message):
    pf = with_header(f"figures:\n  - label: deaths\n    {body}\n")
    (d,) = pf.errors
    assert d.path == path and d.message.startswith(message), str(d)
    assert d.line >= 7 and d.column > 1


def test_an_unknown_key_in_a_series_point_lists_the_keys_it_takes():
    pf = with_header("figures:\n  - label: deaths\n    value: 5\n    series: [{at: 2024-07, valeu: 3}]\n")
    assert [(d.path, d.message) for d in pf.errors] == [
        (
            "figures[0].series[0].valeu",
            "unknown key 'valeu' in figures[0].series[0]; did you mean 'value'? (a series point takes at, value)",
        ),
        ("figures[0].series[0]", "missing required field 'value' (a series point is {at: <time>, value: <figure>})"),
    ]


def test_a_breakdown_that_does_not_add_up_is_a_placed_warning():
    pf = with_header(
        """\
        figures:
          - label: evacuated
            value: 76000
            breakdown: {Sudzha: 20000, Korenevo: 50000}
          - label: approximate
            value: {value: 76000, qualifier: over}
            breakdown: {Sudzha: 20000}
          - label: ranges
            value: {min: 10, max: 20}
            breakdown: {a: {min: 5, max: 8}, b: 7}
          - label: funding
            value: {value: 93.6, unit: million USD}
            breakdown: {pledged: {value: 24.3, unit: million USD}, gap: {value: 69.3, unit: million USD}}
        """
    )
    assert pf.ok  # a warning: check does not fail
    (w,) = pf.diagnostics
    assert (w.line, w.column, w.path, w.severity) == (8, 16, "figures[0].breakdown", "warning")
    assert w.message == "the parts add up to 70,000, not to the value 76,000"
    assert not pf.items["figures"][0].broken  # the item stays whole; the detail shows the mismatch


def test_a_series_out_of_order_is_a_warning():
    pf = with_header(
        "figures:\n  - label: x\n    value: 3\n    series: [{at: 2024-08, value: 2}, {at: 2024-07, value: 1}]\n"
    )
    (w,) = pf.diagnostics
    assert w.severity == "warning" and w.path == "figures[0].series[1]" and "not oldest first" in w.message


def test_judgments():
    pf = with_header(
        """\
        judgments:
          - text: Ukraine will hold the salient through August
            likelihood: likely
            by: Analysis desk
            basis: Reinforcements seen on the Sumy road
            severity: high
          - text: Another
            likelihood: probable
        """
    )
    good, bad = pf.items["judgments"]
    assert isinstance(good, Judgment) and good.likelihood == "likely" and good.by == "Analysis desk"
    assert good.label == good.text and good.id == "ukraine-will-hold-the-salient-through-august"
    assert good.severity == "high"
    (d,) = bad.problems
    assert (d.line, d.column, d.path) == (12, 17, "judgments[1].likelihood")
    assert d.message.startswith("'probable' is not one of almost_certain, very_likely, likely, roughly_even")


def test_watch_items_default_open():
    pf = with_header(
        """\
        watch:
          - what: Fighting near the Kursk nuclear power plant
            due: 2024-08-12
            trigger: Shelling within 5 km of the plant
            owner: Duty desk east
          - what: Funding gap
            due: 2024-04
            status: triggered
          - what: Bad
            status: done
        """
    )
    npp, funding, bad = pf.items["watch"]
    assert isinstance(npp, Watch) and npp.status == "open" and npp.due == When(dt.date(2024, 8, 12))
    assert npp.id == "fighting-near-the-kursk-nuclear-power-plant"
    assert funding.status == "triggered" and funding.due.kind == "month"
    assert funding.due.end_datetime() == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)  # overdue from 1 May
    (d,) = bad.problems
    assert d.path == "watch[2].status" and d.message == "'done' is not one of open, triggered, lapsed, closed"


def test_needs():
    pf = with_header(
        """\
        needs:
          - sector: shelter
            need: Tents and winter kits
            people: {value: 114000, qualifier: at_least}
            response: Partners distributed 2,300 tents
            by: [IOM, UNHCR]
            gap: Winterized shelter for 5,000 households
            status: partly_met
            funding: {required: {value: 93600000, unit: USD}, received: {value: 24300000, unit: USD}}
        """
    )
    assert pf.ok, where(pf)
    (need,) = pf.items["needs"]
    assert isinstance(need, Need) and need.id == "shelter" and need.label == "shelter"
    assert need.by == ("IOM", "UNHCR") and need.status == "partly_met"
    assert need.funding == Funding(Quantity(value=93600000, unit="USD"), Quantity(value=24300000, unit="USD"))


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ("status: met_partly", "needs[0].status", "'met_partly' is not one of unmet, partly_met, met, unknown"),
        ("by: IOM", "needs[0].by", "expected a list of text, found text 'IOM'"),
        ("funding: 5", "needs[0].funding", "expected {required, received}"),
        ("funding: {required: lots}", "needs[0].funding.required", "expected a number or {value, qualifier}"),
        (
            "funding: {recieved: 5}",
            "needs[0].funding.recieved",
            "unknown key 'recieved' in needs[0].funding; did you mean 'received'? (funding takes required, received)",
        ),
        ("people: -3", "needs[0].people", "expected a number of zero or more, found -3"),
    ],
)
def test_need_errors_are_placed(body, path, message):
    pf = with_header(f"needs:\n  - sector: shelter\n    {body}\n")
    (d,) = pf.errors
    assert d.path == path and d.message.startswith(message), str(d)
    assert (d.line, d.column) >= (7, 5)


def test_the_new_lists_reach_the_situation_and_cross_file_rules_cover_them(tmp_path):
    (tmp_path / "s.yaml").write_text(
        HEADER
        + "  next_update: {at: 2024-08-10, approx: true}\n"
        + "sources:\n  r: {name: R}\n"
        + "figures:\n  - label: deaths\n    value: 3\n    sources: [r]\n    about: [npp]\n"
        + "watch:\n  - id: npp\n    what: NPP\n  - what: X\n    about: [nope]\n"
        + "judgments:\n  - text: deaths\n    sources: [q]\n",
        encoding="utf-8",
    )
    result = load([tmp_path])
    path = tmp_path / "s.yaml"
    assert [(d.path, d.message.split(";")[0]) for d in result.errors] == [
        ("judgments[0]", f"duplicate id 'deaths': figures[0] at {path}:9:5 has it too"),
        ("watch[1].about[0]", "unknown item id 'nope' in about"),
        ("judgments[0].sources[0]", "unknown source 'q' (known sources: r)"),
    ]
    (sit,) = result.situations
    assert sit.next_update == When(dt.date(2024, 8, 10), approx=True)
    assert [f.label for f in sit.figures] == ["deaths"] and [w.id for w in sit.watch] == ["npp", "x"]
    # the duplicate is a flagged row under the id of its place (and said)
    assert [(j.id, j.label, j.broken) for j in sit.judgments] == [("judgments-0", "deaths", True)]
    assert sit.item("npp") is sit.watch[0] and sit.backlinks("npp") == (sit.figures[0],)
    assert sit.item_count == 4
    assert [it.pane for it in sit.all_items()] == ["figures", "watch", "watch", "judgments"]
    assert list(sit.items()) == list(sit.all_items())  # the board shows every list (PANES = LISTS)
