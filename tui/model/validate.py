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
from typing import Any

from .ids import SLUG_MAX, SLUG_RE, derive_id, slugify
from .parsed import Fingerprint, ParsedFile, fingerprint_of
from .positions import header_origin, item_lines
from .spec import COMMON_KEYS, HEADER_FIELDS, TOP_KEYS
from .types import PANES, Diagnostic, Item, Location
from .validate_header import (
    DOCUMENT_RULE,
    SITUATION_KEYS,
    SOURCE_KEYS,
    SourceChecker,
    check_format,
    check_situation,
)
from .validate_items import ItemChecker
from .validate_values import (
    QUANTITY_EXPECTED,
    QUANTITY_KEYS,
    SOURCE_REF_KEYS,
    TIME_EXPECTED,
    TIME_KEYS,
    Checker,
    parse_iso,
    suggest,
)
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
    items: dict[str, tuple[Item, ...]] = {}
    indexes: dict[str, list[int]] = {}
    for pane in PANES:
        raw = data.get(pane)
        if raw is None:
            continue
        if not isinstance(raw, list):
            c.error((pane,), f"expected a list of items, found {describe(raw)}")
            continue
        built = []
        kept = []
        for i, entry in enumerate(raw):
            item = items_c.item(pane, i, entry)
            if item is not None:
                built.append(item)
                kept.append(i)
        items[pane] = tuple(built)
        indexes[pane] = kept
    result["items"] = items
    result["indexes"] = indexes
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
        counts = {pane: len(raw) for pane in PANES if isinstance(raw := data.get(pane), list)}
        if counts:
            origins = item_lines(text, counts)
    c = Checker(file)
    items_c = ItemChecker(c, origins)
    result = _run(data, c, SourceChecker(c, base_dir), items_c)
    diags = list(extra)
    items = result["items"]
    if c.problems:
        if locator is None:
            locator = Locator(text or "")
        for path, where, message, severity in c.problems:
            line, col = locator.key(path) if where == "key" else locator.value(path)
            diags.append(Diagnostic(file, line, col, format_path(path), message, severity))
        # Panes the cheap line scan could not map: the locator is built anyway, use it.
        for pane, its in items.items():
            if pane in origins:
                continue
            items[pane] = tuple(
                dataclasses.replace(it, origin=Location(file, *locator.value((pane, idx))))
                for it, idx in zip(its, result["indexes"][pane])
            )
    check: dict[str, Any] = {}
    if any(d.severity == "error" for d in diags):
        check = _check_fields(data, items, result["indexes"], items_c, locator, file)
    return ParsedFile(
        path=file,
        situation_id=result.get("situation_id"),
        header=MappingProxyType(result.get("header") or {}),
        origin=header_origin(file, text),
        header_extensions=result.get("header_extensions", ()),
        extensions=result.get("extensions", ()),
        sources=MappingProxyType(result.get("sources") or {}),
        items=MappingProxyType(items),
        diagnostics=tuple(diags),
        fingerprint=fingerprint,
        locator=locator,
        **check,
    )


def _check_fields(
    data: dict,
    items: Mapping[str, tuple[Item, ...]],
    indexes: Mapping[str, list[int]],
    v: ItemChecker,
    locator: Locator | None,
    file: str,
) -> dict[str, Any]:
    """The `check_*` fields of a file with errors (only then: the fast path never pays)."""
    merged: list[tuple[str, int, Item]] = []
    for pane in PANES:
        rows = list(zip(indexes.get(pane, ()), items.get(pane, ())))
        for idx, item in v.partials.get(pane, ()):
            if item.origin is None and locator is not None:
                item = dataclasses.replace(item, origin=Location(file, *locator.value((pane, idx))))
            rows.append((idx, item))
        rows.sort(key=lambda row: row[0])
        merged.extend((pane, idx, item) for idx, item in rows)
    raw_sources = data.get("sources")
    source_ids: frozenset[str] = frozenset()
    if isinstance(raw_sources, dict):
        source_ids = frozenset(k for k in raw_sources if type(k) is str and not k.startswith("x-"))
    sit = data.get("situation")
    header = isinstance(sit, dict) and sit.get("title") is not None and sit.get("as_of") is not None
    return {
        "check_items": tuple(merged),
        "check_item_ids": frozenset(v.unbuilt_ids),
        "check_source_ids": source_ids,
        "check_header": header,
    }
