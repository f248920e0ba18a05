"""The main board: header, the picture (summary, key figures, the lists without a box),
one box per list with items, error bar, search bar, footer.

The app hands it what to show through public methods (`show_situation`,
`show_problems`, `show_changes`, `set_reload_state`, `jump_to_item`), before or after
it is mounted; it posts what the officer asks for that is the app's to do
(`OpenItem`, `ItemSeen`, `CopyRequested`); app-level keys are bindings to `app.` actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding

from tui.model.copytext import item_line, item_whole
from tui.model.spec import LIST
from tui.model.types import PANE_TITLES
from tui.ui.messages import CopyRequested, ItemSeen, OpenItem
from tui.ui.screens.moves import step
from tui.ui.screens.picture import LIST_ORDER, PaneGrid, PictureBoard
from tui.ui.screens.searching import BoardSearch, SearchingScreen
from tui.ui.widgets.errorbar import ErrorBar, ErrorBox
from tui.ui.widgets.figures import FigurePane
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.header import BoardHeader
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.picture import ListsLine, SummaryText
from tui.ui.widgets.searchbar import SearchBar, SearchHint
from tui.ui.widgets.table import ItemTable

if TYPE_CHECKING:
    from tui.model.types import Item, Situation


class BoardScreen(PictureBoard, SearchingScreen):
    """The picture at a glance; every key of the keymap that acts on panes lives here."""

    # the header (with the marking) and the keys stay on screen while a pane is maximized
    ALLOW_IN_MAXIMIZED_VIEW = "BoardHeader, KeyFooter"
    ESCAPE_TO_MINIMIZE = False  # escape order: clear the filter first, then restore
    AUTO_FOCUS = "#panes > Pane"  # the first box (not the key figures above them)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("tab", "next_pane", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "prev_pane", "Previous pane", show=False, id="prev_pane"),
        Binding("0", "jump_pane(0)", "Key figures", show=False, id="pane_0"),
        Binding("1", "jump_pane(1)", "Fronts", show=False, id="pane_1"),
        Binding("2", "jump_pane(2)", "Evacuations", show=False, id="pane_2"),
        Binding("3", "jump_pane(3)", "Statements", show=False, id="pane_3"),
        Binding("4", "jump_pane(4)", "Infrastructure", show=False, id="pane_4"),
        Binding("5", "jump_pane(5)", "Events", show=False, id="pane_5"),
        Binding("6", "jump_pane(6)", "Needs", show=False, id="pane_6"),
        Binding("7", "jump_pane(7)", "Watch", show=False, id="pane_7"),
        Binding("8", "jump_pane(8)", "Judgments", show=False, id="pane_8"),
        # priority: runs as soon as the app reads `/`, before the keys typed after it are
        # handed to the focused pane (a paste, a fast typist over SSH: "/kursk" in one read)
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("n", "next_hit", "Next hit", id="next_hit"),
        Binding("N", "prev_hit", "Prev hit", show=False, id="prev_hit"),
        Binding("z", "maximize_pane", "Max", id="maximize"),
        Binding("o", "toggle_order", "Order", show=False, id="order"),
        Binding("i", "summary", "Summary", show=False, id="summary"),
        Binding("y", "copy_selected(False)", "Copy", id="copy"),
        Binding("Y", "copy_selected(True)", "Copy all", show=False, id="copy_item"),
        Binding("r", "app.reload", "Reload", id="reload"),
        Binding("p", "app.toggle_pause", "Pause", show=False, id="pause"),
        Binding("c", "next_change", "Next change", show=False, id="next_change"),
        Binding("C", "prev_change", "Prev change", show=False, id="prev_change"),
        Binding("s", "app.switch_situation", "Switch", show=False, id="switch"),
        Binding("e", "errors", "Errors", show=False, id="errors"),
        Binding("escape", "back", "Back", show=False, id="back"),
    ]

    def __init__(self, clock: Callable[[], dt.datetime], *, stale_hours: float = 24.0, colour: bool = True) -> None:
        super().__init__(id="board")
        self.clock = clock
        self.stale_hours = stale_hours
        self.colour = colour
        self.situation: Situation | None = None
        self.marks: dict[str, str] = {}  # item id -> "new" / "changed": shown in the panes
        self.changed_ids: set[str] = set()  # what c / C step through
        self._problems: tuple[list[str], str] = ([], "problem")
        self._reload_state = ""
        self._last_pane: Pane | None = None
        self._open_when_loaded: Pane | None = None
        self.search = BoardSearch(stale_hours=stale_hours, now=clock)
        self._baseline: Situation | None = None

    def compose(self) -> ComposeResult:
        yield BoardHeader(self.clock)
        yield SummaryText()
        yield FigurePane(stale_hours=self.stale_hours)
        yield ListsLine()
        with PaneGrid(id="panes"):
            for name in LIST_ORDER:
                yield Pane(name, LIST[name].key, PANE_TITLES[name], stale_hours=self.stale_hours)
        yield ErrorBox(ErrorBar())
        yield SearchHint()
        yield SearchBar()
        yield KeyFooter()

    _panes_ready = False  # the panes are there: what the app hands down is shown at once

    def on_mount(self) -> None:
        self._panes_ready = True
        for pane in self.panes:
            pane.colour, pane.clock = self.colour, self.clock
        self.searchbar.display = False
        self.figures.show_baseline(self._baseline)
        self.set_interval(30, self.tick)
        # what the app handed down before the board was mounted (a first load that
        # finished already) fills it now, before its first frame
        if self.situation is not None:
            self.show_situation(self.situation)
        self.show_problems(*self._problems)
        self.set_reload_state(self._reload_state)
        self.show_changes(self.marks, self.changed_ids)
        # A key typed at start-up (`3`) may have chosen a pane before this runs: keep it.
        if self._last_pane is None and self.focused is None:
            self.focus_first_box()

    # -- parts -------------------------------------------------------------------
    @property
    def panes(self) -> list[Pane]:
        """The panes in number order (whatever their order on screen)."""
        return sorted(self.query(Pane), key=lambda p: p.number)

    def on_resize(self) -> None:
        self.arrange_panes()
        # the footer's "^p Commands" would overprint the keys below 80 columns
        self.query_one(KeyFooter).show_command_palette = self.size.width >= 80

    @property
    def header(self) -> BoardHeader:
        return self.query_one(BoardHeader)

    @property
    def errorbar(self) -> ErrorBar:
        """The error bar's text (messages)."""
        return self.query_one(ErrorBar)

    @property
    def errorbox(self) -> ErrorBox:
        """The error bar's scrolling frame (`e` focuses it)."""
        return self.query_one(ErrorBox)

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#pane-{name}", Pane)

    @property
    def current_pane(self) -> Pane:
        focused = self.focused
        if isinstance(focused, Pane):
            return focused
        if self._last_pane is not None:
            return self._last_pane
        return self.panes[0]

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, Pane):
            self._last_pane = event.widget

    def iter_items(self) -> Iterator[Item]:
        for pane in self.panes:
            yield from pane.items

    # -- what the app hands down ---------------------------------------------------------
    def show_situation(self, situation: Situation | None) -> None:
        """Swap the situation in, keeping the focused pane and each pane's selected item."""
        self.situation = situation
        if not self._panes_ready:
            return  # on_mount shows it
        for header in self.query(BoardHeader):  # (none while the app closes)
            header.show_situation(situation)
        result = self.search.show_situation(situation)
        for pane in self.panes:
            pane.show_situation(situation, keep_id=pane.selected_id, hits=result.pane(pane.pane))
        if situation is not None:
            self.call_after_refresh(self.search.warm)
        self.show_picture(situation)
        self.refresh_bindings()
        pending, self._open_when_loaded = self._open_when_loaded, None
        if pending is not None and situation is not None and pending is self.current_pane:
            item = pending.selected_item
            if item is not None:
                self.post_message(OpenItem(item.id))

    def show_problems(self, messages: list[str], kind: str = "problem") -> None:
        """Every problem in the error bar (none: the bar hides)."""
        self._problems = (list(messages), kind)
        if self._panes_ready:
            for bar in self.query(ErrorBar):  # (none while the app closes)
                bar.show_problems(messages, kind=kind)

    def set_reload_state(self, text: str) -> None:
        """The header's reload slot ("paused", "+3 changes waiting", ...)."""
        self._reload_state = text
        if self._panes_ready:
            for header in self.query(BoardHeader):  # (none while the app closes)
                header.set_reload_state(text)

    def show_changes(self, marks: dict[str, str], changed_ids: set[str]) -> None:
        """The change marks of the last reload (drawn in the panes) and what c / C visit."""
        self.marks, self.changed_ids = dict(marks), set(changed_ids)
        if self._panes_ready:
            for pane in self.panes:
                pane.set_marks(self.marks)

    def jump_to_item(self, item_id: str) -> bool:
        """Focus the pane holding `item_id`, the cursor on it (clears a filter that hides
        it); False when no pane holds it."""
        for pane in self.panes:
            if any(it.id == item_id for it in pane.items):
                if pane.index_of(item_id) is None:
                    self.clear_search()
                self.focus_pane(pane)
                pane.select_id(item_id)
                return True
        return False

    # -- what the panes say ----------------------------------------------------------------
    def on_item_table_selected(self, event: ItemTable.Selected) -> None:
        if isinstance(event.table, Pane):
            event.stop()
            item = event.table.item_for_key(event.row_id)
            if item is not None:
                self.post_message(OpenItem(item.id))

    def on_item_table_highlighted(self, event: ItemTable.Highlighted) -> None:
        """The cursor left a marked item it had been on: it has been seen."""
        event.stop()
        previous = event.previous_id
        if previous is not None and previous != event.row_id and previous in self.marks:
            self.post_message(ItemSeen(previous))

    def on_pane_open_when_loaded(self, event: Pane.OpenWhenLoaded) -> None:
        """`enter` before the first load: open the pane's selected item when it arrives
        (if the officer is still on that pane; escape forgets it)."""
        self._open_when_loaded = event.pane

    # -- focus and moves -----------------------------------------------------------
    def focus_pane(self, pane: Pane) -> None:
        if self.maximized is not None and self.maximized is not pane:
            self.maximized = pane
        elif self.maximized is None and not pane.display and pane.items:
            self.open_hidden(pane)  # a list without a box: full screen
        # At once, not `pane.focus()` (deferred to the next turn of the message queue):
        # keys typed together ("3" then "enter") must act on the pane just chosen.
        if self.is_mounted:
            self.set_focus(pane)
        else:
            pane.focus()
        self._last_pane = pane

    def action_next_pane(self) -> None:
        panes = self.shown_panes() or self.panes
        i = panes.index(self.current_pane) if self.current_pane in panes else -1
        self.focus_pane(panes[(i + 1) % len(panes)])

    def action_prev_pane(self) -> None:
        panes = self.shown_panes() or self.panes
        i = panes.index(self.current_pane) if self.current_pane in panes else 0
        self.focus_pane(panes[(i - 1) % len(panes)])

    def _step(self, rows_of: Callable[[Pane], list[int] | range], forward: bool) -> bool:
        found = step(self.panes, self.current_pane, rows_of, forward)
        if found is None:
            return False
        pane, row = found
        self.focus_pane(pane)
        pane.move_cursor(row)
        return True

    def action_next_hit(self) -> None:
        self._hit(True)

    def action_prev_hit(self) -> None:
        self._hit(False)

    def _hit(self, forward: bool) -> None:
        if not self.query_text:
            self.notify("No search: press / to search", timeout=3)
        elif not self._step(lambda pane: range(pane.row_count), forward):
            self.notify("No hits", timeout=3)

    def action_next_change(self) -> None:
        self._change(True)

    def action_prev_change(self) -> None:
        self._change(False)

    def _change(self, forward: bool) -> None:
        changed = self.changed_ids
        if not changed:
            self.notify("No changes since last reload", timeout=3)
            return
        if not self._step(lambda pane: [i for i, rid in enumerate(pane.row_ids) if rid in changed], forward):
            self.notify("No changed item is shown (clear the filter?)", timeout=3)

    def action_back(self) -> None:
        """Escape: clear the filter, then restore a maximized pane."""
        self._open_when_loaded = None
        if self.errorbox.has_focus:
            self.focus_pane(self.current_pane)
            return
        bar = self.searchbar
        if bar.display or bar.value:
            self.clear_search()
        elif self.maximized is not None:
            self.minimize()
            self.back_from_hidden()

    # -- other keys -------------------------------------------------------------------
    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
            self.back_from_hidden()
        else:
            pane = self.current_pane
            self.maximize(pane, container=False)
            pane.focus()

    def action_copy_selected(self, whole: bool) -> None:
        """`y`: the selected row as one line for a chat; `Y` (whole): the whole item."""
        item, situation = self.current_pane.selected_item, self.situation
        if item is None or situation is None:
            self.notify("Nothing selected to copy", timeout=3)
            return
        self.post_message(CopyRequested((item_whole if whole else item_line)(situation, item)))

    def action_errors(self) -> None:
        """`e`: focus the error bar to scroll through every problem (escape goes back)."""
        box = self.errorbox
        if not self.errorbar.messages:
            self.notify("No problems in the loaded files", timeout=3)
        elif box.has_focus:
            self.focus_pane(self.current_pane)
        else:
            self.set_focus(box)
