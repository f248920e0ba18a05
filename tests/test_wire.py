"""The Wire (tui/ui/wire/, issue 14): after every write, a terminal fed what the Wire writes
shows exactly what it would show fed what Textual wrote: every cell (character, colours,
attributes, link) and the cursor. Random Textual-like writes (frames of styled runs, wide and
combining characters, links, sync brackets, modes, screen switches, resizes, writes cut in the
middle of an escape, writes past the edge), checked on a reference terminal (pyte and what it
does not keep: tests/wire_support.py). The recorded writes of the real board are checked the
same way in tests/test_wire_board.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wire_support import RefScreen, differences  # noqa: E402

from tui.ui.wire.mirror import Wire  # noqa: E402
from tui.ui.wire.pen import Pen, apply_sgr, transition  # noqa: E402

GRAPHEMES = ["a", "b", "x", " ", " ", "─", "─", "─", "│", "é", "…", "✗", "漢", "字", "🔥", "e\u0301", "\u0301"]
ATTRS = ["1", "2", "3", "4", "7", "9", "21", "53"]
COLOURS = ["", "31", "91", "39", "38;5;239", "38;5;17", "38;2;10;20;30"]
BGS = ["", "44", "104", "48;5;234", "48;2;1;2;3"]
LINKS = ["", "", "", "id=1;https://a.example", "id=2;https://b.example"]
MODES = ["\x1b[?25l", "\x1b[?1000h", "\x1b[?2026$p", "\x07", "\x1b]0;title\x07", "\x1b[>1u", "\x1b[?7l"]
OTHERS = ["\x1b[2J", "\x1b[K", "\x1b[?1049h", "\x1b[?1049l", "\x1b7", "\x1b8", "\x1b[1;3r\x1b[H"]


def cup(y: int, x: int) -> str:
    return f"\x1b[{y + 1};{x + 1}H"


def width(g: str) -> int:
    return 2 if g in ("漢", "字", "🔥") else 0 if g == "\u0301" else 1


@st.composite
def segment(draw: st.DrawFn, room: int) -> tuple[str, int]:
    """A run of Textual's: style, text, reset; at most `room` cells (more, rarely)."""
    if draw(st.booleans()):  # the paint's own style: the cells it rewrites may not change
        codes = ["38;5;239", "48;5;234"]
    else:
        attrs = draw(st.lists(st.sampled_from(ATTRS), max_size=3, unique=True))
        codes = [*attrs, draw(st.sampled_from(COLOURS)), draw(st.sampled_from(BGS))]
    ansi = ";".join(c for c in codes if c)
    text, used = "", 0
    for g in draw(st.lists(st.sampled_from(GRAPHEMES), min_size=1, max_size=12)):
        if used + width(g) > room and draw(st.integers(0, 40)) != 0:
            break
        text, used = text + g, used + width(g)
    if not text:
        return "", 0
    out = f"\x1b[{ansi}m{text}\x1b[0m" if ansi else text
    link = draw(st.sampled_from(LINKS))
    if link:
        out = f"\x1b]8;{link}\x1b\\{out}\x1b]8;;\x1b\\"
    return out, used


@st.composite
def frame(draw: st.DrawFn, cols: int, rows: int) -> str:
    """Chops of lines (each from a CUP) or whole lines joined by newlines, then the cursor."""
    out = []
    lines = draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=rows))
    newline = draw(st.booleans())
    for i, y in enumerate(sorted(set(lines)) if newline else lines):
        x = 0 if newline else draw(st.integers(0, cols - 1))
        out.append(cup(y, x))
        while x < cols:
            s, used = draw(segment(cols - x))
            if not s:
                break
            out.append(s)
            x += used
            move = draw(st.integers(0, 12))
            if move == 0:
                break
            if move == 1 and x < cols - 2:  # moves Textual does not make, but a terminal follows
                out.append("\x1b[2C")
                x += 2
            elif move == 2 and x > 0:
                out.append("\b")
                x -= 1
            elif move == 3:
                out.append("\r")
                x = 0
        if newline and i < len(set(lines)) - 1:
            out.append("\n")
    out.append(cup(draw(st.integers(0, rows - 1)), draw(st.integers(0, cols - 1))))
    return "".join(out)


class Pair:
    """A terminal fed Textual's writes and one fed the Wire's, and the Wire between them."""

    def __init__(self, cols: int, rows: int) -> None:
        self.size = (cols, rows)
        self.raw = RefScreen(cols, rows)
        self.ours = RefScreen(cols, rows)
        self.wire = Wire(lambda: self.size)
        self.sent = self.received = 0

    def write(self, data: str) -> None:
        out = self.wire.feed(data)
        self.raw.feed(data)
        self.ours.feed(out)
        self.sent += len(data)
        self.received += len(out)

    def resize(self, cols: int, rows: int) -> None:
        self.size = (cols, rows)
        for screen in (self.raw, self.ours):
            screen.resize(rows, cols)
        self.wire.resized = True

    def check(self, what: str) -> None:
        if self.wire.carry:
            return  # an escape cut in two: the terminal has not seen all of it either
        diff = differences(self.raw, self.ours)
        assert not diff, f"after {what!r}: {diff}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_writes_leave_the_screen_exactly_as_textuals_would(data: st.DataObject) -> None:
    cols, rows = data.draw(st.integers(4, 24)), data.draw(st.integers(2, 8))
    pair = Pair(cols, rows)
    pair.write("\x1b[?7l")  # Textual turns autowrap off before it draws
    if data.draw(st.booleans()):  # a first full paint, as Textual's
        pair.write("".join(cup(y, 0) + "\x1b[38;5;239;48;5;234m" + "─" * cols + "\x1b[0m" for y in range(rows)))
        pair.check("a full paint")
    for _ in range(data.draw(st.integers(1, 25))):
        kind = data.draw(st.integers(0, 19))
        if kind < 12:
            write = data.draw(frame(cols, rows))
            if data.draw(st.integers(0, 5)) == 0:  # cut in two, maybe inside an escape
                cut = data.draw(st.integers(0, len(write)))
                pair.write(write[:cut])
                pair.check(write[:cut])
                write = write[cut:]
            pair.write(write)
        elif kind < 15:
            write = data.draw(st.sampled_from(["\x1b[?2026h", "\x1b[?2026l"]))
            pair.write(write)
        elif kind < 17:
            write = data.draw(st.sampled_from(MODES))
            pair.write(write)
        elif kind < 18:
            write = data.draw(st.sampled_from(OTHERS))
            pair.write(write)
        else:
            cols, rows = data.draw(st.integers(4, 24)), data.draw(st.integers(2, 8))
            write = f"(resize to {cols}x{rows})"
            pair.resize(cols, rows)
        pair.check(write)


def test_only_the_changed_cells_go_out() -> None:
    pair = Pair(20, 4)
    line = "\x1b[1;1H\x1b[38;5;239;48;5;234m" + "─" * 20 + "\x1b[0m\x1b[1;1H"
    pair.write(line)
    first = pair.received
    pair.write(line)  # the same frame again: nothing changed, nothing written
    assert pair.received == first
    pair.write("\x1b[1;1H\x1b[38;5;239;48;5;234m" + "─" * 9 + "┬" + "─" * 10 + "\x1b[0m\x1b[1;1H")
    out = pair.received - first
    assert out <= len("\x1b[1;10H\x1b[0;38;5;239;48;5;234m┬\x1b[H".encode()), out
    pair.check("one cell")


def test_an_empty_frame_drops_its_sync_brackets() -> None:
    wire = Wire(lambda: (10, 2))
    frame = "\x1b[1;1H\x1b[31mab\x1b[0m\x1b[1;1H"
    assert wire.feed("\x1b[?2026h") == ""
    assert wire.feed(frame).startswith("\x1b[?2026h")
    assert wire.feed("\x1b[?2026l") == "\x1b[?2026l"
    assert wire.feed("\x1b[?2026h") + wire.feed(frame) + wire.feed("\x1b[?2026l") == ""


def test_leaving_the_alternate_screen_resets_the_pen() -> None:
    wire = Wire(lambda: (10, 2))
    wire.feed("\x1b[1;1H\x1b[1;31mab\x1b[0m\x1b[1;1H")
    assert wire.feed("\x1b[?1049l").startswith("\x1b[m")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("38;5;239;48;5;234", "38;5;253;48;5;234", "\x1b[38;5;253m"),  # colour only
        ("1;38;5;239", "38;5;239", "\x1b[0;38;5;239m"),  # an attribute goes: from a reset
        ("38;5;239", "1;38;5;239", "\x1b[1m"),
        ("31;44", "0", "\x1b[m"),
        ("31;44", "39;44", "\x1b[39m"),
    ],
)
def test_pen_transitions_are_short_and_avoid_attribute_off_codes(old: str, new: str, expected: str) -> None:
    a, b = apply_sgr(Pen(), old), apply_sgr(Pen(), new)
    assert transition(a, b) == expected


def test_a_write_from_a_signal_handler_goes_out_as_written_and_everything_is_forgotten() -> None:
    """Ctrl+Z while a frame is worked out: Textual's SIGTSTP handler leaves the alternate
    screen from inside the write. Its write goes first, as written; the frame then goes as
    Textual wrote it, and the next frame is written whole."""
    frame = "\x1b[1;1H\x1b[31mab\x1b[0m\x1b[1;1H"
    inner: list[str] = []

    def size() -> tuple[int, int]:
        if not inner:
            inner.append(wire.feed("\x1b[?1049l"))
        return (10, 2)

    wire = Wire(size)
    assert wire.feed(frame) == "\x1b[m" + frame
    assert inner == ["\x1b[m\x1b[?1049l"]
    assert "ab" in wire.feed(frame)  # nothing known: the same frame is written again


def test_without_a_terminal_to_measure_writes_pass_as_written() -> None:
    wire = Wire(lambda: None)
    frame = "\x1b[1;1H\x1b[31mab\x1b[0m\x1b[1;1H"
    assert wire.feed(frame) == frame
    assert wire.feed(frame) == frame


def test_narrow_characters_are_the_listed_ranges_every_code_point_checked() -> None:
    """tui/ui/wire/cells.py keeps the narrow characters as a regex character class: exactly
    the ranges it lists, and of its punctuation and arrows those Rich measures one cell."""
    from rich.cells import get_character_cell_size

    from tui.ui.wire.cells import is_narrow, is_risky

    ranges = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC), (0x2800, 0x28FF))
    more = ((0x2010, 0x2027), (0x2030, 0x205E), (0x2190, 0x21FF))
    narrow = {chr(c) for a, b in ranges for c in range(a, b + 1)}
    narrow |= {chr(c) for a, b in more for c in range(a, b + 1) if get_character_cell_size(chr(c)) == 1}
    for c in range(0x80, 0x30000):  # (ASCII is narrow as such)
        if 0xD800 <= c <= 0xDFFF:
            continue
        ch = chr(c)
        assert is_narrow(ch) == (ch in narrow), hex(c)
    assert is_narrow("Курск → Суджа ─ 20 km") and not is_narrow("Kursk 中") and not is_narrow("⚠")
    assert not is_risky("→") and is_risky("⚠") and is_risky("e\u0301")
