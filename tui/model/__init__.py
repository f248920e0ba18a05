"""The UI-free model of format-1 situation files: types, loader, validator.

No Textual, no Rich (an import-linter contract enforces it). `load` and `validate` are
both functions exported here and submodules, so they are imported eagerly (a lazy export
would be shadowed by the submodule once `tui.model.load` is imported); the other names
are exported lazily (PEP 562). yaml-rs and PyYAML are imported only when a file is parsed.

    from tui.model import load, parse_file, assemble, discover, FileCache, Limits
"""

from __future__ import annotations

from typing import Any

from .load import load as load  # eager: see above
from .validate import validate as validate

_EXPORTS: dict[str, str] = {
    # loading
    "load": "load",
    "parse_file": "load",
    "parse_bytes": "load",
    "assemble": "load",
    "discover": "load",
    "FileCache": "load",
    "is_situation_name": "load",
    # limits
    "Limits": "limits",
    "DEFAULT_LIMITS": "limits",
    # validation
    "ParsedFile": "validate",
    "Fingerprint": "validate",
    "validate": "validate",
    "slugify": "validate",
    # types
    "FORMAT_VERSION": "types",
    "PANES": "types",
    "PANE_TITLES": "types",
    "CONFIDENCES": "types",
    "DEFAULT_CONFIDENCE": "types",
    "FRONT_STATUSES": "types",
    "EVACUATION_STATUSES": "types",
    "INFRASTRUCTURE_STATUSES": "types",
    "QUALIFIERS": "types",
    "RELIABILITY_GRADES": "types",
    "ITEM_TYPES": "types",
    "Location": "types",
    "Diagnostic": "types",
    "Quantity": "types",
    "When": "types",
    "Source": "types",
    "SourceRef": "types",
    "Item": "types",
    "Front": "types",
    "Evacuation": "types",
    "Statement": "types",
    "Infrastructure": "types",
    "Event": "types",
    "Figure": "types",
    "Judgment": "types",
    "Watch": "types",
    "Need": "types",
    "BrokenItem": "types",
    "Geo": "types",
    "Funding": "types",
    "SeriesPoint": "types",
    "LISTS": "types",
    "Situation": "types",
    "LoadResult": "types",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tui.model' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
