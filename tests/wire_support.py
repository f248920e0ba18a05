"""A reference terminal for the Wire's tests: pyte, plus what pyte does not keep (dim,
conceal, double underline, overline and other SGR attributes; OSC 8 links), cell by cell.

Two of these, one fed what Textual wrote and one fed what the Wire made of it, must show the
same thing after every write: `cells()` and the cursor.
"""

from __future__ import annotations

import re

import pyte
from wcwidth import wcwidth

OSC8 = re.compile(r"\x1b\]8;([^\x07\x1b]*)(?:\x07|\x1b\\)")
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
# CSI sequences pyte would draw part of (the kitty keyboard protocol's ESC[>1u, ESC[<u): a
# terminal draws nothing for them
PYTE_MISREADS = re.compile(r"\x1b\[[<>=][\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
CUT = re.compile(r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*|\][^\x07\x1b]*\x1b?|[\x20-\x2f]*)\Z")
# attributes pyte drops: dim, blink2, conceal, double underline, frame, encircle, overline,
# underline styles (4:x) and colours (58)
EXTRA_ON = {"2", "6", "8", "21", "51", "52", "53"}
EXTRA_OFF = {"22": {"2"}, "25": {"6"}, "28": {"8"}, "24": {"21"}, "54": {"51", "52"}, "55": {"53"}}


class RefScreen(pyte.Screen):
    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.extras: frozenset[str] = frozenset()
        self.link = ""
        self.extra_at: dict[tuple[int, int], tuple[frozenset[str], str]] = {}
        self.stream = pyte.Stream(self)
        self.pending = ""

    def feed(self, data: str) -> None:
        data, self.pending = self.pending + data, ""
        cut = CUT.search(data)
        if cut:  # an escape cut in two: wait for the rest
            data, self.pending = data[: cut.start()], data[cut.start() :]
        pos = 0
        for m in OSC8.finditer(data):
            self.feed_plain(data[pos : m.start()])
            params, _, uri = m.group(1).partition(";")
            self.link = f"{params};{uri}" if uri else ""
            pos = m.end()
        self.feed_plain(data[pos:])

    def feed_plain(self, data: str) -> None:
        data = PYTE_MISREADS.sub("", data)
        pos = 0
        for m in SGR.finditer(data):
            self.stream.feed(data[pos : m.start()])
            self.note_sgr(m.group(1))
            self.stream.feed(m.group())
            pos = m.end()
        self.stream.feed(data[pos:])

    def note_sgr(self, params: str) -> None:
        extras = set(self.extras)
        parts = params.split(";")
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in ("", "0"):
                extras.clear()
            elif p in ("38", "48", "58"):
                n = 3 if parts[i + 1 : i + 2] == ["5"] else 5
                if p == "58":
                    extras = {e for e in extras if not e.startswith("58")} | {";".join(parts[i : i + n])}
                i += n
                continue
            elif p in EXTRA_ON or p.startswith("4:"):
                extras.add(p)
            elif p in EXTRA_OFF:
                extras -= EXTRA_OFF[p]
                if p == "24":
                    extras = {e for e in extras if not e.startswith("4:")}
            elif p == "59":
                extras = {e for e in extras if not e.startswith("58")}
            i += 1
        self.extras = frozenset(extras)

    def draw(self, data: str) -> None:
        for ch in data:
            w = wcwidth(ch)
            x, y = self.cursor.x, self.cursor.y
            if x == self.columns and w > 0 and pyte.modes.DECAWM not in self.mode:
                x -= w
            super().draw(ch)
            if w > 0 and pyte.modes.DECAWM not in self.mode:
                for dx in range(w):
                    self.extra_at[(y, x + dx)] = (self.extras, self.link)

    def erase_in_display(self, how: int = 0, *args: object, **kwargs: object) -> None:
        """Erased cells take the pen (pyte's rule for its own attributes too); the link goes."""
        y, x = self.cursor.y, self.cursor.x
        super().erase_in_display(how)
        cells = [(r, c) for r in range(self.lines) for c in range(self.columns)]
        if how == 0:
            cells = [(r, c) for r, c in cells if (r, c) >= (y, x)]
        elif how == 1:
            cells = [(r, c) for r, c in cells if (r, c) <= (y, x)]
        for key in cells:
            self.extra_at[key] = (self.extras, "")

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        y, x = self.cursor.y, self.cursor.x
        super().erase_in_line(how)
        span = range(x, self.columns) if how == 0 else range(0, x + 1) if how == 1 else range(self.columns)
        for c in span:
            self.extra_at[(y, c)] = (self.extras, "")

    def cells(self) -> list[list[tuple[object, ...]]]:
        """Every cell: pyte's character and attributes, and the extras and the link."""
        blank = (frozenset(), "")
        return [
            [(*self.buffer[y][x], *self.extra_at.get((y, x), blank)) for x in range(self.columns)]
            for y in range(self.lines)
        ]

    def where(self) -> tuple[int, int]:
        return (self.cursor.y, self.cursor.x)


def differences(a: RefScreen, b: RefScreen, limit: int = 5) -> list[str]:
    """Where two screens differ (at most `limit` cells), and the cursors."""
    out = []
    ca, cb = a.cells(), b.cells()
    for y in range(a.lines):
        for x in range(a.columns):
            if ca[y][x] != cb[y][x] and len(out) < limit:
                out.append(f"({y},{x}): {ca[y][x]} != {cb[y][x]}")
    if a.where() != b.where():
        out.append(f"cursor {a.where()} != {b.where()}")
    return out
