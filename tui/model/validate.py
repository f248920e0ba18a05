"""Plain data of one situation file -> `ParsedFile` (typed objects + diagnostics).

Every rule of format 1 (docs/format.md; the fields are declared in tui.model.spec) that
can be checked on one file is checked here; rules that need all parts of a situation
(one header, unique ids, source refs, `about` links) live in load.assemble. The work is
split by job:
    validate_values   one value against its kind; the keys of a mapping
    validate_header   `format`, `situation`, `sources` (and `document:` paths)
    validate_items    one entry of a list -> a typed item
    positions         where items and the header start, found cheaply
    ids, parsed       slugs and derived ids; ParsedFile and Fingerprint

Validation runs in plain Python over yaml-rs output and collects *every* problem as
(path, key-or-value, message); positions are looked up only when there is a problem.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, cast

from .documents import DOCUMENT_RULE
from .ids import SLUG_MAX, SLUG_RE, derive_id, slugify
from .parsed import Fingerprint, ParsedFile, fingerprint_of
from .positions import header_origin, item_lines
from .spec import COMMON_KEYS, HEADER_FIELDS, TOP_KEYS
from .types import LISTS, BrokenItem, Diagnostic, Item, Location, Source
from .validate_header import (
    SITUATION_KEYS,
    SOURCE_KEYS,
    SourceChecker,
    check_format,
    check_situation,
)
from .validate_items import ItemChecker, Pending
from .validate_times import TIME_EXPECTED, TIME_KEYS, parse_iso
from .validate_values import QUANTITY_EXPECTED, QUANTITY_KEYS, SOURCE_REF_KEYS, Checker, suggest
from .yamlpos import Locator, format_path
from .yamlread import describe

__all__ = [
    "COMMON_KEYS",
    "DOCUMENT_RULE",
    "HEADER_FIELDS",
    "QUANTITY_EXPECTED",
    "QUANTITY_KEYS",
    "SITUATION_KEYS",
    "SLUG_MAX",
    "SLUG_RE",
    "SOURCE_KEYS",
    "SOURCE_REF_KEYS",
    "TIME_EXPECTED",
    "TIME_KEYS",
    "TOP_KEYS",
    "Fingerprint",
    "ParsedFile",
    "derive_id",
    "fingerprint_of",
    "header_origin",
    "item_lines",
    "parse_iso",
    "slugify",
    "suggest",
    "validate",
]

_TOP_SET = frozenset(TOP_KEYS)


def _run(data: dict, c: Checker, sources: SourceChecker, items_c: ItemChecker) -> dict[str, Any]:
    result: dict[str, Any] = {}
    result["extensions"] = c.keys(data, (), TOP_KEYS, "the top level", _TOP_SET)
    check_format(c, data)
    check_situation(c, data, result)
    result["sources"] = sources.sources(data.get("sources"))
    items: dict[str, list[Item | Pending]] = {}
    for pane in LISTS:
        raw = data.get(pane)
        if raw is None:
            continue
        if not isinstance(raw, list):
            c.error((pane,), f"expected a list of items, found {describe(raw)}")
            continue
        items[pane] = [items_c.item(pane, i, entry) for i, entry in enumerate(raw)]
    result["items"] = items
    return result


def validate(
    data: dict,
    file: str,
    *,
    locator: Locator | None = None,
    text: str | None = None,
    fingerprint: Fingerprint | None = None,
    extra: tuple[Diagnostic, ...] = (),
) -> ParsedFile:
    """Validate the plain data of one file (its top-level mapping)."""
    base_dir = os.path.dirname(os.path.abspath(file))
    origins: dict[str, list[tuple[int, int]]] = {}
    if text:
        counts = {pane: len(raw) for pane in LISTS if isinstance(raw := data.get(pane), list)}
        if counts:
            origins = item_lines(text, counts)
    positions = _Positions(locator, text)
    c = Checker(file, positions.written)
    source_c = SourceChecker(c, base_dir)
    items_c = ItemChecker(c, origins)
    result = _run(data, c, source_c, items_c)
    diags = list(extra)
    placed: list[Diagnostic] = []
    raw_items: dict[str, list[Item | Pending]] = result["items"]
    items: dict[str, tuple[Item, ...]]
    sources: dict[str, Source] = result["sources"]
    locator = positions.locator
    if c.problems:
        if locator is None:
            locator = Locator(text or "")
        for path, where, message, severity in c.problems:
            line, col = locator.key(path) if where == "key" else locator.value(path)
            placed.append(Diagnostic(file, line, col, format_path(path), message, severity))
        diags.extend(placed)
        items = {pane: _resolve(pane, its, placed, origins, locator, file) for pane, its in raw_items.items()}
        for sid, where_problems in source_c.with_problems.items():
            sources[sid] = dataclasses.replace(sources[sid], problems=_ordered(placed[where_problems]))
    else:
        # No problem, no Pending: every entry is an Item.
        items = {pane: tuple(cast(list[Item], its)) for pane, its in raw_items.items()}
    header_keys = _header_keys(data)
    return ParsedFile(
        path=file,
        situation_id=result.get("situation_id"),
        header=MappingProxyType(result.get("header") or {}),
        origin=header_origin(file, text),
        header_extensions=result.get("header_extensions", ()),
        extensions=result.get("extensions", ()),
        sources=MappingProxyType(sources),
        items=MappingProxyType(items),
        diagnostics=tuple(diags),
        fingerprint=fingerprint,
        locator=locator,
        header_keys=header_keys,
        invalid_item_ids=frozenset(items_c.bad_ids),
    )


class _Positions:
    """The file's Locator, built only when a question needs it."""

    def __init__(self, locator: Locator | None, text: str | None) -> None:
        self.locator = locator
        self.text = text

    def written(self, path: tuple) -> str | None:
        if self.locator is None:
            if not self.text:
                return None
            self.locator = Locator(self.text)
        return self.locator.scalar_text(path)


def _ordered(problems: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Errors first (the first problem shown is an error), each kind in file order."""
    return tuple(sorted(problems, key=lambda d: (d.severity != "error", d.line, d.column)))


def _resolve(
    pane: str,
    its: list[Item | Pending],
    placed: list[Diagnostic],
    origins: Mapping[str, list[tuple[int, int]]],
    locator: Locator,
    file: str,
) -> tuple[Item, ...]:
    """The pane's items with every Pending made a BrokenItem (its problems placed), and an
    origin for each (from the locator when the cheap line scan could not map the pane)."""
    out: list[Item] = []
    mapped = pane in origins
    for idx, it in enumerate(its):
        if isinstance(it, Pending):
            kwargs = it.kwargs
            if not mapped:
                kwargs = {**kwargs, "origin": Location(file, *locator.value((pane, idx)))}
            problems = _ordered(placed[it.problems])
            out.append(BrokenItem(pane=pane, label=it.label, problems=problems, values=it.values, **kwargs))
        elif not mapped:
            out.append(dataclasses.replace(it, origin=Location(file, *locator.value((pane, idx)))))
        else:
            out.append(it)
    return tuple(out)


def _header_keys(data: dict) -> frozenset[str]:
    sit = data.get("situation")
    if not isinstance(sit, dict):
        return frozenset()
    return frozenset(k for k in HEADER_FIELDS if sit.get(k) is not None)
