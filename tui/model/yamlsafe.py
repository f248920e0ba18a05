"""Untrusted text -> plain data, with positions for every problem.

Fast path: yaml-rs (Rust, YAML 1.2 core schema, duplicate keys rejected, alias replay
capped). yaml-rs reports some problems without a position (duplicate keys) and silently
ignores unknown tags, so whenever something is wrong (or the text may hold a tag) a
`Locator` walks PyYAML's *event stream* (no construction, no recursion: a plain stack)
and maps every path such as ("fronts", 2, "status") to the line/column of its key and
of its value. Nothing is ever constructed by PyYAML.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .limits import DEFAULT_LIMITS, ENV_ALIAS, ENV_DEPTH, ENV_FILE_MB, ENV_ITEMS, Limits
from .types import PANES, Diagnostic

Path = tuple  # tuple[str | int, ...]
Pos = tuple  # (line, column), 1-based

EMPTY_MESSAGE = "the file is empty; expected a mapping with `situation:`"

# Tags of the YAML 1.2 core schema: harmless, and yaml-rs honours them.
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}

# A "!" that may start a tag: at the start of a line or after blank/flow indicator.
_RS_POSITION = re.compile(r"^YAML parse error at line (\d+), column (\d+)")
_RS_DUPLICATE = re.compile(r"^duplicate mapping key: (.*)$", re.S)

# YAML 1.2 core schema resolution of plain scalars (for key identity only).
_CORE_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_CORE_TRUE = frozenset({"true", "True", "TRUE"})
_CORE_FALSE = frozenset({"false", "False", "FALSE"})
_CORE_INT = re.compile(r"[-+]?[0-9]+\Z")
_CORE_OCT = re.compile(r"0o[0-7]+\Z")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


def may_hold_tag(text: str) -> bool:
    """True when a "!" stands where a tag could start (cheap: most files have no "!")."""
    i = text.find("!")
    while i >= 0:
        if i == 0 or text[i - 1] in " \t\r\n[{,":
            return True
        i = text.find("!", i + 1)
    return False


def format_path(path: Sequence[Any]) -> str:
    """("fronts", 2, "status") -> "fronts[2].status"."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(str(part))
    return "".join(out)


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


@dataclass(slots=True)
class YamlResult:
    """Plain data of one document (a dict) or None, the problems found, and the locator.

    `data` may come with diagnostics: repeated keys (`data` then holds the last value of
    each, as PyYAML would) or tags outside the core schema (read as if untagged). Such
    data is validated too, so that every error of the file is reported at once; the
    file is never shown while these diagnostics stand."""

    data: dict | None
    diagnostics: list[Diagnostic]
    locator: Locator


def decode(data: bytes, file: str) -> tuple[str | None, Diagnostic | None]:
    """Bytes -> text. UTF-8 only; a BOM is dropped; NUL bytes mean "not a text file"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(
            file, 1, 1, "", "not a UTF-8 text file (it starts with a UTF-16 byte order mark); save it as UTF-8"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        return None, Diagnostic(
            file, line, col, "", f"not a text file: it contains a NUL byte (line {line}, column {col})"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        bad = data[exc.start]
        return None, Diagnostic(
            file,
            line,
            col,
            "",
            f"not valid UTF-8: byte 0x{bad:02x} at line {line}, column {col}; situation files must be UTF-8 text",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def _byte_position(data: bytes, offset: int) -> Pos:
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def parse_text(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> YamlResult:
    """Text of one situation file -> its top-level mapping, or diagnostics. Never raises."""
    import yaml_rs
    from yaml_rs import AliasLimits, DuplicateKeyPolicy

    diags: list[Diagnostic] = []
    locator = Locator(text)
    alias_limits = AliasLimits(max_total_replayed_events=limits.max_alias_events)
    tags_done = False
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,
            duplicate_key_policy=DuplicateKeyPolicy.Error,
            alias_limits=alias_limits,
        )
    except Exception as exc:  # YAMLDecodeError, and anything else the extension may raise
        if not _rs_error(exc, file, locator, limits, diags):
            return YamlResult(None, diags, locator)
        # Only repeated keys: read it again keeping the last value of each (what PyYAML
        # would silently do), so that the rest of the file is validated too.
        try:
            data = yaml_rs.loads(
                text,
                parse_datetime=False,
                duplicate_key_policy=DuplicateKeyPolicy.LastWins,
                alias_limits=alias_limits,
            )
        except Exception:  # pragma: no cover - the first read failed only on duplicates
            return YamlResult(None, diags, locator)
        tags_done = True  # _rs_error reported the tags along with the duplicates

    # yaml-rs ignores unknown tags (the value is read as if untagged): look for them
    # whenever the text may hold one. The rest is still validated.
    if not tags_done and may_hold_tag(text):
        for path, (line, col), tag in locator.tags:
            diags.append(_tag_diag(file, path, line, col, tag))

    if isinstance(data, list) and locator.documents > 1:
        starts = locator.document_starts
        line, col = starts[1] if len(starts) > 1 else (1, 1)
        diags.append(
            Diagnostic(file, line, col, "", "more than one YAML document (`---`): a situation file holds one document")
        )
        return YamlResult(None, diags, locator)
    if data is None:
        diags.append(Diagnostic(file, 1, 1, "", EMPTY_MESSAGE))
        return YamlResult(None, diags, locator)
    if not isinstance(data, dict):
        line, col = locator.value(())
        diags.append(
            Diagnostic(file, line, col, "", f"expected a mapping with `situation:` at the top, found {describe(data)}")
        )
        return YamlResult(None, diags, locator)
    limit_diags = check_limits(data, file, locator, limits)
    if limit_diags:
        diags.extend(limit_diags)
        return YamlResult(None, diags, locator)
    return YamlResult(data, diags, locator)


def _tag_diag(file: str, path: Path, line: int, col: int, tag: str) -> Diagnostic:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return Diagnostic(
        file,
        line,
        col,
        format_path(path),
        f"tags are not allowed in situation files: found {shown!r}; write plain values",
    )


def _rs_error(exc: Exception, file: str, locator: Locator, limits: Limits, diags: list[Diagnostic]) -> bool:
    """Diagnostics for a yaml-rs error; True when it is only about repeated keys (the
    text can then be read again with "last wins")."""
    text = str(exc)
    m = _RS_POSITION.match(text)
    if m:
        pos: Pos = (int(m.group(1)), int(m.group(2)))
        locator.fallback = pos
        reason = text.strip().splitlines()[-1].strip() if text.strip() else "syntax error"
        if "recursion limit" in reason:
            message = (
                f"nested too deeply (more than the parser's limit; sitboard allows {limits.max_depth} levels,"
                f" see {ENV_DEPTH})"
            )
        else:
            message = f"YAML syntax error: {reason}"
        diags.append(Diagnostic(file, pos[0], pos[1], "", message))
        # Report what PyYAML could see before the break, too (duplicates, tags).
        _add_dups_and_tags(file, locator, diags)
        return False
    reason = text.strip().splitlines()[-1] if text.strip() else type(exc).__name__
    if _RS_DUPLICATE.match(reason):
        before = len(diags)
        _add_dups_and_tags(file, locator, diags)
        if len(diags) == before:
            key = _RS_DUPLICATE.match(reason).group(1)
            diags.append(Diagnostic(file, 1, 1, "", f"duplicate key {key}; PyYAML would silently keep the last one"))
        # PyYAML must have read the whole text, or the duplicates seen are not all of them.
        return locator.failed is None
    if "alias" in reason and "limit" in reason:
        diags.append(
            Diagnostic(
                file,
                1,
                1,
                "",
                f"aliases expand to too much data (more than {limits.max_alias_events:,} events;"
                f" an alias bomb such as 'billion laughs'?); set {ENV_ALIAS} to raise the limit",
            )
        )
        return False
    if reason.startswith("Invalid tag"):
        before = len(diags)
        _add_dups_and_tags(file, locator, diags)
        if len(diags) == before:
            diags.append(Diagnostic(file, 1, 1, "", f"tags are not allowed in situation files: {reason}"))
        return False
    line, col = locator.fallback or (1, 1)
    diags.append(Diagnostic(file, line, col, "", f"YAML error: {reason}"))
    return False


def _add_dups_and_tags(file: str, locator: Locator, diags: list[Diagnostic]) -> None:
    for path, (line, col), (fline, _fcol), name in locator.duplicates:
        diags.append(
            Diagnostic(
                file,
                line,
                col,
                format_path(path),
                f"duplicate key {name!r} (first at line {fline}); PyYAML would silently keep the last one",
            )
        )
    for path, (line, col), tag in locator.tags:
        diags.append(_tag_diag(file, path, line, col, tag))


def check_limits(data: dict, file: str, locator: Locator, limits: Limits) -> list[Diagnostic]:
    """Nesting depth (iteratively, on plain data) and the number of items."""
    diags: list[Diagnostic] = []
    max_depth = limits.max_depth
    if _depth_exceeded(data, max_depth):
        path = _too_deep_path(data, max_depth)
        line, col = locator.value(path)
        shown = format_path(path) if len(path) <= 8 else format_path(path[:4]) + "..." + format_path(("",) + path[-2:])
        diags.append(
            Diagnostic(
                file,
                line,
                col,
                shown,
                f"nested too deeply: more than {max_depth} levels; set {ENV_DEPTH} to raise the limit",
            )
        )
    count = sum(len(v) for k in PANES if isinstance(v := data.get(k), list))
    if count > limits.max_items:
        diags.append(
            Diagnostic(
                file,
                1,
                1,
                "",
                f"too many items: {count:,}, over the limit of {limits.max_items:,}; set {ENV_ITEMS} to raise it",
            )
        )
    return diags


def _depth_exceeded(data: Any, max_depth: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        obj, depth = pop()
        if depth > max_depth:
            return True
        for v in obj.values() if type(obj) is dict else obj:
            t = type(v)
            if t is dict or t is list:
                push((v, depth + 1))
    return False


def _too_deep_path(data: Any, max_depth: int) -> Path:
    """The path of the first container deeper than the limit (only run once it is known)."""
    stack: list[tuple[Any, int, Path]] = [(data, 1, ())]
    while stack:
        obj, depth, path = stack.pop()
        if depth > max_depth:
            return path
        pairs = obj.items() if type(obj) is dict else enumerate(obj)
        for k, v in pairs:
            if isinstance(v, (dict, list)):
                stack.append((v, depth + 1, path + (k,)))
    return ()


def size_error(file: str, size: int, limits: Limits) -> Diagnostic:
    mb = size / (1024 * 1024)
    return Diagnostic(
        file,
        1,
        1,
        "",
        f"the file is too big: {mb:.1f} MB, over the limit of {limits.max_file_mb:g} MB; set {ENV_FILE_MB} to raise it",
    )


def describe(value: Any) -> str:
    """What was found, for messages: "text 'twenty'", "the number 5", "a list"."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"text {shown!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"
