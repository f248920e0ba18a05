"""When.sort_key() computes by day ordinals what as_datetime()/end_datetime() give as
datetimes (the board sorts big lists by it): the two must agree for every When, the ends of
the calendar included (where end_datetime() overflows, sort_key() must raise too, so that
board_order still puts such an item with the undated ones)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tui.model.valuetypes import When

UTC = dt.UTC
offsets = st.sampled_from([UTC, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(dt.timedelta(hours=-11))])
moments = st.builds(
    lambda d, t, tz: dt.datetime.combine(d, t, tzinfo=tz),
    st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31)),
    st.times(),
    offsets,
)
points = st.one_of(st.dates(), moments)


def slow_key(w: When) -> tuple[float, float]:
    return (w.as_datetime().timestamp(), w.end_datetime().timestamp())


def same(w: When) -> None:
    try:
        expected = slow_key(w)
    except (OverflowError, ValueError) as exc:
        try:
            w.sort_key()
        except type(exc):
            return
        raise AssertionError(f"{w!r}: sort_key() did not raise {type(exc).__name__}") from None
    assert w.sort_key() == expected


@given(points, st.booleans())
def test_a_day_or_a_moment(value: dt.date, approx: bool) -> None:
    same(When(value, approx))


@given(st.dates())
def test_a_month(day: dt.date) -> None:
    same(When(day.replace(day=1), kind="month"))


@given(points, points)
def test_a_period(a: dt.date, b: dt.date) -> None:
    same(When(a, kind="period", end=b))
    same(When(a, kind="period"))  # no end given: the start is its last day


def test_the_ends_of_the_calendar() -> None:
    for w in (
        When(dt.date.max),
        When(dt.date.min),
        When(dt.date(9999, 12, 1), kind="month"),
        When(dt.date(9999, 11, 1), kind="month"),
        When(dt.date(1, 1, 1), kind="period", end=dt.date.max),
        When(dt.date(1, 1, 1), kind="period", end=dt.date(9999, 12, 30)),
        When(dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
    ):
        same(w)
    try:
        When(dt.date.max).sort_key()
    except OverflowError:
        pass
    else:
        raise AssertionError("the day after 31 Dec 9999 has no timestamp")
