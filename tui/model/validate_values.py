"""Checking one value against its kind (tui.model.spec): text, enums, numbers, quantities,
times, units, source references; and the keys of a mapping.

Problems are collected as (path, "key" or "value", message, severity); positions are
looked up only once the file is known to have a problem (tui.model.validate).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from typing import Any

from . import validate_compound as compound
from .spec import QUALIFIERS, QUANTITY, SOURCE_REF
from .types import Quantity, Severity, SourceRef, When
from .validate_times import check_time
from .yamlpos import format_path
from .yamlread import describe

QUANTITY_KEYS = QUANTITY.keys
SOURCE_REF_KEYS = SOURCE_REF.keys
_QUANTITY_SET = frozenset(QUANTITY_KEYS)
_SOURCE_REF_SET = frozenset(SOURCE_REF_KEYS)

QUANTITY_EXPECTED = "expected a number or {value, qualifier} or {min, max} (or only one of them)"

Problem = tuple[tuple, str, str, Severity]  # (path, "key" | "value", message, severity)

# Every number has a range (issue 10): beyond it the board cannot show a figure sensibly
# (and str() of a 5,000-digit integer raises), so it is an error, placed.
MAX_NUMBER = 10**15
NUMBER_RANGE = "0 to 10^15 (1,000,000,000,000,000)"
_EXTENSION_NODES = 10_000  # a bound on the walk over one x- value (nesting is bounded by the limits)


def close_matches(word: str, possibilities: Collection[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    import difflib  # only when there is a problem to explain

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)


def suggest(key: str, known: tuple[str, ...]) -> str:
    match = close_matches(key, known, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else f"; expected one of {', '.join(known)}"


class Checker:
    """Checks values of one file and collects every problem (never stops at the first)."""

    def __init__(self, file: str, written: Callable[[tuple], str | None] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # The text of a plain scalar as written (Locator.scalar_text): `quote: 08` -> "08".
        self.written = written
        self._by_kind: dict[str, Callable[[Any, tuple], Any]] | None = None

    # -- problems --------------------------------------------------------------------------
    def error(self, path: tuple, message: str, where: str = "value") -> None:
        self.problems.append((path, where, message, "error"))

    def warning(self, path: tuple, message: str, where: str = "value") -> None:
        self.problems.append((path, where, message, "warning"))

    def errors_since(self, mark: int) -> bool:
        return any(sev == "error" for *_, sev in self.problems[mark:])

    # -- keys ------------------------------------------------------------------------------
    def keys(
        self,
        mapping: dict,
        path: tuple,
        known: tuple[str, ...],
        where_name: str | None = None,
        known_set: frozenset[str] | None = None,
        what: str | None = None,
    ) -> tuple[tuple[str, Any], ...]:
        """Check keys; return the x- extensions as written. `what` ("a quantity"): an
        unknown key's message lists the keys it takes."""
        if known_set is not None and mapping.keys() <= known_set:
            return ()
        if where_name is None:
            where_name = format_path(path) or "the top level"
        ext: list[tuple[str, Any]] = []
        for key, value in mapping.items():
            if type(key) is not str:
                self.error(path + (str(key),), f"keys must be text, found {describe(key)} in {where_name}", "key")
                continue
            if key in known:
                continue
            if key.startswith("x-"):
                if self.extension_ok(value, path + (key,)):
                    ext.append((key, value))
                continue
            if what is None:
                hint = suggest(key, known)
            else:
                match = close_matches(key, known, n=1, cutoff=0.6)
                hint = (f"; did you mean {match[0]!r}?" if match else "") + f" ({what} takes {', '.join(known)})"
            self.error(path + (key,), f"unknown key {key!r} in {where_name}{hint}", "key")
        return tuple(ext)

    def extension_ok(self, value: Any, path: tuple) -> bool:
        """An x- value is kept as written, but its numbers have the same range as any other
        (a 5,000-digit integer in an x- key crashed the detail view): else an error, and the
        key is left out."""
        stack = [(value, path)]
        seen = 0
        while stack and seen < _EXTENSION_NODES:
            v, p = stack.pop()
            seen += 1
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if not (isinstance(v, float) and not math.isfinite(v)) and abs(v) > MAX_NUMBER:
                    self.error(
                        p, f"expected a number from {NUMBER_RANGE}, found {describe(v)} (quote it if it is text)"
                    )
                    return False
            elif isinstance(v, dict):
                stack.extend((sub, p + (str(k),)) for k, sub in v.items())
            elif isinstance(v, list):
                stack.extend((sub, p + (i,)) for i, sub in enumerate(v))
        return True

    # -- values ----------------------------------------------------------------------------
    def text(self, value: Any, path: tuple) -> str | None:
        """Text; a plain scalar the YAML reader typed (`name: 1945`, `quote: 08`, `actor: true`)
        is the text as written: its meaning is certain."""
        if type(value) is str:
            return value
        if isinstance(value, (int, float)):
            written = self.written(path) if self.written is not None else None
            if written is not None:
                return written
            if type(value) is bool:
                return "true" if value else "false"
            if type(value) is int and abs(value) <= MAX_NUMBER:
                return str(value)  # no text to read it from (validate() without the file's text)
        hint = ' (quote it: "...")' if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
        self.error(path, f"expected text, found {describe(value)}{hint}")
        return None

    def textlist(self, value: Any, path: tuple) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.error(path, f"expected a list of text, found {describe(value)}")
            return None
        out = []
        good = True
        for i, v in enumerate(value):
            t = self.text(v, path + (i,))
            if t is None:
                good = False
            else:
                out.append(t)
        return tuple(out) if good else None

    def enum(self, value: Any, path: tuple, choices: tuple[str, ...]) -> str | None:
        if type(value) is str and value in choices:
            return value
        shown = repr(value) if type(value) is str else describe(value)
        hint = ""
        if type(value) is str:
            close = close_matches(value.lower(), choices, n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean {close[0]!r}?"
        self.error(path, f"{shown} is not one of {', '.join(choices)}{hint}")
        return None

    def number(self, value: Any, path: tuple, what: str = "a number") -> int | float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(path, f"expected {what}, found {describe(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(path, f"expected a finite number, found {value!r}")
            return None
        if value < 0:
            shown = repr(value) if value >= -MAX_NUMBER else describe(value)
            self.error(path, f"expected a number of zero or more, found {shown}")
            return None
        if value > MAX_NUMBER:
            self.error(path, f"expected a number from {NUMBER_RANGE}, found {describe(value)}")
            return None
        return value

    def boolean(self, value: Any, path: tuple) -> bool | None:
        if type(value) is bool:
            return value
        self.error(path, f"expected true or false, found {describe(value)}")
        return None

    def quantity(self, value: Any, path: tuple) -> Quantity | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            n = self.number(value, path)
            return None if n is None else Quantity(value=n)
        if not isinstance(value, dict):
            self.error(path, f"{QUANTITY_EXPECTED}, found {describe(value)}")
            return None
        before = len(self.problems)
        ext = self.keys(value, path, QUANTITY_KEYS, None, _QUANTITY_SET, "a quantity")
        unit = None
        if value.get("unit") is not None:
            unit = self.text(value["unit"], path + ("unit",))
        has_value = value.get("value") is not None
        has_range = value.get("min") is not None or value.get("max") is not None
        if has_value and has_range:
            self.error(path, "a quantity is either {value, qualifier} or {min, max}, not both")
            return None
        if has_value:
            n = self.number(value["value"], path + ("value",))
            qualifier = None
            if value.get("qualifier") is not None:
                qualifier = self.enum(value["qualifier"], path + ("qualifier",), QUALIFIERS)
            if len(self.problems) > before:
                return None
            return Quantity(value=n, qualifier=qualifier, unit=unit, extensions=ext)
        if has_range:
            if value.get("qualifier") is not None:
                self.error(path + ("qualifier",), "a qualifier goes with `value`, not with a {min, max} range")
            # Half a range reads "at least 5" ({min: 5}) or "up to 5" ({max: 5}).
            lo = self.number(value["min"], path + ("min",)) if value.get("min") is not None else None
            hi = self.number(value["max"], path + ("max",)) if value.get("max") is not None else None
            if lo is not None and hi is not None and lo > hi:
                self.error(path, f"min {lo!r} is more than max {hi!r}")
            if len(self.problems) > before:
                return None
            return Quantity(min=lo, max=hi, unit=unit, extensions=ext)
        self.error(path, f"{QUANTITY_EXPECTED}, found a mapping without value, min or max")
        return None

    def time(self, value: Any, path: tuple) -> When | None:
        return check_time(self, value, path)

    def units(self, value: Any, path: tuple) -> tuple[tuple[str, int], ...] | None:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping of state -> count, found {describe(value)}")
            return None
        out = []
        good = True
        for k, v in value.items():
            if type(k) is not str:
                self.error(path + (str(k),), f"keys must be text, found {describe(k)} in {format_path(path)}", "key")
                good = False
                continue
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                self.error(path + (k,), f"expected a whole number of zero or more, found {describe(v)}")
                good = False
                continue
            if v > MAX_NUMBER:
                self.error(path + (k,), f"expected a whole number from {NUMBER_RANGE}, found {describe(v)}")
                good = False
                continue
            out.append((k, v))
        return tuple(out) if good else None

    def source_refs(self, value: Any, path: tuple) -> tuple[SourceRef, ...] | None:
        if not isinstance(value, list):
            self.error(
                path,
                f"expected a list of source ids (`- reuters` or `- {{source: seed, quote: ...}}`), found {describe(value)}",
            )
            return None
        out = []
        for i, ref in enumerate(value):
            rpath = path + (i,)
            if type(ref) is str:
                out.append(SourceRef(ref))
            elif isinstance(ref, dict):
                ext = self.keys(ref, rpath, SOURCE_REF_KEYS, None, _SOURCE_REF_SET, "a source reference")
                src = ref.get("source")
                if src is None:
                    self.error(rpath, "missing required field 'source' (the id of a source)")
                    continue
                src = self.text(src, rpath + ("source",))
                quote = via = None
                if ref.get("quote") is not None:
                    quote = self.text(ref["quote"], rpath + ("quote",))
                if ref.get("via") is not None:
                    via = self.text(ref["via"], rpath + ("via",))
                if src is not None:
                    out.append(SourceRef(src, quote, extensions=ext, via=via))
            else:
                self.error(rpath, f"expected a source id or {{source, quote, via}}, found {describe(ref)}")
        return tuple(out)

    def checker_for(self, kind: str) -> Callable[[Any, tuple], Any]:
        """The method that checks a value of this kind (tui.model.spec.KINDS)."""
        table = self._by_kind
        if table is None:  # built once per file: this is on the path of every field
            table = self._by_kind = self._kind_table()
        return table[kind]

    def _kind_table(self) -> dict[str, Callable[[Any, tuple], Any]]:
        return {
            "text": self.text,
            "textlist": self.textlist,
            "ids": self.textlist,
            "number": self.number,
            "bool": self.boolean,
            "quantity": self.quantity,
            "time": self.time,
            "units": self.units,
            "sources": self.source_refs,
            "counts": lambda v, p: compound.counts(self, v, p),
            "breakdown": lambda v, p: compound.counts(self, v, p),
            "series": lambda v, p: compound.series(self, v, p),
            "geo": lambda v, p: compound.geo(self, v, p),
            "funding": lambda v, p: compound.funding(self, v, p),
        }
