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
from collections.abc import Callable
from typing import Any

from tui.model.spec import COMMON, LIST
from tui.model.text import (
    format_counts,
    format_funding,
    format_geo,
    format_likelihood,
    format_quantity,
    format_series,
    format_units,
    format_when,
    visible,
)
from tui.model.types import PANE_TITLES, Item, Quantity, Situation, SourceRef, When

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


def field_title(name: str) -> str:
    """A field as a heading: "depth_km" -> "Depth", "next_update" -> "Next update"."""
    if name.endswith("_km"):
        name = name[: -len("_km")]
    return name.replace("_", " ").capitalize()


def _quantity(name: str, value: Any) -> str | None:
    if not isinstance(value, Quantity):
        return None
    return format_quantity(value, unit_default="km" if name.endswith("_km") else None)


def _time(_name: str, value: Any) -> str | None:
    return format_when(value, with_year=True) if isinstance(value, When) else None


def _textlist(_name: str, value: Any) -> str | None:
    return ", ".join(str(v) for v in value) if value else None


def _units(_name: str, value: Any) -> str | None:
    return format_units(value) if value else None


def _text(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return f"“{value}”" if name == "quote" else str(value)


def _bool(_name: str, value: Any) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _enum(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if name == "likelihood":
        return format_likelihood(value)  # "likely (55-75 %)": the word with its band
    return str(value).replace("_", " ")


def _counts(_name: str, value: Any) -> str | None:
    return format_counts(value) if value else None


def _series(_name: str, value: Any) -> str | None:
    return format_series(value) if value else None


def _geo(_name: str, value: Any) -> str | None:
    return format_geo(value) or None


def _funding(_name: str, value: Any) -> str | None:
    return format_funding(value) or None


# How each kind of value reads (tui.model.spec: Field.kind); a kind not listed reads through
# the generic value_text (a new kind shows, plainly, until it gets its own line here).
KIND_TEXT: dict[str, Callable[[str, Any], str | None]] = {
    "text": _text,
    "slug": _text,
    "enum": _enum,
    "quantity": _quantity,
    "time": _time,
    "exact_time": _time,
    "textlist": _textlist,
    "units": _units,
    "bool": _bool,
    "counts": _counts,
    "breakdown": _counts,
    "series": _series,
    "geo": _geo,
    "funding": _funding,
}


def _generic(name: str, value: Any) -> str | None:
    if value is None or value == () or value == "":
        return None
    from tui.model.values import value_text

    return value_text(name, value, None)


def _list_fields(item: Item) -> list[tuple[str, str | None]]:
    """The item's own fields (its list's, from the spec), label first, in the spec's order."""
    lst = LIST.get(item.pane)
    if lst is None:
        return [("Label", item.label)]
    # An item with errors (BrokenItem) holds the fields that validated in `values`.
    held = dict(getattr(item, "values", ())) if item.broken else None
    rows = []
    for f in lst.fields:
        value = held.get(f.name) if held is not None else getattr(item, f.name, None)
        rows.append((field_title(f.name), KIND_TEXT.get(f.kind, _generic)(f.name, value)))
    return rows


def _common_fields(item: Item) -> list[tuple[str, str | None]]:
    """The fields every item may carry that read as rows (not id, sources, about, note:
    those have their own place), in the spec's order."""
    rows = []
    for f in COMMON:
        if f.name in ("id", "sources", "about", "note", "confidence", "updated"):
            continue
        value = getattr(item, f.name, None)
        rows.append((field_title(f.name), KIND_TEXT.get(f.kind, _generic)(f.name, value)))
    return rows


def item_fields(item: Item) -> list[tuple[str, str]]:
    """Every field the item carries, in reading order, as (key, raw value) pairs.

    The list's own fields come from the format spec (tui.model.spec), so a new field shows
    here, in the detail, the copy and the brief, without a line of code. Values are
    formatted as people read them but NOT yet made visible: the caller applies `visible()`
    (the detail screen wraps them in rich Text, plain text joins them). Fields the item does
    not carry are left out.
    """
    rows = [(k, v) for k, v in _list_fields(item) + _common_fields(item) if v is not None and v != ""]
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
