"""The situation format, declared once: every list, every field, its kind and its words.

The validator (validate_*.py), `sitboard schema` (schema.py), the baseline serializer
(serialize.py), help's format reference and the derived ids all read this module, so a
new field is one line here (plus, for a new *kind*, one checker, one schema shape, one
JSON form). Pure data: no imports from the rest of the model.

    LISTS            the lists of items, in key order (ListSpec: name, key, title, label, noun)
    LIST             name -> ListSpec
    COMMON           the fields every item may carry
    SITUATION, SOURCE, SOURCE_REF, QUANTITY, TIME    the fields of the other mappings

Kinds of value (Field.kind):
    text        a string (a plain scalar such as 1945 or 08 is that text as written)
    textlist    a list of text
    slug        [a-z0-9][a-z0-9-]*
    ids         a list of item ids (`about`)
    enum        one of Field.values
    number      a finite number >= 0 (inside a quantity)
    bool        true or false
    quantity    76000 | {value, qualifier} | {min, max}; optional unit
    time        an ISO 8601 date or date-time with offset, or {at, approx}
    exact_time  an ISO 8601 date or date-time with offset (no mapping)
    units       a mapping of state -> whole number
    sources     a list of source references (`- reuters` or `- {source, quote}`)
    path        a relative path (a source's `document`)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

FORMAT_VERSION = 1

# -- vocabularies ----------------------------------------------------------------------------

CONFIDENCES: tuple[str, ...] = ("verified", "reported", "claimed", "disputed", "unconfirmed")
DEFAULT_CONFIDENCE = "reported"
FRONT_STATUSES = ("advancing", "contested", "holding", "stabilized", "withdrawing", "buildup", "quiet")
EVACUATION_STATUSES = ("planned", "ordered", "ongoing", "completed", "suspended")
INFRASTRUCTURE_STATUSES = ("operational", "degraded", "damaged", "threatened", "offline", "destroyed", "unknown")
QUALIFIERS = ("over", "under", "about", "up_to", "at_least")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")

RELIABILITY_HELP = (
    "Admiralty reliability: A completely reliable, B usually reliable, C fairly reliable, "
    "D not usually reliable, E unreliable, F cannot be judged."
)

KINDS = frozenset(
    {"text", "textlist", "slug", "ids", "enum", "number", "bool", "quantity", "time", "exact_time", "units"}
    | {"sources", "path"}
)


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: its kind, whether it is required, a help line and an example."""

    name: str
    kind: str
    help: str
    example: str = ""  # the value as written in YAML
    required: bool = False
    values: tuple[str, ...] = ()  # an enum's values
    default: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"spec: field {self.name!r} has an unknown kind {self.kind!r}")
        if (self.kind == "enum") != bool(self.values):
            raise ValueError(f"spec: field {self.name!r}: an enum needs values, and only an enum has them")


def _f(name: str, kind: str, help: str, example: str = "", **kw: object) -> Field:
    return Field(name, kind, help, example, **kw)  # type: ignore[arg-type]


def _enum(name: str, values: tuple[str, ...], help: str, example: str = "", **kw: object) -> Field:
    return Field(name, "enum", help, example or values[0], values=values, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Block:
    """A mapping that is not an item (the situation header, a source, a quantity ...)."""

    name: str
    fields: tuple[Field, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True, slots=True)
class ListSpec:
    """One list of items: `fronts`, its key number on the board, title, label field, noun."""

    name: str
    key: int  # the board's key for the list (1 fronts ... 5 events)
    title: str  # the pane's title
    label: str  # the field that names an item; required; its slug is the derived id
    noun: str  # "a front": in messages
    help: str  # the list
    item_help: str  # one item
    fields: tuple[Field, ...]  # the list's own fields, the label first
    one_of: tuple[str, ...] = ()  # at least one of these fields is required
    one_of_rule: str = ""  # that rule in words, for messages and help

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key an item of this list may carry (common fields first)."""
        return COMMON_KEYS + tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return COMMON_BY_NAME.get(name)

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return COMMON + self.fields


# -- mappings that are not items -------------------------------------------------------------

QUANTITY = Block(
    "quantity",
    (
        _f("value", "number", "The figure.", "76000"),
        _enum("qualifier", QUALIFIERS, "How the report qualifies the figure: 'over 76,000'.", "over"),
        _f("min", "number", "Lower bound of the range.", "10"),
        _f("max", "number", "Upper bound of the range.", "20"),
        _f("unit", "text", "Unit: km, people, vehicles ...", "km"),
    ),
)

TIME = Block(
    "time",
    (
        _f("at", "exact_time", "The date or date-time the vague report time resolves to.", "2024-08-07", required=True),
        _f("approx", "bool", "true: the report was vague; shown with '~'.", "true"),
    ),
)

SOURCE_REF = Block(
    "source reference",
    (
        _f("source", "text", "A source id declared under `sources`.", "reuters", required=True),
        _f("quote", "text", "The words quoted from that source, verbatim.", '"Over 76,000 people have been evacuated"'),
    ),
)

SOURCE = Block(
    "source",
    (
        _f(
            "name",
            "text",
            "What the source is called: Reuters, Kursk regional Emergencies Ministry.",
            "Reuters",
            required=True,
        ),
        _f("type", "text", "Kind of source: news agency, government, social media ...", "news agency"),
        _enum("reliability", RELIABILITY_GRADES, RELIABILITY_HELP, "B"),
        _f("url", "text", "Where the source is published.", "https://www.reuters.com/"),
        _f(
            "document",
            "path",
            "Path, relative to this file, of a text document (for example one in seeds/).",
            "../seeds/report.txt",
        ),
    ),
)

SITUATION = Block(
    "situation",
    (
        _f(
            "id",
            "slug",
            "The situation's id; files sharing it are parts of one situation.",
            "kursk-2024",
            required=True,
        ),
        _f("title", "text", "Title shown in the header (exactly one part carries it).", "Kursk incursion"),
        _f(
            "as_of",
            "time",
            "The time the picture is valid for (exactly one part carries it).",
            "2024-08-09T12:00:00+03:00",
        ),
        _f("area", "text", "The area the situation covers.", "Kursk region, Russia / Ukraine border"),
        _f("summary", "text", "A few sentences: the picture in short.", "Ukrainian forces crossed into ..."),
        _f("marking", "text", "Handling banner shown in the header: TLP:CLEAR, UNCLASSIFIED ...", "TLP:CLEAR"),
    ),
)
# The fields only the part that carries the title may set.
HEADER_FIELDS = ("title", "as_of", "area", "summary", "marking")

# -- the fields every item may carry ---------------------------------------------------------

COMMON: tuple[Field, ...] = (
    _f(
        "id",
        "slug",
        "Unique within the situation across all panes and parts; derived from the name when absent.",
        "north-axis",
    ),
    _enum(
        "confidence",
        CONFIDENCES,
        f"How far the item is borne out (default {DEFAULT_CONFIDENCE}).",
        "claimed",
        default=DEFAULT_CONFIDENCE,
    ),
    _f(
        "sources",
        "sources",
        "Source ids (declared under `sources`), each optionally with a quote.",
        '[reuters, {source: seed, quote: "..."}]',
    ),
    _f(
        "updated",
        "time",
        "When this item was last confirmed; older than as_of by too much marks it stale.",
        "2024-08-09T10:00:00Z",
    ),
    _f("about", "ids", "Ids of other items this one refers to (cross-links).", "[kursk-npp]"),
    _f("note", "text", "Free text.", "Figures from the governor's Telegram channel."),
)
COMMON_KEYS: tuple[str, ...] = tuple(f.name for f in COMMON)
COMMON_BY_NAME: Mapping[str, Field] = MappingProxyType({f.name: f for f in COMMON})

# -- the lists -------------------------------------------------------------------------------

LISTS: tuple[ListSpec, ...] = (
    ListSpec(
        name="fronts",
        key=1,
        title="Fronts",
        label="name",
        noun="a front",
        help="Fronts and axes of advance.",
        item_help="A front line or axis of advance.",
        fields=(
            _f("name", "text", "The front or axis: 'Kursk region incursion'.", "Kursk region incursion", required=True),
            _enum("status", FRONT_STATUSES, "What the front is doing.", "advancing"),
            _f("sides", "textlist", "Actors on this front.", "[Ukraine (AFU), Russia]"),
            _f("depth_km", "quantity", "Depth of the advance, in km.", "{value: 20, qualifier: up_to}"),
            _f("strength", "text", "Forces involved, as reported: 'thousands of soldiers'.", "thousands of soldiers"),
            _f("since", "time", "Since when.", "2024-08-06"),
            _f("places", "textlist", "Place names.", "[Sudzha, Korenevo]"),
        ),
    ),
    ListSpec(
        name="evacuations",
        key=2,
        title="Evacuations",
        label="area",
        noun="an evacuation",
        help="Evacuations.",
        item_help="An evacuation.",
        fields=(
            _f("area", "text", "The area evacuated.", "Kursk region border districts", required=True),
            _f("people", "quantity", "How many people.", "{value: 76000, qualifier: over}"),
            _enum("status", EVACUATION_STATUSES, "Where the evacuation stands.", "ongoing"),
            _f("authority", "text", "Who ordered or runs it.", "Kursk regional government"),
            _f("destination", "text", "Where people go.", "Kursk city"),
            _f("since", "time", "Since when.", "2024-08-06"),
        ),
    ),
    ListSpec(
        name="statements",
        key=3,
        title="Statements",
        label="actor",
        noun="a statement",
        help="Statements by actors.",
        item_help="A statement by an actor: needs `quote` or `summary` (or both).",
        fields=(
            _f("actor", "text", "Who spoke.", "Vladimir Putin", required=True),
            _f("quote", "text", "Their words, verbatim.", '"a large-scale provocation"'),
            _f("summary", "text", "What they said, in the author's words.", "Called the incursion a provocation."),
            _f("role", "text", "The speaker's role: 'President of Belarus'.", "President of Russia"),
            _f("date", "time", "When it was said.", "2024-08-07"),
            _f("channel", "text", "Where it was said: TV address, Telegram ...", "televised meeting"),
        ),
        one_of=("quote", "summary"),
        one_of_rule="needs at least one of 'quote' (verbatim words) or 'summary'",
    ),
    ListSpec(
        name="infrastructure",
        key=4,
        title="Infrastructure",
        label="name",
        noun="an infrastructure item",
        help="Critical infrastructure.",
        item_help="A piece of critical infrastructure.",
        fields=(
            _f(
                "name", "text", "The facility: 'Kursk Nuclear Power Plant'.", "Kursk Nuclear Power Plant", required=True
            ),
            _f("kind", "text", "What it is: nuclear power plant, bridge, substation ...", "nuclear power plant"),
            _enum("status", INFRASTRUCTURE_STATUSES, "Its state.", "threatened"),
            _f("location", "text", "Where it is.", "Kurchatov, Kursk region"),
            _f(
                "units",
                "units",
                "Units by state: {operational: 2, shut_down: 2, under_construction: 2}.",
                "{operational: 2, shut_down: 2}",
            ),
            _f("significance", "text", "Why it matters.", "Supplies power to the region."),
        ),
    ),
    ListSpec(
        name="events",
        key=5,
        title="Events",
        label="what",
        noun="an event",
        help="Events.",
        item_help="An event.",
        fields=(
            _f("what", "text", "What happened.", "Convoy struck on the Rylsk road", required=True),
            _f("date", "time", "When.", "2024-08-09"),
            _f("where", "text", "Where.", "Rylsk district"),
            _f(
                "count",
                "quantity",
                "How many (vehicles, casualties ...).",
                "{value: 15, qualifier: about, unit: vehicles}",
            ),
        ),
    ),
)

LIST: Mapping[str, ListSpec] = MappingProxyType({spec.name: spec for spec in LISTS})
LIST_NAMES: tuple[str, ...] = tuple(spec.name for spec in sorted(LISTS, key=lambda s: s.key))

TOP_KEYS: tuple[str, ...] = ("format", "situation", "sources") + LIST_NAMES


def _check() -> None:
    """The spec is consistent (run at import: a mistake here must fail every test)."""
    keys = [spec.key for spec in LISTS]
    if len(set(keys)) != len(keys):
        raise ValueError("spec: two lists share a key number")
    for spec in LISTS:
        names = [f.name for f in spec.all_fields]
        if len(set(names)) != len(names):
            raise ValueError(f"spec: {spec.name} declares a field twice")
        label = spec.field(spec.label)
        if label is None or label.kind != "text" or not label.required:
            raise ValueError(f"spec: {spec.name}'s label {spec.label!r} must be a required text field")


_check()
