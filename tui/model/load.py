"""Loading situations: discover the files, parse them (through a cache), assemble parts.

The jobs live in their own modules; this one puts them together and keeps the names
others import:

    discovery.py  paths -> situation files (and a warning for each one left out)
    cache.py      read (confined, never blocking) + parse + validate; FileCache
    assembly.py   parts -> situations, item by item; the header's fallbacks; markings
    limits.py     what a load may cost

Nothing here raises for bad input: every problem becomes a `Diagnostic`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .assembly import assemble, strictest_marking
from .cache import FileCache, parse_bytes, parse_file, read_file
from .discovery import SITUATION_SUFFIXES, FoundFile, discover, is_situation_name, not_regular_reason
from .gcpause import paused_gc
from .limits import DEFAULT_LIMITS, Limits
from .types import LoadResult

__all__ = [
    "SITUATION_SUFFIXES",
    "FileCache",
    "FoundFile",
    "assemble",
    "discover",
    "is_situation_name",
    "load",
    "not_regular_reason",
    "parse_bytes",
    "parse_file",
    "read_file",
    "strictest_marking",
]


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
    with paused_gc():  # (tui/model/gcpause.py)
        if cache is not None:
            parsed = [cache.get(f) for f in files]
            good = None if for_check else {f: g for f in files if (g := cache.last_good(f)) is not None}
        else:
            parsed = [parse_file(f, limits) for f in files]
            good = None
        result = assemble(parsed, use_last_good=good, for_check=for_check, limits=cache.limits if cache else limits)
    return LoadResult(result.situations, tuple(diags) + result.diagnostics, result.files)
