"""Pens: the graphic state SGR sequences (and an OSC 8 hyperlink) leave in a terminal, and
the shortest sequence that takes the terminal from one pen to another.

Only what Textual (through Rich) writes needs to be understood exactly: attribute codes,
16/256/24-bit colours, default colours, resets. Going from one pen to another sets the
attributes and colours that change (`ESC[38;5;239m` when only the colour changes) and
starts from a reset (`ESC[0;...m`) when an attribute must go: no "attribute off" codes
(22, 24, 27 ...), which a VT100 does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

# SGR codes that turn attributes off, and the attribute codes each one clears
OFF_CODES = {
    "22": ("1", "2"),
    "23": ("3",),
    "24": ("4", "21"),
    "25": ("5", "6"),
    "27": ("7",),
    "28": ("8",),
    "29": ("9",),
    "54": ("51", "52"),
    "55": ("53",),
}
FG_CODES = frozenset([*map(str, range(30, 38)), *map(str, range(90, 98))])
BG_CODES = frozenset([*map(str, range(40, 48)), *map(str, range(100, 108))])
LINK_CLOSE = "\x1b]8;;\x1b\\"


@dataclass(frozen=True, slots=True)
class Pen:
    """Attribute codes in the order last set ("1", "4:3" ...), foreground and background
    as written ("" is the terminal's default; "31", "38;5;239", "38;2;10;20;30"), and the
    OSC 8 link as written after "8;" ("" for none)."""

    attrs: tuple[str, ...] = ()
    fg: str = ""
    bg: str = ""
    link: str = ""


DEFAULT = Pen()


def _colour(parts: list[str], i: int) -> tuple[str, int]:
    """The extended colour starting at parts[i] (38, 48 or 58) and the index after it."""
    if i + 2 < len(parts) and parts[i + 1] == "5":
        return ";".join(parts[i : i + 3]), i + 3
    if i + 4 < len(parts) and parts[i + 1] == "2":
        return ";".join(parts[i : i + 5]), i + 5
    return parts[i], i + 1  # malformed: kept as written


def apply_sgr(pen: Pen, params: str) -> Pen:
    """The pen after `ESC[<params>m`."""
    attrs = list(pen.attrs)
    fg, bg = pen.fg, pen.bg
    parts = params.split(";")
    i = 0
    while i < len(parts):
        p = parts[i]
        i += 1
        if p in ("", "0", "00"):
            attrs, fg, bg = [], "", ""
        elif p in ("38", "48", "58"):
            value, i = _colour(parts, i - 1)
            if p == "38":
                fg = value
            elif p == "48":
                bg = value
            else:
                attrs = [a for a in attrs if not a.startswith("58")] + [value]
        elif p.startswith("38:"):
            fg = p
        elif p.startswith("48:"):
            bg = p
        elif p == "39":
            fg = ""
        elif p == "49":
            bg = ""
        elif p == "59":
            attrs = [a for a in attrs if not a.startswith("58")]
        elif p in FG_CODES:
            fg = p
        elif p in BG_CODES:
            bg = p
        elif p in OFF_CODES:
            gone = OFF_CODES[p]
            attrs = [a for a in attrs if a not in gone and not (p == "24" and a.startswith("4:"))]
        else:  # an attribute, kept in the order last set: terminals differ on which of 4, 21
            if p in attrs:  # and 4:3 wins, so the last one set stays last
                attrs.remove(p)
            attrs.append(p)
    return Pen(tuple(attrs), fg, bg, pen.link)


def apply_osc8(pen: Pen, body: str) -> Pen:
    """The pen after `ESC]<body>ST`, body "8;params;uri" (an empty uri closes the link)."""
    _, _, rest = body.partition(";")
    _, _, uri = rest.partition(";")
    link = rest if uri else ""
    return pen if link == pen.link else Pen(pen.attrs, pen.fg, pen.bg, link)


def transition(old: Pen | None, new: Pen) -> str:
    """The shortest sequence taking a terminal whose pen is `old` (None: not known) to `new`."""
    out = ""
    if old is None or old.link != new.link:
        out = f"\x1b]8;{new.link}\x1b\\" if new.link else LINK_CLOSE if old is not None and old.link else ""
    if old is not None and old.attrs == new.attrs and old.fg == new.fg and old.bg == new.bg:
        return out
    codes = [*new.attrs, new.fg, new.bg]
    full = "\x1b[0;" + ";".join(c for c in codes if c) + "m" if any(codes) else "\x1b[m"
    if old is not None and new.attrs[: len(old.attrs)] == old.attrs:
        added = list(new.attrs[len(old.attrs) :])
        if old.fg != new.fg:
            added.append(new.fg or "39")
        if old.bg != new.bg:
            added.append(new.bg or "49")
        step = "\x1b[" + ";".join(added) + "m"
        if len(step) <= len(full):
            return out + step
    return out + full
