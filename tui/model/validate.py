"""Plain data of one situation file -> `ParsedFile` (typed objects + diagnostics).

Every rule of format 1 (docs: /work/shared/design/situation-format.md) that can be
checked on one file lives here; rules that need all parts of a situation (one header,
unique ids, source refs, `about` links) live in load.assemble.

Validation runs in plain Python over yaml-rs output and collects *every* problem as
(path, key-or-value, message); positions are looked up only when there is a problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .types import (
    CONFIDENCES,
    DEFAULT_CONFIDENCE,
    EVACUATION_STATUSES,
    FORMAT_VERSION,
    FRONT_STATUSES,
    INFRASTRUCTURE_STATUSES,
    ITEM_TYPES,
    PANES,
    QUALIFIERS,
    RELIABILITY_GRADES,
    Diagnostic,
    Item,
    Location,
    Quantity,
    Severity,
    Source,
    SourceRef,
    When,
)
from .yamlpos import Locator, format_path
from .yamlread import describe

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 48

TOP_KEYS = ("format", "situation", "sources") + PANES
SITUATION_KEYS = ("id", "title", "as_of", "area", "summary", "marking")
HEADER_FIELDS = ("title", "as_of", "area", "summary", "marking")
SOURCE_KEYS = ("name", "type", "reliability", "url", "document")
COMMON_KEYS = ("id", "confidence", "sources", "updated", "about", "note")
QUANTITY_KEYS = ("value", "qualifier", "min", "max", "unit")
TIME_KEYS = ("at", "approx")
SOURCE_REF_KEYS = ("source", "quote")

# Per pane: field -> kind. Kinds: text, textlist, quantity, time, units, or an enum tuple.
PANE_FIELDS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "fronts": {
            "name": "text",
            "status": FRONT_STATUSES,
            "sides": "textlist",
            "depth_km": "quantity",
            "strength": "text",
            "since": "time",
            "places": "textlist",
        },
        "evacuations": {
            "area": "text",
            "people": "quantity",
            "status": EVACUATION_STATUSES,
            "authority": "text",
            "destination": "text",
            "since": "time",
        },
        "statements": {
            "actor": "text",
            "quote": "text",
            "summary": "text",
            "role": "text",
            "date": "time",
            "channel": "text",
        },
        "infrastructure": {
            "name": "text",
            "kind": "text",
            "status": INFRASTRUCTURE_STATUSES,
            "location": "text",
            "units": "units",
            "significance": "text",
        },
        "events": {
            "what": "text",
            "date": "time",
            "where": "text",
            "count": "quantity",
        },
    }
)
# The field that names an item (required; its slug is the derived id).
LABEL_FIELD: Mapping[str, str] = MappingProxyType(
    {"fronts": "name", "evacuations": "area", "statements": "actor", "infrastructure": "name", "events": "what"}
)
_ITEM_NOUN = {
    "fronts": "a front",
    "evacuations": "an evacuation",
    "statements": "a statement",
    "infrastructure": "an infrastructure item",
    "events": "an event",
}
_PANE_KNOWN = {pane: COMMON_KEYS + tuple(fields) for pane, fields in PANE_FIELDS.items()}
# Fast "all keys known" test, by identity of the tuple of known keys.
_KNOWN_SETS = {
    id(t): frozenset(t)
    for t in (TOP_KEYS, SITUATION_KEYS, SOURCE_KEYS, QUANTITY_KEYS, TIME_KEYS, SOURCE_REF_KEYS, *_PANE_KNOWN.values())
}

QUANTITY_EXPECTED = "expected a number or {value, qualifier} or {min, max}"
TIME_EXPECTED = (
    "expected an ISO 8601 date (2024-08-07) or date-time with offset (2024-08-07T10:00:00+03:00),"
    " or {at: <date>, approx: true}"
)


DOCUMENT_RULE = "document must be a relative path inside the situation's folder or its parent, e.g. ../seeds/report.txt"


def _inside(path: str, root: str) -> bool:
    """`path` is `root` or below it (both absolute and normalised)."""
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


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


def slugify(text: str) -> str:
    """A derived id: accents stripped (NFKD), casefolded, non-alphanumerics -> '-', at most 48."""
    norm = unicodedata.normalize("NFKD", text)
    norm = "".join(c for c in norm if not unicodedata.combining(c)).casefold()
    slug = _NON_SLUG.sub("-", norm).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rstrip("-")
    return slug


def derive_id(pane: str, label: str) -> str:
    slug = slugify(label)
    if slug:
        return slug
    # Nothing in [a-z0-9] survives (e.g. a Cyrillic name): a stable id from the text.
    return f"{pane}-{hashlib.sha1(label.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def suggest(key: str, known: tuple[str, ...]) -> str:
    match = _close(key, known, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else f"; expected one of {', '.join(known)}"


def parse_iso(text: str) -> tuple[dt.date | dt.datetime | None, str | None]:
    """ISO 8601 date or offset-aware date-time -> value, or (None, reason)."""
    s = text.strip()
    try:
        return dt.date.fromisoformat(s), None
    except ValueError:
        pass
    try:
        value = dt.datetime.fromisoformat(s)
    except ValueError:
        return None, None
    if value.tzinfo is None:
        return None, (
            f"{text!r} has a time but no UTC offset; write it with an offset,"
            " e.g. 2024-08-07T10:00:00+03:00 or 2024-08-07T07:00:00Z"
        )
    return value, None


class _Problems:
    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[tuple, str, str, Severity]] = []

    def error(self, path: tuple, message: str, where: str = "value") -> None:
        self.items.append((path, where, message, "error"))

    def warning(self, path: tuple, message: str, where: str = "value") -> None:
        self.items.append((path, where, message, "warning"))


class _Validator:
    def __init__(self, file: str, base_dir: str, origins: Mapping[str, list[tuple[int, int]]] | None = None) -> None:
        self.file = file
        self.base_dir = base_dir
        self.origins = origins or {}
        self.p = _Problems()
        self.document_root: str | None = None  # where `document:` paths may lead (lazy)
        # Items with errors, built best effort for `check` (bad fields left out).
        self.partials: dict[str, list[tuple[int, Item]]] = {}
        self.unbuilt_ids: set[str] = set()
        self.document_real_root = ""

    # -- generic helpers ---------------------------------------------------------------
    def keys(
        self, mapping: dict, path: tuple, known: tuple[str, ...], where_name: str | None = None
    ) -> tuple[tuple[str, Any], ...]:
        """Check keys; return the x- extensions as written."""
        known_set = _KNOWN_SETS.get(id(known))
        if known_set is not None and mapping.keys() <= known_set:
            return ()
        if where_name is None:
            where_name = format_path(path) or "the top level"
        ext: list[tuple[str, Any]] = []
        for key, value in mapping.items():
            if type(key) is not str:
                self.p.error(
                    path + (str(key),),
                    f"keys must be text, found {describe(key)} in {where_name}",
                    "key",
                )
                continue
            if key in known:
                continue
            if key.startswith("x-"):
                ext.append((key, value))
                continue
            self.p.error(path + (key,), f"unknown key {key!r} in {where_name}{suggest(key, known)}", "key")
        return tuple(ext)

    def text(self, value: Any, path: tuple) -> str | None:
        if type(value) is str:
            return value
        hint = ' (quote it: "...")' if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
        self.p.error(path, f"expected text, found {describe(value)}{hint}")
        return None

    def textlist(self, value: Any, path: tuple) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.p.error(path, f"expected a list of text, found {describe(value)}")
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
            close = _close(value.lower(), choices, n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean {close[0]!r}?"
        self.p.error(path, f"{shown} is not one of {', '.join(choices)}{hint}")
        return None

    def number(self, value: Any, path: tuple, what: str = "a number") -> int | float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.p.error(path, f"expected {what}, found {describe(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.p.error(path, f"expected a finite number, found {value!r}")
            return None
        if value < 0:
            self.p.error(path, f"expected a number of zero or more, found {value!r}")
            return None
        return value

    def quantity(self, value: Any, path: tuple) -> Quantity | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            n = self.number(value, path)
            return None if n is None else Quantity(value=n)
        if not isinstance(value, dict):
            self.p.error(path, f"{QUANTITY_EXPECTED}, found {describe(value)}")
            return None
        before = len(self.p.items)
        ext = self.keys(value, path, QUANTITY_KEYS)
        unit = None
        if value.get("unit") is not None:
            unit = self.text(value["unit"], path + ("unit",))
        has_value = value.get("value") is not None
        has_range = value.get("min") is not None or value.get("max") is not None
        if has_value and has_range:
            self.p.error(path, "a quantity is either {value, qualifier} or {min, max}, not both")
            return None
        if has_value:
            n = self.number(value["value"], path + ("value",))
            qualifier = None
            if value.get("qualifier") is not None:
                qualifier = self.enum(value["qualifier"], path + ("qualifier",), QUALIFIERS)
            if len(self.p.items) > before:
                return None
            return Quantity(value=n, qualifier=qualifier, unit=unit, extensions=ext)
        if has_range:
            if value.get("qualifier") is not None:
                self.p.error(path + ("qualifier",), "a qualifier goes with `value`, not with a {min, max} range")
            if value.get("min") is None or value.get("max") is None:
                missing = "min" if value.get("min") is None else "max"
                self.p.error(path, f"a range needs both min and max; {missing!r} is missing")
                return None
            lo = self.number(value["min"], path + ("min",))
            hi = self.number(value["max"], path + ("max",))
            if lo is not None and hi is not None and lo > hi:
                self.p.error(path, f"min {lo!r} is more than max {hi!r}")
            if len(self.p.items) > before:
                return None
            return Quantity(min=lo, max=hi, unit=unit, extensions=ext)
        self.p.error(path, f"{QUANTITY_EXPECTED}, found a mapping without value, min or max")
        return None

    def time(self, value: Any, path: tuple) -> When | None:
        if type(value) is str:
            parsed, reason = parse_iso(value)
            if parsed is None:
                self.p.error(path, reason or f"{TIME_EXPECTED}, found {describe(value)}")
                return None
            return When(parsed)
        if isinstance(value, dict):
            ext = self.keys(value, path, TIME_KEYS)
            approx = False
            if "approx" in value and value["approx"] is not None:
                if type(value["approx"]) is bool:
                    approx = value["approx"]
                else:
                    self.p.error(path + ("approx",), f"expected true or false, found {describe(value['approx'])}")
            at = value.get("at")
            if at is None:
                self.p.error(path, "missing required field 'at' (the date, e.g. {at: 2024-08-07, approx: true})")
                return None
            if type(at) is not str:
                self.p.error(path + ("at",), f"{TIME_EXPECTED}, found {describe(at)}")
                return None
            parsed, reason = parse_iso(at)
            if parsed is None:
                self.p.error(path + ("at",), reason or f"{TIME_EXPECTED}, found {describe(at)}")
                return None
            return When(parsed, approx=approx, extensions=ext)
        self.p.error(path, f"{TIME_EXPECTED}, found {describe(value)}")
        return None

    def units(self, value: Any, path: tuple) -> tuple[tuple[str, int], ...] | None:
        if not isinstance(value, dict):
            self.p.error(path, f"expected a mapping of state -> count, found {describe(value)}")
            return None
        out = []
        good = True
        for k, v in value.items():
            if type(k) is not str:
                self.p.error(path + (str(k),), f"keys must be text, found {describe(k)} in {format_path(path)}", "key")
                good = False
                continue
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                self.p.error(path + (k,), f"expected a whole number of zero or more, found {describe(v)}")
                good = False
                continue
            out.append((k, v))
        return tuple(out) if good else None

    # -- sections ----------------------------------------------------------------------
    def run(self, data: dict) -> dict[str, Any]:
        p = self.p
        result: dict[str, Any] = {}
        result["extensions"] = self.keys(data, (), TOP_KEYS, "the top level")
        fmt = data.get("format")
        if "format" in data:
            if isinstance(fmt, bool) or not isinstance(fmt, int):
                p.error(("format",), f"expected the number {FORMAT_VERSION}, found {describe(fmt)}")
            elif fmt > FORMAT_VERSION:
                p.error(
                    ("format",),
                    f"this file is format {fmt}; this version of sitboard reads format {FORMAT_VERSION}: upgrade sitboard",
                )
            elif fmt != FORMAT_VERSION:
                p.error(("format",), f"{fmt} is not a format version; expected {FORMAT_VERSION}")
        self.situation(data, result)
        result["sources"] = self.sources(data.get("sources"))
        items: dict[str, tuple[Item, ...]] = {}
        indexes: dict[str, list[int]] = {}
        for pane in PANES:
            raw = data.get(pane)
            if raw is None:
                continue
            if not isinstance(raw, list):
                p.error((pane,), f"expected a list of items, found {describe(raw)}")
                continue
            built = []
            kept = []
            for i, entry in enumerate(raw):
                item = self.item(pane, i, entry)
                if item is not None:
                    built.append(item)
                    kept.append(i)
            items[pane] = tuple(built)
            indexes[pane] = kept
        result["items"] = items
        result["indexes"] = indexes
        return result

    def situation(self, data: dict, result: dict[str, Any]) -> None:
        p = self.p
        result["situation_id"] = None
        result["header"] = {}
        result["header_extensions"] = ()
        if "situation" not in data or data["situation"] is None:
            p.error((), "missing required key 'situation' (a mapping with id, title and as_of)")
            return
        sit = data["situation"]
        path = ("situation",)
        if not isinstance(sit, dict):
            p.error(path, f"expected a mapping with id, title and as_of, found {describe(sit)}")
            return
        result["header_extensions"] = self.keys(sit, path, SITUATION_KEYS, "situation")
        sid = sit.get("id")
        if sid is None:
            p.error(path, "missing required field 'id' (a slug such as 'kursk-2024')")
        elif type(sid) is not str or not SLUG_RE.match(sid):
            shown = repr(sid) if type(sid) is str else describe(sid)
            p.error(
                path + ("id",), f"{shown} is not a valid id: expected a slug of a-z, 0-9 and '-' (e.g. 'kursk-2024')"
            )
        else:
            result["situation_id"] = sid
        header: dict[str, Any] = {}
        for key in ("title", "area", "summary", "marking"):
            if sit.get(key) is not None:
                t = self.text(sit[key], path + (key,))
                if t is not None:
                    header[key] = t
        if sit.get("as_of") is not None:
            when = self.time(sit["as_of"], path + ("as_of",))
            if when is not None:
                header["as_of"] = when
        has_title = sit.get("title") is not None
        has_as_of = sit.get("as_of") is not None
        if has_title and not has_as_of:
            p.error(path, "missing required field 'as_of' (the part that carries the title carries as_of too)")
        elif has_as_of and not has_title:
            p.error(path, "missing required field 'title' (the part that carries as_of carries the title too)")
        result["header"] = header

    def sources(self, raw: Any) -> dict[str, Source]:
        p = self.p
        out: dict[str, Source] = {}
        if raw is None:
            return out
        if not isinstance(raw, dict):
            p.error(("sources",), f"expected a mapping of source id -> {{name, ...}}, found {describe(raw)}")
            return out
        for sid, body in raw.items():
            if type(sid) is not str:
                p.error(("sources", str(sid)), f"source ids must be text, found {describe(sid)}", "key")
                continue
            if sid.startswith("x-"):
                continue  # an extension next to the sources; accepted, not a source
            path = ("sources", sid)
            if not isinstance(body, dict):
                p.error(path, f"expected a mapping with at least `name`, found {describe(body)}")
                continue
            before = len(p.items)
            ext = self.keys(body, path, SOURCE_KEYS, f"sources.{sid}")
            name = body.get("name")
            if name is None:
                p.error(path, "missing required field 'name'")
            else:
                name = self.text(name, path + ("name",))
            fields: dict[str, Any] = {}
            for key in ("type", "url"):
                if body.get(key) is not None:
                    fields[key] = self.text(body[key], path + (key,))
            if body.get("reliability") is not None:
                fields["reliability"] = self.enum(body["reliability"], path + ("reliability",), RELIABILITY_GRADES)
            if body.get("document") is not None:
                doc = self.text(body["document"], path + ("document",))
                if doc is not None:
                    resolved, problem = self.document_path(doc)
                    if problem is not None:
                        p.error(path + ("document",), problem)
                    else:
                        fields["document"] = resolved
                        if not os.path.isfile(resolved):
                            p.warning(path + ("document",), f"document {doc!r} not found (looked for {resolved})")
            if any(sev == "error" for *_, sev in p.items[before:]):
                continue
            out[sid] = Source(id=sid, name=name, extensions=ext, **fields)
        return out

    def document_path(self, doc: str) -> tuple[str, str | None]:
        """`document:` -> (absolute path, None), or ("", why it is refused).

        Format 1: a path relative to the file. It may lead into the situation's folder or
        its parent (../seeds/...), no further, symbolic links followed: a hostile file must
        not make the board show ~/.ssh/id_rsa."""
        if "\x00" in doc:
            return "", f"{DOCUMENT_RULE}; found a path with a NUL character"
        if os.path.isabs(doc) or doc.startswith("~"):
            return "", f"{DOCUMENT_RULE}; found {doc!r}, which is not a relative path"
        root = self.document_root
        if root is None:
            root = self.document_root = os.path.dirname(self.base_dir)
            self.document_real_root = os.path.realpath(root)
        resolved = os.path.normpath(os.path.join(self.base_dir, doc))
        if not _inside(resolved, root):
            return "", f"{DOCUMENT_RULE}; {doc!r} leads outside it (to {resolved})"
        real = os.path.realpath(resolved)
        if not _inside(real, self.document_real_root):
            return "", f"{DOCUMENT_RULE}; {doc!r} leads outside it through a symbolic link (to {real})"
        return resolved, None

    def item(self, pane: str, index: int, entry: Any) -> Item | None:
        p = self.p
        path = (pane, index)
        noun = _ITEM_NOUN[pane]
        if not isinstance(entry, dict):
            p.error(path, f"expected {noun} (a mapping), found {describe(entry)}")
            return None
        before = len(p.items)
        ext = self.keys(entry, path, _PANE_KNOWN[pane])
        kwargs: dict[str, Any] = {"extensions": ext}
        origins = self.origins.get(pane)
        if origins is not None:
            kwargs["origin"] = Location(self.file, *origins[index])
        fields = PANE_FIELDS[pane]
        label_key = LABEL_FIELD[pane]
        for key, value in entry.items():
            kind = fields.get(key)
            if kind is None or value is None:
                continue
            fpath = path + (key,)
            if kind == "text":
                if type(value) is str:
                    kwargs[key] = value
                else:
                    self.text(value, fpath)
            elif kind == "quantity":
                kwargs[key] = self.quantity(value, fpath)
            elif kind == "time":
                kwargs[key] = self.time(value, fpath)
            elif kind == "textlist":
                kwargs[key] = self.textlist(value, fpath)
            elif kind == "units":
                kwargs[key] = self.units(value, fpath)
            elif type(value) is str and value in kind:
                kwargs[key] = value
            else:
                self.enum(value, fpath, kind)
        label = kwargs.get(label_key)
        if entry.get(label_key) is None:
            p.error(path, f"missing required field {label_key!r} ({noun} needs {label_key!r})")
        if pane == "statements" and entry.get("quote") is None and entry.get("summary") is None:
            p.error(path, "a statement needs at least one of 'quote' (verbatim words) or 'summary'")
        # Common fields.
        raw_id = entry.get("id")
        if raw_id is not None:
            if type(raw_id) is str and SLUG_RE.match(raw_id):
                kwargs["id"] = raw_id
            else:
                shown = repr(raw_id) if type(raw_id) is str else describe(raw_id)
                p.error(path + ("id",), f"{shown} is not a valid id: expected a slug of a-z, 0-9 and '-'")
        elif type(label) is str:
            kwargs["id"] = derive_id(pane, label)
            kwargs["id_derived"] = True
        if entry.get("confidence") is not None:
            kwargs["confidence"] = self.enum(entry["confidence"], path + ("confidence",), CONFIDENCES)
        else:
            kwargs["confidence"] = DEFAULT_CONFIDENCE
        if entry.get("sources") is not None:
            kwargs["sources"] = self.source_refs(entry["sources"], path + ("sources",))
        if entry.get("updated") is not None:
            kwargs["updated"] = self.time(entry["updated"], path + ("updated",))
        if entry.get("about") is not None:
            kwargs["about"] = self.textlist(entry["about"], path + ("about",))
        if entry.get("note") is not None:
            kwargs["note"] = self.text(entry["note"], path + ("note",))
        if len(p.items) > before and any(sev == "error" for *_, sev in p.items[before:]):
            self.partial(pane, index, kwargs, entry, label_key)
            return None
        return ITEM_TYPES[pane](**kwargs)

    def partial(self, pane: str, index: int, kwargs: dict[str, Any], entry: dict, label_key: str) -> None:
        """An item with errors, built with its bad fields left out (for `check` only)."""
        clean = {k: v for k, v in kwargs.items() if v is not None}
        if "id" in clean and label_key not in clean:
            clean[label_key] = ""  # never shown: only its id matters to `check`
        try:
            item = ITEM_TYPES[pane](**clean)
        except TypeError:  # no id (no usable label, or a bad explicit id)
            raw_id = entry.get("id")
            if type(raw_id) is str:
                self.unbuilt_ids.add(raw_id)
            return
        self.partials.setdefault(pane, []).append((index, item))

    def source_refs(self, value: Any, path: tuple) -> tuple[SourceRef, ...] | None:
        if not isinstance(value, list):
            self.p.error(
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
                ext = self.keys(ref, rpath, SOURCE_REF_KEYS)
                src = ref.get("source")
                if src is None:
                    self.p.error(rpath, "missing required field 'source' (the id of a source)")
                    continue
                src = self.text(src, rpath + ("source",))
                quote = None
                if ref.get("quote") is not None:
                    quote = self.text(ref["quote"], rpath + ("quote",))
                if src is not None:
                    out.append(SourceRef(src, quote, extensions=ext))
            else:
                self.p.error(rpath, f"expected a source id or {{source, quote}}, found {describe(ref)}")
        return tuple(out)


_SITUATION_LINE = re.compile(r"^situation[ \t]*:", re.M)


def header_origin(file: str, text: str | None) -> Location:
    """Where `situation:` starts, found cheaply (no YAML walk) for the happy path."""
    if text:
        at = 0 if text.startswith("situation") else text.find("\nsituation") + 1
        while at >= 0 and (at > 0 or text.startswith("situation")):
            if _SITUATION_LINE.match(text, at):
                return Location(file, text.count("\n", 0, at) + 1, 1)
            nxt = text.find("\nsituation", at)
            if nxt < 0:
                break
            at = nxt + 1
    return Location(file, 1, 1)


_ITEM_LINE = re.compile(r"^(?:(?P<key>[^\s#\-\[\]{}?:'\"][^:\n]*?)[ \t]*:|(?P<ind>[ ]*)-(?=[ \t\r\n]|$))", re.M)


def item_lines(text: str, counts: Mapping[str, int]) -> dict[str, list[tuple[int, int]]]:
    """Cheap item origins for block-style files: the `- ` line of each item, per pane.

    Only trusted when the number of dashes found equals the number of items (else the
    pane is left out and items keep no origin, or get one from the locator)."""
    found: dict[str, list[tuple[int, int]]] = {}
    current: list[tuple[int, int]] | None = None
    indent = -1
    line = 1
    last = 0
    for m in _ITEM_LINE.finditer(text):
        start = m.start()
        line += text.count("\n", last, start)
        last = start
        key = m.group("key")
        if key is not None:
            if key in counts:
                current = found.setdefault(key, [])
            else:
                current = None
            indent = -1
            continue
        if current is None:
            continue
        lead = len(m.group("ind"))
        if indent < 0:
            indent = lead
        if lead == indent:
            current.append((line, lead + 1))
    return {pane: pos for pane, pos in found.items() if len(pos) == counts.get(pane)}


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
    v = _Validator(file, base_dir, origins)
    result = v.run(data)
    diags = list(extra)
    items = result["items"]
    if v.p.items:
        if locator is None:
            locator = Locator(text or "")
        for path, where, message, severity in v.p.items:
            line, col = locator.key(path) if where == "key" else locator.value(path)
            diags.append(Diagnostic(file, line, col, format_path(path), message, severity))
        import dataclasses

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
        check = _check_fields(data, items, result["indexes"], v, locator, file)
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
    v: _Validator,
    locator: Locator | None,
    file: str,
) -> dict[str, Any]:
    """The `check_*` fields of a file with errors (only then: the fast path never pays)."""
    import dataclasses

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


def _close(word: str, possibilities, n: int = 1, cutoff: float = 0.6) -> list[str]:
    import difflib  # only when there is a problem to explain

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)
