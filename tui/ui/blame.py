"""Who changed it (issue 15): the detail's "Last changed" line, from `git blame` of the
item's lines (tui.runtime.githistory.Blamer, cached per file content), found in a thread
worker so the detail opens at once; nothing is shown outside a git work tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static

from tui.model.text import visible
from tui.runtime.githistory import Blamer

if TYPE_CHECKING:
    from tui.model.types import Item, Situation
    from tui.runtime.githistory import Change

_BLAMER = Blamer()  # one cache for every detail screen


def change_text(change: Change) -> str:
    """ "a1b2c3d “Evacuation figures” (Anna Analyst, 09 Aug 2024 14:02)" in local time."""
    if not change.committed:
        return "not committed yet (local edits)"
    when = f", {change.time.astimezone():%d %b %Y %H:%M}" if change.time is not None else ""
    subject = visible(change.subject[:120], single_line=True)
    return f"{change.short} “{subject}” ({visible(change.author[:60], single_line=True)}{when})"


class BlameLine(Static):
    """ "Last changed  a1b2c3d “subject” (author, time)", or nothing."""

    DEFAULT_CSS = "BlameLine { height: auto; color: $text-muted; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.item_id: str | None = None
        self.display = False

    def show_for(self, situation: Situation, item: Item | None, *, enabled: bool = True) -> None:
        """Look up `item` (in a thread); `enabled=False` (a version from git): nothing."""
        self.item_id = item.id if item is not None else None
        self.display = False
        if enabled and item is not None and item.origin is not None:
            self._find(situation, item)

    @work(thread=True, exclusive=True, group="blame", exit_on_error=False)
    def _find(self, situation: Situation, item: Item) -> None:
        change = _BLAMER.item(item, situation.items())
        if change is not None:
            self.app.call_from_thread(self._found, item.id, change_text(change))

    def _found(self, item_id: str, text: str) -> None:
        if item_id != self.item_id:
            return  # another item is shown by now
        line = Text("Last changed  ", style="bold")
        line.append(text)
        self.update(line)
        self.display = True
