"""Where things start in a file, found cheaply (no YAML walk) on the happy path: the
`situation:` line, and the `- ` line of each item of a block-style list."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .types import Location

_SITUATION_LINE = re.compile(r"^situation[ \t]*:", re.M)


def header_origin(file: str, text: str | None) -> Location:
    """Where `situation:` starts, found cheaply (no YAML walk) for the happy path."""
    if text:
        at = 0 if text.startswith("situation") else text.find("\nsituation") + 1
        while at >= 0 and (at > 0 or text.startswith("situation")):
            if _SITUATION_LINE.match(text, at):
                return Location(file, text.count("\n", 0, at) + 1, 1)
            nxt = text.find("\nsituation", at)
            if nxt < 0:
                break
            at = nxt + 1
    return Location(file, 1, 1)


_ITEM_LINE = re.compile(r"^(?:(?P<key>[^\s#\-\[\]{}?:'\"][^:\n]*?)[ \t]*:|(?P<ind>[ ]*)-(?=[ \t\r\n]|$))", re.M)


def item_lines(text: str, counts: Mapping[str, int]) -> dict[str, list[tuple[int, int]]]:
    """Cheap item origins for block-style files: the `- ` line of each item, per pane.

    Only trusted when the number of dashes found equals the number of items (else the
    pane is left out and items keep no origin, or get one from the locator)."""
    found: dict[str, list[tuple[int, int]]] = {}
    current: list[tuple[int, int]] | None = None
    indent = -1
    line = 1
    last = 0
    for m in _ITEM_LINE.finditer(text):
        start = m.start()
        line += text.count("\n", last, start)
        last = start
        key = m.group("key")
        if key is not None:
            if key in counts:
                current = found.setdefault(key, [])
            else:
                current = None
            indent = -1
            continue
        if current is None:
            continue
        lead = len(m.group("ind"))
        if indent < 0:
            indent = lead
        if lead == indent:
            current.append((line, lead + 1))
    return {pane: pos for pane, pos in found.items() if len(pos) == counts.get(pane)}
