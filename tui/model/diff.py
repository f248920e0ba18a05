"""Item-level difference between two Situations (UI-free).

`diff_situations(old, new)` compares items by id, field by field. Where an item
stands in its file (`origin`) is not part of its meaning and is ignored: moving an
item up the file, or re-indenting it, is not a change the duty officer needs to see.

The result says which ids are new, which changed (and how, field by field) and which
items were removed (the old objects, so the board can still list them for a while).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from tui.model.types import LISTS, Item, LoadResult, Situation

__all__ = [
    "FieldChange",
    "SituationDiff",
    "diff_situations",
    "diff_results",
    "EMPTY_DIFF",
]

# Fields that say where an item is, or how its id came about, not what it says.
IGNORED_ITEM_FIELDS = frozenset({"origin", "id", "id_derived"})
# Situation-level fields compared for `situation_changes` (items are compared separately).
SITUATION_FIELDS = ("title", "as_of", "next_update", "area", "summary", "marking", "sources", "extensions")

_MISSING = object()


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one item that differs: `field` as named in the model."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class SituationDiff:
    """What a reload changed in one situation."""

    new: tuple[str, ...] = ()  # ids, in the new situation's board order
    changed: Mapping[str, tuple[FieldChange, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )  # id -> field changes, in the new situation's board order
    removed: tuple[Item, ...] = ()  # the old items, in the old situation's board order
    situation_changes: tuple[FieldChange, ...] = ()  # title, as_of, sources, ...

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.removed or self.situation_changes)

    @property
    def item_count(self) -> int:
        """How many items the reload touched (new + changed + removed)."""
        return len(self.new) + len(self.changed) + len(self.removed)

    @property
    def marked_ids(self) -> frozenset[str]:
        """Ids present in the new situation that carry a change marker."""
        return frozenset(self.new) | frozenset(self.changed)

    def kind(self, item_id: str) -> str | None:
        """ "new", "changed", "removed" or None for an id."""
        if item_id in self.changed:
            return "changed"
        if item_id in self.new:
            return "new"
        if any(it.id == item_id for it in self.removed):
            return "removed"
        return None

    @property
    def summary(self) -> str:
        """The header's words: "2 changed · 1 new · 1 removed" (zero counts left out)."""
        parts = []
        if self.changed:
            parts.append(f"{len(self.changed)} changed")
        if self.new:
            parts.append(f"{len(self.new)} new")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if not parts and self.situation_changes:
            names = ", ".join(c.field.replace("_", " ") for c in self.situation_changes)
            parts.append(f"{names} changed")
        return " · ".join(parts) if parts else "no changes"

    def __str__(self) -> str:
        return self.summary


EMPTY_DIFF = SituationDiff()


def _item_fields(item: Item) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item) if f.name not in IGNORED_ITEM_FIELDS}


def _strip_origin(value: Any) -> Any:
    """Sources carry an origin too; compare them without it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in dataclasses.fields(value)}
        if "origin" in names:
            return dataclasses.replace(value, origin=None)
    return value


def _field_changes(old: Item, new: Item) -> tuple[FieldChange, ...]:
    if old == new:
        return ()
    a = _item_fields(old)
    b = _item_fields(new)
    changes: list[FieldChange] = []
    # `pane` first (an item moved between panes), then the new type's field order,
    # then fields only the old type had.
    names = list(b)
    names.extend(n for n in a if n not in b)
    for name in names:
        va = a.get(name, _MISSING)
        vb = b.get(name, _MISSING)
        if va is _MISSING:
            va = None
        if vb is _MISSING:
            vb = None
        if va != vb:
            changes.append(FieldChange(name, va, vb))
    changes.sort(key=lambda c: c.field != "pane")
    return tuple(changes)


def _sources_view(sit: Situation) -> dict[str, Any]:
    return {k: _strip_origin(v) for k, v in sit.sources.items()}


def _situation_changes(old: Situation, new: Situation) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for name in SITUATION_FIELDS:
        if name == "sources":
            va, vb = _sources_view(old), _sources_view(new)
            if va != vb:
                out.append(FieldChange(name, old.sources, new.sources))
            continue
        va, vb = getattr(old, name), getattr(new, name)
        if va != vb:
            out.append(FieldChange(name, va, vb))
    return tuple(out)


def diff_situations(old: Situation | None, new: Situation | None) -> SituationDiff:
    """Compare two versions of a situation item by item.

    `old=None` (the situation just appeared) makes every item new; `new=None` (it
    disappeared) makes every item removed.
    """
    old_items: dict[str, Item] = {}
    if old is not None:
        for it in old.all_items():
            old_items.setdefault(it.id, it)
    new_ids: list[str] = []
    changed: dict[str, tuple[FieldChange, ...]] = {}
    seen: set[str] = set()
    if new is not None:
        for it in new.all_items():
            if it.id in seen:  # duplicate ids are the loader's error; count once
                continue
            seen.add(it.id)
            before = old_items.get(it.id)
            if before is None:
                new_ids.append(it.id)
                continue
            delta = _field_changes(before, it)
            if delta:
                changed[it.id] = delta
    removed = tuple(it for iid, it in old_items.items() if iid not in seen)
    sit_changes = _situation_changes(old, new) if old is not None and new is not None else ()
    return SituationDiff(
        new=tuple(new_ids),
        changed=MappingProxyType(changed),
        removed=removed,
        situation_changes=sit_changes,
    )


def diff_results(old: LoadResult | None, new: LoadResult) -> Mapping[str, SituationDiff]:
    """Per situation id, the diff between two load results.

    A situation present only in `new` has every item new; one only in `old` is not
    reported (it has no board to show a diff on).  With `old=None` (the first load)
    nothing is marked: the map is empty.
    """
    if old is None:
        return MappingProxyType({})
    before = {s.id: s for s in old.situations}
    out = {s.id: diff_situations(before.get(s.id), s) for s in new.situations}
    return MappingProxyType(out)


def pane_order(situation: Situation, ids: frozenset[str] | set[str]) -> tuple[tuple[str, str], ...]:
    """(pane, id) pairs of `ids` in board order: the order `c`/`C` jump through."""
    return tuple((p, it.id) for p in LISTS for it in situation.pane(p) if it.id in ids)
