"""What `y` and `Y` copy: one line a person would paste in chat, or the whole item (UI-free).

    item_line(situation, item)   `y`: "[TLP:CLEAR] over 76,000 evacuated from Kursk region
                                  border areas (Reuters, B) as of 09 Aug 12:00"
    item_whole(situation, item)  `Y`: the marking, the item as plain text (plain.item_as_text),
                                  the marking again

Both return a `CopyText`: the text (every string from the file made visible, no control
characters; the handling marking in it), what it is (for the notice) and, when it was cut
to its cap, how much of it was kept.

A line reads: the figure or the words, the place, then in brackets the confidence when it
weakens the line (claimed, disputed, unconfirmed), the best-graded source and its grade,
then the time ("on" the item's own date, "due" a watch item's deadline, else "as of" when
it was last confirmed, else the picture's as-of). Each list phrases its line (LINES); an
item of a list without a phrasing, or an item with errors, reads "Title: label".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.model.plain import item_as_text
from tui.model.spec import LIST, RELIABILITY_GRADES
from tui.model.text import format_number, format_quantity, format_when
from tui.model.textvalues import format_counts, format_funding, format_likelihood, format_units
from tui.model.types import Item, Quantity, Situation, When
from tui.model.values import one_line

__all__ = ["CopyText", "LINE_MAX", "WHOLE_MAX", "item_line", "item_whole", "marking_text", "best_source"]

LINE_MAX = 1_000  # characters of a `y` line: a chat line, not a page
WHOLE_MAX = 8_000  # characters of a `Y` text: what terminals and tmux take in one OSC 52
MARKING_MAX = 200  # a marking is a banner; a longer one (hostile input) is cut, never dropped
WORDS_MIN = 200  # a long line is cut in its words first, down to this many characters
WEAK_CONFIDENCES = ("claimed", "disputed", "unconfirmed")  # said on the line: they weaken it


@dataclass(frozen=True, slots=True)
class CopyText:
    """A text to copy: `text` as it goes out; `what` names it for the notice; `total` is
    its length in characters before any cut, `kept` after (equal when nothing was cut)."""

    text: str
    what: str
    total: int
    kept: int

    @property
    def was_cut(self) -> bool:
        return self.kept < self.total

    @property
    def lines(self) -> int:
        return self.text.count("\n") + 1


def marking_text(situation: Situation) -> str:
    """The handling marking as one safe line ("TLP:CLEAR"); "" when the situation has none."""
    return _cut(one_line(situation.marking), MARKING_MAX) if situation.marking else ""


# -- pieces ----------------------------------------------------------------------------------


def _q(value: Any, unit_default: str | None = None) -> str:
    if isinstance(value, Quantity) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return format_quantity(value, unit_default=unit_default)
    return "" if value is None else str(value)


def _words(value: Any) -> str:
    """An enum value in words: "partly_met" -> "partly met"."""
    return str(value).replace("_", " ") if value else ""


def _get(item: Item, name: str) -> Any:
    """A field of the item; for an item with errors, what of it validated."""
    value = getattr(item, name, None)
    if value is None and item.broken:
        value = dict(getattr(item, "values", ())).get(name)
    return value


def _join(*parts: str, sep: str = ", ") -> str:
    """The parts that are there; a sentence's full stop goes where another part follows."""
    there = [p for p in parts if p]
    return sep.join([p[:-1] if p.endswith(".") and not p.endswith("..") else p for p in there[:-1]] + there[-1:])


def best_source(situation: Situation, item: Item) -> tuple[str, str | None] | None:
    """(name, grade) of the item's best-graded source (the first in file order among
    equals); an ungraded one (grade None) if none is graded; None if it cites none.
    A reference that passed someone else's word on (`via`) reads "name via via"."""
    best: tuple[str, str | None] | None = None
    best_rank = len(RELIABILITY_GRADES) + 1
    for ref in item.sources:
        src = situation.sources.get(ref.source)
        name = src.name if src is not None else ref.source
        via = getattr(ref, "via", None)
        if via:
            name = f"{name} via {via}"
        grade = src.reliability if src is not None and src.reliability in RELIABILITY_GRADES else None
        rank = RELIABILITY_GRADES.index(grade) if grade else len(RELIABILITY_GRADES)
        if rank < best_rank:
            best, best_rank = (name, grade), rank
    return best


def _basis(situation: Situation, item: Item) -> str:
    """ "claimed; Reuters, B" / "TASS, ungraded" / "no source"."""
    best = best_source(situation, item)
    source = "no source" if best is None else f"{best[0]}, {best[1] or 'ungraded'}"
    weak = item.confidence if item.confidence in WEAK_CONFIDENCES else ""
    return _join(weak, source, sep="; ")


# The item's own time, and the word before it; else `updated` ("as of"), else the as-of.
TIMES: dict[str, tuple[str, str]] = {
    "statements": ("date", "on"),
    "events": ("date", "on"),
    "figures": ("date", "as of"),
    "watch": ("due", "due"),
}


def _time(situation: Situation, item: Item) -> str:
    name, word = TIMES.get(item.pane, ("", ""))
    own = _get(item, name) if name else None
    if isinstance(own, When):
        return f"{word} {format_when(own)}"
    if isinstance(item.updated, When):
        return f"as of {format_when(item.updated)}"
    return f"as of {format_when(situation.as_of)}" if isinstance(situation.as_of, When) else ""


# -- what each list says on its line (raw text: made one safe line afterwards) ---------------


def _counts(it: Item) -> str:
    """Several figures on one item (`counts`): "17 killed · 83 missing"."""
    counts = _get(it, "counts")
    return format_counts(counts) if counts else ""


def _front(it: Item) -> str:
    depth = _q(_get(it, "depth_km"), "km")
    return _head(
        _get(it, "name"),
        _words(_get(it, "status")),
        f"{depth} deep" if depth else "",
        _get(it, "strength"),
        _counts(it),
    )


def _evacuation(it: Item) -> str:
    people, status = _q(_get(it, "people")), _get(it, "status")
    where = _join(
        f"from {_get(it, 'area')}", f"to {_get(it, 'destination')}" if _get(it, "destination") else "", sep=" "
    )
    if people and status in (None, "ongoing", "completed"):
        line = f"{people} evacuated {where}"
    else:  # planned, ordered, forced, blocked ...: not "evacuated"
        line = f"evacuation of {people} {where}" if people else f"evacuation {where}"
        line = f"{line}: {_words(status)}" if status else line
    return _join(line, _counts(it))


def _statement(it: Item) -> str:
    actor, role = _get(it, "actor"), _get(it, "role")
    who = f"{actor} ({role})" if role else str(actor)
    quote, summary = _get(it, "quote"), _get(it, "summary")
    # The words themselves, unless the quote is a fragment the summary already gives.
    words = f"“{quote}”" if quote and not (summary and str(quote) in str(summary)) else summary
    return _join(f"{who}: {words}" if words else who, _counts(it))


def _infrastructure(it: Item) -> str:
    name, location = _get(it, "name"), _get(it, "location")
    units = _get(it, "units")
    return _head(
        f"{name} ({location})" if location else name,
        _words(_get(it, "status")),
        format_units(units) if units else "",
        _counts(it),
    )


def _event(it: Item) -> str:
    return _place(_head(_get(it, "what"), _q(_get(it, "count")), _counts(it)), _get(it, "where"))


def _figure(it: Item) -> str:
    breakdown = _get(it, "breakdown")
    value = _q(_get(it, "value"))
    if value and breakdown:
        value = f"{value} ({format_counts(breakdown)})"
    return _place(_head(_get(it, "label"), value, _counts(it)), _get(it, "where"))


def _judgment(it: Item) -> str:
    by = _get(it, "by")
    head = f"Judgment ({by})" if by else "Judgment"
    return _head(head, format_likelihood(_get(it, "likelihood")), _get(it, "text"), _counts(it))


def _watch(it: Item) -> str:
    status = _get(it, "status")
    return _head("Watch", _get(it, "what"), _words(status) if status and status != "open" else "", _counts(it))


def _need(it: Item) -> str:
    people, gap = _q(_get(it, "people")), _get(it, "gap")
    return _head(
        _get(it, "sector"),
        _get(it, "need"),
        f"{people} in need" if people else "",
        _words(_get(it, "status")),
        format_funding(_get(it, "funding")),
        f"gap: {gap}" if gap else "",
        _counts(it),
    )


def _place(line: str, where: Any) -> str:
    return f"{line} — {where}" if where else line


def _head(label: Any, *parts: Any) -> str:
    """ "label: part, part" (the parts that are there)."""
    rest = _join(*(str(p) for p in parts if p))
    label = "" if label is None else str(label)
    return f"{label}: {rest}" if rest and label else (label or rest)


LINES: dict[str, Callable[[Item], str]] = {
    "figures": _figure,
    "fronts": _front,
    "evacuations": _evacuation,
    "statements": _statement,
    "infrastructure": _infrastructure,
    "events": _event,
    "needs": _need,
    "watch": _watch,
    "judgments": _judgment,
}


def _title(item: Item) -> str:
    spec = LIST.get(item.pane)
    return spec.title if spec is not None else item.pane


def _words_of(item: Item) -> str:
    """The figure or words and the place, as one safe line."""
    phrase = LINES.get(item.pane)
    if item.broken or phrase is None:
        line = f"{_title(item)}: {item.label}"
        if item.broken:
            problems = getattr(item, "problems", ())
            line += f" (this item has errors: {problems[0].message})" if problems else " (this item has errors)"
        return one_line(line)
    try:
        return one_line(phrase(item))
    except (AttributeError, TypeError, ValueError):  # a value of an unexpected shape: say what we can
        return one_line(f"{_title(item)}: {item.label}")


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: max(0, n - 1)] + "…"


def item_line(situation: Situation, item: Item) -> CopyText:
    """`y`: the item as one line, the marking first. A line over LINE_MAX is cut in its
    words (never below WORDS_MIN), so the source and the time stay on it."""
    marking = marking_text(situation)
    prefix = f"[{marking}] " if marking else ""
    words = _words_of(item)
    tail = f" ({one_line(_basis(situation, item))})"
    when = _time(situation, item)
    if when:
        tail += f" {when}"
    total = len(prefix) + len(words) + len(tail)
    if total > LINE_MAX:
        words = _cut(words, max(WORDS_MIN, LINE_MAX - len(prefix) - len(tail)))
        tail = _cut(tail, max(0, LINE_MAX - len(prefix) - len(words)))
    text = prefix + words + tail
    return CopyText(text=text, what=_what(item), total=total, kept=len(text))


def item_whole(situation: Situation, item: Item) -> CopyText:
    """`Y`: the whole item as plain text, between two lines of the marking. Over WHOLE_MAX
    it is cut at a line end and says so; the closing marking is kept."""
    marking = marking_text(situation)
    body = item_as_text(situation, item)
    problems = getattr(item, "problems", ()) if item.broken else ()
    if problems:  # an item with errors: what is wrong with it, placed, goes with it
        body += "\nProblems:" + "".join(f"\n- {one_line(str(p))}" for p in problems)
    head = f"{marking}\n" if marking else ""
    foot = f"\n{marking}" if marking else ""
    total = len(head) + len(body) + len(foot)
    if total > WHOLE_MAX:
        note = f"\n[cut here: the whole item has {format_number(total)} characters]"
        room = max(0, WHOLE_MAX - len(head) - len(foot) - len(note))
        end = body.rfind("\n", 0, room + 1)
        body = body[: end if end > room // 2 else room] + note
    text = head + body + foot
    return CopyText(text=text, what=_what(item), total=total, kept=len(text))


def _what(item: Item) -> str:
    """ "Evacuations › Kursk region border areas" for the notice (one line, short)."""
    return _cut(one_line(f"{_title(item)} › {item.label}"), 80)
