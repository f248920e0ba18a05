"""Items: one entry of a list -> a typed item, each field checked by its kind (tui.model.spec)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .ids import SLUG_RE, derive_id
from .spec import CONFIDENCES, DEFAULT_CONFIDENCE, LIST, LISTS, ListSpec
from .types import ITEM_TYPES, Item, Location
from .validate_values import Checker
from .yamlread import describe

# Per list: every key an item may carry, and the list's own fields by name -> (kind, values).
KNOWN_KEYS: Mapping[str, tuple[str, ...]] = {spec.name: spec.keys for spec in LISTS}
_KNOWN_SETS = {name: frozenset(keys) for name, keys in KNOWN_KEYS.items()}
_OWN: Mapping[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    spec.name: {f.name: (f.kind, f.values) for f in spec.fields} for spec in LISTS
}


class ItemChecker:
    """Builds the items of one file; remembers what `check` needs of the items with errors."""

    def __init__(self, c: Checker, origins: Mapping[str, list[tuple[int, int]]] | None = None) -> None:
        self.c = c
        self.origins = origins or {}
        # Items with errors, built best effort for `check` (bad fields left out).
        self.partials: dict[str, list[tuple[int, Item]]] = {}
        self.unbuilt_ids: set[str] = set()

    def item(self, pane: str, index: int, entry: Any) -> Item | None:
        c = self.c
        spec = LIST[pane]
        path = (pane, index)
        noun = spec.noun
        if not isinstance(entry, dict):
            c.error(path, f"expected {noun} (a mapping), found {describe(entry)}")
            return None
        before = len(c.problems)
        ext = c.keys(entry, path, KNOWN_KEYS[pane], None, _KNOWN_SETS[pane])
        kwargs: dict[str, Any] = {"extensions": ext}
        origins = self.origins.get(pane)
        if origins is not None:
            kwargs["origin"] = Location(c.file, *origins[index])
        own = _OWN[pane]
        label_key = spec.label
        for key, value in entry.items():
            kind_values = own.get(key)
            if kind_values is None or value is None:
                continue
            kind, values = kind_values
            fpath = path + (key,)
            if kind == "text":
                if type(value) is str:
                    kwargs[key] = value
                else:
                    c.text(value, fpath)
            elif kind == "enum":
                if type(value) is str and value in values:
                    kwargs[key] = value
                else:
                    c.enum(value, fpath, values)
            else:
                kwargs[key] = c.checker_for(kind)(value, fpath)
        label = kwargs.get(label_key)
        if entry.get(label_key) is None:
            c.error(path, f"missing required field {label_key!r} ({noun} needs {label_key!r})")
        if spec.one_of and all(entry.get(k) is None for k in spec.one_of):
            c.error(path, f"{noun} {spec.one_of_rule}")
        self.common(spec, entry, path, label, kwargs)
        if len(c.problems) > before and c.errors_since(before):
            self.partial(pane, index, kwargs, entry, label_key)
            return None
        return ITEM_TYPES[pane](**kwargs)

    def common(self, spec: ListSpec, entry: dict, path: tuple, label: Any, kwargs: dict[str, Any]) -> None:
        """The fields every item may carry (spec.COMMON)."""
        c = self.c
        raw_id = entry.get("id")
        if raw_id is not None:
            if type(raw_id) is str and SLUG_RE.match(raw_id):
                kwargs["id"] = raw_id
            else:
                shown = repr(raw_id) if type(raw_id) is str else describe(raw_id)
                c.error(path + ("id",), f"{shown} is not a valid id: expected a slug of a-z, 0-9 and '-'")
        elif type(label) is str:
            kwargs["id"] = derive_id(spec.name, label)
            kwargs["id_derived"] = True
        if entry.get("confidence") is not None:
            kwargs["confidence"] = c.enum(entry["confidence"], path + ("confidence",), CONFIDENCES)
        else:
            kwargs["confidence"] = DEFAULT_CONFIDENCE
        if entry.get("sources") is not None:
            kwargs["sources"] = c.source_refs(entry["sources"], path + ("sources",))
        if entry.get("updated") is not None:
            kwargs["updated"] = c.time(entry["updated"], path + ("updated",))
        if entry.get("about") is not None:
            kwargs["about"] = c.textlist(entry["about"], path + ("about",))
        if entry.get("note") is not None:
            kwargs["note"] = c.text(entry["note"], path + ("note",))

    def partial(self, pane: str, index: int, kwargs: dict[str, Any], entry: dict, label_key: str) -> None:
        """An item with errors, built with its bad fields left out (for `check` only)."""
        clean = {k: v for k, v in kwargs.items() if v is not None}
        if "id" in clean and label_key not in clean:
            clean[label_key] = ""  # never shown: only its id matters to `check`
        try:
            item = ITEM_TYPES[pane](**clean)
        except TypeError:  # no id (no usable label, or a bad explicit id)
            raw_id = entry.get("id")
            if type(raw_id) is str:
                self.unbuilt_ids.add(raw_id)
            return
        self.partials.setdefault(pane, []).append((index, item))
