"""What changed between two versions of a situation, written out (UI-free).

    render_changes(old, new, *, fmt="text"|"md", left_out=None) -> str   (`sitboard diff`)
    write_changes(writer, old, new, diff)                                 (brief --since)

New items, changed items with old → new values field by field, removed items; header
changes (title, as-of, sources ...) first. Items with errors on either side are not
compared (they would read as removed or new): they are named in a "left out" line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from tui.model.assembly import strictest_marking
from tui.model.diff import SituationDiff, diff_situations
from tui.model.leftout import LeftOut, is_broken
from tui.model.markup import Writer, writer
from tui.model.plain import item_heading
from tui.model.types import Item, Situation
from tui.model.values import cut, field_name, one_line, value_text

__all__ = ["render_changes", "write_changes", "without_broken"]


def _heading_of(item: Item) -> str:
    return one_line(item_heading(item))


def _old_new(field: str, old_value: object, new_value: object, old: Situation, new: Situation) -> tuple[str, str]:
    return (
        one_line(cut(value_text(field, old_value, old))),
        one_line(cut(value_text(field, new_value, new))),
    )


def _sources_change(old: Situation, new: Situation, before: set[str], after: set[str]) -> str:
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
    return ", ".join(parts) or "changed"


def write_changes(w: Writer, old: Situation, new: Situation, diff: SituationDiff) -> None:
    e = w.esc
    if diff.empty:
        w.para(e("No changes."))
        return
    for change in diff.situation_changes:
        if change.field == "sources":
            w.field("Sources", e(one_line(_sources_change(old, new, set(change.old), set(change.new)))))
            continue
        before, after = _old_new(change.field, change.old, change.new, old, new)
        w.field(field_name(change.field), e(before) + " → " + e(after))
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
                before, after = _old_new(c.field, c.old, c.new, old, new)
                w.field(field_name(c.field), e(before) + " → " + e(after), level=w.item_level + 1)
    if diff.removed:
        w.subheading(f"Removed ({len(diff.removed)})")
        w.removed_section = True
        for it in diff.removed:
            w.bullet(e(_heading_of(it)), mark="-")
        w.removed_section = False


def without_broken(old: Situation, new: Situation) -> tuple[Situation, Situation]:
    """Both versions without the items that have errors on EITHER side: a broken item is
    neither removed (it is still in the file) nor new, and its changes cannot be known."""
    from tui.model.types import LISTS

    broken = {it.id for s in (old, new) for it in s.all_items() if is_broken(it)}
    if not broken:
        return old, new

    def keep(s: Situation) -> Situation:
        panes: dict[str, Any] = {p: tuple(it for it in s.pane(p) if it.id not in broken) for p in LISTS}
        return dataclasses.replace(s, **panes)

    return keep(old), keep(new)


def render_changes(
    old: Situation,
    new: Situation,
    *,
    fmt: str = "text",
    left_out: Sequence[LeftOut] | None = None,
    heading: str | None = None,
) -> str:
    """What changed from `old` to `new`: new items, changed (old → new values), removed.

    The handling marking opens and closes it: the strictest of the two versions' (the
    diff quotes both). `heading` (one line, e.g. the commits compared) follows the marking."""
    w = writer(fmt)
    marking = strictest_marking([old.marking, new.marking])
    if marking:
        w.marking(w.esc(one_line(marking)))
    if heading:
        w.line(w.esc(one_line(heading)))
    old, new = without_broken(old, new)
    write_changes(w, old, new, diff_situations(old, new))
    for side, lo in zip(("old", "new"), left_out or ()):
        if lo:
            w.blank()
            w.flag(f"In the {side} version", w.esc(lo.line()))
    if marking:
        w.blank()
        w.marking(w.esc(one_line(marking)))
    return w.text()
