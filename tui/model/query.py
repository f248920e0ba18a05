"""What the duty officer types in the search box, parsed (UI-free).

    parse('lukashenko conf:disp grade:a-b "burnt-out convoy" weak')

Words are AND-ed, accent- and case-insensitive (`fold`); a quoted phrase is one word.
Filter tokens AND with them:

    conf:disputed   confidence; a prefix will do (conf:disp), a comma gives either
    grade:a-b       best source grade in the range; grade:c exactly C; grade:none ungraded
    sev:high        severity high AND above (a duty officer asking for high wants critical
                    too); sev:low-medium a range
    pane:events     a list by name, prefix, title or number (pane:5); pane:statements,events
    weak            rests on a weak basis (tui.model.provenance.weak_basis)
    stale           not updated within the board's threshold before the as-of
    overdue         open watch items whose `due` has passed

A bare `weak`, `stale` or `overdue` is the filter; "weak" in quotes is the word. A token
`foo:bar` with an unknown key is searched as a word and reported ("unknown filter foo:").
A filter with a bad value matches nothing and says why; one with no value yet (`conf:`,
still being typed) is left out and says what it takes. Problems are plain sentences made
of the officer's own input (shown literally by the UI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.model.spec import LIST
from tui.model.text import fold
from tui.model.types import CONFIDENCES, LISTS, RELIABILITY_GRADES, SEVERITIES

__all__ = ["Filter", "Query", "parse", "SEVERITIES", "PANE_NUMBERS", "BARE_FILTERS", "MAX_TERMS", "MAX_QUERY"]

# The lists' key numbers on the board (`pane:5` is events), from the format spec.
PANE_NUMBERS: dict[str, int] = {name: LIST[name].key for name in LISTS}

BARE_FILTERS = ("weak", "stale", "overdue")
_KEYS = {
    "conf": "conf",
    "confidence": "conf",
    "grade": "grade",
    "sev": "sev",
    "severity": "sev",
    "pane": "pane",
    "list": "pane",
}
_HELP = {
    "conf": "conf: takes a confidence: " + ", ".join(CONFIDENCES),
    "grade": "grade: takes a grade A-F, a range (grade:a-b) or none",
    "sev": "sev: takes a severity: " + ", ".join(SEVERITIES) + " (sev:high = high and above)",
    "pane": "pane: takes a list: " + ", ".join(LISTS) + " (or its number)",
}
MAX_QUERY = 500  # characters read from the box
MAX_TERMS = 32  # words and filters (each costs a pass over the text of every item)
_KEY_RE = re.compile(r"^[a-z]+$")
_SPACES = re.compile(r"\s+")
_QUOTES = '"“”„«»'


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter token. `allowed`: the values that pass (None for weak/stale/overdue);
    an empty set passes nothing (a bad value)."""

    kind: str  # conf, grade, sev, pane, weak, stale, overdue
    allowed: frozenset[str | None] | None = None
    text: str = ""  # as typed, folded

    def implies(self, other: Filter) -> bool:
        """Every item this filter passes, `other` passes too (for narrowing)."""
        if self.kind != other.kind:
            return False
        if other.allowed is None:
            return True
        return self.allowed is not None and self.allowed <= other.allowed


@dataclass(frozen=True, slots=True)
class Query:
    text: str = ""  # the input as read (capped)
    words: tuple[str, ...] = ()  # folded, whitespace collapsed
    filters: tuple[Filter, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        """Nothing to filter on: every item is a hit."""
        return not self.words and not self.filters

    def narrows(self, previous: Query) -> bool:
        """True when every hit of this query is a hit of `previous` (a longer word, one
        more term, a narrower filter): then only the previous hits need testing."""
        for w in previous.words:
            if not any(w in mine for mine in self.words):
                return False
        return all(any(f.implies(g) for f in self.filters) for g in previous.filters)

    def kinds(self, kind: str) -> tuple[Filter, ...]:
        return tuple(f for f in self.filters if f.kind == kind)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(token, quoted) in order; an unclosed quote runs to the end."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _QUOTES:
            j = i + 1
            while j < n and text[j] not in _QUOTES:
                j += 1
            out.append((text[i + 1 : j], True))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _QUOTES:
                j += 1
            out.append((text[i:j], False))
            i = j
    return out


def _choose(value: str, names: tuple[str, ...]) -> set[str]:
    """Names that start with `value` (an exact name wins over longer ones)."""
    if value in names:
        return {value}
    return {n for n in names if n.startswith(value)}


def _conf(value: str) -> tuple[set[str | None], str | None]:
    allowed: set[str | None] = set()
    for part in filter(None, value.split(",")):
        hits = _choose(part, CONFIDENCES)
        if not hits:
            return set(), f"conf:{value}: no confidence starts with {part!r} ({', '.join(CONFIDENCES)})"
        allowed |= hits
    return allowed, None


def _grade_letter(part: str) -> str | None:
    letter = part.upper()
    return letter if letter in RELIABILITY_GRADES else None


def _grade(value: str) -> tuple[set[str | None], str | None]:
    allowed: set[str | None] = set()
    for part in filter(None, value.split(",")):
        if part in ("none", "no", "ungraded", "-"):
            allowed.add(None)
            continue
        lo, dash, hi = part.partition("-")
        a, b = _grade_letter(lo), _grade_letter(hi) if hi else None
        if a is None or (hi and b is None):
            return set(), f"grade:{value}: grades are A-F (grade:a-b, grade:c, grade:none)"
        if b is None:  # "c", or "a-" still being typed
            b = a
        a, b = min(a, b), max(a, b)
        allowed |= {g for g in RELIABILITY_GRADES if a <= g <= b}
    return allowed, None


def _sev(value: str) -> tuple[set[str | None], str | None]:
    allowed: set[str | None] = set()
    for part in filter(None, value.split(",")):
        lo, dash, hi = part.partition("-")
        a, b = _choose(lo, SEVERITIES), _choose(hi, SEVERITIES) if hi else set()
        if len(a) != 1 or (hi and len(b) != 1):
            return set(), f"sev:{value}: severities are {', '.join(SEVERITIES)} (sev:high = high and above)"
        i = SEVERITIES.index(a.pop())
        j = SEVERITIES.index(b.pop()) if hi else 0  # one value: it and everything above
        i, j = min(i, j), max(i, j)
        allowed |= set(SEVERITIES[i : j + 1])
    return allowed, None


def _pane(value: str) -> tuple[set[str | None], str | None]:
    allowed: set[str | None] = set()
    for part in filter(None, value.split(",")):
        if part.isdigit():
            hits = {name for name, n in PANE_NUMBERS.items() if str(n) == part}
        else:
            hits = _choose(part, LISTS) | {name for name in LISTS if fold(LIST[name].title).startswith(part)}
        if not hits:
            return set(), f"pane:{value}: no list is called {part!r} ({', '.join(LISTS)})"
        allowed |= hits
    return allowed, None


_VALUES = {"conf": _conf, "grade": _grade, "sev": _sev, "pane": _pane}


def parse(text: str) -> Query:
    """The query typed in the search box (never raises; problems are reported)."""
    text = text[:MAX_QUERY] if isinstance(text, str) else ""
    words: list[str] = []
    filters: list[Filter] = []
    problems: list[str] = []
    tokens = _tokens(text)
    if len(tokens) > MAX_TERMS:
        problems.append(f"only the first {MAX_TERMS} words and filters are used")
        tokens = tokens[:MAX_TERMS]
    for token, quoted in tokens:
        folded = _SPACES.sub(" ", fold(token)).strip()
        if not folded:
            continue
        if quoted:
            if folded not in words:
                words.append(folded)
            continue
        if folded in BARE_FILTERS:
            filters.append(Filter(folded, None, folded))
            continue
        key, colon, value = folded.partition(":")
        if colon and _KEY_RE.match(key) and not value.startswith("/"):
            kind = _KEYS.get(key)
            if kind is None:
                problems.append(f"unknown filter {key}:")
            elif not value:
                problems.append(_HELP[kind])  # still being typed: says what it takes
                continue
            else:
                allowed, problem = _VALUES[kind](value)
                if problem:
                    problems.append(problem)
                filters.append(Filter(kind, frozenset(allowed), folded))
                continue
        if folded not in words:
            words.append(folded)
    return Query(text=text, words=tuple(words), filters=tuple(filters), problems=tuple(problems))
