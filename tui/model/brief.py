"""`sitboard brief`: a briefing document from a situation, as plain text or Markdown (UI-free).

    render_brief(situation, *, since=None, fmt="md"|"text", now=None, stale_hours=24) -> str
    render_changes(old, new, *, fmt="text"|"md") -> str      (also what `sitboard diff` prints)
    md_escape(s) -> str

The brief opens and closes with the handling marking, then title, area, as-of (and its
age), the summary; with `since` (a baseline), what changed comes FIRST; then every pane
with its items (figures as people read them, confidence, sources with grades and quotes,
weak-basis and staleness flags), and a sources section at the end.

Every string from the situation goes through `text.visible()` (control bytes never pass)
and, in Markdown, through `md_escape()`: data cannot inject emphasis, links, images,
headings, HTML, tables or list items. The Markdown reads well as plain text too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import textwrap
from collections.abc import Callable
from typing import Any

from tui.model.diff import SituationDiff, diff_situations
from tui.model.plain import confidence_text, extension_value, item_fields, item_heading
from tui.model.provenance import best_grade, grade_text, source_usage, weak_basis
from tui.model.stale import freshest_update, is_stale, latest_moment
from tui.model.text import format_age, format_quantity, format_units, format_when, visible
from tui.model.types import PANE_TITLES, PANES, Item, Quantity, Situation, Source, SourceRef, When

__all__ = ["render_brief", "render_changes", "md_escape", "FORMATS"]

FORMATS = ("md", "text")
WIDTH = 78
# The field of each pane that names the item (it is the item's heading, not a row).
_LABEL_KEYS = {
    "fronts": "Name",
    "evacuations": "Area",
    "statements": "Actor",
    "infrastructure": "Name",
    "events": "What",
}
_VALUE_MAX = 300  # old -> new values longer than this are cut (the pane shows them whole)

# ---------------------------------------------------------------------------
# escaping
# ---------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(//)|\b(www)(\.)")
_MD_LEAD = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def _one_line(s: Any) -> str:
    """Data as one safe line: controls visible, newlines and tabs as spaces, runs collapsed."""
    return " ".join(visible(str(s), single_line=True, spaces=True).split())


def md_escape(s: str) -> str:
    """`s` (already one visible line) as literal Markdown text: no markup can form."""
    s = _MD_INLINE.sub(r"\\\1", s)
    s = _MD_ENTITY.sub(r"\\&", s)
    s = _MD_AUTOLINK.sub(lambda m: f"{m.group(1)}\\/\\/" if m.group(1) else f"{m.group(3)}\\.", s)
    m = _MD_LEAD.match(s)
    if m:
        if m.group(2):
            s = f"{m.group(1)}\\{m.group(2)}{s[m.end() :]}"
        else:
            s = f"{m.group(1)}{m.group(3)}\\{m.group(4)}{s[m.end() :]}"
    return s


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------


def _when_full(w: When | None) -> str:
    """ "09 Aug 2024 12:00 UTC+03:00" / "~06 Aug 2024"."""
    if w is None:
        return ""
    text = format_when(w, with_year=True)
    value = w.value
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        off = value.utcoffset()
        minutes = int(off.total_seconds() // 60)  # type: ignore[union-attr]
        sign = "+" if minutes >= 0 else "-"
        minutes = abs(minutes)
        text += f" UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}" if minutes else " UTC"
    return text


def _cut(s: str, n: int = _VALUE_MAX) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _value_text(field: str, value: Any, situation: Situation | None) -> str:
    """A model value as people read it (raw: the caller makes it visible)."""
    if value is None or value == () or value == "":
        return "(none)"
    if isinstance(value, Quantity):
        return format_quantity(value, unit_default="km" if field == "depth_km" else None)
    if isinstance(value, When):
        return _when_full(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        if all(isinstance(v, SourceRef) for v in value):
            names = []
            for ref in value:
                src = situation.sources.get(ref.source) if situation is not None else None
                name = src.name if src is not None else ref.source
                names.append(f"{name} “{_cut(ref.quote, 60)}”" if ref.quote else name)
            return "; ".join(names)
        if field == "units":
            return format_units(value)
        if all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return "; ".join(f"{k}: {extension_value(v)}" for k, v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, Source):
        return value.name
    return str(value) if not isinstance(value, (dict, list)) else extension_value(value)


def _field_name(name: str) -> str:
    return {"depth_km": "Depth", "as_of": "As of", "pane": "Pane"}.get(name, name.replace("_", " ").capitalize())


# ---------------------------------------------------------------------------
# writers: one per format, same calls
# ---------------------------------------------------------------------------


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


class _Text(_Writer):
    esc: Callable[[str], str] = staticmethod(lambda s: s)  # type: ignore[assignment]

    def marking(self, s: str) -> None:
        self.lines.append(s)
        self.blank()

    def title(self, s: str) -> None:
        self.lines.append(s)
        self.lines.append("=" * min(WIDTH, max(3, len(s))))

    def heading(self, s: str) -> None:
        self.blank()
        self.lines.append(s)
        self.lines.append("-" * min(WIDTH, max(3, len(s))))

    def subheading(self, s: str) -> None:
        self.blank()
        self.lines.append(s)

    def para(self, s: str) -> None:
        self.blank()
        self.lines.extend(textwrap.wrap(s, WIDTH, break_long_words=False, break_on_hyphens=False) or [""])
        self.blank()

    def field(self, key: str, value: str, level: int = 0) -> None:
        lead = "  " * level + f"{key}: "
        self._wrap(lead, value, " " * (len("  " * level) + 4))

    def bullet(self, s: str, level: int = 0, mark: str = "-") -> None:
        lead = "  " * level + f"{mark} "
        self._wrap(lead, s, " " * len(lead))

    def item(self, s: str) -> None:
        self.blank()
        self._wrap("* ", s, "  ")

    def flag(self, key: str, value: str, level: int = 0) -> None:
        self.field(f"! {key}", value, level)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        for row in rows:
            first, *rest = row
            self.item(first)
            for k, v in zip(header[1:], rest):
                if v:
                    self.field(k, v, 1)

    def _wrap(self, lead: str, s: str, indent: str) -> None:
        self.lines.extend(
            textwrap.wrap(
                s, WIDTH, initial_indent=lead, subsequent_indent=indent, break_long_words=False,
                break_on_hyphens=False,
            ) or [lead.rstrip()]
        )  # fmt: skip


class _Markdown(_Writer):
    esc: Callable[[str], str] = staticmethod(md_escape)  # type: ignore[assignment]

    def marking(self, s: str) -> None:
        self.lines.append(f"**{s}**")
        self.blank()

    def title(self, s: str) -> None:
        self.lines.append(f"# {s}")
        self.blank()

    def heading(self, s: str) -> None:
        self.blank()
        self.lines.append(f"## {s}")
        self.blank()

    def subheading(self, s: str) -> None:
        self.blank()
        self.lines.append(f"#### {s}")
        self.blank()

    def para(self, s: str) -> None:
        self.blank()
        self.lines.append(s)
        self.blank()

    def field(self, key: str, value: str, level: int = 0) -> None:
        self.lines.append(("  " * level + f"- **{key}:** {value}").rstrip())

    def bullet(self, s: str, level: int = 0, mark: str = "-") -> None:
        prefix = {"+": "(new) ", "~": "(changed) ", "-": ""}.get(mark, "")
        if mark == "-" and level == 0 and getattr(self, "_removed", False):
            prefix = "(removed) "
        self.lines.append("  " * level + f"- {prefix}{s}")

    def item(self, s: str) -> None:
        self.blank()
        self.lines.append(f"### {s}")
        self.blank()

    def flag(self, key: str, value: str, level: int = 0) -> None:
        self.lines.append("  " * level + f"- ⚠ **{key}:** {value}")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.blank()
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.lines.append("| " + " | ".join(c or " " for c in row) + " |")
        self.blank()


def _writer(fmt: str) -> _Writer:
    if fmt == "md":
        return _Markdown()
    if fmt == "text":
        return _Text()
    raise ValueError(f"unknown brief format {fmt!r}; one of: md, text")


# ---------------------------------------------------------------------------
# changes
# ---------------------------------------------------------------------------


def _heading_of(item: Item) -> str:
    return _one_line(item_heading(item))


def _write_changes(w: Any, old: Situation, new: Situation, diff: SituationDiff) -> None:
    e = w.esc
    if diff.empty:
        w.para(e("No changes."))
        return
    for change in diff.situation_changes:
        if change.field == "sources":
            before, after = set(change.old), set(change.new)
            added = [new.sources[s].name for s in new.sources if s not in before]
            gone = [old.sources[s].name for s in old.sources if s not in after]
            kept = [
                new.sources[s].name
                for s in new.sources
                if s in before
                and dataclasses.replace(old.sources[s], origin=None) != dataclasses.replace(new.sources[s], origin=None)
            ]
            parts = []
            if added:
                parts.append("added " + "; ".join(added))
            if gone:
                parts.append("removed " + "; ".join(gone))
            if kept:
                parts.append("changed " + "; ".join(kept))
            w.field("Sources", e(_one_line(", ".join(parts) or "changed")))
            continue
        w.field(
            _field_name(change.field),
            e(_one_line(_cut(_value_text(change.field, change.old, old))))
            + " → "
            + e(_one_line(_cut(_value_text(change.field, change.new, new)))),
        )
    if diff.new:
        w.subheading(f"New ({len(diff.new)})")
        for iid in diff.new:
            it = new.item(iid)
            if it is not None:
                w.bullet(e(_heading_of(it)), mark="+")
    if diff.changed:
        w.subheading(f"Changed ({len(diff.changed)})")
        for iid, changes in diff.changed.items():
            it = new.item(iid)
            if it is None:
                continue
            w.bullet(e(_heading_of(it)), mark="~")
            for c in changes:
                w.field(
                    _field_name(c.field),
                    e(_one_line(_cut(_value_text(c.field, c.old, old))))
                    + " → "
                    + e(_one_line(_cut(_value_text(c.field, c.new, new)))),
                    level=1 if isinstance(w, _Markdown) else 2,
                )
    if diff.removed:
        w.subheading(f"Removed ({len(diff.removed)})")
        w._removed = True  # type: ignore[attr-defined]
        for it in diff.removed:
            w.bullet(e(_heading_of(it)), mark="-")
        w._removed = False  # type: ignore[attr-defined]


def render_changes(old: Situation, new: Situation, *, fmt: str = "text") -> str:
    """What changed from `old` to `new`: new items, changed (old → new values), removed."""
    w = _writer(fmt)
    _write_changes(w, old, new, diff_situations(old, new))
    return w.text()


# ---------------------------------------------------------------------------
# the brief
# ---------------------------------------------------------------------------


def _item_block(w: Any, situation: Situation, item: Item, flags: dict[str, Any]) -> None:
    e = w.esc
    heading = _one_line(item.label)
    status = getattr(item, "status", None)
    if status:
        heading += f" — {_one_line(status)}"
    kind = flags["changes"].kind(item.id) if flags["changes"] is not None else None
    if kind:
        heading += f" ({kind})"
    w.item(e(heading))
    label_key = _LABEL_KEYS.get(item.pane)
    grade = best_grade(item, situation)
    for key, value in item_fields(item):
        if key in (label_key, "Status"):
            continue
        if key == "Confidence":
            text = confidence_text(item.confidence)
            text += f" · best source {grade_text(grade)}" if grade else " · no graded source"
            w.field("Confidence", e(text), 1 if isinstance(w, _Text) else 0)
            continue
        if key == "Updated" and item.updated is not None:
            value = _when_full(item.updated)
        w.field(e(_one_line(key)), e(_one_line(value)), 1 if isinstance(w, _Text) else 0)
    if item.sources:
        level = 1 if isinstance(w, _Text) else 0
        w.field("Sources", "", level) if isinstance(w, _Markdown) else w.lines.append("  Sources:")
        for ref in item.sources:
            src = situation.sources.get(ref.source)
            name = src.name if src is not None else ref.source
            details = [d for d in ((src.type, src.reliability or "ungraded") if src else ()) if d]
            line = e(_one_line(name))
            if details:
                line += " (" + e(_one_line(", ".join(details))) + ")"
            if ref.quote:
                line += ": " + e("“" + _one_line(ref.quote) + "”")
            w.bullet(line, level + 1 if isinstance(w, _Text) else 1)
    reason = weak_basis(item, situation)
    if reason:
        w.flag("Weak basis", e(reason), 1 if isinstance(w, _Text) else 0)
    if item.id in flags["stale"]:
        age = _age_before(item.updated, situation.as_of) if item.updated else ""
        w.flag(
            "Stale",
            e(f"last confirmed {_when_full(item.updated)}{age} (older than {flags['hours_text']})"),
            1 if isinstance(w, _Text) else 0,
        )


def _age_before(updated: When, as_of: When) -> str:
    then = latest_moment(updated)
    ref = as_of.as_datetime()
    if ref.tzinfo is None:
        ref = ref.replace(tzinfo=dt.UTC)
    hours = (ref - then).total_seconds() / 3600
    if hours < 48:
        return f", {hours:.0f} h before the as-of"
    return f", {hours / 24:.0f} d before the as-of"


def _hours_text(hours: float) -> str:
    h = f"{hours:g}"
    return f"{h} h before the as-of"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def render_brief(
    situation: Situation,
    *,
    since: Situation | None = None,
    fmt: str = "md",
    now: dt.datetime | None = None,
    stale_hours: float = 24,
) -> str:
    """The briefing document (see the module docstring); `fmt` is "md" or "text"."""
    w = _writer(fmt)
    e = w.esc
    s = situation
    now = now or dt.datetime.now(dt.UTC)
    marking = _one_line(s.marking) if s.marking else None
    max_age = dt.timedelta(hours=stale_hours)
    stale = {it.id for it in s.items() if is_stale(it, s, max_age)}
    weak = [it for it in s.items() if weak_basis(it, s)]
    changes = diff_situations(since, s) if since is not None else None

    if marking:
        w.marking(e(marking))
    w.title(e(_one_line(s.title)))
    meta = w
    if isinstance(w, _Markdown):
        meta.blank()
    if s.area:
        meta.field("Area", e(_one_line(s.area)))
    meta.field("As of", e(f"{_when_full(s.as_of)} ({format_age(s.as_of, now)})"))
    counts = [
        _plural(s.item_count, "item"),
        _plural(len(s.sources), "source"),
        f"{len(weak)} on a weak basis",
        f"{len(stale) or 'none'} stale (not confirmed within {stale_hours:g} h of the as-of)",
    ]
    meta.field("Picture", e(" · ".join(counts)))
    if since is not None:
        meta.field("Baseline", e(f"as of {_when_full(since.as_of)}"))
    if s.summary:
        w.heading("Summary")
        w.para(e(_one_line(s.summary)))

    if since is not None and changes is not None:
        w.heading(e(f"What changed since {_when_full(since.as_of)}"))
        _write_changes(w, since, s, changes)

    flags = {"stale": stale, "changes": changes, "hours_text": _hours_text(stale_hours)}
    for pane in PANES:
        items = s.pane(pane)
        title = PANE_TITLES[pane]
        fresh = freshest_update(items)
        extra = [str(len(items))]
        if fresh is not None:
            extra.append(f"freshest update {_when_full(fresh)}")
        w.heading(e(f"{title} ({' · '.join(extra)})"))
        if not items:
            w.para("Nothing reported.")
            continue
        for it in items:
            _item_block(w, s, it, flags)

    w.heading("Sources")
    rows = []
    total = s.item_count
    for usage in source_usage(s):
        src = usage.source
        if usage.count == 0:
            used = "no items"
        elif usage.count == total:
            used = f"{_plural(usage.count, 'item')} (all)"
        else:
            used = f"{_plural(usage.count, 'item')}: " + "; ".join(_one_line(it.label) for it in usage.items)
        where = src.url or (os.path.basename(src.document) if src.document else "")
        rows.append(
            [
                e(_one_line(src.name)),
                e(_one_line(src.type or "")),
                e(grade_text(src.reliability)),
                e(_one_line(where)),
                e(used),
            ]
        )
    w.table(["Source", "Type", "Grade", "Where", "Items"], rows)
    if marking:
        w.blank()
        w.marking(e(marking))
    return w.text()
