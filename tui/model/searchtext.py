"""The text an item is searched by, in three tiers, and the spans a cell highlights (UI-free).

    item_tiers(item, source_names)  (label, other fields, the rest), each folded
    spans(plain, query)             [(start, end), ...] of the query's words in `plain`

Tier 0 is the item's visible label; tier 1 the other fields a person reads (figures
formatted as shown, "shut_down" also as "shut down", times as "07 Aug 2024" and ISO);
tier 2 its sources (ids, names, quotes, via), note, `about` links, id, `updated` and
extensions. Whitespace runs become one space (a quoted phrase matches across a line
break); values are joined by newlines (a word never spans two values).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import fields as dc_fields
from typing import Any

from tui.model.query import Query, parse
from tui.model.text import fold, format_funding, format_geo, format_number, format_quantity, format_when
from tui.model.types import Funding, Geo, Item, Quantity, SourceRef, When

__all__ = ["item_tiers", "spans", "word_start_offsets"]

_TIER2_FIELDS = ("id", "sources", "note", "about", "updated", "extensions")
_SKIP = frozenset({"pane", "id_derived", "origin", "problems", "label", *_TIER2_FIELDS})
_FIELDS: dict[type, tuple[str, ...]] = {}
_DEPTH = 4  # nesting read into values (a hostile file cannot make it recurse for ever)


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dc_fields(cls) if f.name not in _SKIP)
    return names


def _value_texts(value: Any, out: list[str], depth: int = 0) -> None:
    """The text a person would read for a value: figures formatted, enums both ways."""
    if value is None or isinstance(value, bool) or depth > _DEPTH:
        return
    if isinstance(value, str):
        out.append(value)
        if "_" in value and " " not in value:  # an enum value: "shut_down" reads "shut down"
            out.append(value.replace("_", " "))
    elif isinstance(value, Quantity):
        out.append(format_quantity(value))
    elif isinstance(value, When):
        out.append(format_when(value, with_year=True))
        out.append(value.value.isoformat()[:10])  # the date as written in the file
    elif isinstance(value, Funding):
        out.append(format_funding(value))
    elif isinstance(value, Geo):
        out.append(format_geo(value))
    elif isinstance(value, SourceRef):
        out.append(value.source)
        _value_texts(value.quote, out, depth + 1)
        _value_texts(getattr(value, "via", None), out, depth + 1)
    elif isinstance(value, (int, float)):
        out.append(format_number(value))
    elif isinstance(value, dt.date):
        out.append(value.isoformat()[:10])
    elif isinstance(value, Mapping):
        for k, v in value.items():  # counts, breakdown, funding: "17 killed"
            _pair(k, v, out, depth)
    elif isinstance(value, (tuple, list)):
        if value and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in value):
            for k, v in value:  # units and extensions: (name, value) pairs
                _pair(k, v, out, depth)
        else:
            for v in value:
                _value_texts(v, out, depth + 1)
    elif hasattr(value, "__dataclass_fields__"):  # a value type added later: its fields
        for name in value.__dataclass_fields__:
            if name != "extensions":
                _value_texts(getattr(value, name, None), out, depth + 1)


def _pair(key: Any, value: Any, out: list[str], depth: int) -> None:
    """One (name, value) of units, counts, breakdowns, extensions: "17 killed" as shown."""
    if isinstance(key, str) and isinstance(value, (int, float, Quantity)) and not isinstance(value, bool):
        shown = format_quantity(value) if isinstance(value, Quantity) else format_number(value)
        out.append(f"{shown} {key.replace('_', ' ')}")  # as format_units shows it
        if "_" in key:
            out.append(key)
        return
    _value_texts(key, out, depth + 1)
    _value_texts(value, out, depth + 1)


_FOLDED: dict[str, str] = {}  # short values repeat (source ids and names, enums, places)


def _fold(text: str) -> str:
    folded = _FOLDED.get(text)
    if folded is None:
        folded = fold(" ".join(text.split()))  # whitespace runs: one space
        if len(text) <= 80 and len(_FOLDED) < 20_000:  # a cache, bounded against hostile input
            _FOLDED[text] = folded
    return folded


def _join(texts: list[str]) -> str:
    # each value folded alone (most are ASCII: the fast path), one value a line
    return "\n".join(dict.fromkeys([_fold(t) for t in texts if t]))  # each once: less to scan


def item_tiers(item: Item, source_names: Mapping[str, str] | None = None) -> tuple[str, str, str]:
    """The item's folded text in its three tiers: label, other fields, the rest."""
    try:
        label = item.label
    except Exception:  # a broken item without a usable label
        label = ""
    shown: list[str] = []
    for name in _fields(type(item)):
        value = getattr(item, name, None)
        if name == "values" and isinstance(value, tuple):  # a broken item's fields that validated
            for pair in value:
                if isinstance(pair, tuple) and len(pair) == 2:
                    _value_texts(pair[1], shown)
        elif value is not label and value is not None:
            _value_texts(value, shown)
    rest: list[str] = [item.id]
    for ref in item.sources:
        _value_texts(ref, rest)
        if source_names is not None:
            source_name = source_names.get(ref.source)
            if source_name:
                rest.append(source_name)
    _value_texts(item.note, rest)
    _value_texts(item.about, rest)
    _value_texts(item.updated, rest)
    _value_texts(item.extensions, rest)
    return _join([label] if isinstance(label, str) else []), _join(shown), _join(rest)


def spans(plain: str, query: Query | str | Sequence[str]) -> list[tuple[int, int]]:
    """Where the query's words occur in `plain` (case/accent-insensitive), as sorted,
    merged (start, end) offsets into `plain`: what a cell highlights."""
    if isinstance(query, str):
        words: Sequence[str] = parse(query).words
    elif isinstance(query, Query):
        words = query.words
    else:
        words = query
    words = [w for w in words if w]
    if not words or not plain:
        return []
    if plain.isascii():
        s, index = plain.lower(), None
    else:  # fold char by char, remembering where each folded char came from
        chars: list[str] = []
        index = []
        for i, ch in enumerate(plain):
            f = fold(ch)
            chars.append(f)
            index.extend([i] * len(f))
        s = "".join(chars)
    found: list[tuple[int, int]] = []
    for word in words:
        n, start = len(word), 0
        while True:
            j = s.find(word, start)
            if j < 0:
                break
            found.append((j, j + n) if index is None else (index[j], index[j + n - 1] + 1))
            start = j + n
    found.sort()
    merged: list[tuple[int, int]] = []
    for a, b in found:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


MAX_INITIALS = 64  # query letters matched scattered (a longer query must be a substring)
MAX_WORDS = 64  # words of the text read for a scattered match
MAX_STEPS = 2000  # ... and the readings tried (a hostile text gets "no match", quickly)


def word_start_offsets(query: str, text: str) -> list[int] | None:
    """Offsets of `query`'s letters in `text` (both already lower-cased) when the letters
    come in runs that each begin a word: "kn" in "kursk nuclear", "fr1499" in "front 1499".
    None when there is no such reading: "weak" is not in "...a highway, one marked"
    (letters scattered inside words are chance, not a match). Spaces in the query are
    ignored."""
    q = "".join(query.split())
    if not q or len(q) > MAX_INITIALS:
        return None
    starts = [i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or not text[i - 1].isalnum())]
    starts = starts[:MAX_WORDS]
    failed: set[tuple[int, int]] = set()  # (query position, first word) that lead nowhere
    budget = [MAX_STEPS]

    def run(qi: int, first: int) -> list[int] | None:
        if qi == len(q):
            return []
        budget[0] -= 1
        if budget[0] < 0 or (qi, first) in failed:
            return None
        for w in range(first, len(starts)):
            s = starts[w]
            length = 0
            while qi + length < len(q) and s + length < len(text) and text[s + length] == q[qi + length]:
                length += 1
            for n in range(length, 0, -1):  # the longest run first
                rest = run(qi + n, bisect_left(starts, s + n))
                if rest is not None:
                    return list(range(s, s + n)) + rest
        failed.add((qi, first))
        return None

    return run(0, 0)
