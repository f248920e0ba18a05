"""CSV export with HXL hashtags, for spreadsheets and HDX (UI-free).

    export_csv(situation, pane) -> str          header row, HXL hashtag row, one row per item
                                                (the handling marking first on every row)
    export_all(situation, folder) -> list[Path] one `<situation id>-<pane>.csv` per pane

The second row carries the Humanitarian Exchange Language (HXL) hashtags
(https://hxlstandard.org/standard/dictionary/): core hashtags where one fits
(#adm1 for an area or place, #affected+idps for people displaced, #date, #status,
#meta+source, #meta+id, #org, #event, #loc, #description) and `#x_...` (HXL's
custom-hashtag convention) for the rest (#x_confidence, #x_reliability ...).
Numeric HXL columns hold plain numbers (76000, not "over 76,000"); the figure as
people read it sits in its own text column beside the qualifier.

Safe for spreadsheets: a cell that starts with = + - @ TAB CR or LF, or with white space
or invisible characters before one of = + - @, is prefixed with a single quote (CSV
injection); control characters are made visible.

Each column's tag is distinct: no column's hashtag and attributes are a subset of another's
(HXL reads `#affected+idps` as every column tagged `#affected+idps+...`), so a query for the
number displaced finds the number, never its qualifier or its bounds.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.model.leftout import valid_items
from tui.model.plain import extension_value
from tui.model.provenance import best_grade
from tui.model.text import format_quantity, format_units, visible
from tui.model.types import PANES, Item, Quantity, Situation, When

__all__ = ["export_csv", "export_all", "columns", "safe_cell", "PANE_COLUMNS"]

# What a spreadsheet may run as a formula when a cell starts with it (CSV injection;
# OWASP), fullwidth forms included (some spreadsheets fold them to ASCII).
_FORMULA_CHARS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_FORMULA_LEADS = (*_FORMULA_CHARS, "\t", "\r", "\n")
# What may stand before a formula and be skipped or trimmed by a spreadsheet: white space
# (no-break and ideographic spaces included) and invisible characters (zero-width space,
# joiners, BOM, bidi marks), raw or as `visible()` shows them (⟨U+200B⟩, ␍).
_BLANK_LEAD = re.compile(
    r"(?:[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]"
    r"|⟨U\+[0-9A-F]{4,6}⟩|[\u2400-\u2421])+"
)

Column = tuple[str, str, Callable[[Item, Situation], Any]]


def _formula_like(text: str) -> bool:
    if text.startswith(_FORMULA_LEADS):
        return True
    m = _BLANK_LEAD.match(text)
    return m is not None and text[m.end() : m.end() + 1].startswith(_FORMULA_CHARS)


def safe_cell(value: Any) -> str:
    """One CSV cell: text made visible (newlines kept), formula-looking text neutralised.

    A cell that starts with = + - @ (or their fullwidth forms), TAB, CR or LF, or with any
    run of white space or invisible characters before one of = + - @, gets a leading `'`:
    spreadsheets show it as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))  # 20.0 -> "20": spreadsheets read both, people prefer this
        return repr(value)
    raw = str(value)
    text = visible(raw)
    if _formula_like(raw) or _formula_like(text):
        text = "'" + text
    return text


def _iso(w: When | None) -> str:
    return "" if w is None else w.value.isoformat()


def _approx(w: When | None) -> str:
    return "" if w is None or not w.approx else "approx"


def _num(q: Quantity | None) -> Any:
    return None if q is None else q.value


def _qual(q: Quantity | None) -> str:
    return "" if q is None or not q.qualifier else q.qualifier


def _min(q: Quantity | None) -> Any:
    return None if q is None else q.min


def _max(q: Quantity | None) -> Any:
    return None if q is None else q.max


def _sources(item: Item, sit: Situation) -> str:
    names = []
    for ref in item.sources:
        src = sit.sources.get(ref.source)
        name = src.name if src is not None else ref.source
        if name not in names:
            names.append(name)
    return "; ".join(names)


def _grades(item: Item, sit: Situation) -> str:
    out = []
    for ref in item.sources:
        src = sit.sources.get(ref.source)
        grade = (src.reliability if src is not None else None) or "?"
        if grade not in out:
            out.append(grade)
    return "; ".join(out)


def _join(values: tuple[str, ...]) -> str:
    return "; ".join(values)


def _get(name: str) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: getattr(it, name, None)


def _q(name: str, fn: Callable[[Quantity | None], Any]) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: fn(getattr(it, name, None))


def _w(name: str, fn: Callable[[When | None], Any]) -> Callable[[Item, Situation], Any]:
    return lambda it, _s: fn(getattr(it, name, None))


def _text_q(name: str, unit: str | None = None) -> Callable[[Item, Situation], Any]:
    def f(it: Item, _s: Situation) -> str:
        q = getattr(it, name, None)
        return "" if q is None else format_quantity(q, unit_default=unit)

    return f


_ID: Column = ("ID", "#meta+id", _get("id"))
# The handling marking on every row, first: a row copied, filtered or sorted away from the
# header keeps it.
_MARKING: Column = ("Marking", "#meta+marking", lambda it, s: s.marking or "")
_COMMON_TAIL: tuple[Column, ...] = (
    ("Confidence", "#x_confidence", _get("confidence")),
    ("Sources", "#meta+source", _sources),
    ("Source grades", "#x_reliability+list", _grades),
    ("Best grade", "#x_reliability+best", lambda it, s: best_grade(it, s) or ""),
    ("Updated", "#date+reported", _w("updated", _iso)),
    ("Note", "#description+note", _get("note")),
    ("Situation", "#crisis+code", lambda it, s: s.id),
)

PANE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "fronts": (
        _ID,
        ("Name", "#x_front+name", _get("name")),
        ("Status", "#status", _get("status")),
        ("Sides", "#group+name", lambda it, s: _join(it.sides)),  # type: ignore[attr-defined]
        ("Depth", "#x_depth+text", _text_q("depth_km", "km")),
        ("Depth km", "#x_depth+km+num", _q("depth_km", _num)),
        ("Depth qualifier", "#x_depth+qualifier", _q("depth_km", _qual)),
        ("Depth km min", "#x_depth+km+min", _q("depth_km", _min)),
        ("Depth km max", "#x_depth+km+max", _q("depth_km", _max)),
        ("Strength", "#x_strength", _get("strength")),
        ("Since", "#date+start", _w("since", _iso)),
        ("Since approx", "#meta+approx", _w("since", _approx)),
        ("Places", "#adm1+name", lambda it, s: _join(it.places)),  # type: ignore[attr-defined]
    ),
    "evacuations": (
        _ID,
        ("Area", "#adm1+name", _get("area")),
        ("People", "#x_people+text", _text_q("people")),
        ("People displaced", "#affected+idps", _q("people", _num)),
        ("People qualifier", "#x_people+qualifier", _q("people", _qual)),
        ("People min", "#x_people+min", _q("people", _min)),
        ("People max", "#x_people+max", _q("people", _max)),
        ("Status", "#status", _get("status")),
        ("Authority", "#org+name", _get("authority")),
        ("Destination", "#loc+dest+name", _get("destination")),
        ("Since", "#date+start", _w("since", _iso)),
        ("Since approx", "#meta+approx", _w("since", _approx)),
    ),
    "statements": (
        _ID,
        ("Actor", "#x_actor+name", _get("actor")),
        ("Role", "#x_actor+role", _get("role")),
        ("Quote", "#x_quote", _get("quote")),
        ("Summary", "#description+summary", _get("summary")),
        ("Date", "#date+occurred", _w("date", _iso)),
        ("Date approx", "#meta+approx", _w("date", _approx)),
        ("Channel", "#x_medium", _get("channel")),
    ),
    "infrastructure": (
        _ID,
        ("Name", "#loc+name", _get("name")),
        ("Kind", "#loc+type", _get("kind")),
        ("Status", "#status", _get("status")),
        ("Location", "#adm1+name", _get("location")),
        ("Units", "#x_units", lambda it, s: format_units(it.units)),  # type: ignore[attr-defined]
        ("Significance", "#x_significance", _get("significance")),
    ),
    "events": (
        _ID,
        ("What", "#event+name", _get("what")),
        ("Date", "#date+occurred", _w("date", _iso)),
        ("Date approx", "#meta+approx", _w("date", _approx)),
        ("Where", "#adm1+name", _get("where")),
        ("Count", "#x_count+text", _text_q("count")),
        ("Count number", "#x_count+num", _q("count", _num)),
        ("Count qualifier", "#x_count+qualifier", _q("count", _qual)),
        ("Count min", "#x_count+min", _q("count", _min)),
        ("Count max", "#x_count+max", _q("count", _max)),
        ("Count unit", "#x_count+unit", lambda it, s: (it.count.unit or "") if it.count else ""),  # type: ignore[attr-defined]
    ),
}


def columns(pane: str) -> tuple[Column, ...]:
    if pane not in PANE_COLUMNS:
        raise ValueError(f"unknown pane {pane!r}; one of: {', '.join(PANES)}")
    return (_MARKING,) + PANE_COLUMNS[pane] + _COMMON_TAIL


def _extension_keys(items: tuple[Item, ...]) -> list[str]:
    keys: list[str] = []
    for it in items:
        for k, _ in it.extensions:
            if k not in keys:
                keys.append(k)
    return keys


def _hxl_custom(key: str, taken: set[str]) -> str:
    """`x-desk-lead` -> `#x_ext_desk_lead` (HXL hashtags: letters, digits, underscores). The
    `ext_` keeps it apart from our own columns (an `x-confidence` is not `#x_confidence`), a
    number apart from a twin (`x-a-b`, `x-a_b`)."""
    body = "".join(c if c.isascii() and c.isalnum() else "_" for c in key[2:].lower()).strip("_")
    base = f"#x_ext_{body}".rstrip("_")
    tag, n = base, 1
    while tag in taken:
        n += 1
        tag = f"{base}_{n}"
    taken.add(tag)
    return tag


def export_csv(situation: Situation, pane: str) -> str:
    """The pane as CSV: a header row, the HXL hashtag row, one row per item (RFC 4180, CRLF)."""
    cols = columns(pane)
    items = valid_items(situation.pane(pane))  # items with errors are left out (the CLI names them)
    ext = _extension_keys(items)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c[0]) for c in cols] + [safe_cell(k) for k in ext])
    taken: set[str] = set()
    writer.writerow([c[1] for c in cols] + [_hxl_custom(k, taken) for k in ext])
    for it in items:
        row = [safe_cell(fn(it, situation)) for _, _, fn in cols]
        values = dict(it.extensions)
        row += [safe_cell(extension_value(values[k])) if k in values else "" for k in ext]
        writer.writerow(row)
    return buf.getvalue()


def export_all(situation: Situation, folder: str | os.PathLike[str]) -> list[Path]:
    """One CSV per pane in `folder` (created if needed): `<situation id>-<pane>.csv`.

    OSError (unwritable folder, full disk) propagates: the command line reports it."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for pane in PANES:
        path = out / f"{situation.id}-{pane}.csv"
        tmp = path.with_name(f".{path.name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(export_csv(situation, pane))
        os.replace(tmp, path)
        written.append(path)
    return written
