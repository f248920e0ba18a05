"""Plain-text rendering of an item: what `y` copies and what `sitboard brief` prints.

UI-free (no Textual, no Rich). The detail screen builds its rows from the same
`item_fields()` so the screen, the clipboard and the brief never disagree about
which fields an item has or how a value reads.

Every string that comes from a situation file goes through `text.visible()` before it
leaves this module, so control bytes (ESC included) never reach a terminal or a
clipboard.
"""

from __future__ import annotations

import json
from typing import Any

from tui.model.text import format_quantity, format_units, format_when, visible
from tui.model.types import (
    PANE_TITLES,
    Evacuation,
    Event,
    Front,
    Infrastructure,
    Item,
    Situation,
    SourceRef,
    Statement,
    When,
)

# One symbol per confidence; they differ in SHAPE so they read without colour.
CONFIDENCE_SYMBOLS: dict[str, str] = {
    "verified": "●",
    "reported": "◐",
    "claimed": "○",
    "disputed": "◇",
    "unconfirmed": "?",
}

MISSING_ITEM = "This item is no longer in the situation"


def confidence_text(confidence: str) -> str:
    """ "◐ reported": the symbol and the word (the word, so it reads without the legend)."""
    symbol = CONFIDENCE_SYMBOLS.get(confidence, "·")
    return f"{symbol} {confidence}"


def item_heading(item: Item) -> str:
    """ "Fronts › Kursk incursion" (raw: callers make it visible)."""
    return f"{PANE_TITLES.get(item.pane, item.pane)} › {item.label}"


def extension_value(value: Any) -> str:
    """An `x-` value as written: scalars as text, lists and maps as compact JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _when(w: When | None) -> str | None:
    return None if w is None else format_when(w, with_year=True)


def _join(values: tuple[str, ...]) -> str | None:
    return ", ".join(values) if values else None


def _pane_fields(item: Item) -> list[tuple[str, str | None]]:
    if isinstance(item, Front):
        return [
            ("Name", item.name),
            ("Status", item.status),
            ("Sides", _join(item.sides)),
            ("Depth", None if item.depth_km is None else format_quantity(item.depth_km, unit_default="km")),
            ("Strength", item.strength),
            ("Since", _when(item.since)),
            ("Places", _join(item.places)),
        ]
    if isinstance(item, Evacuation):
        return [
            ("Area", item.area),
            ("People", None if item.people is None else format_quantity(item.people)),
            ("Status", item.status),
            ("Authority", item.authority),
            ("Destination", item.destination),
            ("Since", _when(item.since)),
        ]
    if isinstance(item, Statement):
        return [
            ("Actor", item.actor),
            ("Role", item.role),
            ("Quote", None if item.quote is None else f"“{item.quote}”"),
            ("Summary", item.summary),
            ("Date", _when(item.date)),
            ("Channel", item.channel),
        ]
    if isinstance(item, Infrastructure):
        return [
            ("Name", item.name),
            ("Kind", item.kind),
            ("Status", item.status),
            ("Location", item.location),
            ("Units", format_units(item.units) if item.units else None),
            ("Significance", item.significance),
        ]
    if isinstance(item, Event):
        return [
            ("What", item.what),
            ("Date", _when(item.date)),
            ("Where", item.where),
            ("Count", None if item.count is None else format_quantity(item.count)),
        ]
    return [("Label", item.label)]


def item_fields(item: Item) -> list[tuple[str, str]]:
    """Every field the item carries, in reading order, as (key, raw value) pairs.

    Values are formatted as people read them but NOT yet made visible: the caller
    applies `visible()` (the detail screen wraps them in rich Text, plain text joins them).
    Fields the item does not carry are left out.
    """
    rows = [(k, v) for k, v in _pane_fields(item) if v is not None and v != ""]
    rows.append(("Confidence", confidence_text(item.confidence)))
    if item.updated is not None:
        rows.append(("Updated", format_when(item.updated, with_year=True)))
    if item.note:
        rows.append(("Note", item.note))
    rows.append(("ID", f"{item.id} (derived)" if item.id_derived else item.id))
    for key, value in item.extensions:
        rows.append((key, extension_value(value)))
    return rows


def source_line(situation: Situation, ref: SourceRef) -> str:
    """ "Reuters (wire, B): “quote”" (raw: callers make it visible)."""
    source = situation.sources.get(ref.source)
    if source is None:
        name, details = ref.source, []
    else:
        name = source.name
        details = [d for d in (source.type, source.reliability) if d]
    line = name
    if details:
        line += f" ({', '.join(details)})"
    if ref.quote:
        line += f": “{ref.quote}”"
    return line


def link_line(situation: Situation, item_id: str) -> str:
    """ "Evacuations › Kursk oblast" for a linked id; the bare id when it is gone."""
    target = situation.item(item_id)
    if target is None:
        return f"{item_id} (not in the situation)"
    return item_heading(target)


def _field_lines(key: str, value: str) -> list[str]:
    """ "Key: value"; continuation lines of a multi-line value are indented."""
    first, *rest = visible(value).split("\n")
    lines = [f"{visible(key, single_line=True)}: {first}"]
    lines.extend(f"  {line}" for line in rest)
    return lines


def item_as_text(situation: Situation, item: Item) -> str:
    """The item as a plain-text block: heading, every field, sources, links.

    Control characters are made visible; the result is safe to print or copy.
    """
    lines = [visible(item_heading(item), single_line=True)]
    for key, value in item_fields(item):
        lines.extend(_field_lines(key, value))
    if item.sources:
        lines.append("Sources:")
        for ref in item.sources:
            lines.append("- " + visible(source_line(situation, ref), single_line=True))
    backlinks = situation.backlinks(item.id)
    if item.about or backlinks:
        lines.append("Links:")
        for target in item.about:
            lines.append("- about: " + visible(link_line(situation, target), single_line=True))
        for other in backlinks:
            lines.append("- referenced by: " + visible(item_heading(other), single_line=True))
    return "\n".join(lines)
