"""JSON Schema (draft 2020-12) of situation file format 1.

For editors: point yaml-language-server at the output of `sitboard schema`
(`# yaml-language-server: $schema=sitboard-format-1.json` at the top of a file, or the
`yaml.schemas` setting) to get completion, descriptions and red squiggles as you type.

The loader (tui.model.validate) remains the authority: it also checks what a schema
cannot (ids unique across files, `about` and `sources` pointing at existing ids, one
part carrying the title). Where the two differ, the schema is the stricter: it flags
an optional key left empty (`note:` with no value), which the loader ignores, and
accepts only the common ISO 8601 spellings of times (2024-08-07, 2024-08-07T10:00+03:00).
"""

from __future__ import annotations

from typing import Any

from tui.model.schema_defs import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    EXT,
    EXTENSION_PATTERN,
    MONTH_PATTERN,
    SLUG_PATTERN,
    defs,
    field_schema,
    obj,
    properties,
    required,
)
from tui.model.spec import COMMON, FORMAT_VERSION, LISTS, SITUATION, ListSpec

__all__ = [
    "DATE_PATTERN",
    "DATETIME_PATTERN",
    "EXTENSION_PATTERN",
    "MONTH_PATTERN",
    "SCHEMA_ID",
    "SLUG_PATTERN",
    "field_schema",
    "item_schema",
    "json_schema",
]

SCHEMA_ID = "https://sitboard.invalid/schema/situation-format-1.json"


def item_schema(spec: ListSpec) -> dict[str, Any]:
    """The schema of one item of a list: the common fields and the list's own."""
    extra: dict[str, Any] = {}
    if spec.one_of:
        extra["anyOf"] = [{"required": [k]} for k in spec.one_of]
    schema = obj(properties(COMMON + spec.fields), required(spec.fields), **extra)
    schema["description"] = spec.item_help
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format 1 (a fresh dict each call)."""
    situation = obj(
        properties(SITUATION.fields),
        required(SITUATION.fields),
        description="The situation this file is (a part of).",
        dependentRequired={"title": ["as_of"], "as_of": ["title"]},
    )
    lists = {
        spec.name: {"type": "array", "items": item_schema(spec), "description": spec.help}
        for spec in sorted(LISTS, key=lambda s: s.key)
    }
    schema = obj(
        {
            "format": {
                "const": FORMAT_VERSION,
                "description": f"The format version: {FORMAT_VERSION}.",
            },
            "situation": situation,
            "sources": {
                "type": "object",
                "description": "Sources by id: {reuters: {name: Reuters, reliability: B}}.",
                "patternProperties": EXT,
                "additionalProperties": {"$ref": "#/$defs/source"},
                "propertyNames": {"pattern": "^([a-z0-9][a-z0-9-]*|x-.*)$"},
            },
            **lists,
        },
        ["situation"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Situation Board situation file, format 1",
        "description": "One YAML document of a situation (or a part of one) for sitboard.",
        **schema,
        "$defs": defs(),
    }
