"""Cells and graphemes as Textual measures them (Rich's cell widths), and which ones terminals
may draw at another width."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import get_character_cell_size

CONT = ""  # the right half of a wide character

# Characters one cell wide for Rich and for every terminal: ASCII, Latin, Greek, Cyrillic, box
# drawing and blocks, Braille (the ranges Rich itself treats as one cell), and the punctuation
# and arrows the board draws (checked against Rich's table below).
_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC), (0x2800, 0x28FF))
_MORE = ((0x2010, 0x2027), (0x2030, 0x205E), (0x2190, 0x21FF))


def _narrow_ranges() -> list[tuple[int, int]]:
    runs = list(_RANGES)
    for a, b in _MORE:
        start = None
        for c in range(a, b + 2):
            one = c <= b and get_character_cell_size(chr(c)) == 1
            if one and start is None:
                start = c
            elif not one and start is not None:
                runs.append((start, c - 1))
                start = None
    return runs


# As a regex character class (a set of the 2,800 characters took 270 KB of every board)
_NARROW_CLASS = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _narrow_ranges())
_NARROW_TEXT = re.compile(f"[{_NARROW_CLASS}]*")
# Emoji and symbols that terminals draw one or two cells wide depending on their Unicode tables
_SHAKY = ((0x2300, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x3030, 0x303D), (0x1F000, 0x10FFFF))


def is_narrow(text: str) -> bool:
    """Every character of `text` is one cell wide, for Rich and for terminals."""
    return text.isascii() or _NARROW_TEXT.fullmatch(text) is not None


@lru_cache(maxsize=4096)
def is_risky(g: str) -> bool:
    """Might a terminal draw grapheme `g` at another width than Rich measures? (Combining
    sequences, emoji, symbols with an emoji form, wide characters that are not East Asian.)"""
    if len(g) > 1:
        return True
    o = ord(g)
    if o < 0x1100 or _NARROW_TEXT.fullmatch(g) is not None:
        return False
    if any(a <= o <= b for a, b in _SHAKY):
        return True
    width = get_character_cell_size(g)
    return width != 1 and (width == 0 or unicodedata.east_asian_width(g) not in ("W", "F"))


def byte_len(c: str) -> int:
    return 1 if c.isascii() else len(c.encode("utf-8", "surrogatepass"))
