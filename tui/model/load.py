"""Find situation files, parse them (with a cache), and assemble parts into Situations.

Nothing here raises for bad input: every problem becomes a `Diagnostic`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from .limits import DEFAULT_LIMITS, Limits, size_error
from .types import PANES, Diagnostic, Item, LoadResult, Location, Situation, Source
from .validate import Fingerprint, ParsedFile, fingerprint_of, validate
from .yamlpos import format_path
from .yamlread import decode, parse_text

SITUATION_SUFFIXES = (".yaml", ".yml")

PathLike = "str | os.PathLike[str]"


def is_situation_name(name: str) -> bool:
    """A directory entry the board reads: *.yaml/*.yml, not hidden, not an editor's backup."""
    if not name.lower().endswith(SITUATION_SUFFIXES):
        return False
    if name.startswith((".", "#")) or name.endswith(("~", "#")):
        return False
    return not name.endswith((".swp", ".swx"))


def discover(paths: Iterable[Any]) -> tuple[list[str], list[Diagnostic]]:
    """Paths -> situation files (a file is taken as given; a directory -> its *.yaml/*.yml)."""
    files: list[str] = []
    diags: list[Diagnostic] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            try:
                names = sorted(os.listdir(path))
            except OSError as exc:
                diags.append(Diagnostic(path, 1, 1, "", f"cannot read this directory: {exc.strerror or exc}"))
                continue
            picked = []
            for n in names:
                if not is_situation_name(n):
                    continue
                full = os.path.join(path, n)
                if os.path.isfile(full):
                    picked.append(full)
                elif not os.path.isdir(full):  # a broken link, a loop, a FIFO, a socket...
                    diags.append(Diagnostic(full, 1, 1, "", f"skipped: {not_regular_reason(full)}", "warning"))
            if not picked:
                diags.append(Diagnostic(path, 1, 1, "", f"no situation files (*.yaml, *.yml) in the directory {path}"))
            for p in picked:
                add(p)
        elif os.path.exists(path):
            add(path)
        else:
            diags.append(Diagnostic(path, 1, 1, "", "no such file or directory"))
    return files, diags


def not_regular_reason(path: str) -> str:
    """Why `path` is not a file the board can read, in words."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            if getattr(exc, "errno", None) == 40:  # ELOOP
                return "a symbolic link loop"
            return "a broken symbolic link (its target does not exist)"
        return f"cannot read it: {exc.strerror or exc}"
    for test, what in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return f"not a regular file: {what}"
    return "not a regular file"


def _read(path: str, limits: Limits) -> tuple[bytes | None, os.stat_result | None, Diagnostic | None]:
    import stat

    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):  # opening a FIFO would block for ever
            return None, None, Diagnostic(path, 1, 1, "", f"cannot read this file: {not_regular_reason(path)}")
        if st.st_size > limits.max_file_bytes:
            return None, st, size_error(path, st.st_size, limits)
        # O_NONBLOCK: a file swapped for a FIFO since stat() still cannot hang us
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None, None, Diagnostic(path, 1, 1, "", f"cannot read this file: {not_regular_reason(path)}")
            data = fh.read(limits.max_file_bytes + 1)
    except IsADirectoryError:
        return None, None, Diagnostic(path, 1, 1, "", "this is a directory, not a situation file")
    except OSError as exc:
        return None, None, Diagnostic(path, 1, 1, "", f"cannot read this file: {exc.strerror or exc}")
    if len(data) > limits.max_file_bytes:  # it grew after stat()
        return None, st, size_error(path, len(data), limits)
    return data, st, None


def parse_bytes(
    data: bytes, path: str, limits: Limits = DEFAULT_LIMITS, fingerprint: Fingerprint | None = None
) -> ParsedFile:
    """Bytes of one file -> ParsedFile. Never raises for bad input."""
    if fingerprint is None:
        fingerprint = fingerprint_of(data)
    if len(data) > limits.max_file_bytes:
        return ParsedFile(path, diagnostics=(size_error(path, len(data), limits),), fingerprint=fingerprint)
    text, problem = decode(data, path)
    if text is None:
        return ParsedFile(path, diagnostics=(problem,), fingerprint=fingerprint)
    return _parse_text(text, path, limits, fingerprint)


def _parse_text(text: str, path: str, limits: Limits, fingerprint: Fingerprint | None) -> ParsedFile:
    try:
        parsed = parse_text(text, path, limits)
        if parsed.data is None:
            return ParsedFile(
                path, diagnostics=tuple(parsed.diagnostics), fingerprint=fingerprint, locator=parsed.locator
            )
        # Data may come with YAML-level errors (repeated keys, tags): validated all the same.
        return validate(
            parsed.data,
            path,
            locator=parsed.locator,
            text=text,
            fingerprint=fingerprint,
            extra=tuple(parsed.diagnostics),
        )
    except RecursionError:
        return ParsedFile(path, diagnostics=(Diagnostic(path, 1, 1, "", "nested too deeply"),), fingerprint=fingerprint)
    except MemoryError:
        return ParsedFile(
            path,
            diagnostics=(Diagnostic(path, 1, 1, "", "out of memory while reading this file"),),
            fingerprint=fingerprint,
        )
    except Exception as exc:  # a bug of ours must still not reach the user as a traceback
        return ParsedFile(
            path,
            diagnostics=(
                Diagnostic(path, 1, 1, "", f"internal error while reading this file: {type(exc).__name__}: {exc}"),
            ),
            fingerprint=fingerprint,
        )


def parse_file(path: Any, limits: Limits = DEFAULT_LIMITS) -> ParsedFile:
    """Read and validate one file. Never raises for bad input (an OSError is a diagnostic)."""
    path = os.fspath(path)
    data, st, problem = _read(path, limits)
    if data is None:
        return ParsedFile(path, diagnostics=(problem,))
    fp = fingerprint_of(data, st.st_size, st.st_mtime_ns)
    return parse_bytes(data, path, limits, fp)


class FileCache:
    """Parses a file again only when its (size, mtime_ns) changed, and validates again only
    when its bytes (sha1) changed. Remembers the last good parse of every file."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._entries: dict[str, ParsedFile] = {}
        self._good: dict[str, ParsedFile] = {}
        self.parses = 0  # how many times a file was actually parsed (for tests and stats)

    def get(self, path: Any, *, recheck: bool = False) -> ParsedFile:
        """`recheck=True` (a watcher saw the file change) skips the (size, mtime_ns)
        shortcut: coarse file system clocks can give two saves the same stat."""
        path = os.fspath(path)
        entry = self._entries.get(path)
        try:
            st = os.stat(path)
        except OSError as exc:
            pf = ParsedFile(
                path, diagnostics=(Diagnostic(path, 1, 1, "", f"cannot read this file: {exc.strerror or exc}"),)
            )
            self._entries[path] = pf
            return pf
        fp = entry.fingerprint if entry is not None else None
        if not recheck and fp is not None and fp.size == st.st_size and fp.mtime_ns == st.st_mtime_ns:
            return entry
        data, st2, problem = _read(path, self.limits)
        if data is None:
            pf = ParsedFile(path, diagnostics=(problem,))
            self._entries[path] = pf
            return pf
        new_fp = fingerprint_of(data, st2.st_size, st2.st_mtime_ns)
        if fp is not None and fp.sha1 == new_fp.sha1:
            if fp == new_fp:
                return entry
            pf = dataclasses.replace(entry, fingerprint=new_fp)
        else:
            self.parses += 1
            pf = parse_bytes(data, path, self.limits, new_fp)
        self._entries[path] = pf
        if pf.ok:
            self._good[path] = pf
        return pf

    def last_good(self, path: Any) -> ParsedFile | None:
        return self._good.get(os.fspath(path))

    def forget(self, path: Any) -> None:
        path = os.fspath(path)
        self._entries.pop(path, None)
        self._good.pop(path, None)

    def last_good_map(self) -> Mapping[str, ParsedFile]:
        return MappingProxyType(self._good)


def _diag(loc: Location, path: tuple, message: str, severity: str = "error") -> Diagnostic:
    return Diagnostic(loc.file, loc.line, loc.column, format_path(path), message, severity)  # type: ignore[arg-type]


def _nearest(word: str, known: Iterable[str]) -> str:
    known = sorted(known)
    if not known:
        return ""
    match = _close(word, known, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def assemble(
    parsed_files: Sequence[ParsedFile],
    *,
    use_last_good: Mapping[str, ParsedFile] | None = None,
    for_check: bool = False,
) -> LoadResult:
    """Group parts by situation.id and merge them; cross-file rules are checked here.

    Assembly errors never throw a situation away: the offending ref, link or duplicate
    item is dropped and reported, the rest is shown. A part with errors is left out
    (its diagnostics reported) unless `use_last_good` holds its last good parse.

    `for_check=True` (`sitboard check`): a part with errors takes part with what of it
    validated (`ParsedFile.check_*`), so that its cross-file problems are reported in
    the same run; what it could not hold (a source or item with errors) never counts as
    unknown. Not for the board: such a result may hold items of broken files."""
    diags: list[Diagnostic] = []
    files: list[str] = []
    groups: dict[str, list[ParsedFile]] = {}
    for pf in parsed_files:
        files.append(pf.path)
        diags.extend(pf.diagnostics)
        use = pf
        if not pf.ok and not for_check:
            good = use_last_good.get(pf.path) if use_last_good else None
            if good is None or not good.ok or good is pf:
                continue
            use = good
            diags.append(
                Diagnostic(pf.path, 1, 1, "", "this file has errors: showing its last good version", "warning")
            )
        if use.situation_id is None:
            continue
        groups.setdefault(use.situation_id, []).append(use)
    situations = []
    for sid, parts in groups.items():
        sit = _assemble_one(sid, parts, diags, for_check)
        if sit is not None:
            situations.append(sit)
    return LoadResult(tuple(situations), tuple(diags), tuple(files))


def _assemble_one(sid: str, parts: list[ParsedFile], diags: list[Diagnostic], check: bool = False) -> Situation | None:
    # `check`: parts with errors count with what validated (see assemble).
    partial = {id(pf) for pf in parts if check and not pf.ok}

    def carries(pf: ParsedFile) -> bool:
        return pf.carries_header or (id(pf) in partial and pf.check_header)

    def items_of(pf: ParsedFile) -> Sequence[tuple[str, int, Item]]:
        return pf.check_items if id(pf) in partial else pf.all_items()

    headers = [pf for pf in parts if carries(pf)]
    if not headers:
        for pf in parts:
            diags.append(
                _diag(
                    pf.locate(("situation",)),
                    ("situation",),
                    f"situation {sid!r} has no part with `title` and `as_of`: exactly one part must carry them",
                )
            )
        return None
    head = headers[0]
    for other in headers[1:]:
        first = head.locate(("situation",))
        diags.append(
            _diag(
                other.locate(("situation",)),
                ("situation",),
                f"situation {sid!r} has `title` and `as_of` in two parts: here and at {first};"
                " exactly one part carries them (the others carry only `situation: {id}`)",
            )
        )
    for pf in parts:
        if pf is head or carries(pf):
            continue
        for key in ("area", "summary", "marking", "title", "as_of"):
            if key in pf.header:
                diags.append(
                    _diag(
                        pf.locate(("situation", key), key=True),
                        ("situation", key),
                        f"only the part with `title` and `as_of` ({head.path}) may set {key!r};"
                        " this part may carry only `situation: {id}`",
                    )
                )

    # Sources.
    sources: dict[str, Source] = {}
    source_home: dict[str, ParsedFile] = {}
    for pf in parts:
        for src_id, src in pf.sources.items():
            if src_id not in sources:
                sources[src_id] = src
                source_home[src_id] = pf
            elif sources[src_id] != src:
                where = source_home[src_id].locate(("sources", src_id), key=True)
                diags.append(
                    _diag(
                        pf.locate(("sources", src_id), key=True),
                        ("sources", src_id),
                        f"source {src_id!r} is defined differently here and at {where};"
                        " define it once (the first definition is used)",
                    )
                )

    # Item ids: unique across panes and parts.
    seen: dict[str, tuple[ParsedFile, str, int, Item]] = {}
    kept: list[tuple[ParsedFile, str, int, Item]] = []
    for pf in parts:
        for pane, idx, item in items_of(pf):
            prev = seen.get(item.id)
            if prev is not None:
                ppf, ppane, pidx, pitem = prev
                where = ppf.locate((ppane, pidx))
                hint = ""
                if item.id_derived or pitem.id_derived:
                    hint = "; the id is derived from the name: add an explicit `id:` to one of them"
                here_path = (pane, idx, "id") if not item.id_derived else (pane, idx)
                diags.append(
                    _diag(
                        pf.locate(here_path),
                        (pane, idx),
                        f"duplicate id {item.id!r}: {format_path((ppane, pidx))} at {where} has it too{hint}",
                    )
                )
                continue
            seen[item.id] = (pf, pane, idx, item)
            kept.append((pf, pane, idx, item))

    # Source refs and about links. A part with errors may hold a source or an item it
    # could not build: a reference to it is not "unknown".
    known_sources: Mapping[str, Any] | set[str] = sources
    known_ids: Mapping[str, Any] | set[str] = seen
    if partial:
        known_sources = set(sources)
        known_ids = set(seen)
        for pf in parts:
            if id(pf) in partial:
                known_sources.update(pf.check_source_ids)
                known_ids.update(pf.check_item_ids)
    panes: dict[str, list[Item]] = {pane: [] for pane in PANES}
    for pf, pane, idx, item in kept:
        refs = item.sources
        bad_refs = [j for j, ref in enumerate(refs) if ref.source not in known_sources]
        for j in bad_refs:
            ref = refs[j]
            path = (pane, idx, "sources", j)
            known = ", ".join(sorted(sources)) if sources else "none are defined"
            hint = _nearest(ref.source, sources) or f" (known sources: {known})"
            diags.append(_diag(pf.locate(path), path, f"unknown source {ref.source!r}{hint}"))
        links = item.about
        bad_links = [k for k, a in enumerate(links) if a not in known_ids]
        for k in bad_links:
            path = (pane, idx, "about", k)
            diags.append(
                _diag(pf.locate(path), path, f"unknown item id {links[k]!r} in about{_nearest(links[k], seen)}")
            )
        if bad_refs or bad_links:
            item = dataclasses.replace(
                item,
                sources=tuple(r for j, r in enumerate(refs) if j not in bad_refs),
                about=tuple(a for k, a in enumerate(links) if k not in bad_links),
            )
        panes[pane].append(item)

    header = head.header
    if "title" not in header or "as_of" not in header:
        return None  # `check` only: the header part has errors there (reported with it)
    extensions: list[tuple[str, Any]] = []
    ext_keys: set[str] = set()
    for pf in [head] + [p for p in parts if p is not head]:
        for key, value in pf.header_extensions + pf.extensions:
            if key not in ext_keys:
                ext_keys.add(key)
                extensions.append((key, value))
    return Situation(
        id=sid,
        title=header["title"],
        as_of=header["as_of"],
        area=header.get("area"),
        summary=header.get("summary"),
        marking=header.get("marking"),
        sources=MappingProxyType(sources),
        files=tuple(pf.path for pf in parts),
        extensions=tuple(extensions),
        origin=head.origin,
        **{pane: tuple(its) for pane, its in panes.items()},
    )


def load(
    paths: Iterable[Any],
    *,
    cache: FileCache | None = None,
    limits: Limits = DEFAULT_LIMITS,
    for_check: bool = False,
) -> LoadResult:
    """discover + parse (through `cache` when given) + assemble.

    `for_check=True` (`sitboard check`): files with errors are assembled with what of
    them validated, to report their cross-file problems too (see `assemble`); never
    with a last good version. Not for the board."""
    files, diags = discover(paths)
    if cache is not None:
        parsed = [cache.get(f) for f in files]
        good = None if for_check else {f: g for f in files if (g := cache.last_good(f)) is not None}
    else:
        parsed = [parse_file(f, limits) for f in files]
        good = None
    result = assemble(parsed, use_last_good=good, for_check=for_check)
    return LoadResult(result.situations, tuple(diags) + result.diagnostics, result.files)


def _close(word: str, possibilities, n: int = 1, cutoff: float = 0.6) -> list[str]:
    import difflib  # only when there is a problem to explain

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)
