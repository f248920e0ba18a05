"""The board's header: title · area, "as of 09 Aug 12:00, 3 h ago", "next update in 2 h 10 m"
(or "⚠ overdue by 40 m", against the app's clock), reload state, marking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.model.text import format_age, format_when, visible

if TYPE_CHECKING:
    from tui.model.types import Situation

MARKING_CLASSES = {
    "TLP:CLEAR": "-tlp-clear",
    "TLP:WHITE": "-tlp-clear",
    "TLP:GREEN": "-tlp-green",
    "TLP:AMBER": "-tlp-amber",
    "TLP:AMBER+STRICT": "-tlp-amber",
    "TLP:RED": "-tlp-red",
}


def marking_class(marking: str) -> str:
    return MARKING_CLASSES.get(marking.strip().upper(), "-marking-other")


class BoardHeader(Horizontal):
    """One line: what situation, how old the picture is, reload state and handling banner."""

    def __init__(self, clock: Callable[[], dt.datetime], *, id: str | None = "header") -> None:
        super().__init__(id=id)
        self.clock = clock
        self.situation: Situation | None = None
        self.reload_state = ""
        self._shown: dict[str, tuple] = {}  # slot id -> (plain, style, spans) on screen

    def compose(self) -> ComposeResult:
        yield Static(Text("Situation Board", style="bold", end=""), id="header-title", markup=False)
        yield Static(Text("loading…", end=""), id="header-asof", markup=False)
        yield Static("", id="header-next", markup=False)
        yield Static("", id="header-reload", markup=False)
        yield Static("", id="header-marking", markup=False)

    def on_mount(self) -> None:
        self.set_interval(30, self.refresh_age)

    def show_situation(self, situation: Situation | None) -> None:
        self.situation = situation
        marking = self.query_one("#header-marking", Static)
        if situation is None:
            self._set_slot("header-title", Text("Situation Board", style="bold", end=""))
            marking.set_class(False, "-shown")
            self.refresh_age()
            return
        t = Text(end="")
        t.append(visible(situation.title, single_line=True), style="bold")
        if situation.area:
            t.append(" · ")
            t.append(visible(situation.area, single_line=True))
        self._set_slot("header-title", t)
        wanted = marking_class(situation.marking) if situation.marking else ""
        for cls in set(MARKING_CLASSES.values()) | {"-marking-other"}:
            marking.set_class(cls == wanted, cls)  # no change, no restyle
        if situation.marking:
            self._set_slot("header-marking", Text(f" {visible(situation.marking, single_line=True)} ", end=""))
            marking.set_class(True, "-shown")
        else:
            marking.set_class(False, "-shown")
        self.refresh_age()

    def as_of_text(self) -> str:
        sit = self.situation
        if sit is None:
            return "loading…"
        try:
            return f"as of {format_when(sit.as_of)}, {format_age(sit.as_of, self.clock())}"
        except Exception:  # a clock or a date the formatter cannot handle: never crash
            return f"as of {format_when(sit.as_of)}"

    def _set_slot(self, slot_id: str, text: Text) -> bool:
        """Show `text` in a slot; nothing happens when that text is already shown (an
        update re-lays out the line and repaints the panes' scrollbars: bytes on a thin
        link every idle minute)."""
        key = (text.plain, str(text.style), tuple(text.spans))
        if self._shown.get(slot_id) == key:
            return False
        self._shown[slot_id] = key
        self.query_one(f"#{slot_id}", Static).update(text)
        self.fit_slots()
        return True

    TITLE_MIN = 16  # cells the title keeps at least (all it needs when shorter) ...
    TITLE_SHARE = 3  # ... and up to a third of the line
    ALARMS = ("⚠", "being written")  # reload states that take the title's cells above TITLE_MIN

    def fit_slots(self) -> None:
        """The title keeps the room it needs, up to a third of the line (16 cells at least);
        the reload and sync state ("paused", "+3 changes waiting", "offline since 11:40")
        takes what the title, the as-of and the marking leave, cut with an ellipsis. (It
        took 40% of the line whatever the title needed: after a reload the title read
        'Ukr…' at 80 columns.) An alarm (ALARMS) longer than its room takes the title's
        cells above TITLE_MIN."""
        width = self.size.width
        if not width:
            return
        title = self._shown.get("header-title", ("",))[0]
        keep = min(cell_len(title) + 2, max(width // self.TITLE_SHARE, self.TITLE_MIN))
        others = 0
        for slot in self.query(Static):
            if slot.id in ("header-title", "header-reload") or not slot.display:
                continue
            if slot.id == "header-asof" or slot.has_class("-shown"):
                others += cell_len(self._shown.get(slot.id or "", ("",))[0]) + 2
        room = max(width - keep - others, 0)
        if self.reload_state.startswith(self.ALARMS) and cell_len(self.reload_state) > room and keep > self.TITLE_MIN:
            # "⚠ last good version: …" matters more than the title's end: the title gives way to its minimum
            # (a routine "reloaded 11:50:04" never does: issue 13 item 1)
            room += keep - min(keep, self.TITLE_MIN)
        reload = self.query_one("#header-reload", Static)
        reload.set_class(room < 6, "-no-room")
        if self._reload_room != room:
            self._reload_room = room
            reload.styles.max_width = room

    _reload_room = -1

    def refresh_age(self) -> None:
        """Called every 30 s: repaints only when the age text changes ("2 y ago" stays)."""
        self._set_slot("header-asof", Text(self.as_of_text(), end=""))
        self.refresh_next_update()

    def next_update_text(self) -> Text:
        """ "next update in 2 h 10 m"; overdue, in bold: "next update ⚠ overdue by 40 m";
        shorter on a narrow screen ("next in 2 h 10 m", "next ⚠ 40 m late")."""
        from tui.model.picture import next_update

        try:
            up = next_update(self.situation, self.clock())
        except Exception:  # a clock the countdown cannot read: no countdown, never a crash
            up = None
        if up is None:
            return Text("", end="")
        words = up.short if 0 < self.size.width < 120 else up.text
        return Text(words, style="bold" if up.overdue else "", end="")

    def refresh_next_update(self) -> None:
        text = self.next_update_text()
        changed = self._set_slot("header-next", text)
        slot = self.query_one("#header-next", Static)
        slot.set_class(bool(text.plain), "-shown")
        slot.set_class("⚠" in text.plain, "-overdue")
        if changed:
            self.fit_slots()  # again, now that the slot is shown or not: the reload state gets what is left

    def on_resize(self) -> None:
        self.refresh_next_update()  # the long or the short words
        self.fit_slots()

    def set_reload_state(self, text: str) -> None:
        self.reload_state = text
        self._set_slot("header-reload", Text(visible(text, single_line=True), end=""))
        self.query_one("#header-reload", Static).set_class(bool(text), "-shown")
