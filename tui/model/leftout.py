"""What an output (brief, export, diff) left out because it has errors (UI-free).

The outputs work on what validates. An item with errors (a `BrokenItem`: `item.broken`,
with its `problems`) is left out of them, and so is a file that contributed nothing (its YAML could
not be read). `left_out(result, situation)` collects both; `LeftOut.line()` says it in one
line, with places: "left out: 2 items with errors (fronts.yaml:14, events.yaml:3)".
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tui.model.text import visible
from tui.model.types import Diagnostic, Item, LoadResult, Situation

__all__ = ["LeftOut", "left_out", "is_broken", "valid_items"]

_PLACES = 5  # places named in the line; the rest is "…"


def is_broken(item: object) -> bool:
    """An item with errors (a tui.model.types.BrokenItem): never in an output."""
    return bool(getattr(item, "broken", False))


def valid_items(items: tuple[Item, ...]) -> tuple[Item, ...]:
    return tuple(it for it in items if not is_broken(it))


def _place(file: str, line: int) -> str:
    return visible(f"{os.path.basename(file) or file}:{line}", single_line=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


@dataclass(frozen=True, slots=True)
class LeftOut:
    items: tuple[Item, ...] = ()  # items with errors, in board order
    problems: tuple[Diagnostic, ...] = ()  # other errors: files that gave nothing, header or sources
    parts: frozenset[str] = frozenset()  # the situation's parts: an error there is not a file left out

    def __bool__(self) -> bool:
        return bool(self.items or self.problems)

    def places(self) -> list[str]:
        seen: list[str] = []
        for it in self.items:
            origin = getattr(it, "origin", None)
            place = _place(origin.file, origin.line) if origin is not None else visible(it.id, single_line=True)
            if place not in seen:
                seen.append(place)
        for d in self.problems:
            place = _place(d.file, d.line)
            if place not in seen:
                seen.append(place)
        return seen

    def line(self) -> str:
        """ "left out: 2 items with errors and 1 file with errors that gave no
        items (a.yaml:14, a.yaml:30, b.yaml:3)"; an error in a part of the situation that is
        not a whole item's (a bad as-of, a second header, a bad source, an unknown source
        reference: the value is left out, not the file) is "1 value with errors"."""
        parts = []
        if self.items:
            parts.append(_plural(len(self.items), "item") + " with errors")
        files = {d.file for d in self.problems if d.file not in self.parts}
        if files:
            parts.append(_plural(len(files), "file") + " with errors that gave no items")
        others = sum(1 for d in self.problems if d.file in self.parts)
        if others:
            parts.append(_plural(others, "value") + " with errors")
        places = self.places()
        shown = ", ".join(places[:_PLACES]) + (f", … {len(places) - _PLACES} more" if len(places) > _PLACES else "")
        said = parts[-1] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"left out: {said} ({shown}); `sitboard check` explains"


def left_out(result: LoadResult, situation: Situation) -> LeftOut:
    """What of `situation` (loaded in `result`) no output shows, and why."""
    broken = tuple(it for it in situation.all_items() if is_broken(it))
    placed = {(d.file, d.line, d.column, d.message) for it in broken for d in getattr(it, "problems", ())}
    others = {f for s in result.situations if s is not situation for f in s.files}
    problems = tuple(
        d for d in result.errors if d.file not in others and (d.file, d.line, d.column, d.message) not in placed
    )
    return LeftOut(broken, problems, frozenset(situation.files))
