"""The situation format, declared once: every list, every field, its kind and its words.

The validator (validate_*.py), `sitboard schema` (schema.py), the baseline serializer
(serialize.py), help's format reference and the derived ids all read this module, so a
new field is one line here (plus, for a new *kind*, one checker, one schema shape, one
JSON form). Pure data: no imports from the rest of the model.

    LISTS            the lists of items, in key order (ListSpec: name, key, title, label, noun)
    LIST             name -> ListSpec
    COMMON           the fields every item may carry
    SITUATION, SOURCE, SOURCE_REF, QUANTITY, TIME, GEO, FUNDING, SERIES_POINT
                     the fields of the other mappings

Kinds of value (Field.kind):
    text        a string (a plain scalar such as 1945 or 08 is that text as written)
    textlist    a list of text
    slug        [a-z0-9][a-z0-9-]*
    ids         a list of item ids (`about`)
    enum        one of Field.values
    number      a finite number >= 0 (inside a quantity)
    bool        true or false
    quantity    76000 | {value, qualifier} | {min, max} | {min} | {max}; optional unit
    time        an ISO 8601 date, date-time with offset or month (2024-07), {at, approx}, or a
                period {from, to, approx}
    exact_time  an ISO 8601 date or date-time with offset (no mapping)
    units       a mapping of state -> whole number
    sources     a list of source references (`- reuters` or `- {source, quote, via}`)
    path        a relative path (a source's `document`)
    counts      a mapping of label -> quantity (several figures on one item)
    breakdown   a mapping of label -> quantity whose parts should add up to the item's value
    series      a list of {at: time, value: quantity}, oldest first
    geo         {lat, lon, precision, pcode}
    funding     {required: quantity, received: quantity}

The pieces live in spec_base.py (vocabularies, Field, Block, ListSpec, the blocks, the
common fields) and spec_lists.py (the lists); this module is the one to import.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .spec_base import (
    COMMON,
    COMMON_BY_NAME,
    COMMON_KEYS,
    CONFIDENCES,
    DEFAULT_CONFIDENCE,
    DEFAULT_WATCH_STATUS,
    EVACUATION_STATUSES,
    FORMAT_VERSION,
    FRONT_STATUSES,
    FUNDING,
    GEO,
    GEO_PRECISIONS,
    HEADER_FIELDS,
    INFRASTRUCTURE_STATUSES,
    KINDS,
    LIKELIHOOD_BANDS,
    LIKELIHOODS,
    NEED_STATUSES,
    QUALIFIERS,
    QUANTITY,
    RELIABILITY_GRADES,
    RELIABILITY_HELP,
    SERIES_POINT,
    SEVERITIES,
    SITUATION,
    SOURCE,
    SOURCE_REF,
    TIME,
    WATCH_STATUSES,
    Block,
    Field,
    ListSpec,
)
from .spec_lists import LISTS

__all__ = [
    "COMMON",
    "COMMON_BY_NAME",
    "COMMON_KEYS",
    "CONFIDENCES",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_WATCH_STATUS",
    "EVACUATION_STATUSES",
    "FORMAT_VERSION",
    "FRONT_STATUSES",
    "FUNDING",
    "GEO",
    "GEO_PRECISIONS",
    "HEADER_FIELDS",
    "INFRASTRUCTURE_STATUSES",
    "KINDS",
    "LIKELIHOOD_BANDS",
    "LIKELIHOODS",
    "LIST",
    "LISTS",
    "LIST_NAMES",
    "NEED_STATUSES",
    "QUALIFIERS",
    "QUANTITY",
    "RELIABILITY_GRADES",
    "RELIABILITY_HELP",
    "SERIES_POINT",
    "SEVERITIES",
    "SITUATION",
    "SOURCE",
    "SOURCE_REF",
    "TIME",
    "TOP_KEYS",
    "WATCH_STATUSES",
    "Block",
    "Field",
    "ListSpec",
]

LIST: Mapping[str, ListSpec] = MappingProxyType({spec.name: spec for spec in LISTS})
LIST_NAMES: tuple[str, ...] = tuple(spec.name for spec in sorted(LISTS, key=lambda s: s.key))

TOP_KEYS: tuple[str, ...] = ("format", "situation", "sources") + LIST_NAMES


def _check() -> None:
    """The spec is consistent (run at import: a mistake here must fail every test)."""
    keys = [spec.key for spec in LISTS]
    if len(set(keys)) != len(keys):
        raise ValueError("spec: two lists share a key number")
    for spec in LISTS:
        names = [f.name for f in spec.all_fields]
        if len(set(names)) != len(names):
            raise ValueError(f"spec: {spec.name} declares a field twice")
        label = spec.field(spec.label)
        if label is None or label.kind != "text" or not label.required:
            raise ValueError(f"spec: {spec.name}'s label {spec.label!r} must be a required text field")


_check()
