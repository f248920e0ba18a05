"""The main board: header, five panes, error bar, search bar, footer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Self

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import DataTable, Input

from tui.model.text import fold
from tui.model.types import PANE_TITLES, PANES
from tui.ui.widgets.errorbar import ErrorBar, ErrorBox
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.header import BoardHeader
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.searchbar import SearchBar

if TYPE_CHECKING:
    from textual.geometry import Region

    from tui.model.types import Item, Situation
    from tui.ui.app import SitboardApp


class BoardScreen(Screen):
    """The picture at a glance; every key of the keymap that acts on panes lives here."""

    app: SitboardApp

    ALLOW_IN_MAXIMIZED_VIEW = "KeyFooter"  # the keys stay on screen while a pane is maximized
    ESCAPE_TO_MINIMIZE = False  # escape order: clear the filter first, then restore
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("tab", "next_pane", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "prev_pane", "Previous pane", show=False, id="prev_pane"),
        Binding("1", "jump_pane(0)", "Fronts", show=False, id="pane_1"),
        Binding("2", "jump_pane(1)", "Evacuations", show=False, id="pane_2"),
        Binding("3", "jump_pane(2)", "Statements", show=False, id="pane_3"),
        Binding("4", "jump_pane(3)", "Infrastructure", show=False, id="pane_4"),
        Binding("5", "jump_pane(4)", "Events", show=False, id="pane_5"),
        # priority: runs as soon as the app reads `/`, before the keys typed after it are
        # handed to the focused pane (a paste, a fast typist over SSH: "/kursk" in one read)
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("n", "next_hit", "Next hit", id="next_hit"),
        Binding("N", "prev_hit", "Prev hit", show=False, id="prev_hit"),
        Binding("z", "maximize_pane", "Max", id="maximize"),
        Binding("y", "copy_item", "Copy", id="copy"),
        Binding("r", "reload", "Reload", id="reload"),
        Binding("p", "toggle_pause", "Pause", show=False, id="pause"),
        Binding("c", "next_change", "Next change", show=False, id="next_change"),
        Binding("C", "prev_change", "Prev change", show=False, id="prev_change"),
        Binding("s", "switch_situation", "Switch", show=False, id="switch"),
        Binding("e", "errors", "Errors", show=False, id="errors"),
        Binding("escape", "back", "Back", show=False, id="back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="board")
        self._last_pane: Pane | None = None
        self._query_timer = None
        self._open_when_loaded: Pane | None = None

    def compose(self) -> ComposeResult:
        yield BoardHeader(self.app.clock)
        with Container(id="panes"):
            for n, name in enumerate(PANES, start=1):
                yield Pane(name, n, PANE_TITLES[name])
        yield ErrorBox(ErrorBar())
        yield SearchBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        board_mounted = getattr(self.app, "board_mounted", None)
        if board_mounted is not None:  # a first load that finished already fills the panes now
            board_mounted()
        # A key typed at start-up (`3`) may have chosen a pane before this runs: keep it.
        if self._last_pane is None and self.focused is None:
            self.panes[0].focus()

    # Textual lays a screen out (painting all of it) on ScreenResume when its size
    # changed; the refresh() calls made meanwhile (its own, and the one the new virtual
    # size asks for) would paint it all again a moment later: the whole screen twice at
    # start-up (8 KB, then 29 KB more over SSH). On the first resume, the one that lays
    # the board out, those calls are dropped. (This handler runs before Screen's own;
    # the flag lives until the event has been handled.)
    _resumed = False
    _skip_refresh = False

    def on_screen_resume(self) -> None:
        if not self._resumed and self.is_attached:
            self._resumed = True
            self._skip_refresh = True
            self.call_next(self._end_resume)

    def _end_resume(self) -> None:
        self._skip_refresh = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._skip_refresh and not recompose:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    # -- parts -------------------------------------------------------------------

    @property
    def panes(self) -> list[Pane]:
        """The five panes in number order (whatever their order on screen)."""
        return sorted(self.query(Pane), key=lambda p: p.number)

    WIDE_ORDER = ("fronts", "evacuations", "infrastructure", "statements", "events")

    def arrange_panes(self) -> None:
        """Wide and tall: Infrastructure joins the top band (the grid places panes in
        document order); otherwise the number order."""
        wide = self.has_class("-wide") and self.has_class("-tall")
        order = self.WIDE_ORDER if wide else PANES
        container = self.query_one("#panes")
        current = [p.pane for p in container.query_children(Pane)]
        if current == list(order):
            return
        infra, statements = self.pane("infrastructure"), self.pane("statements")
        if wide:
            container.move_child(infra, before=statements)
        else:
            container.move_child(infra, after=statements)

    def on_resize(self) -> None:
        self.arrange_panes()
        # the footer's "^p Commands" would overprint the keys below 80 columns
        self.query_one(KeyFooter).show_command_palette = self.size.width >= 80

    @property
    def header(self) -> BoardHeader:
        return self.query_one(BoardHeader)

    @property
    def errorbar(self) -> ErrorBar:
        """The error bar's text (messages, show_problems)."""
        return self.query_one(ErrorBar)

    @property
    def errorbox(self) -> ErrorBox:
        """The error bar's scrolling frame (`e` focuses it)."""
        return self.query_one(ErrorBox)

    def show_problems(self, messages: list[str], *, kind: str = "problem") -> None:
        """Every problem in the error bar (none: the bar hides)."""
        self.errorbar.show_problems(messages, kind=kind)

    @property
    def searchbar(self) -> SearchBar:
        return self.query_one(SearchBar)

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

    @property
    def query_text(self) -> str:
        return fold(self.searchbar.value.strip())

    # -- data ----------------------------------------------------------------------

    def show_situation(self, situation: Situation | None) -> None:
        """Swap the situation in, keeping the focused pane and each pane's selected item."""
        self.header.show_situation(situation)
        for pane in self.panes:
            pane.show_situation(situation, keep_id=pane.selected_id)
        self.refresh_bindings()
        pending, self._open_when_loaded = self._open_when_loaded, None
        if pending is not None and situation is not None and pending is self.current_pane:
            item = pending.selected_item
            if item is not None:
                self.app.open_detail(item.id)

    def open_when_loaded(self, pane: Pane) -> None:
        """`enter` before the first load: open `pane`'s selected item when it arrives
        (if the officer is still on that pane; escape forgets it)."""
        self._open_when_loaded = pane

    # -- focus and moves -----------------------------------------------------------

    def focus_pane(self, pane: Pane) -> None:
        if self.maximized is not None and self.maximized is not pane:
            self.maximized = pane
        # At once, not `pane.focus()` (deferred to the next turn of the message queue):
        # keys typed together ("3" then "enter") must act on the pane just chosen.
        if self.is_mounted:
            self.set_focus(pane)
        else:
            pane.focus()
        self._last_pane = pane

    def action_next_pane(self) -> None:
        panes = self.panes
        i = panes.index(self.current_pane) if self.current_pane in panes else -1
        self.focus_pane(panes[(i + 1) % len(panes)])

    def action_prev_pane(self) -> None:
        panes = self.panes
        i = panes.index(self.current_pane) if self.current_pane in panes else 0
        self.focus_pane(panes[(i - 1) % len(panes)])

    def action_jump_pane(self, index: int) -> None:
        panes = self.panes
        if 0 <= index < len(panes):
            self.focus_pane(panes[index])

    def _positions(self, wanted) -> list[tuple[int, int]]:
        out = []
        for p, pane in enumerate(self.panes):
            for r, rid in enumerate(pane.row_ids):
                if wanted(pane, rid):
                    out.append((p, r))
        return out

    def _step(self, positions: list[tuple[int, int]], forward: bool) -> bool:
        if not positions:
            return False
        panes = self.panes
        cur = self.current_pane
        here = (panes.index(cur), cur.cursor_row if cur.row_count else -1)
        if forward:
            nxt = next((pos for pos in positions if pos > here), positions[0])
        else:
            nxt = next((pos for pos in reversed(positions) if pos < here), positions[-1])
        pane = panes[nxt[0]]
        self.focus_pane(pane)
        pane.move_cursor(row=nxt[1], animate=False, scroll=True)
        return True

    def action_next_hit(self) -> None:
        self._hit(True)

    def action_prev_hit(self) -> None:
        self._hit(False)

    def _hit(self, forward: bool) -> None:
        if not self.query_text:
            self.app.notify("No search: press / to search", timeout=3)
            return
        if not self._step(self._positions(lambda pane, rid: True), forward):
            self.app.notify("No hits", timeout=3)

    def action_next_change(self) -> None:
        self._change(True)

    def action_prev_change(self) -> None:
        self._change(False)

    def _change(self, forward: bool) -> None:
        changed = self.app.changed_ids
        if not changed:
            self.app.notify("No changes since last reload", timeout=3)
            return
        positions = self._positions(lambda pane, rid: rid in changed)
        if not self._step(positions, forward):
            self.app.notify("No changed item is shown (clear the filter?)", timeout=3)

    # -- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        bar = self.searchbar
        if bar.has_focus:  # `/` typed in the query (the binding has priority over the box)
            bar.insert_text_at_cursor("/")
            return
        bar.display = True
        # At once, not `bar.focus()` (deferred): letters typed in the same burst as `/`
        # (a paste, a fast typist over SSH) must reach the box, not run as board keys.
        self.set_focus(bar)
        if self.focused is not bar:  # not focusable yet for some reason: Textual's way
            bar.focus()

    # Above this many items, filtering waits for a pause in typing. A keystroke now
    # narrows the previous hits and adds a screenful of rows (the rest in batches), so
    # even 100,000 items filter on every key; the pause only costs latency.
    DEBOUNCE_ITEMS = 1_000_000
    DEBOUNCE_SECONDS = 0.12

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.searchbar:
            return
        event.stop()
        if self._query_timer is not None:
            self._query_timer.stop()
            self._query_timer = None
        if sum(len(p.items) for p in self.panes) > self.DEBOUNCE_ITEMS:
            self._query_timer = self.set_timer(self.DEBOUNCE_SECONDS, self.apply_query)
        else:
            self.apply_query()

    def apply_query(self) -> None:
        self._query_timer = None
        q = self.query_text
        for pane in self.panes:
            pane.set_query(q)
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self.searchbar:
            return
        event.stop()
        if not self.searchbar.value.strip():
            self.clear_search()
            return
        if self._query_timer is not None:
            self._query_timer.stop()
            self.apply_query()
        pane = self.current_pane
        if not pane.row_count:  # land on the first pane with hits
            pane = next((p for p in self.panes if p.row_count), pane)
        self.focus_pane(pane)

    def clear_search(self) -> None:
        bar = self.searchbar
        if self._query_timer is not None:
            self._query_timer.stop()
        bar.value = ""
        bar.display = False
        self.apply_query()
        if bar.has_focus or self.focused is None:
            self.focus_pane(self.current_pane)

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
            self.current_pane.focus()

    # -- other keys -------------------------------------------------------------------

    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
            self.current_pane.focus()
        else:
            pane = self.current_pane
            self.maximize(pane, container=False)
            pane.focus()

    def action_copy_item(self) -> None:
        from tui.model.text import visible
        from tui.ui.widgets.cells import item_plain_text

        pane = self.current_pane
        item = pane.selected_item
        situation = self.app.situation
        if item is None or situation is None:
            self.app.notify("Nothing selected to copy", timeout=3)
            return
        text = item_plain_text(item, situation)
        self.app.copy_to_clipboard(text)
        lines = text.count("\n") + 1
        label = visible(item.label, single_line=True)
        self.app.notify(f"Copied {label} ({lines} lines)", timeout=4, markup=False)

    def action_errors(self) -> None:
        """`e`: focus the error bar to scroll through every problem (escape goes back)."""
        box = self.errorbox
        if not self.errorbar.messages:
            self.app.notify("No problems in the loaded files", timeout=3)
            return
        if box.has_focus:
            self.focus_pane(self.current_pane)
        else:
            self.set_focus(box)

    def action_reload(self) -> None:
        self.app.reload()

    def action_toggle_pause(self) -> None:
        self.app.toggle_pause()

    def action_switch_situation(self) -> None:
        self.app.switch_situation()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        pane = event.data_table
        if not isinstance(pane, Pane):
            return
        event.stop()
        item = pane.item_for_key(event.row_key.value)
        if item is not None:
            self.app.open_detail(item.id)

    def iter_items(self) -> Iterator[Item]:
        for pane in self.panes:
            yield from pane.items
