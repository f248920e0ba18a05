"""Parts -> situations: group parsed files by situation.id and merge them, item by item.

Nothing here throws anything away that validated (issue 10): a part with errors takes
part with every item it could build (its broken items too, flagged); a part whose YAML
cannot be read at all is replaced by its last good parse (`use_last_good`, from the
FileCache, or from a store across restarts), with a warning saying so. Cross-file
rules (one header, unique ids, source refs, `about` links) drop only the offending ref,
link or duplicate, never the situation. The header never leaves the board blank: a
missing title falls back to the file's name, a missing as-of to the file's modification
time (marked approximate), and the *most restrictive* marking of every part is used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, cast

from .limits import DEFAULT_LIMITS, Limits, total_items_error
from .types import LISTS, BrokenItem, Diagnostic, Item, LoadResult, Location, Severity, Situation, Source, When
from .validate import ParsedFile
from .yamlpos import format_path

# Traffic Light Protocol 2.0 (and 1.0's WHITE), least to most restrictive.
_TLP_RANK = {"TLP:CLEAR": 0, "TLP:WHITE": 0, "TLP:GREEN": 1, "TLP:AMBER": 2, "TLP:AMBER+STRICT": 3, "TLP:RED": 4}


def strictest_marking(markings: Iterable[str | None]) -> str | None:
    """The marking to show for parts that carry these: the most restrictive TLP level;
    a marking we cannot rank (UNCLASSIFIED, OFFICIAL ...) counts as more restrictive than
    TLP:CLEAR, and every distinct one is shown ("TLP:RED / OFFICIAL") since none may hide
    another."""
    given = [m for m in markings if m is not None]
    if not given or all(m == given[0] for m in given):
        return given[0] if given else None  # one marking: exactly as written
    distinct: dict[str, str] = {}
    for m in given:
        if m.strip():
            distinct.setdefault(" ".join(m.split()).upper(), m.strip())
    if len(distinct) <= 1:
        return next(iter(distinct.values()), given[0])
    known = [k for k in distinct if k in _TLP_RANK]
    unknown = [distinct[k] for k in distinct if k not in _TLP_RANK]
    shown: list[str] = []
    if known:
        best = max(known, key=lambda k: _TLP_RANK[k])
        if _TLP_RANK[best] > 0 or not unknown:
            shown.append(distinct[best])
    return " / ".join(shown + unknown)


def _diag(loc: Location, path: tuple, message: str, severity: Severity = "error") -> Diagnostic:
    return Diagnostic(loc.file, loc.line, loc.column, format_path(path), message, severity)


def _clock(mtime_ns: int) -> str:
    """When a last good version was written, as the officer reads it: "14:05", "09 Aug 14:05"."""
    when = dt.datetime.fromtimestamp(mtime_ns / 1e9)
    return when.strftime("%H:%M") if when.date() == dt.date.today() else when.strftime("%d %b %H:%M")


LAST_GOOD = "last good version of "


def last_good_message(good: ParsedFile, now: ParsedFile) -> str:
    """ "last good version of 14:05, the file now has 1 problem" (DESIGN.md)."""
    fp = good.fingerprint
    when = _clock(fp.mtime_ns) if fp is not None and fp.mtime_ns else "an earlier time"
    n = sum(1 for d in now.diagnostics if d.severity == "error")
    return f"{LAST_GOOD}{when}, the file now has {n} problem{'s' if n != 1 else ''}"


def shown_at_last_good(result: LoadResult) -> tuple[str, ...]:
    """The files whose YAML cannot be read now, shown at their last good version."""
    return tuple(
        d.file for d in result.diagnostics if d.severity == "warning" and not d.path and d.message.startswith(LAST_GOOD)
    )


def assemble(
    parsed_files: Sequence[ParsedFile],
    *,
    use_last_good: Mapping[str, ParsedFile] | None = None,
    for_check: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> LoadResult:
    """Group parts by situation.id and merge them; cross-file rules are checked here.

    A part that names its situation takes part with everything it holds, errors or not
    (its BrokenItems in place, its sources with problems too: a reference to either is
    never "unknown"). A part that does not (its YAML cannot be read, or its situation id
    is missing or bad) is replaced by `use_last_good[path]` when there is one, with a
    warning. `for_check=True` (`sitboard check`): never a last good version."""
    diags: list[Diagnostic] = list(limits.diagnostics())
    files: list[str] = []
    groups: dict[str, list[ParsedFile]] = {}
    for pf in parsed_files:
        files.append(pf.path)
        diags.extend(pf.diagnostics)
        use = pf
        if pf.situation_id is None and not for_check:
            good = use_last_good.get(pf.path) if use_last_good else None
            if good is None or good is pf or good.situation_id is None:
                continue
            use = good
            diags.append(Diagnostic(pf.path, 1, 1, "", last_good_message(good, pf), "warning"))
        if use.situation_id is None:
            continue
        groups.setdefault(use.situation_id, []).append(use)
    _bound_total(groups, diags, limits)
    situations = [_assemble_one(sid, parts, diags) for sid, parts in groups.items()]
    return LoadResult(tuple(situations), tuple(diags), tuple(files))


def _bound_total(groups: dict[str, list[ParsedFile]], diags: list[Diagnostic], limits: Limits) -> None:
    """At most `limits.max_total_items` items across every part: the parts read first keep
    theirs, the rest are cut (with one error naming the limit)."""
    total = sum(pf.item_count for parts in groups.values() for pf in parts)
    if total <= limits.max_total_items:
        return
    left = limits.max_total_items
    first_cut = None
    for parts in groups.values():
        for k, pf in enumerate(parts):
            n = pf.item_count
            if n <= left:
                left -= n
                continue
            first_cut = first_cut or pf.path
            keep: dict[str, tuple[Item, ...]] = {}
            for pane in LISTS:
                keep[pane] = pf.items.get(pane, ())[:left]
                left -= len(keep[pane])
            parts[k] = dataclasses.replace(pf, items=MappingProxyType(keep))
            left = 0
    diags.append(total_items_error(first_cut or "", total, limits))


def _declares_header(pf: ParsedFile) -> bool:
    """The part writes `title` or `as_of`, valid or not: it means to be the header part."""
    return pf.declares_header or "title" in pf.header or "as_of" in pf.header


def _fallback_as_of(pf: ParsedFile) -> When:
    """A missing or invalid as-of: the file's modification time, marked approximate."""
    ns = pf.fingerprint.mtime_ns if pf.fingerprint is not None and pf.fingerprint.mtime_ns else None
    moment = dt.datetime.fromtimestamp(ns / 1e9, dt.UTC) if ns else dt.datetime.now(dt.UTC)
    return When(moment.replace(microsecond=0), approx=True)


def _assemble_one(sid: str, parts: list[ParsedFile], diags: list[Diagnostic]) -> Situation:
    headers = [pf for pf in parts if _declares_header(pf)]
    head = headers[0] if headers else parts[0]
    if not headers:
        for pf in parts:
            diags.append(
                _diag(
                    pf.locate(("situation",)),
                    ("situation",),
                    f"situation {sid!r} has no part with `title` and `as_of`: exactly one part must carry them"
                    f" (shown as {os.path.basename(head.path)!r} meanwhile)",
                )
            )
    for other in headers[1:]:
        first = head.locate(("situation",))
        diags.append(
            _diag(
                other.locate(("situation",)),
                ("situation",),
                f"situation {sid!r} has `title` and `as_of` in two parts: here and at {first};"
                " exactly one part carries them (the others carry only `situation: {id}`);"
                " the most restrictive marking of all parts is shown",
            )
        )
    for pf in parts:
        if pf is head or pf in headers:
            continue
        for key in ("area", "summary", "marking", "next_update", "title", "as_of"):
            if key in pf.header:
                diags.append(
                    _diag(
                        pf.locate(("situation", key), key=True),
                        ("situation", key),
                        f"only the part with `title` and `as_of` ({head.path}) may set {key!r};"
                        " this part may carry only `situation: {id}`",
                    )
                )
    sources = _merge_sources(parts, diags)
    panes = _merge_items(parts, sources, diags)

    header = head.header
    extensions: list[tuple[str, Any]] = []
    ext_keys: set[str] = set()
    for pf in [head] + [p for p in parts if p is not head]:
        for key, value in pf.header_extensions + pf.extensions:
            if key not in ext_keys:
                ext_keys.add(key)
                extensions.append((key, value))
    return Situation(
        id=sid,
        title=title if (title := header.get("title")) is not None else os.path.basename(head.path),
        as_of=as_of if (as_of := header.get("as_of")) is not None else _fallback_as_of(head),
        area=header.get("area"),
        summary=header.get("summary"),
        next_update=header.get("next_update"),
        marking=strictest_marking(pf.header.get("marking") for pf in [head, *parts]),
        sources=MappingProxyType(sources),
        files=tuple(pf.path for pf in parts),
        extensions=tuple(extensions),
        origin=head.origin,
        # Each pane's items are of its own type (or BrokenItems): the spec builds them so.
        **cast(dict[str, Any], {pane: tuple(its) for pane, its in panes.items()}),
    )


def _merge_sources(parts: list[ParsedFile], diags: list[Diagnostic]) -> dict[str, Source]:
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
    return sources


def _merge_items(
    parts: list[ParsedFile], sources: Mapping[str, Source], diags: list[Diagnostic]
) -> dict[str, list[Item]]:
    """Items of every part, pane by pane, in file order: ids unique across panes and parts
    (a later duplicate is dropped and reported), source refs and `about` links known (an
    unknown one is dropped and reported, the item kept)."""
    seen: dict[str, tuple[ParsedFile, str, int, Item]] = {}
    kept: list[tuple[ParsedFile, str, int, Item]] = []
    for pf in parts:
        for pane, idx, item in pf.all_items():
            prev = seen.get(item.id)
            if prev is not None:
                ppf, ppane, pidx, pitem = prev
                where = ppf.locate((ppane, pidx))
                hint = ""
                if item.id_derived or pitem.id_derived:
                    hint = "; the id is derived from the name: add an explicit `id:` to one of them"
                here_path = (pane, idx, "id") if not item.id_derived else (pane, idx)
                problem = _diag(
                    pf.locate(here_path),
                    (pane, idx),
                    f"duplicate id {item.id!r}: {format_path((ppane, pidx))} at {where} has it too{hint}",
                )
                diags.append(problem)
                # a bad item costs that item, shown flagged under an id of its place (issue 10)
                item = _duplicate(item, problem, _free_id(f"{pane}-{idx}", seen))
            seen[item.id] = (pf, pane, idx, item)
            kept.append((pf, pane, idx, item))

    # An explicit id written but invalid is not "unknown" in an `about` either.
    known_ids: Mapping[str, Any] | set[str] = seen
    if any(pf.invalid_item_ids for pf in parts):
        known_ids = set(seen).union(*(pf.invalid_item_ids for pf in parts))
    panes: dict[str, list[Item]] = {pane: [] for pane in LISTS}
    for pf, pane, idx, item in kept:
        refs = item.sources
        bad_refs = [j for j, ref in enumerate(refs) if ref.source not in sources]
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
    return panes


def _free_id(base: str, taken: Mapping[str, Any]) -> str:
    """`base`, or `base-2`, `base-3`... whichever no item has yet."""
    n, candidate = 1, base
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _duplicate(item: Item, problem: Diagnostic, new_id: str) -> BrokenItem:
    """The later of two items with one id: a flagged row (BrokenItem) with what it holds."""
    if isinstance(item, BrokenItem):
        return dataclasses.replace(item, id=new_id, id_derived=True, problems=(problem, *item.problems))
    common = {f.name for f in dataclasses.fields(Item)}
    kept = {name: getattr(item, name) for name in common}
    values = tuple(
        (f.name, getattr(item, f.name))
        for f in dataclasses.fields(item)
        if f.name not in common and getattr(item, f.name) not in (None, (), "")
    )
    kept.update(id=new_id, id_derived=True)
    return BrokenItem(**kept, label=item.label, problems=(problem,), values=values)


def _nearest(word: str, known: Iterable[str]) -> str:
    known = sorted(known)
    if not known:
        return ""
    import difflib  # only when there is a problem to explain

    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""
