"""The board's first screen as a picture (issue 12): what it holds and the keys for it.

`PictureBoard` is a mixin of BoardScreen: the summary, the key figures (0), the line of
lists without a box, and the boxes of the lists arranged by tui.ui.arrange; the number
keys by list (0 figures ... 8 judgments; a list without a box opens full screen, escape
brings the board back), `o` (the focused list by time or as written), `i` (the whole
summary), and the clock's half-minute tick (next update, overdue watch items).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import Container
from textual.message import Message

from tui.model.picture import overdue_watch
from tui.model.spec import LIST
from tui.ui.arrange import GRID_COLUMNS, LIST_ORDER, Arrangement, arrange, share_band
from tui.ui.widgets.figures import FigurePane
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.picture import ListsLine, SummaryText

if TYPE_CHECKING:
    from tui.model.types import Situation

__all__ = ["PaneGrid", "PictureBoard", "LIST_ORDER"]


class PaneGrid(Container):
    """The boxes of the lists (a grid the board lays out from the arrangement)."""

    class Resized(Message):
        """The room for the boxes changed: the board arranges them again."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class PictureBoard:
    """Mixed into BoardScreen (a Screen): the picture and the arrangement of the boxes."""

    arrangement: Arrangement = Arrangement()
    _return_to: Pane | None = None  # the pane focused before a list without a box opened full screen
    _arranged_for: tuple = ()

    # -- parts ---------------------------------------------------------------------
    @property
    def figures(self: Any) -> FigurePane:
        return self.query_one(FigurePane)

    @property
    def lists_line(self: Any) -> ListsLine:
        return self.query_one(ListsLine)

    @property
    def summary(self: Any) -> SummaryText:
        return self.query_one(SummaryText)

    def shown_panes(self: Any) -> list[Pane]:
        """The panes on screen now, in number order (in a maximized view: every list with items)."""
        panes = self.panes
        if self.maximized is not None:
            return [p for p in panes if p.items or p is self.maximized]
        return [p for p in panes if p.display]

    # -- what is shown ---------------------------------------------------------------
    def show_picture(self: Any, situation: Situation | None) -> None:
        """The summary and the arrangement for a new situation (the panes have it already)."""
        self.summary.show_summary(situation.summary if situation is not None else None)
        self.arrange_panes()

    baseline_id: str | None = None  # the situation whose baseline the figures compare with

    def show_baseline(self: Any, baseline: Situation | None, situation_id: str | None = None) -> None:
        """The saved baseline of the situation shown (`situation_id`; None: none saved):
        the key figures say ↑/↓ against it."""
        self._baseline, self.baseline_id = baseline, situation_id
        if self._panes_ready:
            self.figures.show_baseline(baseline)

    def _room(self: Any) -> tuple[int, int]:
        """Width and height for the boxes and the one line below the picture."""
        grid = self.query_one(PaneGrid)
        if grid.size.height:
            line = self.lists_line
            return grid.size.width, grid.size.height + (line.size.height if line.display else 0)
        width, height = self.size if self.size.height else self.app.size
        summary = self.situation.summary if self.situation is not None else ""
        summary_lines = min(-(-len(summary or "") // max(width - 2, 1)), 2 if height < 40 else 4)
        return width, max(height - 2 - summary_lines - (1 if self.figures.items else 0), 4)

    def arrange_panes(self: Any) -> None:
        """Boxes for the lists with items, in rows (tui.ui.arrange); the rest on one line."""
        if not self._panes_ready:
            return
        sit = self.situation
        counts = {name: len(sit.pane(name)) for name in LIST_ORDER} if sit is not None else {}
        if sit is None:  # before the first load: the five panes, "loading…"
            counts = {name: 1 for name in ("fronts", "evacuations", "statements", "infrastructure", "events")}
        width, height = self._room()
        needs = tuple(
            max(p.band_need, p.title_need) for p in self.query_one(PaneGrid).query_children(Pane)
        )  # a new picture's widths
        key = (tuple(sorted(counts.items())), width, height, sit is None, needs)
        if key == self._arranged_for:
            self._update_lists_line()
            return
        self._arranged_for = key
        arr = self.arrangement = arrange(counts, width, height)
        grid = self.query_one(PaneGrid)
        boxed = arr.boxed
        for pane in grid.query_children(Pane):
            pane.set_show_header(arr.headers or pane.is_maximized)
            pane.set_class(pane.pane in arr.collapsed, "-collapsed")
            pane.set_class(pane.pane not in boxed and pane.pane not in arr.collapsed, "-empty")
        for row in arr.rows:
            for name in row:
                self.pane(name).styles.column_span = GRID_COLUMNS // len(row)
        current = [p.pane for p in grid.query_children(Pane)]
        wanted = list(boxed) + [n for n in current if n not in boxed]
        if current != wanted:
            for i, name in enumerate(wanted):
                grid.move_child(self.pane(name), before=i)
        grid.styles.grid_size_columns = GRID_COLUMNS
        grid.styles.grid_columns = self._band_columns(arr, width)
        grid.styles.grid_size_rows = max(len(arr.rows), 1)
        # in proportion: the rows always fill the room the layout gives, never run past it
        grid.styles.grid_rows = " ".join(f"{h}fr" for h in arr.heights) or "1fr"
        figures = self.figures
        figures.set_class(not figures.items, "-empty")
        self._update_lists_line()
        self._keep_focus_on_screen()

    def _band_columns(self: Any, arr: Arrangement, width: int) -> str:
        """Three boxes side by side (the short lists on a wide screen) share the width by
        what their columns hold, not in thirds: the boxes whose columns fit whole get their
        width, Infrastructure's long units the rest (arrange.share_band)."""
        bands = [row for row in arr.rows if len(row) == 3]  # (a band of two boxes shares the same columns)
        if len(bands) != 1 or not width:
            return " ".join(["1fr"] * GRID_COLUMNS)
        panes = [self.pane(name) for name in bands[0]]
        shares = share_band(
            [max(p.band_need, p.title_need) for p in panes], width, [max(p.band_want, p.title_need) for p in panes]
        )
        return " ".join(f"{share}fr {share}fr" for share in shares)

    def _update_lists_line(self: Any) -> None:
        sit = self.situation
        if sit is None:
            self.lists_line.show_lists(())
            return
        now = self.clock()
        names = list(self.arrangement.line)
        if not sit.figures:
            names.insert(len(self.arrangement.collapsed), "figures")
        entries = []
        for name in names:
            overdue = len(overdue_watch(sit, now)) if name == "watch" else 0
            entries.append((name, len(sit.pane(name)), overdue))
        self.lists_line.show_lists(tuple(entries))

    def _keep_focus_on_screen(self: Any) -> None:
        """The focused pane lost its box (its list is empty now): the first box takes the focus."""
        focused = self.focused
        if self.maximized is not None or not isinstance(focused, Pane) or focused.display:
            return
        self.focus_first_box()

    def focus_first_box(self: Any) -> None:
        """The focus on the first box (top left), else on the key figures."""
        boxes = self.arrangement.boxed
        target = self.pane(boxes[0]) if boxes else self.figures if self.figures.display else None
        if target is None:
            target = self.pane("fronts")
        if self.is_mounted:
            self.set_focus(target)
        else:
            target.focus()
        self._last_pane = target

    def on_pane_grid_resized(self: Any, _event: PaneGrid.Resized) -> None:
        self.call_after_refresh(self.arrange_panes)  # once the picture above has its size too

    # -- keys ------------------------------------------------------------------------
    def action_jump_pane(self: Any, number: int) -> None:
        """0 ... 8: focus that list; one without a box opens full screen (escape: back)."""
        pane = next((p for p in self.panes if p.number == number), None)
        if pane is None:
            return
        if self.situation is not None and not pane.items:
            self.notify(f"{number} {pane.title}: none in this situation", timeout=3)
            return
        self.focus_pane(pane)

    def watch_maximized(self: Any, before: Any, now: Any) -> None:
        """A maximized pane shows its column headings; back in its box, as the arrangement says."""
        for pane in (before, now):
            if isinstance(pane, Pane):
                pane.set_show_header(pane is now or self.arrangement.headers)

    def open_hidden(self: Any, pane: Pane) -> None:
        """A list without a box, full screen (its key, a search hit, a change in it)."""
        current = self.current_pane
        if current.display and current is not pane:
            self._return_to = current
        self.maximize(pane, container=False)

    def back_from_hidden(self: Any) -> None:
        """After a maximized view: the focus on a pane that is on screen."""
        pane = self.current_pane
        if pane.display:
            pane.focus()
            return
        back = self._return_to if self._return_to is not None and self._return_to.display else None
        shown = self.shown_panes()
        target = back or (shown[0] if shown else None)
        self._return_to = None
        if target is not None:
            self.focus_pane(target)

    def action_toggle_order(self: Any) -> None:
        """`o`: the focused list by time (newest first) or as written in the file."""
        pane = self.current_pane
        words = pane.toggle_order()
        if isinstance(pane, FigurePane) and pane.tiles:  # no title on screen to say it
            self.notify(f"Key figures: {words}", timeout=2)

    def action_summary(self: Any) -> None:
        """`i`: the whole summary (and what else is the picture in words)."""
        from tui.ui.screens.summary import SummaryScreen

        if self.situation is None:
            self.notify("No situation loaded yet", timeout=3)
            return
        self.app.push_screen(SummaryScreen(self.situation, self.clock))

    def tick(self: Any) -> None:
        """Every half minute: overdue watch items and due cells against the clock."""
        for pane in self.panes:
            pane.refresh_time()
        self._update_lists_line()

    @staticmethod
    def list_title(name: str) -> str:
        return "Key figures" if name == "figures" else LIST[name].title
