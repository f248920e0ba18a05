"""What Textual writes, cut into tokens: text, CSI, OSC, controls, other escapes; which of
them draw (the Wire follows those cell by cell) and what the others do to what is known."""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"(?P<text>[^\x00-\x1f\x7f-\x9f]+)"
    r"|(?P<csi>\x1b\[(?P<params>[\x30-\x3f]*)(?P<inter>[\x20-\x2f]*)(?P<final>[\x40-\x7e]))"
    r"|(?P<osc>\x1b\](?P<body>[^\x07\x1b]*)(?:\x07|\x1b\\))"
    r"|(?P<ctl>[\x00-\x1a\x1c-\x1f\x7f-\x9f])"
    r"|(?P<string>\x1b[PX^_][^\x1b]*\x1b\\)"
    r"|(?P<esc>\x1b[\x20-\x2f]*[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e])"
)
# the start of an escape sequence that the end of a write cut off
CUT = re.compile(r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*|\][^\x07\x1b]*\x1b?|[PX^_][^\x1b]*\x1b?|[\x20-\x2f]*)\Z")
LONE = re.compile(r"(?P<esc>.)", re.DOTALL)
NUMBERS = re.compile(r"\d*(?:;\d*)?\Z")

SYNC_START, SYNC_END = "\x1b[?2026h", "\x1b[?2026l"
# What a sequence other than drawing does to what we know: nothing; the cursor; the cells and
# the cursor (the pen must be Textual's first: erasing paints with it); anything (a scroll
# region, origin mode, saving the cursor and pen, a reset ...: the Wire stops following and
# passes every write on as written).
HARMLESS, CURSOR, SCREEN, UNKNOWN = range(4)
# DEC private modes that change neither the cells nor the cursor: Textual's mouse, focus,
# paste, sync, in-band resize and cursor modes, autowrap (the Wire never writes past the edge)
HARMLESS_MODES = frozenset(
    ("1", "7", "9", "12", "25", "1000", "1002", "1003", "1004", "1005", "1006", "1007", "1015", "1016")
    + ("1034", "1036", "1039", "2004", "2026", "2027", "2048")
)
SCREEN_MODES = frozenset(("47", "1047", "1049"))


class Weird(Exception):
    """A write this model does not follow exactly: it goes out as Textual wrote it."""


def effect(m: re.Match[str]) -> int:
    """What a sequence that does not draw does to what we know of the screen."""
    kind = m.lastgroup
    if kind == "csi":
        params, inter, final = m["params"], m["inter"], m["final"]
        if params.startswith("?") and not inter and final in "hl":
            modes = set(params[1:].split(";"))
            if modes & SCREEN_MODES:
                return SCREEN
            return HARMLESS if modes <= HARMLESS_MODES else UNKNOWN
        if (inter, final) in (("$", "p"), (" ", "q")) or (final == "u" and params[:1] in (">", "<", "=", "?")):
            return HARMLESS  # mode queries, cursor shape, the kitty keyboard protocol
        if not inter and (final, params) in (("n", "5"), ("n", "6"), ("c", ""), ("c", ">"), ("q", ">"), ("q", ">0")):
            return HARMLESS  # status, cursor and device queries
        if not inter and final in "JKX@PLMSTZ" and params[:1] not in ("?", ">", "<", "="):
            return SCREEN  # erase, insert, delete, scroll: cells change, nothing else does
        return UNKNOWN
    if kind == "osc" or (kind == "ctl" and m.group() == "\x07"):
        return HARMLESS  # titles, clipboard, colours; the bell
    if kind == "esc" and m.group() in ("\x1b=", "\x1b>"):
        return HARMLESS  # keypad modes
    return UNKNOWN


def draws(m: re.Match[str]) -> bool:
    """Text, an absolute or relative cursor move, SGR, an OSC 8 link, CR, LF, BS."""
    kind = m.lastgroup
    if kind == "text":
        return True
    if kind == "csi":
        final = m["final"]
        if m["inter"]:
            return False
        if final == "m":
            return all(c in "0123456789;:" for c in m["params"])
        return final in "HfABCD" and NUMBERS.match(m["params"]) is not None
    if kind == "osc":
        return m["body"].startswith("8;")
    return kind == "ctl" and m.group() in "\r\n\b"
