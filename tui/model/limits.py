"""Resource limits for reading situation files (untrusted input).

Defaults can be raised per run with environment variables, read once at import:
SITBOARD_MAX_FILE_MB (16), SITBOARD_MAX_ITEMS (200000), SITBOARD_MAX_DEPTH (64),
SITBOARD_MAX_ALIAS_EVENTS (1000000).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_FILE_MB = "SITBOARD_MAX_FILE_MB"
ENV_ITEMS = "SITBOARD_MAX_ITEMS"
ENV_DEPTH = "SITBOARD_MAX_DEPTH"
ENV_ALIAS = "SITBOARD_MAX_ALIAS_EVENTS"


@dataclass(frozen=True, slots=True)
class Limits:
    """What one situation file may cost.

    max_file_mb: file size, checked with stat() before reading.
    max_items: items (entries of the five panes) in one file.
    max_depth: nesting depth of mappings/lists in one file.
    max_alias_events: YAML events replayed through aliases (billion laughs guard).
    """

    max_file_mb: float = 16
    max_items: int = 200_000
    max_depth: int = 64
    max_alias_events: int = 1_000_000

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        base = cls()
        return cls(
            max_file_mb=_num(env.get(ENV_FILE_MB), base.max_file_mb, float),
            max_items=_num(env.get(ENV_ITEMS), base.max_items, int),
            max_depth=_num(env.get(ENV_DEPTH), base.max_depth, int),
            max_alias_events=_num(env.get(ENV_ALIAS), base.max_alias_events, int),
        )


def _num(raw: str | None, default, kind):
    """A positive number from an env var; anything unreadable keeps the default."""
    if raw is None or not raw.strip():
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        return default
    return value if value > 0 else default


DEFAULT_LIMITS = Limits.from_env()
