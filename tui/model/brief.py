"""`sitboard brief`: a briefing document from a situation, as plain text or Markdown (UI-free).

    render_brief(situation, *, since=None, since_label=None, fmt="md"|"text", now=None,
                 stale_hours=24, left_out=None) -> str

The brief opens and closes with the handling marking, then title, area, as-of (and its
age), the summary; with `since` (a baseline), what changed comes FIRST; then every pane
with its items (figures as people read them, confidence, sources with grades and quotes,
weak-basis and staleness flags), and a sources section at the end. Items with errors are
left out, and a line near the top says so (`left_out`).

Every string from the situation goes through `text.visible()` (control bytes never pass)
and, in Markdown, through `md_escape()` (tui/model/markup.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from tui.model.brief_short import next_update_text
from tui.model.changes import render_changes, without_broken, write_changes
from tui.model.diff import SituationDiff, diff_situations
from tui.model.leftout import LeftOut, is_broken
from tui.model.markup import FORMATS, Writer, md_escape, writer
from tui.model.order import brief_lists, ordered
from tui.model.plain import confidence_text, field_title, item_fields
from tui.model.provenance import best_grade, grade_text, weak_basis
from tui.model.spec import LIST
from tui.model.stale import freshest_update, is_stale, latest_moment
from tui.model.text import format_age
from tui.model.types import PANE_TITLES, Item, Situation, When
from tui.model.values import one_line, when_full

__all__ = ["render_brief", "render_changes", "md_escape", "FORMATS"]


class _Context:
    def __init__(
        self,
        situation: Situation,
        stale: set[str],
        changes: SituationDiff | None,
        stale_hours: float,
        authors: Mapping[str, str],
    ) -> None:
        self.authors = authors
        self.situation = situation
        self.stale = stale
        self.changes = changes
        self.hours_text = f"{stale_hours:g} h before the as-of"


def _item_block(w: Writer, ctx: _Context, item: Item) -> None:
    e = w.esc
    situation = ctx.situation
    level = w.item_level
    heading = one_line(item.label)
    status = getattr(item, "status", None)
    if status:
        heading += f" — {one_line(str(status).replace('_', ' '))}"
    kind = ctx.changes.kind(item.id) if ctx.changes is not None else None
    if kind:
        heading += f" ({kind})"
    w.item(e(heading))
    lst = LIST.get(item.pane)
    label_key = field_title(lst.label) if lst is not None else None  # the heading names the item
    grade = best_grade(item, situation)
    for key, value in item_fields(item):
        if key in (label_key, "Status"):
            continue
        if key == "Confidence":
            text = confidence_text(item.confidence)
            text += f" · best source {grade_text(grade)}" if grade else " · no graded source"
            w.field("Confidence", e(text), level)
            continue
        if key == "Updated" and item.updated is not None:
            value = when_full(item.updated)
        w.field(e(one_line(key)), e(one_line(value)), level)
    if item.id in ctx.authors:
        w.field("Last changed", e(one_line(ctx.authors[item.id])), level)
    if item.sources:
        w.list_head("Sources", level)
        for ref in item.sources:
            src = situation.sources.get(ref.source)
            name = src.name if src is not None else ref.source
            details = [d for d in ((src.type, src.reliability or "ungraded") if src else ()) if d]
            line = e(one_line(name))
            if details:
                line += " (" + e(one_line(", ".join(details))) + ")"
            if ref.quote:
                line += ": " + e("“" + one_line(ref.quote) + "”")
            w.bullet(line, level + 1)
    reason = weak_basis(item, situation)
    if reason:
        w.flag("Weak basis", e(reason), level)
    if item.id in ctx.stale:
        age = _age_before(item.updated, situation.as_of) if item.updated else ""
        w.flag("Stale", e(f"last confirmed {when_full(item.updated)}{age} (older than {ctx.hours_text})"), level)


def _age_before(updated: When, as_of: When) -> str:
    then = latest_moment(updated)
    ref = as_of.as_datetime()
    if ref.tzinfo is None:
        ref = ref.replace(tzinfo=dt.UTC)
    hours = (ref - then).total_seconds() / 3600
    if hours < 48:
        return f", {hours:.0f} h before the as-of"
    return f", {hours / 24:.0f} d before the as-of"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _sources_table(w: Writer, s: Situation) -> None:
    e = w.esc
    rows = []
    shown = [it for it in s.all_items() if not is_broken(it)]
    total = len(shown)
    for src in s.sources.values():
        items = [it for it in shown if any(ref.source == src.id for ref in it.sources)]  # every list
        if not items:
            used = "no items"
        elif len(items) == total:
            used = f"{_plural(len(items), 'item')} (all)"
        else:
            used = f"{_plural(len(items), 'item')}: " + "; ".join(one_line(it.label) for it in items)
        where = src.url or (os.path.basename(src.document) if src.document else "")
        rows.append(
            [
                e(one_line(src.name)),
                e(one_line(src.type or "")),
                e(grade_text(src.reliability)),
                e(one_line(where)),
                e(used),
            ]
        )
    w.table(["Source", "Type", "Grade", "Where", "Items"], rows)


def render_brief(
    situation: Situation,
    *,
    since: Situation | None = None,
    since_label: str | None = None,
    fmt: str = "md",
    now: dt.datetime | None = None,
    stale_hours: float = 24,
    left_out: LeftOut | None = None,
    authors: Mapping[str, str] | None = None,
) -> str:
    """The briefing document (see the module docstring); `fmt` is "md" or "text".

    `authors`: item id -> who changed it last ("commit a1b2c3d “subject” (Anna, ...)"),
    shown as "Last changed" under the item (`sitboard brief --authors`).

    `since_label` names the baseline in the "What changed since ..." heading (the time it
    was marked, for a saved baseline); default: its as-of."""
    w = writer(fmt)
    e = w.esc
    s = situation
    now = now or dt.datetime.now(dt.UTC)
    marking = one_line(s.marking) if s.marking else None
    max_age = dt.timedelta(hours=stale_hours)
    shown = [it for it in s.all_items() if not is_broken(it)]
    stale = {it.id for it in shown if is_stale(it, s, max_age)}
    weak = [it for it in shown if weak_basis(it, s)]
    changes = None
    if since is not None:
        before, after = without_broken(since, s)
        changes = diff_situations(before, after)

    if marking:
        w.marking(e(marking))
    w.title(e(one_line(s.title)))
    if fmt == "md":
        w.blank()
    if s.area:
        w.field("Area", e(one_line(s.area)))
    w.field("As of", e(f"{when_full(s.as_of)} ({format_age(s.as_of, now)})"))
    next_update = getattr(s, "next_update", None)
    if isinstance(next_update, When):
        w.field("Next update", e(next_update_text(next_update, now).removeprefix("next update ")))
    counts = [
        _plural(len(shown), "item"),
        _plural(len(s.sources), "source"),
        f"{len(weak)} on a weak basis",
        f"{len(stale) or 'none'} stale (not confirmed within {stale_hours:g} h of the as-of)",
    ]
    w.field("Picture", e(" · ".join(counts)))
    label = since_label or (f"the picture as of {when_full(since.as_of)}" if since is not None else None)
    if since is not None:
        w.field("Baseline", e(one_line(label)))
    if left_out:
        w.flag("Left out", e(left_out.line().removeprefix("left out: ")))
    if s.summary:
        w.heading("Summary")
        w.para(e(one_line(s.summary)))

    if since is not None and changes is not None:
        w.heading(e(one_line(f"What changed since {label}")))
        write_changes(w, before, after, changes)

    ctx = _Context(s, stale, changes, stale_hours, authors or {})
    for pane in brief_lists():
        items = ordered(pane, [it for it in s.pane(pane) if not is_broken(it)], now)
        fresh = freshest_update(items)
        extra = [str(len(items))]
        if fresh is not None:
            extra.append(f"freshest update {when_full(fresh)}")
        w.heading(e(f"{PANE_TITLES[pane]} ({' · '.join(extra)})"))
        if not items:
            w.para("Nothing reported.")
            continue
        for it in items:
            _item_block(w, ctx, it)

    w.heading("Sources")
    _sources_table(w, s)
    if marking:
        w.blank()
        w.marking(e(marking))
    return w.text()
