"""Format-1 model types: immutable, typed, UI-free.

Nothing here imports Textual or Rich (an import-linter contract enforces it), so the
command line (`sitboard check`, `brief`, `diff`) and the tests use the model without a
terminal. No raw dict from YAML ever reaches the UI: the loader turns every file into
these objects or into `Diagnostic`s.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

from .spec import (  # the vocabularies live in the spec; re-exported here for the rest of the code
    CONFIDENCES,
    DEFAULT_CONFIDENCE,
    EVACUATION_STATUSES,
    FORMAT_VERSION,
    FRONT_STATUSES,
    GEO_PRECISIONS,
    INFRASTRUCTURE_STATUSES,
    LIKELIHOOD_BANDS,
    LIKELIHOODS,
    LIST,
    LIST_NAMES,
    NEED_STATUSES,
    QUALIFIERS,
    RELIABILITY_GRADES,
    SEVERITIES,
    WATCH_STATUSES,
)
from .valuetypes import (
    WHEN_KINDS,
    Counts,
    Diagnostic,
    Funding,
    Geo,
    Location,
    Quantity,
    SeriesPoint,
    Severity,
    Source,
    SourceRef,
    When,
)

__all__ = [
    "CONFIDENCES",
    "DEFAULT_CONFIDENCE",
    "EVACUATION_STATUSES",
    "FORMAT_VERSION",
    "FRONT_STATUSES",
    "INFRASTRUCTURE_STATUSES",
    "QUALIFIERS",
    "RELIABILITY_GRADES",
    "PANES",
    "LISTS",
    "PANE_TITLES",
    "ITEM_TYPES",
    "Location",
    "Diagnostic",
    "Quantity",
    "When",
    "Source",
    "SourceRef",
    "Item",
    "BrokenItem",
    "Front",
    "Evacuation",
    "Statement",
    "Infrastructure",
    "Event",
    "Figure",
    "Judgment",
    "Watch",
    "Need",
    "Geo",
    "Funding",
    "SeriesPoint",
    "Counts",
    "WHEN_KINDS",
    "SEVERITIES",
    "LIKELIHOODS",
    "LIKELIHOOD_BANDS",
    "WATCH_STATUSES",
    "NEED_STATUSES",
    "GEO_PRECISIONS",
    "Situation",
    "LoadResult",
    "Severity",
]

# The lists of items, in the order of their keys on the board (tui.model.spec.LISTS).
# Every list of items, in the order of their keys (figures 0, fronts 1 ... judgments 8).
LISTS: tuple[str, ...] = LIST_NAMES
# The lists the board shows: all nine since the picture (issue 12) gave figures, needs,
# watch and judgments their places (Situation.items() is then every item).
PANES: tuple[str, ...] = LISTS
PANE_TITLES: Mapping[str, str] = MappingProxyType({name: LIST[name].title for name in LISTS})


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """Fields every item carries, whatever its pane."""

    pane: str  # one of LISTS
    id: str
    id_derived: bool = False
    confidence: str = DEFAULT_CONFIDENCE
    sources: tuple[SourceRef, ...] = ()
    updated: When | None = None
    about: tuple[str, ...] = ()
    note: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys, kept as written
    origin: Location | None = None  # where the item starts in its file
    # December 2026 additions.
    severity: str | None = None  # one of SEVERITIES
    counts: Counts = ()  # several figures on one item: (("killed", Quantity(17)), ...)
    geo: Geo | None = None

    # An item with errors (BrokenItem) says so; every other item is whole.
    broken: ClassVar[bool] = False

    @property
    def label(self) -> str:
        """The name a duty officer calls the item by."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class Front(Item):
    pane: str = "fronts"
    name: str
    status: str | None = None
    sides: tuple[str, ...] = ()
    depth_km: Quantity | None = None
    strength: str | None = None
    since: When | None = None
    places: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Evacuation(Item):
    pane: str = "evacuations"
    area: str
    people: Quantity | None = None
    status: str | None = None
    authority: str | None = None
    destination: str | None = None
    since: When | None = None

    @property
    def label(self) -> str:
        return self.area


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement(Item):
    pane: str = "statements"
    actor: str
    quote: str | None = None
    summary: str | None = None
    role: str | None = None
    date: When | None = None
    channel: str | None = None

    @property
    def label(self) -> str:
        return self.actor


@dataclass(frozen=True, slots=True, kw_only=True)
class Infrastructure(Item):
    pane: str = "infrastructure"
    name: str
    kind: str | None = None
    status: str | None = None
    location: str | None = None
    units: tuple[tuple[str, int], ...] = ()  # state -> count, in file order
    significance: str | None = None

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Item):
    pane: str = "events"
    what: str
    date: When | None = None
    where: str | None = None
    count: Quantity | None = None

    @property
    def label(self) -> str:
        return self.what


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Item):
    """A headline figure: what is counted (`label`) and its value."""

    pane: str = "figures"
    label: str  # a field here, a property on the other items
    value: Quantity
    where: str | None = None
    date: When | None = None
    breakdown: Counts = ()  # the total in parts: (("Sudzha", Quantity(20000)), ...)
    series: tuple[SeriesPoint, ...] = ()  # earlier values, oldest first


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgment(Item):
    pane: str = "judgments"
    text: str
    likelihood: str | None = None  # one of LIKELIHOODS
    by: str | None = None
    basis: str | None = None

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True, kw_only=True)
class Watch(Item):
    pane: str = "watch"
    what: str
    due: When | None = None
    trigger: str | None = None
    status: str = "open"  # one of WATCH_STATUSES
    owner: str | None = None

    @property
    def label(self) -> str:
        return self.what


@dataclass(frozen=True, slots=True, kw_only=True)
class Need(Item):
    pane: str = "needs"
    sector: str
    need: str | None = None
    people: Quantity | None = None
    response: str | None = None
    by: tuple[str, ...] = ()
    gap: str | None = None
    status: str | None = None  # one of NEED_STATUSES
    funding: Funding | None = None

    @property
    def label(self) -> str:
        return self.sector


@dataclass(frozen=True, slots=True, kw_only=True)
class BrokenItem(Item):
    """An item with errors: what of it validated, and every problem of it, placed.

    It sits in its pane's tuple in file order, so the board shows it as a row flagged ✗
    with its first problem (`problems[0]`, an error), and its detail lists them all.
    brief, export and diff leave it out and say so. `check` counts its errors as errors.

    - `id`: the explicit id if valid, else the id derived from the label if the label
      is text, else "<pane>-<index>" (`id_derived` is True for the last two);
    - `label`: the text of the label field as written (a number as written too), else
      the item's path, "fronts[2]";
    - `values`: the item's own fields that validated, (name, value) in file order (the
      common fields that validated are in their usual attributes);
    - `problems`: every problem of this item (errors first, then warnings), placed.
    """

    label: str  # a field here, a property on the other items
    problems: tuple[Diagnostic, ...] = ()
    values: tuple[tuple[str, Any], ...] = ()
    broken: ClassVar[bool] = True

    @property
    def first_problem(self) -> Diagnostic | None:
        return self.problems[0] if self.problems else None


ITEM_TYPES: Mapping[str, type[Item]] = MappingProxyType(
    {
        "fronts": Front,
        "evacuations": Evacuation,
        "statements": Statement,
        "infrastructure": Infrastructure,
        "events": Event,
        "figures": Figure,
        "judgments": Judgment,
        "watch": Watch,
        "needs": Need,
    }
)


@dataclass(frozen=True, slots=True)
class Situation:
    """One situation, its parts merged: what the board shows."""

    id: str
    title: str
    as_of: When
    area: str | None = None
    summary: str | None = None
    marking: str | None = None
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    fronts: tuple[Front, ...] = ()
    evacuations: tuple[Evacuation, ...] = ()
    statements: tuple[Statement, ...] = ()
    infrastructure: tuple[Infrastructure, ...] = ()
    events: tuple[Event, ...] = ()
    files: tuple[str, ...] = ()  # the parts, in load order
    extensions: tuple[tuple[str, Any], ...] = ()
    origin: Location | None = None  # where title/as_of are declared
    # December 2026 additions.
    next_update: When | None = None
    figures: tuple[Figure, ...] = ()
    judgments: tuple[Judgment, ...] = ()
    watch: tuple[Watch, ...] = ()
    needs: tuple[Need, ...] = ()

    def pane(self, name: str) -> tuple[Item, ...]:
        return getattr(self, name)

    def items(self) -> Iterator[Item]:
        """The items of the lists the board shows (PANES), list by list, in file order."""
        for name in PANES:
            yield from getattr(self, name)

    def all_items(self) -> Iterator[Item]:
        """Every item of every list (LISTS: the December 2026 lists too)."""
        for name in LISTS:
            yield from getattr(self, name)

    def item(self, item_id: str) -> Item | None:
        for it in self.all_items():
            if it.id == item_id:
                return it
        return None

    def backlinks(self, item_id: str) -> tuple[Item, ...]:
        """Items whose `about` names this one."""
        return tuple(it for it in self.all_items() if item_id in it.about)

    @property
    def item_count(self) -> int:
        return sum(len(getattr(self, name)) for name in LISTS)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What loading a set of paths produced: situations that loaded, and every problem."""

    situations: tuple[Situation, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[str, ...] = ()  # every situation file read

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors
