"""The parts of a file that are not items: `format`, `situation` (the header) and `sources`."""

from __future__ import annotations

import os
from typing import Any

from .documents import confine_document, folder_root
from .ids import SLUG_RE
from .spec import FORMAT_VERSION, RELIABILITY_GRADES, SITUATION, SOURCE
from .types import Source
from .validate_values import Checker
from .yamlread import describe

SITUATION_KEYS = SITUATION.keys
SOURCE_KEYS = SOURCE.keys
_SITUATION_SET = frozenset(SITUATION_KEYS)
_SOURCE_SET = frozenset(SOURCE_KEYS)


def check_format(c: Checker, data: dict) -> None:
    if "format" not in data:
        return
    fmt = data.get("format")
    if isinstance(fmt, bool) or not isinstance(fmt, int):
        c.error(("format",), f"expected the number {FORMAT_VERSION}, found {describe(fmt)}")
    elif abs(fmt) > 10**6:  # str() of a 5,000-digit integer raises: describe it instead
        c.error(("format",), f"{describe(fmt)} is not a format version; expected {FORMAT_VERSION}")
    elif fmt > FORMAT_VERSION:
        c.error(
            ("format",),
            f"this file is format {fmt}; this version of sitboard reads format {FORMAT_VERSION}: upgrade sitboard",
        )
    elif fmt != FORMAT_VERSION:
        c.error(("format",), f"{fmt} is not a format version; expected {FORMAT_VERSION}")


def check_situation(c: Checker, data: dict, result: dict[str, Any]) -> None:
    """`situation:` -> result["situation_id"], ["header"] (the fields that validated),
    ["header_extensions"]."""
    result["situation_id"] = None
    result["header"] = {}
    result["header_extensions"] = ()
    if "situation" not in data or data["situation"] is None:
        c.error((), "missing required key 'situation' (a mapping with id, title and as_of)")
        return
    sit = data["situation"]
    path = ("situation",)
    if not isinstance(sit, dict):
        c.error(path, f"expected a mapping with id, title and as_of, found {describe(sit)}")
        return
    result["header_extensions"] = c.keys(sit, path, SITUATION_KEYS, "situation", _SITUATION_SET)
    sid = sit.get("id")
    if sid is None:
        c.error(path, "missing required field 'id' (a slug such as 'kursk-2024')")
    else:
        sid = sid if type(sid) is str else c.text(sid, path + ("id",))  # `id: 2024` is the text "2024"
        if sid is not None and not SLUG_RE.match(sid):
            c.error(
                path + ("id",), f"{sid!r} is not a valid id: expected a slug of a-z, 0-9 and '-' (e.g. 'kursk-2024')"
            )
        elif sid is not None:
            result["situation_id"] = sid
    header: dict[str, Any] = {}
    for f in SITUATION.fields:
        if f.name == "id" or sit.get(f.name) is None:
            continue
        value = c.checker_for(f.kind)(sit[f.name], path + (f.name,))
        if value is not None:
            header[f.name] = value
    has_title = sit.get("title") is not None
    has_as_of = sit.get("as_of") is not None
    if has_title and not has_as_of:
        c.error(path, "missing required field 'as_of' (the part that carries the title carries as_of too)")
    elif has_as_of and not has_title:
        c.error(path, "missing required field 'title' (the part that carries as_of carries the title too)")
    result["header"] = header


class SourceChecker:
    """`sources:` -> {id: Source}; `document:` paths confined to the situation's folder."""

    def __init__(self, c: Checker, base_dir: str) -> None:
        self.c = c
        self.base_dir = base_dir
        self.document_root: str | None = None  # where `document:` paths may lead (lazy)
        self.with_problems: dict[str, slice] = {}  # source id -> its errors in c.problems

    def sources(self, raw: Any) -> dict[str, Source]:
        """Every source declared; one with errors keeps what validated (`with_problems`
        lists them, by id, as slices of the checker's problems, placed later)."""
        c = self.c
        out: dict[str, Source] = {}
        if raw is None:
            return out
        if not isinstance(raw, dict):
            c.error(("sources",), f"expected a mapping of source id -> {{name, ...}}, found {describe(raw)}")
            return out
        for sid, body in raw.items():
            if type(sid) is not str:
                c.error(("sources", str(sid)), f"source ids must be text, found {describe(sid)}", "key")
                continue
            if sid.startswith("x-"):
                continue  # an extension next to the sources; accepted, not a source
            before = len(c.problems)
            if not SLUG_RE.match(sid):  # kept all the same: references to it are not "unknown"
                c.error(
                    ("sources", sid),
                    f"{sid!r} is not a valid source id: expected a slug of a-z, 0-9 and '-' (e.g. 'reuters')",
                    "key",
                )
            out[sid] = self.source(sid, body)
            if c.errors_since(before):
                self.with_problems[sid] = slice(before, len(c.problems))
        return out

    def source(self, sid: str, body: Any) -> Source:
        c = self.c
        path = ("sources", sid)
        if not isinstance(body, dict):
            c.error(path, f"expected a mapping with at least `name`, found {describe(body)}")
            return Source(id=sid, name=sid)
        ext = c.keys(body, path, SOURCE_KEYS, f"sources.{sid}", _SOURCE_SET)
        name = body.get("name")
        if name is None:
            c.error(path, "missing required field 'name'")
        else:
            name = c.text(name, path + ("name",))
        fields: dict[str, Any] = {}
        for key in ("type", "url"):
            if body.get(key) is not None:
                fields[key] = c.text(body[key], path + (key,))
        if body.get("reliability") is not None:
            fields["reliability"] = c.enum(body["reliability"], path + ("reliability",), RELIABILITY_GRADES)
        if body.get("document") is not None:
            doc = c.text(body["document"], path + ("document",))
            if doc is not None:
                resolved, problem = self.document_path(doc)
                if problem is not None:
                    c.error(path + ("document",), problem)
                else:
                    what = _not_a_file(resolved)
                    if what is not None:  # there, but a pipe, a directory, a device: never opened
                        c.error(path + ("document",), f"document {doc!r} is {what}: it must be a regular file")
                    else:
                        fields["document"] = resolved
                        if not os.path.isfile(resolved):
                            c.warning(path + ("document",), f"document {doc!r} not found (looked for {resolved})")
        return Source(id=sid, name=sid if name is None else name, extensions=ext, **fields)

    def document_path(self, doc: str) -> tuple[str, str | None]:
        """`document:` -> (absolute path, None), or ("", why it is refused): inside the
        situation's root (its git work tree, else its folder and their parent), no hidden
        folder, symbolic links followed (tui/model/documents.py; checked again when the
        document is opened)."""
        if self.document_root is None:
            self.document_root = folder_root(os.path.realpath(self.base_dir))
        return confine_document(doc, self.base_dir, self.document_root)


def _not_a_file(path: str) -> str | None:
    """What `path` is when it exists but is not a regular file ("a named pipe (FIFO)"), else
    None (a regular file, or nothing there). stat() only: a FIFO is never opened."""
    import stat

    from .safeopen import kind_of

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else kind_of(mode)
