"""Who says so: which items rest on which source, and which rest on a weak basis (UI-free).

    source_usage(situation)      every source, with the items that cite it
    item_sources(item, sit)      an item's references with their Source (None if unknown)
    best_grade(item, sit)        the best Admiralty letter among the item's sources
    weak_basis(item, sit)        why the item is weakly founded, or None
    via_chain(ref, sit)          "Reuters via media reports": whose word a reference carries

An item is on a weak basis when it cites no source, when every source it cites is graded
D-F or not graded at all, when every reference is second-hand (`via`: the source passed
on someone else's word), or when its confidence is `claimed` (only a party's word).
The reasons are plain English sentences, ready to show: the only data in them (whose word
a second-hand reference carries) is made visible and cut short.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.model.text import visible
from tui.model.types import RELIABILITY_GRADES, Item, Situation, Source, SourceRef

__all__ = [
    "SourceUsage",
    "GRADE_WORDS",
    "LOW_GRADES",
    "grade_text",
    "source_usage",
    "item_sources",
    "best_grade",
    "weak_basis",
    "weak_items",
    "via_chain",
    "second_hand",
]

# The Admiralty (NATO) source reliability scale.
GRADE_WORDS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
LOW_GRADES = frozenset({"D", "E", "F"})

REASON_NO_SOURCE = "cites no source"
REASON_LOW = "rests only on sources graded D-F"
REASON_UNGRADED = "rests only on ungraded sources"
REASON_LOW_OR_UNGRADED = "rests only on sources graded D-F or ungraded"
REASON_CLAIMED = "only claimed (the word of an interested party)"
REASON_SECOND_HAND = "rests only on second-hand reports"
CHAIN_MAX = 60  # characters of a name or a `via` in a reason
CHAINS_SHOWN = 3  # second-hand references named in a reason, at most


def grade_text(grade: str | None) -> str:
    """ "B (usually reliable)"; "ungraded" for no grade."""
    if not grade:
        return "ungraded"
    words = GRADE_WORDS.get(grade)
    return f"{grade} ({words})" if words else grade


@dataclass(frozen=True, slots=True)
class SourceUsage:
    """One source and the items resting on it (each item once, in board order)."""

    source: Source
    items: tuple[Item, ...] = ()

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(it.id for it in self.items)


def source_usage(situation: Situation) -> list[SourceUsage]:
    """Every source of the situation, in declaration order, with the items citing it.

    A source nobody cites is listed with no items (the sources screen shows it too)."""
    citing: dict[str, list[Item]] = {sid: [] for sid in situation.sources}
    for item in situation.all_items():
        seen: set[str] = set()
        for ref in item.sources:
            if ref.source in seen or ref.source not in citing:
                continue
            seen.add(ref.source)
            citing[ref.source].append(item)
    return [SourceUsage(src, tuple(citing[sid])) for sid, src in situation.sources.items()]


def item_sources(item: Item, situation: Situation) -> list[tuple[SourceRef, Source | None]]:
    """The item's references in file order, each with its Source (None when unknown)."""
    return [(ref, situation.sources.get(ref.source)) for ref in item.sources]


def _grades(item: Item, situation: Situation) -> list[str | None]:
    out: list[str | None] = []
    seen: set[str] = set()
    for ref in item.sources:
        if ref.source in seen:
            continue
        seen.add(ref.source)
        src = situation.sources.get(ref.source)
        grade = src.reliability if src is not None else None
        out.append(grade if grade in RELIABILITY_GRADES else None)
    return out


def best_grade(item: Item, situation: Situation) -> str | None:
    """The best (closest to A) reliability letter among the item's sources, or None."""
    graded = [g for g in _grades(item, situation) if g]
    return min(graded) if graded else None


def _short(text: str) -> str:
    text = " ".join(visible(text, single_line=True).split())
    return text if len(text) <= CHAIN_MAX else text[: CHAIN_MAX - 1] + "…"


def via_chain(ref: SourceRef, situation: Situation) -> str:
    """ "Reuters via media reports" (the source's name; its id when unknown), or the name
    alone for a first-hand reference; made visible, each part cut to CHAIN_MAX."""
    source = situation.sources.get(ref.source)
    name = _short(source.name if source is not None else ref.source)
    return f"{name} via {_short(ref.via)}" if ref.via else name


def second_hand(item: Item) -> bool:
    """Every reference of the item passes on someone else's word (`via`)."""
    return bool(item.sources) and all(ref.via for ref in item.sources)


def weak_basis(item: Item, situation: Situation) -> str | None:
    """Why the item rests on a weak basis ("rests only on sources graded D-F"), or None."""
    reasons: list[str] = []
    if item.confidence == "claimed":
        reasons.append(REASON_CLAIMED)
    if second_hand(item):
        chains = list(dict.fromkeys(via_chain(ref, situation) for ref in item.sources))
        named = "; ".join(chains[:CHAINS_SHOWN]) + (
            f"; and {len(chains) - CHAINS_SHOWN} more" if len(chains) > CHAINS_SHOWN else ""
        )
        reasons.append(f"{REASON_SECOND_HAND} ({named})")
    grades = _grades(item, situation)
    if not grades:
        reasons.append(REASON_NO_SOURCE)
    elif all(g is None or g in LOW_GRADES for g in grades):
        if all(g is None for g in grades):
            reasons.append(REASON_UNGRADED)
        elif any(g is None for g in grades):
            reasons.append(REASON_LOW_OR_UNGRADED)
        else:
            reasons.append(REASON_LOW)
    return "; ".join(reasons) if reasons else None


def weak_items(situation: Situation, items: Iterable[Item] | None = None) -> dict[str, str]:
    """id -> reason for every item on a weak basis (board order)."""
    out: dict[str, str] = {}
    for item in situation.all_items() if items is None else items:
        reason = weak_basis(item, situation)
        if reason:
            out[item.id] = reason
    return out
