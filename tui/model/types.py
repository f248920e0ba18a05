"""Format-1 model types: immutable, typed, UI-free.

Nothing here imports Textual or Rich (an import-linter contract enforces it), so the
command line (`sitboard check`, `brief`, `diff`) and the tests use the model without a
terminal. No raw dict from YAML ever reaches the UI: the loader turns every file into
these objects or into `Diagnostic`s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from .spec import (  # the vocabularies live in the spec; re-exported here for the rest of the code
    CONFIDENCES,
    DEFAULT_CONFIDENCE,
    EVACUATION_STATUSES,
    FORMAT_VERSION,
    FRONT_STATUSES,
    INFRASTRUCTURE_STATUSES,
    LIST,
    LIST_NAMES,
    QUALIFIERS,
    RELIABILITY_GRADES,
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
    "Situation",
    "LoadResult",
    "Severity",
]

# The lists of items, in the order of their keys on the board (tui.model.spec.LISTS).
PANES: tuple[str, ...] = LIST_NAMES
PANE_TITLES: Mapping[str, str] = MappingProxyType({name: LIST[name].title for name in PANES})

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a file; line and column count from 1."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a situation file: `file:line:col: path: message`."""

    file: str
    line: int
    column: int
    path: str  # "fronts[2].status"; "" for the whole file
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        kind = "" if self.severity == "error" else f"{self.severity}: "
        if self.path:
            return f"{where}: {kind}{self.path}: {self.message}"
        return f"{where}: {kind}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as reported: exact, qualified ("over 76,000") or a range ("10-20")."""

    value: int | float | None = None
    qualifier: str | None = None  # one of QUALIFIERS
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys, kept as written

    @property
    def is_range(self) -> bool:
        return self.min is not None or self.max is not None

    def sort_key(self) -> float:
        if self.value is not None:
            return float(self.value)
        return float(self.max if self.max is not None else self.min or 0)


@dataclass(frozen=True, slots=True)
class When:
    """A date or an offset-aware date-time; `approx` when the report was vague ("on Wednesday")."""

    value: dt.date | dt.datetime
    approx: bool = False
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys of {at, approx}, kept as written

    @property
    def has_time(self) -> bool:
        return isinstance(self.value, dt.datetime)

    def as_datetime(self) -> dt.datetime:
        """The moment, for comparisons: a bare date counts as its midnight UTC."""
        if isinstance(self.value, dt.datetime):
            return self.value
        return dt.datetime(self.value.year, self.value.month, self.value.day, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    type: str | None = None
    reliability: str | None = None  # Admiralty letter A-F
    url: str | None = None
    document: str | None = None  # absolute path, resolved against the declaring file
    extensions: tuple[tuple[str, Any], ...] = ()
    origin: Location | None = None
    # A source with errors keeps what validated (its name falls back to its id) and says
    # what is wrong here; not compared (the same source in two parts is the same source).
    problems: tuple[Diagnostic, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An item's reference to a source, optionally with the words quoted from it."""

    source: str
    quote: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys, kept as written


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """Fields every item carries, whatever its pane."""

    pane: str  # one of PANES
    id: str
    id_derived: bool = False
    confidence: str = DEFAULT_CONFIDENCE
    sources: tuple[SourceRef, ...] = ()
    updated: When | None = None
    about: tuple[str, ...] = ()
    note: str | None = None
    extensions: tuple[tuple[str, Any], ...] = ()  # `x-` keys, kept as written
    origin: Location | None = None  # where the item starts in its file

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

    label: str  # type: ignore[assignment]  # a field here, a property on the other items
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

    def pane(self, name: str) -> tuple[Item, ...]:
        return getattr(self, name)

    def items(self) -> Iterator[Item]:
        for name in PANES:
            yield from getattr(self, name)

    def item(self, item_id: str) -> Item | None:
        for it in self.items():
            if it.id == item_id:
                return it
        return None

    def backlinks(self, item_id: str) -> tuple[Item, ...]:
        """Items whose `about` names this one."""
        return tuple(it for it in self.items() if item_id in it.about)

    @property
    def item_count(self) -> int:
        return sum(len(getattr(self, name)) for name in PANES)


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
