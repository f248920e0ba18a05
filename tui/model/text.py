"""How people read values, and how untrusted strings are made safe to show.

UI-free (no Rich, no Textual): used by the board, `sitboard check`, brief and export.

- `visible(s)`: every control, bidi, zero-width and other format character becomes a
  visible placeholder (never stripped: the officer must SEE that something odd is there).
- `truncate(s, width)` / `cell_width(s)`: terminal cells, without Rich.
- `format_number`, `format_quantity`, `format_when`, `format_age`, `format_units`:
  "76,000", "over 76,000", "~07 Aug", "3 h ago", "2 operational · 1 shut down".
- `fold(s)`: casefolded, accent-stripped (search: tui/model/search.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from tui.model.textvalues import (
    format_age,
    format_counts,
    format_funding,
    format_geo,
    format_likelihood,
    format_number,
    format_quantity,
    format_series,
    format_units,
    format_when,
)

__all__ = [
    "visible",
    "cell_width",
    "truncate",
    "format_number",
    "format_quantity",
    "format_when",
    "format_age",
    "format_units",
    "format_counts",
    "format_likelihood",
    "format_geo",
    "format_funding",
    "format_series",
    "fold",
    "ELLIPSIS",
]

ELLIPSIS = "…"

# ---------------------------------------------------------------------------
# visible()
# ---------------------------------------------------------------------------

# Format characters (category Cf) plus the line/paragraph separators (Zl, Zp: some
# terminals treat them as line breaks), as of Unicode 14 (Python 3.11). A test checks
# this list against `unicodedata` over every code point, so a newer Python that adds
# format characters fails the test instead of silently letting them through.
_FORMAT_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip


def _codepoint(cp: int) -> str:
    return f"⟨U+{cp:04X}⟩"


def _build_table(single_line: str | None) -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x20):  # C0: control pictures U+2400 + n (ESC -> ␛)
        table[cp] = chr(0x2400 + cp)
    del table[0x0A], table[0x09]  # newline and tab: the caller decides
    table[0x7F] = "␡"  # DEL
    for cp in range(0x80, 0xA0):  # C1 controls (NEL, CSI ...)
        table[cp] = _codepoint(cp)
    for lo, hi in _FORMAT_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = _codepoint(cp)
    for cp in range(0xD800, 0xE000):  # lone surrogates cannot even be encoded
        table[cp] = _codepoint(cp)
    if single_line == "symbols":
        table[0x0A], table[0x0D], table[0x09] = "⏎", "␍", "→"
    elif single_line == "spaces":
        table[0x0A] = table[0x0D] = table[0x09] = " "
    return table


def _class(table: Mapping[int, str]) -> re.Pattern[str]:
    """One character class of ranges (a class of 2,000 single characters is slow)."""
    ranges: list[list[int]] = []
    for cp in sorted(table):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    parts = (re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)
    return re.compile("[" + "".join(parts) + "]")


class _Tables:
    """Built on the first string that needs them (keeps imports fast)."""

    def __init__(self) -> None:
        self.table = _build_table(None)
        self.line = _build_table("symbols")
        self.spaces = _build_table("spaces")
        self.odd = _class(self.table)
        self.odd_line = _class(self.line)  # the same set as `spaces`


_tables: _Tables | None = None


def visible(s: str, single_line: bool = False, *, spaces: bool = False) -> str:
    """`s` made safe to show literally in a terminal; nothing is ever stripped.

    C0 controls -> control pictures (U+2400 + n: ␛ for ESC, ␍ for CR), DEL -> ␡, C1
    controls, bidi controls, zero-width and other format characters (and lone
    surrogates) -> `⟨U+XXXX⟩`. Newline and tab are kept unless `single_line`, which
    turns them into ⏎ / → (CR into ␍), or into plain spaces with `spaces=True`.
    """
    global _tables
    if not isinstance(s, str):
        s = str(s)
    # Every character we replace is non-printable (Cc, Cf, Cs, Zl, Zp): most strings
    # are printable and leave here at C speed.
    if s.isprintable():
        return s
    t = _tables
    if t is None:
        t = _tables = _Tables()
    if single_line:
        if t.odd_line.search(s) is None:
            return s
        return s.translate(t.spaces if spaces else t.line)
    if t.odd.search(s) is None:
        return s
    return s.translate(t.table)


# ---------------------------------------------------------------------------
# cell width, truncate()
# ---------------------------------------------------------------------------


_WIDTHS: dict[str, int] = {}


def _char_width(ch: str) -> int:
    w = _WIDTHS.get(ch)
    if w is None:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            w = 0
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            w = 2
        else:
            w = 1
        if len(_WIDTHS) < 65536:  # a cache, bounded against hostile input
            _WIDTHS[ch] = w
    return w


def cell_width(s: str) -> int:
    """Terminal cells `s` takes: wide/fullwidth = 2, combining marks = 0, else 1."""
    if s.isascii():
        return len(s)
    get = _WIDTHS.get
    total = 0
    for ch in s:
        w = get(ch)
        total += _char_width(ch) if w is None else w
    return total


def truncate(s: str, width: int) -> str:
    """`s` cut to at most `width` terminal cells, ending in '…' when it was cut."""
    if width <= 0:
        return ""
    if s.isascii():
        if len(s) <= width:
            return s
        return s[: width - 1] + ELLIPSIS
    if 2 * len(s) <= width or cell_width(s) <= width:
        return s
    budget = width - 1  # the ellipsis takes one cell
    used = 0
    out: list[str] = []
    for ch in s:
        w = _char_width(ch)
        if used + w > budget:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


# ---------------------------------------------------------------------------
# search
# ---------------------------------------------------------------------------


def fold(s: str) -> str:
    """Casefolded, accent-stripped: "Курская" and "КУРСКАЯ", "Sudža" and "sudza" match."""
    if s.isascii():
        return s.lower()
    decomposed = unicodedata.normalize("NFKD", s)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()
