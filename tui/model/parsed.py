"""What validating one file gives: `ParsedFile` (typed objects + diagnostics) and the
`Fingerprint` of the bytes it came from."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .types import PANES, Diagnostic, Item, Location, Source
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

    `header` holds the situation fields this file declares (title, as_of, area, summary,
    marking); a part that is not the header part declares only `situation: {id}`.
    `ok` is False when the file has errors: such a file is left out of assembly (or
    replaced by its last good parse). `items` holds the items that validated.

    The `check_*` fields are filled only when the file has errors, for `sitboard check`
    (`load(..., for_check=True)`), so that cross-file problems (unknown source refs and
    `about` ids, id clashes) are reported along with the file's own errors. The board
    never shows them (`for_check_only`):
      check_items       every item that could be built, bad fields left out, with its
                        index in the file's list: (pane, index, item)
      check_item_ids    explicit ids of items that could not be built at all
      check_source_ids  every source id the file declares, valid or not
      check_header      the file declares both `title` and `as_of` (valid or not)
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
    check_items: tuple[tuple[str, int, Item], ...] = field(default=(), repr=False)
    check_item_ids: frozenset[str] = field(default=frozenset(), repr=False)
    check_source_ids: frozenset[str] = field(default=frozenset(), repr=False)
    check_header: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def for_check_only(self) -> bool:
        """This parse has errors: `sitboard check` may look at its `check_*` fields, the
        board must not show it (it shows the file's last good version, if any)."""
        return not self.ok

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def carries_header(self) -> bool:
        return "title" in self.header and "as_of" in self.header

    @property
    def item_count(self) -> int:
        return sum(len(v) for v in self.items.values())

    def all_items(self) -> list[tuple[str, int, Item]]:
        """(pane, index in the file's list, item) for every item."""
        return [(pane, i, it) for pane in PANES for i, it in enumerate(self.items.get(pane, ()))]

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        """Location of a path such as ("fronts", 2, "sources", 1) in this file."""
        if self.locator is None:
            return Location(self.path, 1, 1)
        line, col = self.locator.key(path) if key else self.locator.value(path)
        return Location(self.path, line, col)


def fingerprint_of(data: bytes, size: int | None = None, mtime_ns: int = 0) -> Fingerprint:
    return Fingerprint(len(data) if size is None else size, mtime_ns, hashlib.sha1(data).hexdigest())
