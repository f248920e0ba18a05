"""The format spec's building blocks: vocabularies, Field, Block, ListSpec, the mappings that
are not items (situation, source, quantity, time ...) and the fields every item may carry.
Read tui.model.spec (which re-exports all of this) rather than this module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

FORMAT_VERSION = 1

# -- vocabularies ----------------------------------------------------------------------------

CONFIDENCES: tuple[str, ...] = ("verified", "reported", "claimed", "disputed", "unconfirmed")
DEFAULT_CONFIDENCE = "reported"
FRONT_STATUSES = ("advancing", "contested", "holding", "stabilized", "withdrawing", "buildup", "quiet", "unknown")
EVACUATION_STATUSES = ("planned", "ordered", "ongoing", "completed", "suspended", "forced", "blocked", "unknown")
INFRASTRUCTURE_STATUSES = ("operational", "degraded", "damaged", "threatened", "offline", "destroyed", "unknown")
QUALIFIERS = ("over", "under", "about", "up_to", "at_least", "almost")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
# December 2026 additions.
SEVERITIES = ("critical", "high", "medium", "low")  # how much it matters (not how sure we are)
LIKELIHOODS = ("almost_certain", "very_likely", "likely", "roughly_even", "unlikely", "very_unlikely", "remote")
# The probability yardstick (UK PHIA): the band of each likelihood, in per cent.
LIKELIHOOD_BANDS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "remote": (0, 5),
        "very_unlikely": (10, 20),
        "unlikely": (25, 35),
        "roughly_even": (40, 50),
        "likely": (55, 75),
        "very_likely": (80, 90),
        "almost_certain": (95, 100),
    }
)
WATCH_STATUSES = ("open", "triggered", "lapsed", "closed")
DEFAULT_WATCH_STATUS = "open"
NEED_STATUSES = ("unmet", "partly_met", "met", "unknown")
GEO_PRECISIONS = ("exact", "near", "area", "region")

RELIABILITY_HELP = (
    "Admiralty reliability: A completely reliable, B usually reliable, C fairly reliable, "
    "D not usually reliable, E unreliable, F cannot be judged."
)

KINDS = frozenset(
    {"text", "textlist", "slug", "ids", "enum", "number", "bool", "quantity", "time", "exact_time", "units"}
    | {"sources", "path", "counts", "breakdown", "series", "geo", "funding"}
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
    range: tuple[float, float] | None = None  # a number's bounds, when not 0 to 10^15

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"spec: field {self.name!r} has an unknown kind {self.kind!r}")
        if (self.kind == "enum") != bool(self.values):
            raise ValueError(f"spec: field {self.name!r}: an enum needs values, and only an enum has them")


def _f(
    name: str,
    kind: str,
    help: str,
    example: str = "",
    *,
    required: bool = False,
    range: tuple[float, float] | None = None,
) -> Field:
    return Field(name, kind, help, example, required=required, range=range)


def _enum(name: str, values: tuple[str, ...], help: str, example: str = "", *, default: str | None = None) -> Field:
    return Field(name, "enum", help, example or values[0], values=values, default=default)


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
        _f("min", "number", "Lower bound of the range; alone: 'at least 5'.", "10"),
        _f("max", "number", "Upper bound of the range; alone: 'up to 5'.", "20"),
        _f("unit", "text", "Unit: km, people, vehicles ...", "km"),
    ),
)

TIME = Block(
    "time",
    (
        _f("at", "exact_time", "The date or date-time the vague report time resolves to.", "2024-08-07"),
        _f("from", "exact_time", "A period's first day (or moment): {from: 2022-11-28, to: 2022-11-29}.", "2022-11-28"),
        _f("to", "exact_time", "A period's last day (or moment), inclusive.", "2022-11-29"),
        _f("approx", "bool", "true: the report was vague; shown with '~'.", "true"),
    ),
)

SOURCE_REF = Block(
    "source reference",
    (
        _f("source", "text", "A source id declared under `sources`.", "reuters", required=True),
        _f("quote", "text", "The words quoted from that source, verbatim.", '"Over 76,000 people have been evacuated"'),
        _f(
            "via",
            "text",
            "Whose word the source passed on (second-hand: a weak basis): 'media reports'.",
            "media reports",
        ),
    ),
)

GEO = Block(
    "geo",
    (
        _f(
            "lat", "number", "Latitude in decimal degrees (WGS 84), -90 to 90.", "51.68", required=True, range=(-90, 90)
        ),
        _f(
            "lon",
            "number",
            "Longitude in decimal degrees (WGS 84), -180 to 180.",
            "35.65",
            required=True,
            range=(-180, 180),
        ),
        _enum("precision", GEO_PRECISIONS, "How exact the point is: exact, near, area, region.", "near"),
        _f("pcode", "text", "An administrative code (a P-code): 'AF3201'.", "AF3201"),
    ),
)

FUNDING = Block(
    "funding",
    (
        _f("required", "quantity", "Funding required, with a currency unit.", "{value: 93600000, unit: USD}"),
        _f(
            "received",
            "quantity",
            "Funding received (or pledged), with a currency unit.",
            "{value: 24300000, unit: USD}",
        ),
    ),
)

SERIES_POINT = Block(
    "series point",
    (
        _f("at", "time", "When the figure had this value.", "2024-07", required=True),
        _f("value", "quantity", "The figure then.", "32", required=True),
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
        _f(
            "next_update",
            "time",
            "When the next update of the picture is due; shown as a countdown, overdue once passed.",
            "2024-08-10T12:00:00+03:00",
        ),
    ),
)
# The fields only the part that carries the title may set.
HEADER_FIELDS = ("title", "as_of", "area", "summary", "marking", "next_update")

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
    # December 2026 additions.
    _enum(
        "severity",
        SEVERITIES,
        "How much it matters (critical, high, medium, low), whatever the confidence.",
        "high",
    ),
    _f(
        "counts",
        "counts",
        "Several figures on one item, label -> quantity: 17 killed · 83 missing · 32 injured.",
        "{killed: 17, missing: 83, injured: 32}",
    ),
    _f(
        "geo",
        "geo",
        "A point for maps: {lat, lon} in decimal degrees (WGS 84), optional precision and pcode.",
        "{lat: 51.68, lon: 35.65, precision: near}",
    ),
)
COMMON_KEYS: tuple[str, ...] = tuple(f.name for f in COMMON)
COMMON_BY_NAME: Mapping[str, Field] = MappingProxyType({f.name: f for f in COMMON})
