"""Where things stand in a situation file's text: path -> line/column.

Only used once something is wrong (or may be: a "!" that could start a tag). `Locator`
walks PyYAML's *event stream* (no construction, no recursion: a plain stack) and maps
every path such as ("fronts", 2, "status") to the line/column of its key and of its
value. Keys are told apart as YAML 1.2's core schema does (`1` and `true` are not the
strings "1" and "true"), so repeated keys are found as yaml-rs finds them. Nothing is
ever constructed by PyYAML.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .text import visible

Path = tuple  # tuple[str | int, ...]
Pos = tuple  # (line, column), 1-based

# Tags of the YAML 1.2 core schema: harmless, and yaml-rs honours them.
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}

# First characters of plain scalars that YAML 1.2 (or yaml-rs) may read as null, a
# boolean or a number: only those are kept as written (Locator.scalar_text).
_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")

# YAML 1.2 core schema resolution of plain scalars (for key identity only).
_CORE_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_CORE_TRUE = frozenset({"true", "True", "TRUE"})
_CORE_FALSE = frozenset({"false", "False", "FALSE"})
_CORE_INT = re.compile(r"[-+]?[0-9]+\Z")
_CORE_OCT = re.compile(r"0o[0-7]+\Z")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


def format_path(path: Sequence[Any]) -> str:
    """("fronts", 2, "status") -> "fronts[2].status". Keys come from the file: a long one is
    cut to a short excerpt (its characters kept as they are: what prints a path makes
    them visible, `check --json` keeps the true text)."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out.append(f"[{part}]")
        else:
            text = str(part)
            if len(text) > EXCERPT_CHARS:
                text = text[: EXCERPT_CHARS - 1] + "…"
            out.append(f".{text}" if out else text)
    return "".join(out)


EXCERPT_CHARS = 32


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters of untrusted text, on one line, every odd character shown
    as a placeholder: what an error message may quote of a file (never a whole token)."""
    if len(text) > limit:
        return visible(text[: limit - 1], single_line=True) + "…"
    return visible(text, single_line=True)


def _core_key(value: str, plain: bool) -> Any:
    """What a key scalar means in the core schema, so that `1` and `true` collide as in yaml-rs."""
    if not plain:
        return value
    if value in _CORE_NULL:
        return None
    if value in _CORE_TRUE:
        return True
    if value in _CORE_FALSE:
        return False
    try:
        if _CORE_INT.match(value):
            return int(value)
        if _CORE_OCT.match(value):
            return int(value[2:], 8)
        if _CORE_HEX.match(value):
            return int(value[2:], 16)
        if _CORE_FLOAT.match(value):
            return float(value)
    except ValueError:  # pragma: no cover - regexes guarantee parseable text
        return value
    low = value.lower()
    if low in (".inf", "+.inf"):
        return math.inf
    if low == "-.inf":
        return -math.inf
    return value


@dataclass(slots=True)
class _Frame:
    kind: str  # "map" | "seq"
    path: Path | None  # None: inside a complex key, positions not recorded
    index: int = 0
    expect_key: bool = True
    key: Any = None
    seen: dict = field(default_factory=dict)
    # Inside the value of a repeated key: its positions replace the first occurrence's,
    # as the data re-read with "last wins" holds this value.
    override: bool = False
    dup_next: bool = False  # the next value belongs to a repeated key


class Locator:
    """Lazy position index of one text, built from PyYAML's event stream on first use."""

    def __init__(self, text: str, fallback: Pos | None = None) -> None:
        self._text = text
        self.fallback = fallback
        self._built = False
        self._values: dict[Path, Pos] = {}
        self._keys: dict[Path, Pos] = {}
        self._plain: dict[Path, str] = {}  # plain scalars that may not read as text
        self._duplicates: list[tuple[Path, Pos, Pos, str]] = []
        self._tags: list[tuple[Path, Pos, str]] = []
        self._documents = 0
        self.document_starts: list[Pos] = []
        self.failed: str | None = None

    # -- queries ---------------------------------------------------------------------
    def value(self, path: Sequence[Any]) -> Pos:
        """Line/column of the value at `path`, else of its nearest located ancestor."""
        self._build()
        path = tuple(path)
        pos = self._values.get(path)
        if pos is not None:
            return pos
        if self.failed and self.fallback:
            return self.fallback  # PyYAML could not read it all: the parser's own position
        while True:
            pos = self._values.get(path)
            if pos is not None:
                return pos
            if not path:
                return self.fallback or (1, 1)
            path = path[:-1]

    def key(self, path: Sequence[Any]) -> Pos:
        """Line/column of the key naming `path`, else of its value, else an ancestor."""
        self._build()
        pos = self._keys.get(tuple(path))
        return pos if pos is not None else self.value(path)

    def has(self, path: Sequence[Any]) -> bool:
        self._build()
        return tuple(path) in self._values

    def scalar_text(self, path: Sequence[Any]) -> str | None:
        """The plain (unquoted) scalar at `path` as written: "08" for `quote: 08` (the
        number 8 in YAML 1.2), "1945", "1e3", "true", "null"; None when the value there
        is not a plain scalar, or cannot be found. For a text field that holds a number,
        a boolean or null: the text the author wrote (multi-line scalars folded as YAML
        folds them). Builds the position index on first use, like every query."""
        self._build()
        return self._plain.get(tuple(path))

    @property
    def duplicates(self) -> list[tuple[Path, Pos, Pos, str]]:
        """(path, position, first position, key text) of every repeated key."""
        self._build()
        return self._duplicates

    @property
    def tags(self) -> list[tuple[Path, Pos, str]]:
        """(path, position, tag) of every tag outside the core schema."""
        self._build()
        return self._tags

    @property
    def documents(self) -> int:
        self._build()
        return self._documents

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        try:
            import yaml
        except ImportError:  # pragma: no cover - pyyaml is a dependency
            self.failed = "PyYAML is not installed"
            return
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            self._walk(yaml.parse(self._text, Loader=loader), yaml.events)
        except Exception as exc:  # YAML 1.1 parser on 1.2 text, MemoryError... keep what we have
            self.failed = f"{type(exc).__name__}: {exc}"

    def _walk(self, events: Iterable[Any], ev: Any) -> None:
        stack: list[_Frame] = []
        values, keys = self._values, self._keys
        for event in events:
            cls = type(event)
            if cls is ev.DocumentStartEvent:
                self._documents += 1
                self.document_starts.append((event.start_mark.line + 1, event.start_mark.column + 1))
                continue
            if cls in (ev.MappingEndEvent, ev.SequenceEndEvent):
                if stack:
                    stack.pop()
                continue
            if cls not in (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent, ev.AliasEvent):
                continue
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            path: Path | None
            if not stack:
                path = () if self._documents <= 1 else None
            else:
                top = stack[-1]
                if top.kind == "seq":
                    path = None if top.path is None else top.path + (top.index,)
                    top.index += 1
                elif top.expect_key:
                    top.expect_key = False
                    if cls is ev.ScalarEvent and top.path is not None:
                        ident = _core_key(event.value, plain=not event.style and event.tag is None)
                        try:
                            first = top.seen.get(ident)
                        except TypeError:  # pragma: no cover - unhashable never happens
                            first = None
                        name = event.value
                        kpath = top.path + (name,)
                        if first is not None:
                            self._duplicates.append((kpath, pos, first, name))
                            top.dup_next = True
                            keys[kpath] = pos  # the last one is the one kept
                        else:
                            top.seen[ident] = pos
                            keys[kpath] = pos
                        top.key = name
                        self._note_tag(event, kpath, pos)
                    else:
                        top.key = None
                        if cls is ev.MappingStartEvent:
                            stack.append(_Frame("map", None))
                        elif cls is ev.SequenceStartEvent:
                            stack.append(_Frame("seq", None))
                    continue
                else:
                    top.expect_key = True
                    path = None if (top.path is None or top.key is None) else top.path + (top.key,)
            override = False
            if stack:
                top = stack[-1]
                override = top.override
                if top.dup_next:
                    top.dup_next = False
                    override = True
            if path is not None and (override or path not in values):
                values[path] = pos
                if cls is ev.ScalarEvent and not event.style and event.tag is None:
                    text = event.value
                    # Only what YAML 1.2 may read as something other than text: null,
                    # booleans, numbers (they all start with one of these characters).
                    if not text or text[0] in _NOT_TEXT_START:
                        self._plain[path] = text
                    elif override:
                        self._plain.pop(path, None)
                elif override:
                    self._plain.pop(path, None)
            if path is not None and cls is not ev.AliasEvent:
                self._note_tag(event, path, pos)
            if cls is ev.MappingStartEvent:
                stack.append(_Frame("map", path, override=override))
            elif cls is ev.SequenceStartEvent:
                stack.append(_Frame("seq", path, override=override))

    def _note_tag(self, event: Any, path: Path, pos: Pos) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            self._tags.append((path, pos, tag))
