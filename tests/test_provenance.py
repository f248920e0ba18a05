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
    assert weak_basis(it("claim"), split) == "only claimed (the word of an interested party)"
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


SECOND_HAND = """\
format: 1
situation:
  id: relay
  title: Relayed words
  as_of: 2024-08-09T12:00:00+03:00
sources:
  wire: {name: Wire agency, reliability: B}
  ocha: {name: OCHA, reliability: B}
figures:
  - id: relayed
    label: people affected
    value: 43400
    sources:
      - {source: wire, quote: "are reported to be", via: "media reports"}
      - {source: ocha, via: "local authorities\\u001b[2J"}
  - id: mixed
    label: people dead
    value: 17
    sources:
      - {source: wire, via: "media reports"}
      - {source: ocha}
watch:
  - id: watch-relayed
    what: Aftershocks
    sources:
      - {source: wire, via: "a seismologist"}
"""


@pytest.fixture
def relay(tmp_path: Path):
    path = tmp_path / "relay.yaml"
    path.write_text(SECOND_HAND, encoding="utf-8")
    result = load([path])
    assert result.ok, [str(x) for x in result.diagnostics]
    (sit,) = result.situations
    return sit


def test_second_hand_references_are_a_weak_basis_and_say_whose_word(relay) -> None:
    from tui.model.provenance import second_hand, via_chain

    relayed = relay.item("relayed")
    reason = weak_basis(relayed, relay)
    # B-graded sources, but both only passed on someone else's word: weak, and whose word it was
    assert reason == (
        "rests only on second-hand reports (Wire agency via media reports; OCHA via local authorities␛[2J)"
    )
    assert "\x1b" not in reason  # a control byte in `via` is made visible
    assert second_hand(relayed)
    assert via_chain(relayed.sources[0], relay) == "Wire agency via media reports"
    # one first-hand reference carries it
    mixed = relay.item("mixed")
    assert not second_hand(mixed) and weak_basis(mixed, relay) is None
    assert via_chain(mixed.sources[1], relay) == "OCHA"
    # the new lists are covered: weak items and source usage
    assert set(weak_items(relay)) == {"relayed", "watch-relayed"}
    usage = {u.source.id: u.item_ids for u in source_usage(relay)}
    assert usage["wire"] == ("relayed", "mixed", "watch-relayed")


def test_a_long_via_is_cut_and_many_are_counted(relay) -> None:
    import dataclasses

    from tui.model.types import SourceRef

    long = "x" * 200
    refs = tuple(SourceRef("wire", via=f"{i} {long}") for i in range(5))
    item = dataclasses.replace(relay.item("relayed"), sources=refs)
    reason = weak_basis(item, relay)
    assert reason is not None and reason.endswith("; and 2 more)")
    assert len(reason) < 3 * 140
