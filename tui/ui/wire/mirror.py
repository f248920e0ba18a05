"""The Wire: what Textual writes goes in, the cells that changed come out.

Two pictures of the screen are kept, cell by cell (the grapheme and its pen): `want`, what
Textual's own output would have put on the terminal, and `have`, what our output has put
there. A write that only draws (cursor moves, SGR, text, OSC 8 links: Textual's frames) is
applied to `want`; the cells it touched that differ from `have` go out, row by row, with the
cheapest cursor moves and pen changes (pen.py). Anything else (modes, queries, the
alternate screen, sequences this module does not model) goes out as written, and where it
may change the screen both pictures forget what they knew: a cell nobody knows is one
Textual's output has drawn as it would have been drawn anyway. Whatever cannot be followed
exactly (a wide character cut in half, a write past the edge) goes out as written too.

The invariant, checked against a terminal emulator on random and recorded frames
(tests/test_wire.py): after each write, the terminal shows what Textual's own output would
have shown, cell by cell, colours and attributes included, with the cursor in the same place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import split_graphemes

from tui.ui.wire.cells import CONT, is_narrow, is_risky
from tui.ui.wire.pen import apply_osc8, apply_sgr
from tui.ui.wire.screens import Screens
from tui.ui.wire.tokens import CURSOR, CUT, LONE, SCREEN, SYNC_END, SYNC_START, TOKEN, UNKNOWN, Weird, draws, effect

Size = tuple[int, int]  # columns, rows


class Wire:
    """Feed it every string Textual writes; write what it returns. `size()` is the terminal's
    (columns, rows) now, or None when there is no terminal to measure (then writes pass)."""

    def __init__(self, size: Callable[[], Size | None]) -> None:
        self.size = size
        self.screens = Screens()
        self.sgr_cache: dict[tuple[int, str], int] = {}
        self.pen = 0  # the pen Textual's output has set
        self.cursor: tuple[int, int | None] | None = None  # Textual's cursor (column None: not known)
        self.carry = ""  # an escape sequence cut off by the end of a write
        self.held = ""  # a synchronized-update start, written with the next thing that is
        self.busy = False
        self.interrupted = False
        self.resized = False  # set by SIGWINCH: the terminal may have lost what it showed
        self.saved_pen = 0  # the pen when the alternate screen was entered
        self.given_up = False  # a sequence we do not follow went out: every write goes as written

    # -- in ------------------------------------------------------------------------------

    def feed(self, data: str) -> str:
        if self.given_up:
            return self.take_held() + data
        if self.busy:  # a signal handler writes while a write is worked out (Ctrl+Z): pass it
            self.interrupted = True
            return "\x1b[m" + data
        self.busy = True
        carry = self.carry
        try:
            out = self.work(data)
        finally:
            self.busy = False
        if self.interrupted:  # what the handler wrote went first: this goes as written, and
            self.interrupted = False  # nothing is known any more
            self.forget(self.screens.cols, self.screens.rows)
            self.screens.term_pen, self.carry, self.held = None, "", ""
            return "\x1b[m" + carry + data
        return out

    def work(self, data: str) -> str:
        data, self.carry = self.carry + data, ""
        tokens: list[re.Match[str]] = []
        drawing = True
        pos, end = 0, len(data)
        while pos < end:
            m = TOKEN.match(data, pos)
            if m is None:
                if CUT.match(data, pos):
                    data, self.carry = data[:pos], data[pos:]
                    break
                m = LONE.match(data, pos)
                assert m is not None
            tokens.append(m)
            pos = m.end()
            drawing = drawing and draws(m)
        if not tokens:
            return ""
        size = self.size()
        if size is None or min(size) < 1:
            self.forget(0, 0)
            return self.take_held() + data
        if self.resized or size != (self.screens.cols, self.screens.rows):
            self.resized = False
            self.forget(*size)
        if not drawing:
            if not any(draws(m) for m in tokens):
                return self.controls(data, tokens)
            return self.as_written(data, tokens, self.pen, self.cursor)
        pen, cursor = self.pen, self.cursor
        try:
            for m in tokens:
                self.draw(m)
            if (
                self.screens.orphans
                or self.cursor is None
                or self.cursor[1] is None
                or self.cursor[1] >= self.screens.cols
            ):
                raise Weird
        except Weird:
            return self.as_written(data, tokens, pen, cursor)
        s = self.screens.frame((self.cursor[0], self.cursor[1]))
        return self.take_held() + s if s else ""

    def draw(self, m: re.Match[str]) -> None:
        kind = m.lastgroup
        if kind == "text":
            self.put(m.group())
            return
        if kind == "osc":
            self.pen = self.screens.intern(apply_osc8(self.screens.pens[self.pen], m["body"]))
            return
        cursor = self.cursor
        if kind == "ctl":
            if cursor is None:
                raise Weird
            y, x = cursor
            c = m.group()
            if c == "\r":
                self.cursor = (y, 0)
            elif c == "\n":
                if y + 1 >= self.screens.rows:
                    raise Weird  # the screen would scroll
                self.cursor = (y + 1, None)  # the column depends on the terminal's ONLCR
            elif x is None or x == 0 or x >= self.screens.cols:
                raise Weird
            else:
                self.cursor = (y, x - 1)
            return
        final, params = m["final"], m["params"]
        if final == "m":
            key = (self.pen, params)
            pen = self.sgr_cache.get(key)
            if pen is None:
                pen = self.sgr_cache[key] = self.screens.intern(apply_sgr(self.screens.pens[self.pen], params))
            self.pen = pen
            return
        first, _, second = params.partition(";")
        n = int(first or 1)
        if final in "Hf":
            y, x = n - 1, int(second or 1) - 1
        else:
            if cursor is None or cursor[1] is None or cursor[1] >= self.screens.cols:
                raise Weird
            y = cursor[0] + (n if final == "B" else -n if final == "A" else 0)
            x = cursor[1] + (n if final == "C" else -n if final == "D" else 0)
        if not (0 <= y < self.screens.rows and 0 <= x < self.screens.cols):
            raise Weird  # the terminal would clamp it
        self.cursor = (y, x)

    def put(self, text: str) -> None:
        """Text at the cursor, as a terminal without autowrap draws it (Textual's ?7l)."""
        if self.cursor is None or self.cursor[1] is None:
            raise Weird
        y, x = self.cursor[0], self.cursor[1]
        screens = self.screens
        chars, pens, cols, pen = screens.want_c[y], screens.want_p[y], screens.cols, self.pen
        start = x
        if is_narrow(text):
            end = x + len(text)
            if end > cols:
                raise Weird
            self.cut(y, x, end)
            chars[x:end] = text
            pens[x:end] = [pen] * (end - x)
            x = end
        else:
            for a, b, width in split_graphemes(text)[0]:
                g = text[a:b]
                if width == 0:  # a combining mark: joins the cell before the cursor
                    if x == 0 or x >= cols:
                        raise Weird
                    left = x - 1 if chars[x - 1] != CONT else x - 2
                    if left < 0 or not chars[left] or (y, left) in self.screens.orphans:
                        raise Weird
                    chars[left] = f"{chars[left]}{g}"
                    start = min(start, left)
                    self.screens.risky.add(y)
                    continue
                if x + width > cols:
                    raise Weird
                self.cut(y, x, x + width)
                chars[x] = g
                pens[x] = pen
                if width == 2:
                    chars[x + 1] = CONT
                    pens[x + 1] = pen
                if is_risky(g):
                    self.screens.risky.add(y)
                x += width
        self.cursor = (y, x)
        span = self.screens.dirty.get(y)
        if span is None:
            self.screens.dirty[y] = [start, x]
        else:
            span[0], span[1] = min(span[0], start), max(span[1], x)

    def cut(self, y: int, a: int, b: int) -> None:
        """Cells a..b-1 are about to be written: a wide character they cut in half leaves its
        other half in a state terminals do not agree on (an orphan, unless written later)."""
        chars = self.screens.want_c[y]
        orphans = self.screens.orphans
        if orphans:
            for x in range(a, b):
                orphans.discard((y, x))
        if chars[a] == CONT and a > 0:
            orphans.add((y, a - 1))
        if b < self.screens.cols and chars[b] == CONT:
            orphans.add((y, b))

    def controls(self, data: str, tokens: list[re.Match[str]]) -> str:
        """A write with nothing drawn in it: modes, queries, screen switches ..."""
        if data == SYNC_START:
            self.held = data
            return ""
        if data == SYNC_END and self.held:
            self.held = ""  # an empty frame: neither end goes out
            return ""
        worst = max(effect(m) for m in tokens)
        out = self.take_held()
        if worst >= SCREEN:
            out += self.screens.pen_to(self.pen)
        out += data
        if worst >= CURSOR:
            self.cursor = self.screens.term_cursor = None
        if worst >= SCREEN:
            self.forget(self.screens.cols, self.screens.rows)
        for m in tokens:  # the alternate screen saves the pen on the way in, restores it on the way out
            if m.lastgroup == "csi" and m["params"] == "?1049":
                if m["final"] == "h":
                    self.saved_pen = self.pen
                else:
                    self.pen = self.screens.term_pen = self.saved_pen
        if worst == UNKNOWN:
            self.given_up = True
        return out

    def as_written(
        self, data: str, tokens: list[re.Match[str]], pen: int, cursor: tuple[int, int | None] | None
    ) -> str:
        """The write goes out as Textual wrote it, from Textual's pen and cursor; then both
        pictures forget what they knew."""
        out = self.take_held() + self.screens.pen_to(pen)
        if (
            cursor is not None
            and cursor[1] is not None
            and cursor[1] < self.screens.cols
            and cursor != self.screens.term_cursor
        ):
            out += self.screens.move(self.screens.term_cursor, (cursor[0], cursor[1]))
        known = True
        for m in tokens:
            if m.lastgroup == "csi" and m["final"] == "m" and not m["inter"]:
                pen = self.screens.intern(apply_sgr(self.screens.pens[pen], m["params"]))
            elif m.lastgroup == "osc" and m["body"].startswith("8;"):
                pen = self.screens.intern(apply_osc8(self.screens.pens[pen], m["body"]))
            elif not draws(m) and effect(m) == UNKNOWN:
                known = False
        self.pen = pen
        self.screens.term_pen = pen if known else None
        self.given_up = not known
        self.forget(self.screens.cols, self.screens.rows)
        return out + data

    def forget(self, cols: int, rows: int) -> None:
        self.screens.forget(cols, rows)
        self.cursor = None

    def take_held(self) -> str:
        held, self.held = self.held, ""
        return held
