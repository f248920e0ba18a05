"""`sitboard brief --short`: one page for the briefing itself (UI-free).

    render_short(situation, *, since=None, since_label=None, fmt="text"|"md", now=None,
                 left_out=None) -> str

At most LINES lines of at most WIDTH cells, in order of importance: the marking, title,
as-of and next update, the summary, key figures with their trend, key judgments, watch
items (overdue first), the changes since the baseline, then the critical and high items
not listed above; the marking again at the end. A section that does not fit ends with an
"and N more" line; later sections keep room for at least one line each. The full brief
(`sitboard brief`) has everything.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tui.model.diff import SituationDiff, diff_situations
from tui.model.leftout import LeftOut, is_broken
from tui.model.markup import md_escape
from tui.model.picture import span  # the board's words for a time span, in the brief too
from tui.model.plain import CONFIDENCE_SYMBOLS, item_heading
from tui.model.provenance import best_grade
from tui.model.text import cell_width, format_age, format_quantity, format_when, truncate
from tui.model.textvalues import format_likelihood
from tui.model.types import Item, Quantity, Situation, When
from tui.model.values import field_name, one_line, value_text, when_full

__all__ = ["render_short", "LINES", "WIDTH"]

LINES = 60
WIDTH = 100
SEVERITY_MARKS = {"critical": "‼", "high": "!"}
_ENTRY_LINES = 2  # an entry wraps to at most this many lines
_SUMMARY_LINES = 5
_CAPS = {"figures": 8, "judgments": 5, "watch": 6, "changes": 10}


# ---------------------------------------------------------------------------
# time words
# ---------------------------------------------------------------------------


def _moment(w: When) -> dt.datetime:
    from tui.model.order import moment  # a date is due until its end

    return moment(w)


def due_text(w: When, now: dt.datetime) -> tuple[str, bool]:
    """("overdue by 3 h (due 09 Aug 15:00)", True) / ("due in 2 h 10 m (09 Aug 18:00)", False)."""
    seconds = (_moment(w) - now).total_seconds()
    if seconds < 0:
        return f"overdue by {span(seconds)} (due {format_when(w)})", True
    return f"due in {span(seconds)} ({format_when(w)})", False


def next_update_text(w: When, now: dt.datetime) -> str:
    """ "next update in 2 h 10 m (09 Aug 18:00)" / "next update ⚠ overdue by 40 m (09 Aug 15:00)"."""
    seconds = (_moment(w) - now).total_seconds()
    if seconds < 0:
        return f"next update ⚠ overdue by {span(seconds)} ({format_when(w)})"
    return f"next update in {span(seconds)} ({format_when(w)})"


# ---------------------------------------------------------------------------
# the page: sections of entries, fitted into LINES
# ---------------------------------------------------------------------------


@dataclass
class _Section:
    title: str
    entries: list[list[str]] = field(default_factory=list)  # each entry: its wrapped lines
    cap: int | None = None
    empty: str = ""  # said in one line when there are no entries

    def lines_for(self, budget: int, more: Callable[[int], str]) -> list[str]:
        """The section in at most `budget` lines: its title, the entries that fit (each
        whole), then `more(n)` for the n left out."""
        if budget <= 0:
            return []
        out = [self.title]
        if not self.entries:
            return out + ([self.empty] if self.empty and budget >= 2 else [])
        limit = len(self.entries) if self.cap is None else min(self.cap, len(self.entries))
        shown = 0
        for i, entry in enumerate(self.entries[:limit]):
            left = len(self.entries) - (i + 1)  # entries still to say, if this is the last shown
            if len(out) + len(entry) + (1 if left else 0) > budget:
                break
            out.extend(entry)
            shown += 1
        if shown < len(self.entries) and len(out) < budget:
            out.append(more(len(self.entries) - shown))
        return out

    @property
    def min_lines(self) -> int:
        return 2 if self.entries or self.empty else 1


class _Page:
    def __init__(self, fmt: str) -> None:
        self.md = fmt == "md"
        self.esc: Callable[[str], str] = md_escape if self.md else (lambda s: s)

    def wrap(self, text: str, lead: str = "  ", max_lines: int = _ENTRY_LINES, hang: int = 2) -> list[str]:
        """`text` (already escaped) wrapped at WIDTH cells, at most `max_lines` lines; lines
        after the first are indented `hang` more than the lead."""
        body = textwrap.wrap(
            text, WIDTH, initial_indent=lead, subsequent_indent=" " * (len(lead) + hang), max_lines=max_lines,
            placeholder=" …", break_on_hyphens=False,
        ) or [lead.rstrip()]  # fmt: skip
        return [line if cell_width(line) <= WIDTH else truncate(line, WIDTH) for line in body]

    def entry(self, text: str, max_lines: int = _ENTRY_LINES) -> list[str]:
        return self.wrap(text, "- " if self.md else "  ", max_lines)

    def title(self, text: str) -> str:
        return f"**{text}**" if self.md else text

    def more(self, n: int) -> str:
        return f"{'- ' if self.md else '  '}and {n} more"


# ---------------------------------------------------------------------------
# what goes on it
# ---------------------------------------------------------------------------


def _conf(item: Item, situation: Situation) -> str:
    return CONFIDENCE_SYMBOLS.get(item.confidence, "·") + (best_grade(item, situation) or "-")


def _quantity_of(item: Item) -> Quantity | None:
    value = getattr(item, "value", None)
    return value if isinstance(value, Quantity) else None


def _trend(item: Item, before: Situation | None) -> str:
    """ "↑ from 60,000 at the baseline" / "↓ from 80,000 on 05 Aug" / ""."""
    q = _quantity_of(item)
    if q is None:
        return ""
    old = before.item(item.id) if before is not None else None
    old_q = _quantity_of(old) if old is not None else None
    where = "at the baseline"
    if old_q is None or old_q == q:
        series = getattr(item, "series", ()) or ()
        points = [p for p in series if isinstance(getattr(p, "value", None), Quantity)]
        if not points:
            return ""
        last = points[-1]
        if last.value == q and len(points) > 1:
            last = points[-2]
        if last.value == q:
            return ""
        old_q, where = last.value, f"on {format_when(last.at)}" if getattr(last, "at", None) else "before"
    arrow = "↑" if q.sort_key() > old_q.sort_key() else "↓" if q.sort_key() < old_q.sort_key() else "→"
    return f"{arrow} from {format_quantity(old_q)} {where}"


def _figures(page: _Page, s: Situation, before: Situation | None) -> _Section:
    sec = _Section(page.title("Key figures"), cap=_CAPS["figures"], empty=page.entry("none reported")[0])
    for it in _listed(s, "figures"):
        q = _quantity_of(it)
        sev = SEVERITY_MARKS.get(getattr(it, "severity", None) or "")
        text = f"{sev or ''} {_conf(it, s)} {one_line(it.label)}: {format_quantity(q) if q else '(no value)'}"
        trend = _trend(it, before)
        if trend:
            text += f" {trend}"
        sec.entries.append(page.entry(page.esc(" ".join(text.split()))))
    return sec


def _judgments(page: _Page, s: Situation) -> _Section:
    sec = _Section(page.title("Key judgments"), cap=_CAPS["judgments"], empty=page.entry("none recorded")[0])
    for it in _by_severity(_listed(s, "judgments")):
        text = one_line(it.label)
        likely = format_likelihood(getattr(it, "likelihood", None))
        by = getattr(it, "by", None)
        sev = SEVERITY_MARKS.get(getattr(it, "severity", None) or "")
        lead = f"{sev} {_conf(it, s)} " if sev else f"{_conf(it, s)} "
        tail = "".join([f" — {likely}" if likely else "", f" ({one_line(by)})" if by else ""])
        sec.entries.append(page.entry(page.esc(lead + text + tail)))
    return sec


def _watch(page: _Page, s: Situation, now: dt.datetime) -> _Section:
    rows: list[tuple[int, dt.datetime, list[str]]] = []
    overdue = 0
    items = [it for it in _listed(s, "watch") if (getattr(it, "status", None) or "open") == "open"]
    for it in items:
        due = getattr(it, "due", None)
        when, late = due_text(due, now) if isinstance(due, When) else ("no due date", False)
        overdue += late
        mark = "⚠ " if late else "· "
        sev = SEVERITY_MARKS.get(getattr(it, "severity", None) or "")
        text = f"{mark}{sev + ' ' if sev else ''}{one_line(it.label)} — {when}"
        owner = getattr(it, "owner", None)
        if owner:
            text += f" — {one_line(owner)}"
        order = _moment(due) if isinstance(due, When) else dt.datetime.max.replace(tzinfo=dt.UTC)
        rows.append((0 if late else 1, order, page.entry(page.esc(text))))
    rows.sort(key=lambda r: (r[0], r[1]))
    title = f"Watch ({len(items)} open" + (f", {overdue} overdue)" if overdue else ")")
    sec = _Section(page.title(title), cap=_CAPS["watch"], empty=page.entry("nothing open")[0])
    sec.entries = [r[2] for r in rows]
    return sec


def _changes(page: _Page, s: Situation, before: Situation | None, label: str | None) -> _Section:
    if before is None:
        return _Section(
            page.title("Changes"), empty=page.entry("no baseline: mark one on the board (b), or use --since")[0]
        )
    diff: SituationDiff = diff_situations(_without_broken(before), _without_broken(s))
    title = f"Changes since {one_line(label or 'the baseline')}: {diff.summary}"
    sec = _Section(page.title(page.esc(title)), cap=_CAPS["changes"])
    for change in diff.situation_changes:
        sec.entries.append(page.entry(page.esc(f"~ {field_name(change.field)} changed")))
    for iid in diff.new:
        it = s.item(iid)
        if it is not None:
            sec.entries.append(page.entry(page.esc(f"+ {one_line(item_heading(it))}")))
    for iid, changes in diff.changed.items():
        it = s.item(iid)
        if it is None:
            continue
        first = changes[0]
        text = f"~ {one_line(item_heading(it))}: {field_name(first.field)} "
        text += f"{one_line(value_text(first.field, first.old, before))} → {one_line(value_text(first.field, first.new, s))}"
        if len(changes) > 1:
            text += f" (+{len(changes) - 1} more)"
        sec.entries.append(page.entry(page.esc(text)))
    for it in diff.removed:
        sec.entries.append(page.entry(page.esc(f"- {one_line(item_heading(it))} (removed)")))
    if not sec.entries:
        sec.empty = page.entry("none")[0]
    return sec


def _critical(page: _Page, s: Situation, shown: set[str]) -> _Section:
    sec = _Section(page.title("Critical and high"), empty=page.entry("none")[0])
    for it in _by_severity(i for i in s.all_items() if not is_broken(i) and i.id not in shown):
        sev = getattr(it, "severity", None)
        if sev not in SEVERITY_MARKS:
            continue
        status = getattr(it, "status", None)
        text = f"{SEVERITY_MARKS[sev]} {sev} · {one_line(item_heading(it))}"
        if status:
            text += f" — {one_line(str(status).replace('_', ' '))}"
        sec.entries.append(page.entry(page.esc(text)))
    return sec


def _listed(s: Situation, pane: str) -> list[Item]:
    try:
        items = s.pane(pane)
    except AttributeError:  # a model without that list
        return []
    return [it for it in items if not is_broken(it)]


def _by_severity(items: Iterable[Item]) -> list[Item]:
    """Critical, then high ...; within a level, in briefing order (figures, judgments, watch,
    needs, then the panes), each list in file order."""
    from tui.model.order import brief_lists

    rank = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    lists = {name: i for i, name in enumerate(brief_lists())}
    return sorted(items, key=lambda it: (rank.get(getattr(it, "severity", None) or "", 4), lists.get(it.pane, 99)))


def _without_broken(s: Situation) -> Situation:
    from tui.model.changes import without_broken

    return without_broken(s, s)[0]


# ---------------------------------------------------------------------------


def render_short(
    situation: Situation,
    *,
    since: Situation | None = None,
    since_label: str | None = None,
    fmt: str = "text",
    now: dt.datetime | None = None,
    left_out: LeftOut | None = None,
) -> str:
    """The one-page brief (see the module docstring): at most LINES lines of WIDTH cells."""
    if fmt not in ("md", "text"):
        raise ValueError(f"unknown format {fmt!r}; one of: md, text")
    page = _Page(fmt)
    s = situation
    now = now or dt.datetime.now(dt.UTC)
    marking = page.esc(one_line(s.marking)) if s.marking else None
    head: list[str] = []
    if marking:
        head.append(page.title(marking))
    head += page.wrap(page.esc(one_line(s.title)), "# " if page.md else "", 1)
    when = f"As of {when_full(s.as_of)} ({format_age(s.as_of, now)})"
    next_update = getattr(s, "next_update", None)
    if isinstance(next_update, When):
        when += " · " + next_update_text(next_update, now)
    else:
        when += " · next update not given"  # said, so nobody waits for one
    head += page.wrap(page.esc(when), "", 1)
    if left_out:
        head += page.wrap(page.esc(f"⚠ {left_out.line()}"), "", 1)

    sections: list[_Section] = []
    if s.summary:
        summary = _Section(page.title("Summary"))
        lead = "" if page.md else "  "  # a paragraph in Markdown, indented like the entries in text
        lines = page.wrap(page.esc(one_line(s.summary)), lead, _SUMMARY_LINES, hang=0)
        summary.entries = [[line] for line in lines]
        sections.append(summary)
    figures = _figures(page, s, since)
    judgments = _judgments(page, s)
    watch = _watch(page, s, now)
    sections += [figures, judgments, watch, _changes(page, s, since, since_label)]
    listed = {it.id for pane in ("figures", "judgments", "watch") for it in _listed(s, pane)}
    sections.append(_critical(page, s, listed))

    tail = ["", page.title(marking)] if marking else []
    budget = LINES - len(head) - len(tail)
    body: list[str] = []
    for i, sec in enumerate(sections):
        reserve = sum(1 + later.min_lines for later in sections[i + 1 :])  # a blank line and the least
        lines = sec.lines_for(budget - len(body) - 1 - reserve, page.more)
        if lines:
            body += ["", *lines]
    return "\n".join(head + body + tail) + "\n"
