"""tui.model.stale: items not confirmed for a while before the as-of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.model.load import load
from tui.model.stale import (
    DEFAULT_STALE_HOURS,
    freshest_update,
    is_stale,
    parse_stale_hours,
    stale_hours,
    stale_items,
    staleness,
)
from tui.runtime.paths import default_situation_path

HEAD = """\
situation:
  id: split
  title: Split
  as_of: 2024-08-09T12:00:00+03:00
events:
  - id: fresh
    what: Fresh
    updated: 2024-08-09T11:00:00+03:00
  - id: day-old
    what: Exactly 24 h old
    updated: 2024-08-08T12:00:00+03:00
  - id: older
    what: 25 h old
    updated: 2024-08-08T11:00:00+03:00
"""

PART = """\
situation: {id: split}
fronts:
  - id: date-yesterday
    name: Confirmed yesterday (a bare date counts as the end of the day)
    updated: 2024-08-08
  - id: date-two-days
    name: Confirmed two days before
    updated: 2024-08-07
  - id: never
    name: No updated at all
"""


@pytest.fixture
def split(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(HEAD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(PART, encoding="utf-8")
    result = load([tmp_path])
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.situations[0]


def test_stale_items_default_threshold(split) -> None:
    assert stale_items(split) == {"older", "date-two-days"}


def test_threshold_is_configurable(split) -> None:
    assert stale_items(split, dt.timedelta(hours=1)) == {"day-old", "older", "date-two-days", "date-yesterday"}
    assert stale_items(split, 48) == set()  # hours as a number
    assert stale_items(split, dt.timedelta(hours=25.5)) == {"date-two-days"}


def test_items_without_updated_are_never_stale(split) -> None:
    assert not is_stale(split.item("never"), split, dt.timedelta(seconds=1))


def test_freshest_update(split) -> None:
    w = freshest_update(split.events)
    assert w is not None and w.value == dt.datetime.fromisoformat("2024-08-09T11:00:00+03:00")
    assert freshest_update(split.fronts).value == dt.date(2024, 8, 8)
    assert freshest_update(()) is None
    assert freshest_update(it for it in split.fronts if it.id == "never") is None


@pytest.mark.parametrize("hours", [1, 24, 25.5, 48, dt.timedelta(minutes=30)])
def test_one_pass_staleness_is_is_stale_and_freshest_update(split, hours) -> None:
    """What a pane shows (tui.model.stale.staleness, one pass) equals the item-by-item answers."""
    for items in (split.events, split.fronts, split.events + split.fronts, ()):
        ids, fresh = staleness(items, split, hours)
        assert ids == frozenset(it.id for it in items if is_stale(it, split, hours))
        assert fresh == freshest_update(items)


def test_stale_hours_flag_env_default() -> None:
    assert stale_hours(None, {}) == DEFAULT_STALE_HOURS == 24
    assert stale_hours(None, {"SITBOARD_STALE_HOURS": "36"}) == 36
    assert stale_hours(None, {"SITBOARD_STALE_HOURS": "nonsense"}) == 24  # bad env: ignored
    assert stale_hours("6", {"SITBOARD_STALE_HOURS": "36"}) == 6  # the flag wins
    with pytest.raises(ValueError, match="positive"):
        stale_hours("-3", {})
    with pytest.raises(ValueError, match="number of hours"):
        parse_stale_hours("soon")
    assert parse_stale_hours("1.5") == 1.5


def test_default_situation_has_nothing_stale() -> None:
    (sit,) = load([default_situation_path()]).situations
    assert stale_items(sit) == set()
    assert freshest_update(sit.items()).value == sit.as_of.value
