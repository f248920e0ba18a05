"""The detail's richer values (issue 12): what one line of text would hide.

- a breakdown, part by part, and the mismatch when the parts do not add up;
- a series as a small table, oldest first, the figure's own value last;
- a watch item's due with "⚠ overdue by 3 h" / "due in 2 h 10 m" against the clock;
- severity with its mark (▲ critical, △ high);
- second-hand references: "via media reports", whose word the source passed on;
- an item with errors: every problem, placed, before the fields that validated.

Every string from the file is a `rich.text.Text` of visible(): never markup.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui.model.picture import OVERDUE_MARK, SEVERITY_MARKS, span
from tui.model.text import format_quantity, format_when, visible
from tui.ui.theme import MUTED_STYLE, RED, YELLOW

if TYPE_CHECKING:
    from tui.model.types import Item, SourceRef
    from tui.ui.screens.longfields import LongFields


SEVERITY_STYLES = {"critical": f"bold {RED}", "high": f"bold {YELLOW}"}


def _text(value: str, style: str = "") -> Text:
    return Text(visible(value, single_line=True), style=style, overflow="fold")


def severity_value(item: Item) -> Text | None:
    severity = item.severity
    if not severity:
        return None
    mark = SEVERITY_MARKS.get(severity)
    return Text(f"{mark} {severity}" if mark else severity, style=SEVERITY_STYLES.get(severity, ""))


def breakdown_value(item: Item) -> RenderableType | None:
    """Each part on its line; the mismatch with the total, when there is one, in bold."""
    from tui.model.validate_compound import breakdown_mismatch

    parts = getattr(item, "breakdown", ())
    if not parts:
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column("part", no_wrap=False)
    grid.add_column("value", justify="right", no_wrap=True)
    for label, quantity in parts:
        grid.add_row(_text(str(label).replace("_", " ")), Text(visible(format_quantity(quantity), single_line=True)))
    value = getattr(item, "value", None)
    mismatch = breakdown_mismatch(value, parts) if value is not None else None
    if mismatch is None:
        return grid
    return Group(grid, Text(f"⚠ {mismatch}", style=f"bold {YELLOW}"))


def series_value(item: Item) -> RenderableType | None:
    """The earlier values, oldest first, then the figure's own (as of its date)."""
    points = getattr(item, "series", ())
    if not points:
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column("at", no_wrap=True)
    grid.add_column("value", justify="right", no_wrap=True)
    for point in points:
        grid.add_row(
            Text(format_when(point.at, with_year=True)), Text(visible(format_quantity(point.value), single_line=True))
        )
    value = getattr(item, "value", None)
    if value is not None:
        date = getattr(item, "date", None)
        at = f"{format_when(date, with_year=True)} (latest)" if date is not None else "latest"
        grid.add_row(Text(at, style="bold"), Text(visible(format_quantity(value), single_line=True), style="bold"))
    return grid


def due_value(item: Item, now: dt.datetime) -> Text | None:
    """ "10 Aug 2024 12:00 — due in 2 h 10 m"; overdue: "… — ⚠ overdue by 3 h" (bold)."""
    from tui.model.order import is_overdue, moment

    due = getattr(item, "due", None)
    if due is None:
        return None
    out = Text(format_when(due, with_year=True))
    try:
        seconds = (moment(due) - now).total_seconds()
        if is_overdue(item, now):
            out.append(f" — {OVERDUE_MARK} overdue by {span(seconds)}", style="bold")
        elif (getattr(item, "status", None) or "open") == "open" and seconds >= 0:
            out.append(f" — due in {span(seconds)}")
    except (OverflowError, ValueError, TypeError):
        pass
    return out


def rich_value(item: Item, key: str, now: dt.datetime) -> RenderableType | None:
    """The detail's own rendering of a field row (by its title), or None: the plain text."""
    if key == "Severity":
        return severity_value(item)
    if key == "Breakdown":
        return breakdown_value(item)
    if key == "Series":
        return series_value(item)
    if key == "Due" and item.pane == "watch":
        return due_value(item, now)
    return None


def field_rows(item: Item, clock: Any, long: LongFields | None = None) -> list[tuple[Text, RenderableType]]:
    """The detail's rows of an item: for an item with errors, every problem (placed)
    first; then every field (tui.model.plain.item_fields: of an item with errors, those
    that validated), the richer ones as above. `clock`: the app's (a fixed one in tests), else the wall clock.
    `long`: the detail's LongFields, which cuts a long plain value and keeps it whole for `f`."""
    from tui.model.plain import item_fields
    from tui.ui.widgets.cells import CONFIDENCE_STYLES

    now = clock() if callable(clock) else dt.datetime.now(dt.UTC)
    rows: list[tuple[Text, RenderableType]] = []
    for i, problem in enumerate(getattr(item, "problems", ()) if item.broken else ()):
        rows.append((Text("✗ Problems" if i == 0 else "", style="bold"), _text(str(problem), "bold")))
    for key, value in item_fields(item):
        style = CONFIDENCE_STYLES.get(item.confidence, "") if key == "Confidence" else ""
        rich = rich_value(item, key, now)
        if rich is None:
            rich = (
                long.text(key, value, style) if long is not None else Text(visible(value), style=style, overflow="fold")
            )
        rows.append((_text(key), rich))
    return rows


def via_line(ref: SourceRef) -> Text | None:
    """ "via media reports: passed on, second-hand" for a reference with `via`."""
    if not ref.via:
        return None
    out = Text("via ", style="bold")
    out.append_text(_text(ref.via))
    out.append("  (second-hand: the source passed on their word)", style=MUTED_STYLE)
    return out
