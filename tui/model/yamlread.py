"""Untrusted text -> plain data (one YAML 1.2 document), or placed diagnostics.

yaml-rs (Rust, YAML 1.2 core schema, duplicate keys rejected, alias replay capped) reads
the text. It reports some problems without a position (repeated keys) and silently
ignores unknown tags, so whenever something is wrong, or the text may hold a tag, the
`Locator` (yamlpos.py) places them.

yaml-rs 0.1.6 crashes the process (SIGSEGV) when it is called after the thread that
first imported it has exited: `ensure_parser()` imports it on the main thread, before
any worker thread runs (the CLI and the app call it first thing;
tests/test_yaml_threads.py keeps the reproduction).
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass
from typing import Any

from .limits import DEFAULT_LIMITS, ENV_ALIAS, ENV_DEPTH, Limits, check_limits
from .types import Diagnostic
from .yamlpos import Locator, Path, Pos, excerpt, format_path

EMPTY_MESSAGE = "the file is empty; expected a mapping with `situation:`"

_RS_POSITION = re.compile(r"^YAML parse error at line (\d+), column (\d+)")
_RS_DUPLICATE = re.compile(r"^duplicate mapping key: (.*)$", re.S)

_parser: Any = None
_parser_lock = threading.Lock()


def ensure_parser() -> Any:
    """Import yaml-rs, on the main thread the first time (see the module's note); the module."""
    global _parser
    if _parser is not None:
        return _parser
    with _parser_lock:
        if _parser is None:
            if threading.current_thread() is not threading.main_thread():
                warnings.warn(
                    "yaml-rs imported first on a worker thread: the process may crash once that thread"
                    " ends; call tui.model.yamlread.ensure_parser() on the main thread at start",
                    RuntimeWarning,
                    stacklevel=2,
                )
            import yaml_rs

            _parser = yaml_rs
    return _parser


def may_hold_tag(text: str) -> bool:
    """True when a "!" stands where a tag could start (cheap: most files have no "!")."""
    i = text.find("!")
    while i >= 0:
        if i == 0 or text[i - 1] in " \t\r\n[{,":
            return True
        i = text.find("!", i + 1)
    return False


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
    yaml_rs = ensure_parser()
    AliasLimits, DuplicateKeyPolicy = yaml_rs.AliasLimits, yaml_rs.DuplicateKeyPolicy

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
            Diagnostic(
                file, line, col, "", f"expected a mapping with `situation:` at the top, found {describe_kind(data)}"
            )
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
        f"tags are not allowed in situation files: found {excerpt(shown)!r}; write plain values",
    )


def _rs_error(exc: Exception, file: str, locator: Locator, limits: Limits, diags: list[Diagnostic]) -> bool:
    """Diagnostics for a yaml-rs error; True when it is only about repeated keys (the
    text can then be read again with "last wins")."""
    text = str(exc)
    m = _RS_POSITION.match(text)
    if m:
        pos: Pos = (int(m.group(1)), int(m.group(2)))
        locator.fallback = pos
        reason = excerpt(text.strip().splitlines()[-1].strip(), 200) if text.strip() else "syntax error"
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
    reason = excerpt(text.strip().splitlines()[-1], 200) if text.strip() else type(exc).__name__
    duplicate = _RS_DUPLICATE.match(reason)
    if duplicate is not None:
        before = len(diags)
        _add_dups_and_tags(file, locator, diags)
        if len(diags) == before:
            key = excerpt(duplicate.group(1))
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
                f"duplicate key {excerpt(name)!r} (first at line {fline}); PyYAML would silently keep the last one",
            )
        )
    for path, (line, col), tag in locator.tags:
        diags.append(_tag_diag(file, path, line, col, tag))


def describe(value: Any) -> str:
    """What was found, for messages: "text 'twenty'", "the number 5", "a list"."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, int):
        if abs(value) < 10**32:
            return f"the number {value!r}"
        # str() of a huge integer is slow and refused past 4,300 digits: count them instead
        # (from its bits: that many digits or one more; a power of ten tells which).
        n = abs(value)
        digits = int((n.bit_length() - 1) * 0.30102999566398120) + 1
        digits += n >= 10**digits
        return f"a number of {digits:,} digits"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"text {excerpt(value)!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def describe_kind(value: Any) -> str:
    """What was found, without quoting any of it (for a file that may not be a situation
    file at all: a token or a password must not reach a terminal or a CI log)."""
    if isinstance(value, str):
        return f"text ({len(value):,} characters)"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return describe(value)
