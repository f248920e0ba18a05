"""tui.model.provenance: who says so, and which items rest on a weak basis."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model.load import load
from tui.model.provenance import (
    GRADE_WORDS,
    best_grade,
    grade_text,
    item_sources,
    source_usage,
    weak_basis,
    weak_items,
)

HEAD = """\
format: 1
situation:
  id: split
  title: Split situation
  as_of: 2024-08-09T12:00:00+03:00
sources:
  wire: {name: Wire agency, reliability: B}
  party: {name: A party, reliability: D}
  blog: {name: Blogger, reliability: E}
  nograde: {name: Someone}
  unused: {name: Nobody cites me, reliability: A}
"""

FRONTS = """\
situation: {id: split}
fronts:
  - id: north
    name: North
    sources: [wire, party]
  - id: south
    name: South
    sources: [party, blog, party]
  - id: west
    name: West
    sources: [nograde]
  - id: east
    name: East
    sources: [party, nograde]
  - id: bare
    name: Bare
"""

STATEMENTS = """\
situation: {id: split}
statements:
  - id: claim
    actor: General
    summary: All is fine.
    confidence: claimed
    sources: [wire]
  - id: claim-low
    actor: Blogger
    summary: All is fine.
    confidence: claimed
    sources: [blog]
"""


@pytest.fixture
def split(tmp_path: Path):
    d = tmp_path / "sit"
    d.mkdir()
    (d / "a-head.yaml").write_text(HEAD, encoding="utf-8")
    (d / "b-fronts.yaml").write_text(FRONTS, encoding="utf-8")
    (d / "c-statements.yaml").write_text(STATEMENTS, encoding="utf-8")
    result = load([d])
    assert result.ok, [str(x) for x in result.diagnostics]
    (sit,) = result.situations
    return sit


def test_source_usage_lists_every_source_with_its_items_once(split) -> None:
    usage = {u.source.id: u for u in source_usage(split)}
    assert list(usage) == ["wire", "party", "blog", "nograde", "unused"]
    assert usage["wire"].item_ids == ("north", "claim")
    assert usage["party"].item_ids == ("north", "south", "east")  # south cites party twice: once
    assert usage["party"].count == 3
    assert usage["unused"].count == 0


def test_weak_basis_reasons(split) -> None:
    it = split.item
    assert weak_basis(it("north"), split) is None  # B and D: the B carries it
    assert weak_basis(it("south"), split) == "rests only on sources graded D-F"
    assert weak_basis(it("west"), split) == "rests only on ungraded sources"
    assert weak_basis(it("east"), split) == "rests only on sources graded D-F or ungraded"
    assert weak_basis(it("bare"), split) == "cites no source"
    assert weak_basis(it("claim"), split) == "only claimed: the word of a party, not borne out"
    both = weak_basis(it("claim-low"), split)
    assert both is not None and "claimed" in both and "D-F" in both
    assert set(weak_items(split)) == {"south", "west", "east", "bare", "claim", "claim-low"}


def test_best_grade(split) -> None:
    assert best_grade(split.item("north"), split) == "B"
    assert best_grade(split.item("south"), split) == "D"
    assert best_grade(split.item("west"), split) is None
    assert best_grade(split.item("bare"), split) is None


def test_grade_text() -> None:
    assert grade_text("B") == "B (usually reliable)"
    assert grade_text(None) == "ungraded"
    assert set(GRADE_WORDS) == set("ABCDEF")


def test_default_76000_rests_on_reuters_and_tass(default) -> None:
    evac = default.item("kursk-border-evacuation")
    names = [src.name for _, src in item_sources(evac, default) if src]
    assert "Reuters" in names and "TASS" in names
    assert best_grade(evac, default) == "B"
    assert weak_basis(evac, default) is None


def test_default_weak_items_are_the_ones_only_the_seed_or_parties_support(default) -> None:
    weak = weak_items(default)
    # Only the seed (F): the report's own account.
    assert weak["npp-advance"] == "rests only on sources graded D-F"
    assert weak["moscow-border-concern"] == "rests only on sources graded D-F"
    # Claimed by a party (and on low-grade sources).
    assert "claimed" in weak["gerasimov-halted"]
    # Reuters-backed items are not weak.
    for iid in ("kursk-incursion", "burnt-out-convoy", "incursion-begins", "kursk-border-evacuation"):
        assert iid not in weak
    seed = next(u for u in source_usage(default) if u.source.id == "seed")
    assert seed.count == default.item_count  # every item cites the seed report
