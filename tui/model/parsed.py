"""What validating one file gives: `ParsedFile` (typed objects + diagnostics) and the
`Fingerprint` of the bytes it came from."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .types import LISTS, BrokenItem, Diagnostic, Item, Location, Source
from .yamlpos import Locator


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Identity of the bytes a parse came from."""

    size: int
    mtime_ns: int
    sha1: str


@dataclass(frozen=True, eq=False)
class ParsedFile:
    """One situation file, validated on its own (before its parts are assembled).

    `items`: per list, every item of the file in file order (the index in the tuple is
    the index in the file's list); an item with errors is a `BrokenItem` holding what of
    it validated and its problems, placed (a bad item costs that item, never the file).
    `header`: the situation fields that validated (title, as_of, area, summary,
    marking); `header_keys`: the ones the file writes, valid or not (a part that is not
    the header part writes none). `sources`: every source the file declares; a source
    with errors keeps what validated (its name falls back to its id) and lists its
    `problems`, so a reference to it is never "unknown".
    `ok` is False when the file has errors (`sitboard check` exits 1); what validated
    is usable all the same.

    `invalid_item_ids`: ids written on items that are not valid slugs (such an item has
    another id): a reference to one is wrong for that reason, not "unknown".
    """

    path: str
    situation_id: str | None = None
    header: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    origin: Location | None = None  # where `situation:` is
    header_extensions: tuple[tuple[str, Any], ...] = ()  # x- keys inside `situation`
    extensions: tuple[tuple[str, Any], ...] = ()  # top-level x- keys
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    items: Mapping[str, tuple[Item, ...]] = field(default_factory=lambda: MappingProxyType({}))
    diagnostics: tuple[Diagnostic, ...] = ()
    fingerprint: Fingerprint | None = None
    locator: Locator | None = field(default=None, repr=False)
    header_keys: frozenset[str] = frozenset()
    invalid_item_ids: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def broken_items(self) -> tuple[BrokenItem, ...]:
        """The items with errors, in list then file order."""
        return tuple(it for pane in LISTS for it in self.items.get(pane, ()) if isinstance(it, BrokenItem))

    @property
    def declares_header(self) -> bool:
        """The file writes `title` or `as_of`, valid or not: it means to be the header part."""
        return "title" in self.header_keys or "as_of" in self.header_keys

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def carries_header(self) -> bool:
        """Both `title` and `as_of` validated."""
        return "title" in self.header and "as_of" in self.header

    @property
    def item_count(self) -> int:
        return sum(len(v) for v in self.items.values())

    def all_items(self) -> list[tuple[str, int, Item]]:
        """(pane, index in the file's list, item) for every item."""
        return [(pane, i, it) for pane in LISTS for i, it in enumerate(self.items.get(pane, ()))]

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        """Location of a path such as ("fronts", 2, "sources", 1) in this file."""
        if self.locator is None:
            return Location(self.path, 1, 1)
        line, col = self.locator.key(path) if key else self.locator.value(path)
        return Location(self.path, line, col)


def fingerprint_of(data: bytes, size: int | None = None, mtime_ns: int = 0) -> Fingerprint:
    return Fingerprint(len(data) if size is None else size, mtime_ns, hashlib.sha1(data).hexdigest())
