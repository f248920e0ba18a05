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

from tui.model.spec import (
    COMMON,
    FORMAT_VERSION,
    LISTS,
    QUANTITY,
    SITUATION,
    SOURCE,
    SOURCE_REF,
    TIME,
    Field,
    ListSpec,
)

SCHEMA_ID = "https://sitboard.invalid/schema/situation-format-1.json"
SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
EXTENSION_PATTERN = "^x-"

_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
_OFFSET = r"([Zz]|[+-]\d{2}(:?\d{2})?)"
DATE_PATTERN = f"^{_DATE}$"
DATETIME_PATTERN = f"^{_DATE}[Tt ]{_TIME}{_OFFSET}$"

_EXT = {EXTENSION_PATTERN: {"description": "Local extension: kept as written and shown in the detail view."}}


def _obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """A closed object: known keys, `x-` extensions, nothing else (typos are errors)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "patternProperties": _EXT,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    schema.update(extra)
    return schema


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "description": description}


# Each kind of value (tui.model.spec.KINDS) as a schema, given its description.
_KIND_SHAPES: dict[str, Any] = {
    "text": lambda d: {"type": "string", "description": d},
    "path": lambda d: {"type": "string", "description": d},
    "textlist": lambda d: {"type": "array", "items": {"type": "string"}, "description": d},
    "slug": lambda d: _ref("slug", d),
    "ids": lambda d: {"type": "array", "items": {"$ref": "#/$defs/slug"}, "description": d},
    "number": lambda d: {"type": "number", "minimum": 0, "description": d},
    "bool": lambda d: {"type": "boolean", "description": d},
    "quantity": lambda d: _ref("quantity", d),
    "time": lambda d: _ref("time", d),
    "exact_time": lambda d: _ref("exactTime", d),
    "units": lambda d: {
        "type": "object",
        "description": d,
        "additionalProperties": {"type": "integer", "minimum": 0},
    },
    "sources": lambda d: {"type": "array", "items": {"$ref": "#/$defs/sourceRef"}, "description": d},
}


def field_schema(f: Field) -> dict[str, Any]:
    """One field of the spec as a schema."""
    if f.kind == "enum":
        schema = _enum(f.values, f.help)
    else:
        schema = _KIND_SHAPES[f.kind](f.help)
    if f.default is not None:
        schema["default"] = f.default
    return schema


def _properties(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {f.name: field_schema(f) for f in fields}


def _required(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields if f.required]


def _defs() -> dict[str, Any]:
    q = {f.name: field_schema(f) for f in QUANTITY.fields}
    return {
        "slug": {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": "Lower-case letters, digits and '-', starting with a letter or digit.",
        },
        "date": {"type": "string", "pattern": DATE_PATTERN, "description": "ISO 8601 date: 2024-08-07."},
        "datetime": {
            "type": "string",
            "pattern": DATETIME_PATTERN,
            "description": "ISO 8601 date-time with its UTC offset: 2024-08-09T12:00:00+03:00.",
        },
        "exactTime": {
            "oneOf": [{"$ref": "#/$defs/date"}, {"$ref": "#/$defs/datetime"}],
            "description": "An ISO 8601 date or date-time with offset.",
        },
        "time": {
            "description": (
                "An ISO 8601 date or date-time with offset, or {at: 2024-08-07, approx: true} for a "
                "vague report time ('on Wednesday') resolved by the author; shown with '~'."
            ),
            "oneOf": [{"$ref": "#/$defs/exactTime"}, _obj(_properties(TIME.fields), _required(TIME.fields))],
        },
        "quantity": {
            "description": (
                "A figure as reported: a number (76000), {value: 76000, qualifier: over}, "
                "or a range {min: 10, max: 20}; optional unit. Shown as 'over 76,000', '10–20'."
            ),
            "oneOf": [
                {"type": "number", "minimum": 0, "description": "An exact figure."},
                _obj({k: q[k] for k in ("value", "qualifier", "unit")}, ["value"]),
                _obj({k: q[k] for k in ("min", "max", "unit")}, ["min", "max"]),
            ],
        },
        "sourceRef": {
            "description": 'A source id from `sources`, or {source: id, quote: "words from it"}.',
            "oneOf": [
                {"type": "string", "minLength": 1},
                _obj(
                    {
                        **_properties(SOURCE_REF.fields),
                        "source": {**field_schema(SOURCE_REF.fields[0]), "minLength": 1},
                    },
                    _required(SOURCE_REF.fields),
                ),
            ],
        },
        "source": _obj(_properties(SOURCE.fields), _required(SOURCE.fields)),
    }


def item_schema(spec: ListSpec) -> dict[str, Any]:
    """The schema of one item of a list: the common fields and the list's own."""
    extra: dict[str, Any] = {}
    if spec.one_of:
        extra["anyOf"] = [{"required": [k]} for k in spec.one_of]
    schema = _obj(_properties(COMMON + spec.fields), _required(spec.fields), **extra)
    schema["description"] = spec.item_help
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format 1 (a fresh dict each call)."""
    situation = _obj(
        _properties(SITUATION.fields),
        _required(SITUATION.fields),
        description="The situation this file is (a part of).",
        dependentRequired={"title": ["as_of"], "as_of": ["title"]},
    )
    lists = {
        spec.name: {"type": "array", "items": item_schema(spec), "description": spec.help}
        for spec in sorted(LISTS, key=lambda s: s.key)
    }
    schema = _obj(
        {
            "format": {
                "const": FORMAT_VERSION,
                "description": f"The format version: {FORMAT_VERSION}.",
            },
            "situation": situation,
            "sources": {
                "type": "object",
                "description": "Sources by id: {reuters: {name: Reuters, reliability: B}}.",
                "patternProperties": _EXT,
                "additionalProperties": {"$ref": "#/$defs/source"},
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
        "$defs": _defs(),
    }
