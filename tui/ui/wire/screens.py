"""The two pictures of the screen the Wire keeps, and how the difference is written.

`want` is what Textual's own output would have put on the terminal, `have` what ours has put
there: per cell a grapheme (None: not known; "" the right half of a wide character) and a pen
(an index into `pens`). `frame()` writes the cells Textual drew (`dirty`) that differ, joining
runs when rewriting a few unchanged cells costs less than moving over them, with the cheapest
cursor moves and pen changes; the terminal's pen and cursor are followed as it goes.
"""

from __future__ import annotations

from tui.ui.wire.cells import CONT, byte_len, is_risky
from tui.ui.wire.pen import DEFAULT, Pen, transition


class Screens:
    def __init__(self) -> None:
        self.cols = self.rows = 0
        self.want_c: list[list[str | None]] = []
        self.want_p: list[list[int]] = []
        self.have_c: list[list[str | None]] = []
        self.have_p: list[list[int]] = []
        self.pens: list[Pen] = [DEFAULT]
        self.pen_ids: dict[Pen, int] = {DEFAULT: 0}
        self.moves: dict[tuple[int, int], str] = {}  # (old pen or -1, new pen) -> sequence
        self.term_pen: int | None = None  # the terminal's pen (None: not known)
        self.term_cursor: tuple[int, int] | None = None  # the terminal's cursor, when known
        self.dirty: dict[int, list[int]] = {}  # row -> [first, end) of the cells Textual drew
        self.risky: set[int] = set()  # rows with a grapheme whose width terminals disagree on
        self.orphans: set[tuple[int, int]] = set()  # halves of wide characters overwritten

    def forget(self, cols: int, rows: int) -> None:
        """Nothing is known of the screen (now of this size) or of the terminal's cursor."""
        self.cols, self.rows = cols, rows
        self.want_c = [[None] * cols for _ in range(rows)]
        self.have_c = [[None] * cols for _ in range(rows)]
        self.want_p = [[0] * cols for _ in range(rows)]
        self.have_p = [[0] * cols for _ in range(rows)]
        self.dirty.clear()
        self.risky.clear()
        self.orphans.clear()
        self.term_cursor = None

    def intern(self, pen: Pen) -> int:
        n = self.pen_ids.get(pen)
        if n is None:
            n = self.pen_ids[pen] = len(self.pens)
            self.pens.append(pen)
        return n

    def pen_to(self, pen: int) -> str:
        """The sequence that sets the terminal's pen to `pen` (cached per pair)."""
        old = self.term_pen
        if old == pen:
            return ""
        key = (-1 if old is None else old, pen)
        s = self.moves.get(key)
        if s is None:
            s = self.moves[key] = transition(None if old is None else self.pens[old], self.pens[pen])
        self.term_pen = pen
        return s

    def move(self, start: tuple[int, int] | None, to: tuple[int, int]) -> str:
        """The shortest cursor move from `start` (None: not known) to `to`: CUP, or CUF/CUB/
        CUD/CUU, CR, BS (VT100's own; no CHA or VPA)."""
        y, x = to
        best = f"\x1b[{y + 1};{x + 1}H" if x else f"\x1b[{y + 1}H" if y else "\x1b[H"
        if start is None:
            return best
        sy, sx = start
        if sy == y:
            d = x - sx
            s = (
                ""
                if d == 0
                else "\x1b[C"
                if d == 1
                else f"\x1b[{d}C"
                if d > 0
                else "\r"
                if x == 0
                else "\b"
                if d == -1
                else f"\x1b[{-d}D"
            )
        elif sx == x or x == 0:
            d = y - sy
            s = ("\r" if x != sx else "") + ("\x1b[B" if d == 1 else f"\x1b[{d}B" if d > 0 else f"\x1b[{-d}A")
        else:
            return best
        return s if len(s) < len(best) else best

    def frame(self, cursor: tuple[int, int]) -> str:
        """What Textual drew since the last frame that differs from the terminal, then the
        cursor where Textual left it."""
        out = [self.row(y, *self.dirty[y]) for y in sorted(self.dirty)]
        self.dirty.clear()
        if cursor != self.term_cursor:
            out.append(self.move(self.term_cursor, cursor))
            self.term_cursor = cursor
        return "".join(out)

    def row(self, y: int, lo: int, hi: int) -> str:
        wc, wp, hc, hp = self.want_c[y], self.want_p[y], self.have_c[y], self.have_p[y]
        cols = self.cols
        changed = [x for x in range(lo, min(hi, cols)) if wc[x] is not None and (wc[x] != hc[x] or wp[x] != hp[x])]
        if not changed:
            return ""
        if y in self.risky:
            # Terminals disagree on this row's widths: rewrite it whole from the left edge, as a
            # full repaint of Textual's does, so nothing is left half shifted.
            if not any(c and is_risky(c) for c in wc):
                self.risky.discard(y)
            elif None not in wc:
                changed = []
        runs: list[list[int]] = [] if changed else [[0, cols]]
        for x in changed:
            a = x - 1 if wc[x] == CONT else x
            b = x + 2 if x + 1 < cols and wc[x + 1] == CONT else x + 1
            if runs and a <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        out: list[str] = []
        i = 0
        while i < len(runs):
            a, b = runs[i]
            # join the next runs when writing the cells between costs less than moving over them
            while i + 1 < len(runs) and self.join_cost(y, b, runs[i + 1][0]):
                b = runs[i + 1][1]
                i += 1
            out.append(self.move(self.term_cursor, (y, a)))
            out.append(self.cells(y, a, b))
            i += 1
        return "".join(out)

    def join_cost(self, y: int, b: int, a2: int) -> bool:
        """Is writing cells b..a2-1 (unchanged) cheaper than moving the cursor over them?"""
        if a2 - b > 12:
            return False
        wc, wp = self.want_c[y], self.want_p[y]
        gap = wc[b:a2]
        if None in gap or (b > 0 and wc[b] == CONT):
            return False
        pen = wp[b - 1]
        cost = 0
        for x in range(b, a2):
            c = wc[x]
            if c:
                if wp[x] != pen:
                    cost += len(self.cached(pen, wp[x]))
                    pen = wp[x]
                cost += byte_len(c)
        cost += len(self.cached(pen, wp[a2]))
        skip = len(f"\x1b[{a2 - b}C") if a2 - b > 1 else 3
        return cost <= skip + len(self.cached(wp[b - 1], wp[a2]))

    def cached(self, old: int, new: int) -> str:
        if old == new:
            return ""
        s = self.moves.get((old, new))
        if s is None:
            s = self.moves[(old, new)] = transition(self.pens[old], self.pens[new])
        return s

    def cells(self, y: int, a: int, b: int) -> str:
        """Cells a..b-1 of row y as they should be; the terminal's picture, pen and cursor follow."""
        wc, wp = self.want_c[y], self.want_p[y]
        out: list[str] = []
        risky = y in self.risky
        shaky = False
        for x in range(a, b):
            c = wc[x]
            if not c:
                continue  # the right half of a wide character
            p = wp[x]
            if p != self.term_pen:
                out.append(self.pen_to(p))
            out.append(c)
            if risky and is_risky(c):
                shaky = True
        self.have_c[y][a:b] = wc[a:b]
        self.have_p[y][a:b] = wp[a:b]
        self.term_cursor = None if shaky or b >= self.cols else (y, b)
        return "".join(out)
