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

from tui.model.types import (
    CONFIDENCES,
    DEFAULT_CONFIDENCE,
    EVACUATION_STATUSES,
    FORMAT_VERSION,
    FRONT_STATUSES,
    INFRASTRUCTURE_STATUSES,
    QUALIFIERS,
    RELIABILITY_GRADES,
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


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "description": description}


def _strings(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _defs() -> dict[str, Any]:
    number = {"type": "number", "minimum": 0}
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
            "oneOf": [
                {"$ref": "#/$defs/exactTime"},
                _obj(
                    {
                        "at": _ref("exactTime", "The date or date-time the vague report time resolves to."),
                        "approx": {"type": "boolean", "description": "true: the report was vague; shown with '~'."},
                    },
                    ["at"],
                ),
            ],
        },
        "quantity": {
            "description": (
                "A figure as reported: a number (76000), {value: 76000, qualifier: over}, "
                "or a range {min: 10, max: 20}; optional unit. Shown as 'over 76,000', '10–20'."
            ),
            "oneOf": [
                {**number, "description": "An exact figure."},
                _obj(
                    {
                        "value": {**number, "description": "The figure."},
                        "qualifier": _enum(QUALIFIERS, "How the report qualifies the figure: 'over 76,000'."),
                        "unit": _text("Unit: km, people, vehicles ..."),
                    },
                    ["value"],
                ),
                _obj(
                    {
                        "min": {**number, "description": "Lower bound of the range."},
                        "max": {**number, "description": "Upper bound of the range."},
                        "unit": _text("Unit: km, people, vehicles ..."),
                    },
                    ["min", "max"],
                ),
            ],
        },
        "sourceRef": {
            "description": 'A source id from `sources`, or {source: id, quote: "words from it"}.',
            "oneOf": [
                {"type": "string", "minLength": 1},
                _obj(
                    {
                        "source": {
                            "type": "string",
                            "minLength": 1,
                            "description": "A source id declared under `sources`.",
                        },
                        "quote": _text("The words quoted from that source, verbatim."),
                    },
                    ["source"],
                ),
            ],
        },
        "source": _obj(
            {
                "name": _text("What the source is called: Reuters, Kursk regional Emergencies Ministry."),
                "type": _text("Kind of source: news agency, government, social media ..."),
                "reliability": _enum(
                    RELIABILITY_GRADES,
                    "Admiralty reliability: A completely reliable, B usually reliable, C fairly reliable, "
                    "D not usually reliable, E unreliable, F cannot be judged.",
                ),
                "url": _text("Where the source is published."),
                "document": _text("Path, relative to this file, of a text document (for example one in seeds/)."),
            },
            ["name"],
        ),
    }


def _common() -> dict[str, Any]:
    return {
        "id": _ref(
            "slug",
            "Unique within the situation across all panes and parts; derived from the name when absent.",
        ),
        "confidence": {
            **_enum(CONFIDENCES, f"How far the item is borne out (default {DEFAULT_CONFIDENCE})."),
            "default": DEFAULT_CONFIDENCE,
        },
        "sources": {
            "type": "array",
            "items": {"$ref": "#/$defs/sourceRef"},
            "description": "Source ids (declared under `sources`), each optionally with a quote.",
        },
        "updated": _ref("time", "When this item was last confirmed; older than as_of by too much marks it stale."),
        "about": {
            "type": "array",
            "items": {"$ref": "#/$defs/slug"},
            "description": "Ids of other items this one refers to (cross-links).",
        },
        "note": _text("Free text."),
    }


def _item(own: dict[str, Any], required: list[str], description: str, **extra: Any) -> dict[str, Any]:
    schema = _obj({**_common(), **own}, required, **extra)
    schema["description"] = description
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format 1 (a fresh dict each call)."""
    front = _item(
        {
            "name": _text("The front or axis: 'Kursk region incursion'."),
            "status": _enum(FRONT_STATUSES, "What the front is doing."),
            "sides": _strings("Actors on this front."),
            "depth_km": _ref("quantity", "Depth of the advance, in km."),
            "strength": _text("Forces involved, as reported: 'thousands of soldiers'."),
            "since": _ref("time", "Since when."),
            "places": _strings("Place names."),
        },
        ["name"],
        "A front line or axis of advance.",
    )
    evacuation = _item(
        {
            "area": _text("The area evacuated."),
            "people": _ref("quantity", "How many people."),
            "status": _enum(EVACUATION_STATUSES, "Where the evacuation stands."),
            "authority": _text("Who ordered or runs it."),
            "destination": _text("Where people go."),
            "since": _ref("time", "Since when."),
        },
        ["area"],
        "An evacuation.",
    )
    statement = _item(
        {
            "actor": _text("Who spoke."),
            "quote": _text("Their words, verbatim."),
            "summary": _text("What they said, in the author's words."),
            "role": _text("The speaker's role: 'President of Belarus'."),
            "date": _ref("time", "When it was said."),
            "channel": _text("Where it was said: TV address, Telegram ..."),
        },
        ["actor"],
        "A statement by an actor: needs `quote` or `summary` (or both).",
        anyOf=[{"required": ["quote"]}, {"required": ["summary"]}],
    )
    infrastructure = _item(
        {
            "name": _text("The facility: 'Kursk Nuclear Power Plant'."),
            "kind": _text("What it is: nuclear power plant, bridge, substation ..."),
            "status": _enum(INFRASTRUCTURE_STATUSES, "Its state."),
            "location": _text("Where it is."),
            "units": {
                "type": "object",
                "description": "Units by state: {operational: 2, shut_down: 2, under_construction: 2}.",
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
            "significance": _text("Why it matters."),
        },
        ["name"],
        "A piece of critical infrastructure.",
    )
    event = _item(
        {
            "what": _text("What happened."),
            "date": _ref("time", "When."),
            "where": _text("Where."),
            "count": _ref("quantity", "How many (vehicles, casualties ...)."),
        },
        ["what"],
        "An event.",
    )

    def pane(item: dict[str, Any], description: str) -> dict[str, Any]:
        return {"type": "array", "items": item, "description": description}

    situation = _obj(
        {
            "id": _ref("slug", "The situation's id; files sharing it are parts of one situation."),
            "title": _text("Title shown in the header (exactly one part carries it)."),
            "as_of": _ref("exactTime", "The time the picture is valid for (exactly one part carries it)."),
            "area": _text("The area the situation covers."),
            "summary": _text("A few sentences: the picture in short."),
            "marking": _text("Handling banner shown in the header: TLP:CLEAR, UNCLASSIFIED ..."),
        },
        ["id"],
        description="The situation this file is (a part of).",
        dependentRequired={"title": ["as_of"], "as_of": ["title"]},
    )
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
            "fronts": pane(front, "Fronts and axes of advance."),
            "evacuations": pane(evacuation, "Evacuations."),
            "statements": pane(statement, "Statements by actors."),
            "infrastructure": pane(infrastructure, "Critical infrastructure."),
            "events": pane(event, "Events."),
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
