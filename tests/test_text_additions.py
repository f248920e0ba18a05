"""The December 2026 values as people read them (tui.model.text / textvalues)."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.model.load import parse_bytes
from tui.model.searchtext import item_tiers
from tui.model.text import (
    format_counts,
    format_funding,
    format_geo,
    format_likelihood,
    format_quantity,
    format_series,
    format_when,
)
from tui.model.types import Funding, Geo, Quantity, SeriesPoint, When

UTC3 = dt.timezone(dt.timedelta(hours=3))


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (Quantity(value=1000, qualifier="almost"), "almost 1,000"),
        (Quantity(max=5), "up to 5"),
        (Quantity(min=5), "at least 5"),
        (Quantity(min=5, unit="km"), "at least 5 km"),
        (Quantity(value=43400, qualifier="almost", unit="people"), "almost 43,400 people"),
    ],
)
def test_quantities(quantity, shown):
    assert format_quantity(quantity) == shown


@pytest.mark.parametrize(
    ("when", "with_year", "shown"),
    [
        (When(dt.date(2024, 7, 1), kind="month"), False, "Jul 2024"),
        (When(dt.date(2024, 7, 1), approx=True, kind="month"), True, "~Jul 2024"),
        (When(dt.date(2022, 11, 28), kind="period", end=dt.date(2022, 11, 29)), False, "28-29 Nov"),
        (When(dt.date(2022, 11, 28), approx=True, kind="period", end=dt.date(2022, 11, 29)), False, "~28-29 Nov"),
        (When(dt.date(2022, 11, 28), kind="period", end=dt.date(2022, 11, 29)), True, "28-29 Nov 2022"),
        (When(dt.date(2022, 11, 30), kind="period", end=dt.date(2022, 12, 2)), False, "30 Nov-02 Dec"),
        (When(dt.date(2022, 12, 30), kind="period", end=dt.date(2023, 1, 2)), False, "30 Dec 2022-02 Jan 2023"),
        (
            When(
                dt.datetime(2024, 8, 6, 5, tzinfo=UTC3), kind="period", end=dt.datetime(2024, 8, 6, 9, 30, tzinfo=UTC3)
            ),
            False,
            "06 Aug 05:00-06 Aug 09:30",
        ),
        (When(dt.date(2024, 8, 7)), False, "07 Aug"),  # as before
    ],
)
def test_months_and_periods(when, with_year, shown):
    assert format_when(when, with_year=with_year) == shown


def test_the_moments_of_months_and_periods():
    july = When(dt.date(2024, 7, 1), kind="month")
    assert july.as_datetime() == dt.datetime(2024, 7, 1, tzinfo=dt.UTC)
    assert july.end_datetime() == dt.datetime(2024, 8, 1, tzinfo=dt.UTC)
    december = When(dt.date(2024, 12, 1), kind="month")
    assert december.end_datetime() == dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    days = When(dt.date(2022, 11, 28), kind="period", end=dt.date(2022, 11, 29))
    assert days.as_datetime() == dt.datetime(2022, 11, 28, tzinfo=dt.UTC)
    assert days.end_datetime() == dt.datetime(2022, 11, 30, tzinfo=dt.UTC)
    moment = When(dt.datetime(2024, 8, 6, 5, tzinfo=UTC3))
    assert moment.end_datetime() == moment.as_datetime()
    # Sorting: by start, then by end (the day before the month that starts with it).
    day = When(dt.date(2024, 7, 1))
    assert sorted([july, day, When(dt.date(2024, 6, 30))], key=When.sort_key) == [When(dt.date(2024, 6, 30)), day, july]


@pytest.mark.parametrize(
    ("likelihood", "shown"),
    [
        ("remote", "remote (≤5 %)"),
        ("very_unlikely", "very unlikely (10-20 %)"),
        ("unlikely", "unlikely (25-35 %)"),
        ("roughly_even", "roughly even (40-50 %)"),
        ("likely", "likely (55-75 %)"),
        ("very_likely", "very likely (80-90 %)"),
        ("almost_certain", "almost certain (≥95 %)"),
        (None, ""),
    ],
)
def test_likelihood_with_its_band(likelihood, shown):
    assert format_likelihood(likelihood) == shown


def test_counts_geo_funding_series():
    counts = (("killed", Quantity(value=17)), ("missing", Quantity(value=83)), ("injured", Quantity(value=32)))
    assert format_counts(counts) == "17 killed · 83 missing · 32 injured"
    assert format_counts((("shut_down", Quantity(min=2)),)) == "at least 2 shut down"
    assert format_geo(Geo(34.35, 62.2, "region", "AF3201")) == "34.35° N 62.2° E (region, AF3201)"
    assert format_geo(Geo(-33.8688, -151.2093)) == "33.8688° S 151.2093° W"
    funding = Funding(Quantity(value=93600000, unit="USD"), Quantity(value=24300000, unit="USD"))
    assert format_funding(funding) == "24,300,000 USD received of 93,600,000 USD required (26 %)"
    assert format_funding(Funding(required=Quantity(value=5, unit="USD"))) == "5 USD required"
    series = (
        SeriesPoint(When(dt.date(2024, 7, 1), kind="month"), Quantity(value=32, unit="%")),
        SeriesPoint(When(dt.date(2024, 10, 1), kind="month"), Quantity(value=57, unit="%")),
    )
    assert format_series(series) == "Jul 2024: 32% → Oct 2024: 57%"


def test_search_finds_the_new_values():
    text = (
        "situation: {id: d, title: D, as_of: 2024-08-09}\n"
        "figures:\n  - label: deaths\n    value: {value: 1000, qualifier: almost}\n"
        "    series: [{at: 2024-07, value: 3}]\n    geo: {lat: 1, lon: 2, pcode: UA59}\n"
        "    counts: {killed: 17}\n"
        "needs:\n  - sector: shelter\n    funding: {required: {value: 5, unit: USD}}\n"
    )
    pf = parse_bytes(text.encode(), "f.yaml")
    assert pf.ok, [str(d) for d in pf.diagnostics]
    figure_text = "\n".join(item_tiers(pf.items["figures"][0]))  # what search reads
    for word in ("almost 1,000", "jul 2024", "ua59", "killed", "17"):
        assert word in figure_text, word
    assert "5 usd required" in "\n".join(item_tiers(pf.items["needs"][0]))


def test_the_latest_moment_of_a_month_or_period_is_its_end():
    """Overdue and stale read the latest moment a time may mean (tui.model.stale)."""
    from tui.model.stale import latest_moment

    assert latest_moment(When(dt.date(2024, 4, 1), kind="month")) == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    days = When(dt.date(2022, 11, 28), kind="period", end=dt.date(2022, 11, 29))
    assert latest_moment(days) == dt.datetime(2022, 11, 30, tzinfo=dt.UTC)
    hours = When(
        dt.datetime(2024, 8, 6, 5, tzinfo=UTC3), kind="period", end=dt.datetime(2024, 8, 6, 9, 30, tzinfo=UTC3)
    )
    assert latest_moment(hours) == dt.datetime(2024, 8, 6, 9, 30, tzinfo=UTC3)
    assert latest_moment(When(dt.date(2024, 8, 7))) == dt.datetime(2024, 8, 8, tzinfo=dt.UTC)  # as before
