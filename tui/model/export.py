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

Each column's tag is distinct (tui/model/export_columns.py: the columns of every list).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

from tui.model.export_columns import COMMON_TAIL, MARKING, PANE_COLUMNS, Column
from tui.model.leftout import valid_items
from tui.model.plain import extension_value
from tui.model.text import visible
from tui.model.types import LISTS, Item, Situation

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


def columns(pane: str) -> tuple[Column, ...]:
    if pane not in PANE_COLUMNS:
        raise ValueError(f"unknown pane {pane!r}; one of: {', '.join(LISTS)}")
    return (MARKING,) + PANE_COLUMNS[pane] + COMMON_TAIL


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
    for pane in LISTS:
        path = out / f"{situation.id}-{pane}.csv"
        tmp = path.with_name(f".{path.name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(export_csv(situation, pane))
        os.replace(tmp, path)
        written.append(path)
    return written
