"""The UI-free model of format-1 situation files: types, loader, validator.

No Textual, no Rich (an import-linter contract enforces it).
"""

from __future__ import annotations

from .limits import DEFAULT_LIMITS, Limits
from .load import FileCache, assemble, discover, is_situation_name, load, parse_bytes, parse_file
from .types import (
    CONFIDENCES,
    DEFAULT_CONFIDENCE,
    EVACUATION_STATUSES,
    FORMAT_VERSION,
    FRONT_STATUSES,
    INFRASTRUCTURE_STATUSES,
    ITEM_TYPES,
    PANE_TITLES,
    PANES,
    QUALIFIERS,
    RELIABILITY_GRADES,
    Diagnostic,
    Evacuation,
    Event,
    Front,
    Infrastructure,
    Item,
    LoadResult,
    Location,
    Quantity,
    Situation,
    Source,
    SourceRef,
    Statement,
    When,
)
from .validate import Fingerprint, ParsedFile, slugify, validate

__all__ = [
    "CONFIDENCES",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_LIMITS",
    "EVACUATION_STATUSES",
    "FORMAT_VERSION",
    "FRONT_STATUSES",
    "INFRASTRUCTURE_STATUSES",
    "ITEM_TYPES",
    "PANE_TITLES",
    "PANES",
    "QUALIFIERS",
    "RELIABILITY_GRADES",
    "Diagnostic",
    "Evacuation",
    "Event",
    "FileCache",
    "Fingerprint",
    "Front",
    "Infrastructure",
    "Item",
    "Limits",
    "LoadResult",
    "Location",
    "ParsedFile",
    "Quantity",
    "Situation",
    "Source",
    "SourceRef",
    "Statement",
    "When",
    "assemble",
    "discover",
    "is_situation_name",
    "load",
    "parse_bytes",
    "parse_file",
    "slugify",
    "validate",
]
