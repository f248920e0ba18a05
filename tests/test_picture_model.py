"""tui.model.picture: the picture's words and marks (next update, overdue, trends, order)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from tui.model.load import load
from tui.model.picture import (
    board_order,
    default_mode,
    due_text,
    figure_number,
    is_expected,
    next_update,
    order_words,
    overdue_watch,
    span,
    sparkline,
    trend_values,
    versus,
)
from tui.model.types import Quantity, When

UTC3 = dt.timezone(dt.timedelta(hours=3))
NOW = dt.datetime(2024, 8, 9, 12, 0, tzinfo=UTC3)

PICTURE = """\
format: 1
situation:
  id: pic
  title: Picture
  as_of: 2024-08-09T12:00:00+03:00
  next_update: 2024-08-09T14:10:00+03:00
figures:
  - id: evacuated
    label: people evacuated
    value: {value: 76000, qualifier: over}
    series:
      - {at: 2024-08-07, value: 3000}
      - {at: 2024-08-08, value: {min: 20000, max: 30000}}
  - id: depth
    label: depth
    value: {max: 20, unit: km}
watch:
  - id: late
    what: Fighting near the plant
    due: 2024-08-09T09:00:00+03:00
  - id: closed-late
    what: Closed and past
    due: 2024-08-08
    status: closed
  - id: soon
    what: Convoy arrives
    due: 2024-08-10T12:00:00+03:00
  - id: far
    what: Winter
    due: 2024-12
  - id: today
    what: By the end of the day
    due: 2024-08-09
events:
  - id: old
    what: Began
    date: {at: 2024-08-06, approx: true}
  - id: undated
    what: Undated
  - id: later
    what: Expected talks
    date: 2024-08-12
  - id: same-day
    what: Earlier today
    date: 2024-08-09
  - id: severe
    what: Severe but old
    date: 2024-08-01
    severity: critical
fronts:
  - {id: a, name: A}
  - {id: b, name: B, severity: high}
  - {id: c, name: C, severity: critical}
  - {id: d, name: D, severity: low}
"""


@pytest.fixture(scope="module")
def sit(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("pic")) / "pic.yaml"
    path.write_text(PICTURE, encoding="utf-8")
    result = load([path])
    assert result.ok, [str(d) for d in result.diagnostics]
    (s,) = result.situations
    return s


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 m"), (59, "0 m"), (40 * 60, "40 m"), (2 * 3600, "2 h"), (130 * 60, "2 h 10 m"), (-130 * 60, "2 h 10 m")],
)
def test_span(seconds, words):
    assert span(seconds) == words


def test_span_days_and_years():
    assert span(3 * 86400 + 4 * 3600) == "3 d 4 h"
    assert span(12 * 86400 + 4 * 3600) == "12 d"  # hours stop mattering after a week or so
    assert span(800 * 86400) == "2 y"


def test_next_update_counts_down_then_says_how_late(sit):
    up = next_update(sit, NOW)
    assert up is not None and not up.overdue
    assert up.text == "next update in 2 h 10 m"
    assert up.short == "next in 2 h 10 m"
    late = next_update(sit, NOW + dt.timedelta(hours=2, minutes=50))
    assert late is not None and late.overdue
    assert late.text == "next update ⚠ overdue by 40 m"
    assert late.short == "next ⚠ 40 m late"
    assert next_update(dataclasses.replace(sit, next_update=None), NOW) is None
    # a date is due by its end
    day = dataclasses.replace(sit, next_update=When(dt.date(2024, 8, 9)))
    up = next_update(day, NOW)
    assert up is not None and up.text == "next update in 15 h"  # midnight UTC is 03:00 at UTC+3


def test_overdue_watch_and_due_cells(sit):
    assert [it.id for it in overdue_watch(sit, NOW)] == ["late"]  # closed items are never overdue
    late, closed, soon, far, today = sit.watch
    assert due_text(late, NOW) == "⚠ 3 h late"
    assert due_text(closed, NOW) == "08 Aug"
    assert due_text(soon, NOW) == "in 1 d"
    assert due_text(far, NOW) == "Dec 2024"
    assert due_text(today, NOW) == "in 15 h"
    # the next morning, "today" is overdue too
    assert [it.id for it in overdue_watch(sit, NOW + dt.timedelta(hours=16))] == ["late", "today"]


def test_expected_events_are_dated_after_the_as_of(sit):
    expected = {it.id for it in sit.events if is_expected(it, sit)}
    assert expected == {"later"}  # "same-day" is the as-of's day, not after it
    day_as_of = dataclasses.replace(sit, as_of=When(dt.date(2024, 8, 8)))
    assert {it.id for it in sit.events if is_expected(it, day_as_of)} == {"later", "same-day"}


def test_figure_numbers_trends_and_sparklines(sit):
    evacuated, depth = sit.figures
    assert figure_number(evacuated.value) == 76000
    assert figure_number(depth.value) == 20
    assert figure_number(Quantity(min=20000, max=30000)) == 25000
    assert figure_number(Quantity(min=5)) == 5
    assert figure_number(Quantity()) is None
    assert figure_number(None) is None
    assert trend_values(evacuated) == [3000, 25000, 76000]
    assert sparkline(trend_values(evacuated)) == "▁▃█"
    assert sparkline([1]) == "" and sparkline([]) == ""
    assert sparkline([5, 5, 5]) == "▄▄▄"
    assert len(sparkline(list(range(40)))) == 12  # the newest twelve
    assert sparkline([1.0, float("nan"), 2.0]) == "▁█"


def test_versus_the_baseline(sit):
    evacuated = sit.figures[0]
    lower = dataclasses.replace(evacuated, value=Quantity(50000))
    base = dataclasses.replace(sit, figures=(lower,))
    assert versus(evacuated, base) == "↑"
    assert versus(lower, dataclasses.replace(sit, figures=(evacuated,))) == "↓"
    assert versus(evacuated, sit) == "="
    assert versus(evacuated, None) == ""
    assert versus(evacuated, dataclasses.replace(sit, figures=())) == ""  # not at the baseline
    assert versus(sit.fronts[0], sit) == ""  # only figures


def test_board_order_by_time_newest_first_and_as_written_severe_first(sit):
    assert default_mode("events") == "time" and default_mode("statements") == "time"
    assert default_mode("fronts") == "file" and default_mode("watch") == "time"
    events = [it.id for it in board_order("events", sit.events, "time", NOW)]
    assert events == ["later", "same-day", "old", "severe", "undated"]
    as_written = [it.id for it in board_order("events", sit.events, "file", NOW)]
    assert as_written == ["severe", "old", "undated", "later", "same-day"]  # critical first, else as written
    fronts = [it.id for it in board_order("fronts", sit.fronts, "file", NOW)]
    assert fronts == ["c", "b", "a", "d"]  # low and medium keep their place
    watch = [it.id for it in board_order("watch", sit.watch, "time", NOW)]
    assert watch == ["late", "today", "soon", "far", "closed-late"]  # overdue, open by due, then the rest
    assert order_words("events", "time") == "newest first"
    assert order_words("watch", "time") == "by due date"
    assert order_words("fronts", "file") == "as written"


def test_an_approximate_next_update_says_so(sit):
    approx = dataclasses.replace(sit, next_update=When(dt.datetime(2024, 8, 9, 14, 10, tzinfo=UTC3), approx=True))
    up = next_update(approx, NOW)
    assert up is not None and up.text == "next update in ~2 h 10 m" and up.short == "next in ~2 h 10 m"
