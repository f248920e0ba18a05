"""What reading situation files (untrusted input) may cost, and the checks that enforce it.

Defaults can be changed per run with environment variables, read once at import:
SITBOARD_MAX_FILE_MB (16), SITBOARD_MAX_ITEMS (200,000 in one file),
SITBOARD_MAX_TOTAL_ITEMS (500,000 across every file loaded), SITBOARD_MAX_DEPTH (64),
SITBOARD_MAX_ALIAS_EVENTS (1,000,000). A value that is not a finite number in the
variable's range keeps the default, with a warning (`Limits.problems`, reported with
every load).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .stale import DEFAULT_STALE_HOURS, ENV_STALE_HOURS, MAX_STALE_HOURS, parse_stale_hours
from .types import LISTS, Diagnostic
from .yamlpos import Path, format_path

if TYPE_CHECKING:
    from .yamlpos import Locator

ENV_FILE_MB = "SITBOARD_MAX_FILE_MB"
ENV_ITEMS = "SITBOARD_MAX_ITEMS"
ENV_TOTAL_ITEMS = "SITBOARD_MAX_TOTAL_ITEMS"
ENV_DEPTH = "SITBOARD_MAX_DEPTH"
ENV_ALIAS = "SITBOARD_MAX_ALIAS_EVENTS"

# Variable -> (field, kind, smallest, largest). The upper bounds keep a typo (an extra
# zero or three) from turning a limit off; the lower ones keep the board usable.
_RANGES: dict[str, tuple[str, type, float, float]] = {
    ENV_FILE_MB: ("max_file_mb", float, 0.001, 4096),
    ENV_ITEMS: ("max_items", int, 1, 10_000_000),
    ENV_TOTAL_ITEMS: ("max_total_items", int, 1, 10_000_000),
    ENV_DEPTH: ("max_depth", int, 2, 1_000),
    ENV_ALIAS: ("max_alias_events", int, 1, 100_000_000),
}


@dataclass(frozen=True, slots=True)
class Limits:
    """What loading may cost.

    max_file_mb: file size, checked with stat() before reading.
    max_items: items (entries of the panes) in one file.
    max_total_items: items across every file of a load (the rest is left out).
    max_depth: nesting depth of mappings/lists in one file.
    max_alias_events: YAML events replayed through aliases (billion laughs guard).
    problems: warnings about environment values that were ignored.
    """

    max_file_mb: float = 16
    max_items: int = 200_000
    max_total_items: int = 500_000
    max_depth: int = 64
    max_alias_events: int = 1_000_000
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        base = cls()
        values: dict[str, Any] = {}
        problems: list[str] = []
        for name, (attr, kind, low, high) in _RANGES.items():
            default = getattr(base, attr)
            value, problem = _number(env.get(name), kind, low, high)
            if problem is not None:
                problems.append(f"{name}={_shown(env.get(name, ''))!r} is {problem}: the default {default:,} is used")
            values[attr] = default if value is None else value
        stale = env.get(ENV_STALE_HOURS)
        if stale is not None and stale.strip():
            try:
                parse_stale_hours(stale)
            except ValueError:
                problems.append(
                    f"{ENV_STALE_HOURS}={_shown(stale)!r} is not a positive number of hours, at most"
                    f" {MAX_STALE_HOURS:,.0f}: the default {DEFAULT_STALE_HOURS:g} is used"
                )
        return cls(**values, problems=tuple(problems))

    def diagnostics(self) -> list[Diagnostic]:
        """The ignored environment values, as warnings ("environment:1:1: warning: ...")."""
        return [Diagnostic("environment", 1, 1, "", message, "warning") for message in self.problems]


def _shown(raw: str) -> str:
    """An environment value for a message: short, printable."""
    raw = "".join(c if c.isprintable() else "?" for c in raw[:24])
    return raw


def _bound(x: float) -> str:
    """A range's end as people write it: 0.001, 4,096, 10,000,000 (not 1e+07)."""
    return f"{x:,.0f}" if x >= 1 and x == int(x) else f"{x:g}"


def _number(raw: str | None, kind: type, low: float, high: float) -> tuple[Any, str | None]:
    """(value, None), (None, None) when unset/empty, or (None, why it is refused)."""
    if raw is None or not raw.strip():
        return None, None
    expected = f"not a {'whole ' if kind is int else ''}number from {_bound(low)} to {_bound(high)}"
    try:
        value = float(raw.strip())  # "1e3" and "500_000" read too
    except (ValueError, OverflowError):
        return None, expected
    if not math.isfinite(value) or not low <= value <= high:
        return None, expected
    if kind is int:
        if value != int(value):
            return None, expected
        return int(value), None
    return value, None


DEFAULT_LIMITS = Limits.from_env()


# ---------------------------------------------------------------------------
# checks on one file's plain data
# ---------------------------------------------------------------------------


def check_limits(data: dict, file: str, locator: Locator, limits: Limits) -> list[Diagnostic]:
    """Nesting depth (iteratively, on plain data) and the number of items of one file."""
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
    count = count_items(data)
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


def count_items(data: Mapping[str, Any]) -> int:
    return sum(len(v) for k in LISTS if isinstance(v := data.get(k), list))


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


def total_items_error(file: str, total: int, limits: Limits) -> Diagnostic:
    return Diagnostic(
        file,
        1,
        1,
        "",
        f"too many items across all files: {total:,}, over the limit of {limits.max_total_items:,};"
        f" the items past it are left out; set {ENV_TOTAL_ITEMS} to raise it",
    )
