"""Contrast of what is on a Textual screen, per colour system (WCAG 2 ratios).

Read through public API only: the exported screenshot (SVG, truecolor: Textual's theme
variables and our CSS resolved to colours, screens composited, line filters applied)
gives each glyph's foreground and background. What a 256- or 16-colour terminal shows is
Rich's own downgrade of those colours (`Color.downgrade`, what Rich writes to such a
terminal) drawn with the standard xterm palette (xterm's defaults for colours 0-15; the
6x6x6 cube and the grey ramp for 16-255).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import Color, ColorSystem
from rich.terminal_theme import TerminalTheme

CELL_WIDTH = 12.2  # an SVG cell's width and a line's height in pixels (Rich's export)
LINE_HEIGHT = 24.4
_RECT = re.compile(
    r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" shape-rendering'
)
_TEXT = re.compile(r'<text class="(terminal-(?:\d+-)?r\d+)" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
_CLASS = re.compile(r"\.(terminal-(?:\d+-)?r\d+) \{ fill: (#[0-9a-fA-F]{6})")

# xterm's default 16 colours (XTerm-col.ad / charproc.c), black to bright white.
XTERM_16 = [
    (0x00, 0x00, 0x00),
    (0xCD, 0x00, 0x00),
    (0x00, 0xCD, 0x00),
    (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE),
    (0xCD, 0x00, 0xCD),
    (0x00, 0xCD, 0xCD),
    (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F),
    (0xFF, 0x00, 0x00),
    (0x00, 0xFF, 0x00),
    (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF),
    (0xFF, 0x00, 0xFF),
    (0x00, 0xFF, 0xFF),
    (0xFF, 0xFF, 0xFF),
]
XTERM = TerminalTheme((0, 0, 0), (0xE5, 0xE5, 0xE5), XTERM_16[:8], XTERM_16[8:])
SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}

# Box drawing, block elements and the scrollbar's eighths are graphics, not text: WCAG
# asks 3:1 of them (1.4.11 non-text contrast), 4.5:1 of text (1.4.3).
TEXT_MIN = 4.5
GRAPHIC_MIN = 3.0


def is_graphic(ch: str) -> bool:
    return "\u2500" <= ch <= "\u259f" or "\u2800" <= ch <= "\u28ff"


@dataclass(frozen=True)
class Glyph:
    row: int
    col: int
    char: str
    fg: str  # "#rrggbb" as exported (truecolor)
    bg: str


def glyphs(svg: str) -> Iterator[Glyph]:
    """Every visible character of an exported screen with its colours."""
    bg: dict[tuple[int, int], str] = {}
    for fill, x, y, w in _RECT.findall(svg):
        row, col = round((float(y) - 1.5) / LINE_HEIGHT), round(float(x) / CELL_WIDTH)
        for c in range(col, col + round(float(w) / CELL_WIDTH)):
            bg[(row, c)] = fill.lower()
    fills = {cls: fill.lower() for cls, fill in _CLASS.findall(svg)}
    for cls, x, y, body in _TEXT.findall(svg):
        row, col = round((float(y) - 20) / LINE_HEIGHT), round(float(x) / CELL_WIDTH)
        for ch in html.unescape(body):
            if ch.strip() and ch != "\xa0":
                yield Glyph(row, col, ch, fills[cls], bg.get((row, col), "#000000"))
            col += cell_len(ch)


def shown(hex_colour: str, system: str) -> tuple[int, int, int]:
    """The colour a terminal of that colour system shows for a truecolor value."""
    colour = Color.parse(hex_colour).downgrade(SYSTEMS[system])
    return tuple(colour.get_truecolor(XTERM))  # type: ignore[return-value]


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Pair:
    ratio: float
    fg: str
    bg: str
    system: str
    text: str  # the characters drawn in that pair (a sample)
    where: tuple[int, int]  # (row, col) of the first

    def __str__(self) -> str:
        return f"{self.ratio:.2f}:1 {self.fg} on {self.bg} ({self.system}) at {self.where}: {self.text!r}"


def pairs(svg: str, system: str) -> list[Pair]:
    """Every foreground/background pair on screen as that colour system shows it, worst first."""
    seen: dict[tuple[str, str, bool], tuple[list[str], tuple[int, int]]] = {}
    for g in glyphs(svg):
        chars, _where = seen.setdefault((g.fg, g.bg, is_graphic(g.char)), ([], (g.row, g.col)))
        chars.append(g.char)
    out = []
    for (fg, bg, _graphic), (chars, where) in seen.items():
        r = ratio(shown(fg, system), shown(bg, system))
        out.append(Pair(r, fg, bg, system, "".join(chars)[:60], where))
    return sorted(out, key=lambda p: p.ratio)


def failures(svg: str, system: str) -> list[Pair]:
    """The pairs below WCAG AA: text under 4.5:1, graphics under 3:1."""
    bad = []
    for p in pairs(svg, system):
        graphic = all(is_graphic(ch) for ch in p.text)
        if p.ratio < (GRAPHIC_MIN if graphic else TEXT_MIN):
            bad.append(p)
    return bad
