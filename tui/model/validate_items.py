"""Items: one entry of a list -> a typed item, each field checked by its kind (tui.model.spec)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .ids import SLUG_RE, derive_id
from .spec import COMMON, COMMON_KEYS, CONFIDENCES, DEFAULT_CONFIDENCE, LIST, LISTS, ListSpec
from .text import visible
from .types import ITEM_TYPES, Item, Location, Quantity
from .validate_compound import breakdown_mismatch
from .validate_values import Checker
from .yamlpos import format_path
from .yamlread import describe

# Per list: every key an item may carry, and the list's own fields by name -> (kind, values).
KNOWN_KEYS: Mapping[str, tuple[str, ...]] = {spec.name: spec.keys for spec in LISTS}
_KNOWN_SETS = {name: frozenset(keys) for name, keys in KNOWN_KEYS.items()}
_OWN: Mapping[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    spec.name: {f.name: (f.kind, f.values) for f in spec.fields} for spec in LISTS
}
_REQUIRED = {spec.name: tuple(f.name for f in spec.fields if f.required) for spec in LISTS}
_OTHER_COMMON = tuple(f for f in COMMON if f.name not in ("id", "confidence"))
# Per list: the field whose parts must add up to the item's `value` (figures' breakdown).
_BREAKDOWN = {spec.name: f.name for spec in LISTS for f in spec.fields if f.kind == "breakdown"}

# What a BrokenItem keeps in its own attributes (the rest goes to its `values`).
_COMMON = frozenset(COMMON_KEYS) | {"id_derived", "extensions", "origin"}


@dataclass(slots=True)
class Pending:
    """An item with errors, made a BrokenItem once its problems are placed (validate())."""

    pane: str
    index: int
    kwargs: dict[str, Any]
    values: tuple[tuple[str, Any], ...]
    label: str
    problems: slice  # its problems in Checker.problems


class ItemChecker:
    """Builds the items of one file: an entry with errors becomes a `Pending` broken item."""

    def __init__(self, c: Checker, origins: Mapping[str, list[tuple[int, int]]] | None = None) -> None:
        self.c = c
        self.origins = origins or {}
        self.bad_ids: set[str] = set()  # explicit ids written that are not valid slugs

    def item(self, pane: str, index: int, entry: Any) -> Item | Pending:
        c = self.c
        spec = LIST[pane]
        path = (pane, index)
        noun = spec.noun
        before = len(c.problems)
        if not isinstance(entry, dict):
            c.error(path, f"expected {noun} (a mapping), found {describe(entry)}")
            kwargs = self._origin(pane, index, {"id": f"{pane}-{index}", "id_derived": True})
            return Pending(pane, index, kwargs, (), format_path(path), slice(before, len(c.problems)))
        ext = c.keys(entry, path, KNOWN_KEYS[pane], None, _KNOWN_SETS[pane])
        kwargs = self._origin(pane, index, {"extensions": ext})
        own = _OWN[pane]
        label_key = spec.label
        for key, value in entry.items():
            kind_values = own.get(key)
            if kind_values is None or value is None:
                continue
            kind, values = kind_values
            fpath = path + (key,)
            if kind == "text":
                kwargs[key] = value if type(value) is str else c.text(value, fpath)
            elif kind == "enum":
                if type(value) is str and value in values:
                    kwargs[key] = value
                else:
                    c.enum(value, fpath, values)
            else:
                kwargs[key] = c.checker_for(kind)(value, fpath)
        parts = _BREAKDOWN.get(pane)
        if parts is not None and kwargs.get(parts) and isinstance(total := kwargs.get("value"), Quantity):
            why = breakdown_mismatch(total, kwargs[parts])
            if why is not None:
                c.warning(path + (parts,), why)
        label = kwargs.get(label_key)
        for name in _REQUIRED[pane]:
            if entry.get(name) is None:
                c.error(path, f"missing required field {name!r} ({noun} needs {name!r})")
        if spec.one_of and all(entry.get(k) is None for k in spec.one_of):
            c.error(path, f"{noun} {spec.one_of_rule}")
        self.common(spec, entry, path, label, kwargs)
        if len(c.problems) > before and c.errors_since(before):
            return self.pending(spec, index, entry, kwargs, slice(before, len(c.problems)))
        return ITEM_TYPES[pane](**kwargs)

    def _origin(self, pane: str, index: int, kwargs: dict[str, Any]) -> dict[str, Any]:
        origins = self.origins.get(pane)
        if origins is not None:
            kwargs["origin"] = Location(self.c.file, *origins[index])
        return kwargs

    def pending(self, spec: ListSpec, index: int, entry: dict, kwargs: dict[str, Any], problems: slice) -> Pending:
        """What of an item with errors validated: its common fields in `kwargs`, its own in
        `values`; an id whatever happened (explicit, derived, else "<pane>-<index>")."""
        clean = {k: v for k, v in kwargs.items() if v is not None and k in _COMMON}
        values = tuple((k, v) for k, v in kwargs.items() if v is not None and k not in _COMMON)
        label = kwargs.get(spec.label)
        raw_id = entry.get("id")
        if "id" not in clean:
            clean["id_derived"] = True
            clean["id"] = derive_id(spec.name, label) if type(label) is str else f"{spec.name}-{index}"
        shown = visible(label, single_line=True) if type(label) is str else format_path((spec.name, index))
        if type(raw_id) is str and raw_id != clean["id"]:
            self.bad_ids.add(raw_id)
        return Pending(spec.name, index, clean, values, shown, problems)

    def common(self, spec: ListSpec, entry: dict, path: tuple, label: Any, kwargs: dict[str, Any]) -> None:
        """The fields every item may carry (spec.COMMON)."""
        c = self.c
        raw_id = entry.get("id")
        if raw_id is not None:
            written = raw_id if type(raw_id) is str else c.text(raw_id, path + ("id",))  # `id: 2024`
            if written is not None and SLUG_RE.match(written):
                kwargs["id"] = written
            elif written is not None:
                c.error(path + ("id",), f"{written!r} is not a valid id: expected a slug of a-z, 0-9 and '-'")
        elif type(label) is str:
            kwargs["id"] = derive_id(spec.name, label)
            kwargs["id_derived"] = True
        if entry.get("confidence") is not None:
            kwargs["confidence"] = c.enum(entry["confidence"], path + ("confidence",), CONFIDENCES)
        else:
            kwargs["confidence"] = DEFAULT_CONFIDENCE
        for f in _OTHER_COMMON:  # sources, updated, about, note, severity, counts, geo
            value = entry.get(f.name)
            if value is None:
                continue
            fpath = path + (f.name,)
            kwargs[f.name] = c.enum(value, fpath, f.values) if f.kind == "enum" else c.checker_for(f.kind)(value, fpath)
