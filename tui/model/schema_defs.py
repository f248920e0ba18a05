"""The shared definitions (`$defs`) of the JSON Schema (tui.model.schema): slugs, times,
quantities, source references, sources, points, funding, series.

Times are written so that an editor's message names what is wrong: a date-time without
its UTC offset fails a branch that says so (yaml-language-server shows `errorMessage` /
`patternErrorMessage`; Python's jsonschema, under check-jsonschema, says "is not one of
['a date-time with its UTC offset ...']"), never "does not match ^\\d{4}-\\d{2}-\\d{2}$".
"""

from __future__ import annotations

from typing import Any

from tui.model.spec import FUNDING, GEO, QUANTITY, SERIES_POINT, SOURCE, SOURCE_REF, TIME, Field

SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
EXTENSION_PATTERN = "^x-"
MAX_NUMBER = 10**15

_YEAR = r"(19\d{2}|2[01]\d{2}|2200)"  # the years 1900-2200
_MONTH = r"(0[1-9]|1[0-2])"
_DATE = _YEAR + "-" + _MONTH + r"-(0[1-9]|[12]\d|3[01])"
_TIME = r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
_OFFSET = r"([Zz]|[+-]\d{2}(:?\d{2})?)"
DATE_PATTERN = f"^{_DATE}$"
MONTH_PATTERN = f"^{_YEAR}-{_MONTH}$"
DATETIME_PATTERN = f"^{_DATE}[Tt ]{_TIME}{_OFFSET}$"
# A date-time as people type it, offset or not: the branch that explains a missing offset.
LOOKS_LIKE_DATETIME = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}"
HAS_OFFSET = f"[Tt ]{_TIME}{_OFFSET}$"

OFFSET_NEEDED = "a date-time with its UTC offset, e.g. 2024-08-09T12:00:00+03:00 or 2024-08-09T09:00:00Z"
TIME_WORDS = "an ISO 8601 date (2024-08-07), month (2024-07) or date-time with its UTC offset (2024-08-09T12:00+03:00)"
RANGE_WORDS = "in the years 1900-2200"
IN_RANGE = "a time in the years 1900-2200"

EXT = {EXTENSION_PATTERN: {"description": "Local extension: kept as written and shown in the detail view."}}


def obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """A closed object: known keys, `x-` extensions, nothing else (typos are errors)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "patternProperties": EXT,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    schema.update(extra)
    return schema


def enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def ref(name: str, description: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "description": description}


def number(description: str, bounds: tuple[float, float] | None = None) -> dict[str, Any]:
    lo, hi = bounds or (0, MAX_NUMBER)
    return {"type": "number", "minimum": lo, "maximum": hi, "description": description}


# Each kind of value (tui.model.spec.KINDS) as a schema, given its field.
_KIND_SHAPES: dict[str, Any] = {
    "text": lambda f: {"type": "string", "description": f.help},
    "path": lambda f: {"type": "string", "description": f.help},
    "textlist": lambda f: {"type": "array", "items": {"type": "string"}, "description": f.help},
    "slug": lambda f: ref("slug", f.help),
    "ids": lambda f: {"type": "array", "items": {"$ref": "#/$defs/slug"}, "description": f.help},
    "number": lambda f: number(f.help, f.range),
    "bool": lambda f: {"type": "boolean", "description": f.help},
    "quantity": lambda f: ref("quantity", f.help),
    "time": lambda f: ref("time", f.help),
    "exact_time": lambda f: ref("dayOrMoment" if f.name in ("from", "to") else "timeText", f.help),
    "units": lambda f: {
        "type": "object",
        "description": f.help,
        "additionalProperties": {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER},
    },
    "sources": lambda f: {"type": "array", "items": {"$ref": "#/$defs/sourceRef"}, "description": f.help},
    "counts": lambda f: ref("counts", f.help),
    "breakdown": lambda f: ref("counts", f.help),
    "series": lambda f: {"type": "array", "items": {"$ref": "#/$defs/seriesPoint"}, "description": f.help},
    "geo": lambda f: ref("geo", f.help),
    "funding": lambda f: ref("funding", f.help),
}


def field_schema(f: Field) -> dict[str, Any]:
    """One field of the spec as a schema."""
    schema: dict[str, Any] = enum(f.values, f.help) if f.kind == "enum" else _KIND_SHAPES[f.kind](f)
    if f.default is not None:
        schema["default"] = f.default
    return schema


def properties(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {f.name: field_schema(f) for f in fields}


def required(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields if f.required]


def _time_text(shapes: str, pattern: str) -> dict[str, Any]:
    """A time written as text. One that looks like a date-time but has no UTC offset fails
    a branch whose message says so; anything else must be one of the shapes."""
    return {
        "type": "string",
        "description": f"{shapes}, {RANGE_WORDS}.",
        "if": {"pattern": LOOKS_LIKE_DATETIME, "not": {"pattern": HAS_OFFSET}},
        # "type" here too: Python's best_match then prefers this error to the other branches'
        # "is not of type 'object'" (it looks for errors whose schema matches the type).
        "then": {"type": "string", "enum": [OFFSET_NEEDED], "errorMessage": f"Expected {OFFSET_NEEDED}."},
        "else": {
            # A year outside 1900-2200 is said in words too, not as a failed pattern.
            "if": {"pattern": r"^\d{4}", "not": {"pattern": f"^{_YEAR}(?!\\d)"}},
            "then": {"type": "string", "enum": [IN_RANGE], "errorMessage": f"Expected {IN_RANGE}."},
            "else": {"type": "string", "pattern": pattern, "patternErrorMessage": f"Expected {shapes}, {RANGE_WORDS}."},
        },
    }


def defs() -> dict[str, Any]:
    q = properties(QUANTITY.fields)
    t = properties(TIME.fields)
    return {
        "slug": {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": "Lower-case letters, digits and '-', starting with a letter or digit.",
        },
        "timeText": _time_text(TIME_WORDS, f"{DATE_PATTERN}|{MONTH_PATTERN}|{DATETIME_PATTERN}"),
        "dayOrMoment": _time_text(
            "an ISO 8601 date (2024-08-07) or date-time with its UTC offset (2024-08-09T12:00+03:00)",
            f"{DATE_PATTERN}|{DATETIME_PATTERN}",
        ),
        "time": {
            "description": (
                f"{TIME_WORDS}; or {{at: 2024-08-07, approx: true}} for a vague report time ('on Wednesday')"
                " resolved by the author, shown with '~'; or a period {from: 2022-11-28, to: 2022-11-29}."
            ),
            # if/then/else on the type, not anyOf: a time written as text is checked as text
            # alone, so the message about it (a missing offset) is the one the tools show.
            "if": {"type": "string"},
            "then": {"$ref": "#/$defs/timeText"},
            "else": {
                "type": "object",
                "anyOf": [
                    obj({k: t[k] for k in ("at", "approx")}, ["at"]),
                    obj({k: t[k] for k in ("from", "to", "approx")}, ["from", "to"]),
                ],
            },
        },
        "quantity": {
            "description": (
                "A figure as reported: a number (76000), {value: 76000, qualifier: over}, a range "
                "{min: 10, max: 20} or half of one ({max: 5} up to 5); optional unit. Shown as 'over 76,000'."
            ),
            "anyOf": [
                number("An exact figure."),
                obj({k: q[k] for k in ("value", "qualifier", "unit")}, ["value"]),
                obj(
                    {k: q[k] for k in ("min", "max", "unit")},
                    None,
                    anyOf=[{"required": ["min"]}, {"required": ["max"]}],
                ),
            ],
        },
        "sourceRef": {
            "description": 'A source id from `sources`, or {source: id, quote: "words from it", via: "whose word"}.',
            "anyOf": [
                {"type": "string", "minLength": 1},
                obj(
                    {**properties(SOURCE_REF.fields), "source": {**field_schema(SOURCE_REF.fields[0]), "minLength": 1}},
                    required(SOURCE_REF.fields),
                ),
            ],
        },
        "source": obj(properties(SOURCE.fields), required(SOURCE.fields)),
        "counts": {
            "type": "object",
            "description": "Label -> figure: {killed: 17, missing: 83, injured: 32}.",
            "additionalProperties": {"$ref": "#/$defs/quantity"},
        },
        "seriesPoint": obj(properties(SERIES_POINT.fields), required(SERIES_POINT.fields)),
        "geo": obj(properties(GEO.fields), required(GEO.fields)),
        "funding": obj(properties(FUNDING.fields), required(FUNDING.fields)),
    }
