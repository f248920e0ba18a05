"""The board's search: what the box says, over the situation on the board (issue 13).

One `Searcher` (tui.model.search, UI-free) for the whole board: the panes show the rows
it finds, `enter` in the box lands on its best hit (a hit in an item's label before one
in its other fields, before one in its sources and notes), the box's hint line shows what
it could not read ("unknown filter foo:"). A keystroke that narrows the last query tests
only the last hits. Each pane lists its hits in its own order (the file's): rows do not
jump about as the officer types; the ranking decides where `enter` goes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widgets import Input

from tui.model.search import Hit, Query, Searcher, SearchResult, parse
from tui.model.types import LISTS, Situation
from tui.ui.screens.quiet import QuietStartScreen
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.searchbar import SearchBar, SearchHint


class BoardSearch:
    """The board's one search over its situation."""

    def __init__(self, *, stale_hours: float, now: Callable[[], dt.datetime]) -> None:
        self.searcher = Searcher(stale_hours=stale_hours, now=now, lists=LISTS)  # every list the board shows
        self.text = ""
        self.query: Query = parse("")
        self.result: SearchResult = self.searcher.search(self.query)

    @property
    def active(self) -> bool:
        """Something to filter on (words or filter tokens)."""
        return not self.query.empty

    @property
    def best(self) -> Hit | None:
        return self.result.best if self.active else None

    def show_situation(self, situation: Situation | None) -> SearchResult:
        """A new picture (or a reload): the same query over it, from scratch."""
        self.searcher.update(situation)
        self.result = self.searcher.search(self.query)
        return self.result

    def run(self, text: str) -> SearchResult:
        """The box's text now (every keystroke)."""
        self.text = text
        self.query = parse(text)
        self.result = self.searcher.search(self.query, previous=self.result)
        return self.result

    def warm(self) -> None:
        """Every item's search text, in a worker thread, once the board is on screen: the
        first letter typed does not pay for 100,000 of them. A newer picture stops it."""
        searcher = self.searcher
        generation = searcher.generation

        def run() -> None:
            try:
                searcher.warm(stop=lambda: searcher.generation is not generation)
            except Exception:  # computed (and shown) on demand instead
                pass

        threading.Thread(target=run, name="search-warm", daemon=True).start()


class SearchingScreen(QuietStartScreen):
    """The board's search keys: `/`, typing, `enter` (the best hit), escape's clearing,
    and `set_query` (the palette's lists). The board supplies the panes."""

    search: BoardSearch

    if TYPE_CHECKING:  # what the board (the subclass) provides

        @property
        def panes(self) -> list[Pane]: ...

        @property
        def current_pane(self) -> Pane: ...

        def pane(self, name: str) -> Pane: ...

        def focus_pane(self, pane: Pane) -> None: ...

    @property
    def searchbar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def search_hint(self) -> SearchHint:
        return self.query_one(SearchHint)

    @property
    def query_text(self) -> str:
        """The search box's text as searched (empty when there is nothing to filter on)."""
        return self.search.text.strip() if self.search.active else ""

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

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.searchbar:
            event.stop()
            self.apply_query()

    def apply_query(self) -> None:
        """Each pane shows the rows the search box's text finds (on every keystroke)."""
        result = self.search.run(self.searchbar.value)
        for pane in self.panes:
            pane.set_search(result.query, result.pane(pane.pane))
        self.search_hint.show(result.query.problems if self.searchbar.display else ())
        self.refresh_bindings()

    def action_set_query(self, text: str) -> None:
        """Put `text` in the search box and keep it, landing on the best hit (the
        palette's "Weak items", "Stale items" ... run this)."""
        bar = self.searchbar
        bar.display = True
        bar.value = text  # (Input.Changed follows; applying now keeps the keys typed next in order)
        self.apply_query()
        self.land_on_best()

    def land_on_best(self) -> None:
        """Focus the best hit (rank first; ties: pane order, then file order); a
        maximized pane with hits keeps the view (its best hit); no ranking (nothing to
        filter on): the current pane, or the first pane with rows."""
        best = self.search.best
        shown = self.maximized
        if best is not None and isinstance(shown, Pane) and shown.pane != best.pane:
            best = self.search.result.pane(shown.pane).first_best() or best
        if best is not None:
            pane = self.pane(best.pane)
            self.focus_pane(pane)
            pane.select_id(pane.row_id_at(best.row))
            return
        pane = self.current_pane
        if not pane.row_count:
            pane = next((p for p in self.panes if p.row_count), pane)
        self.focus_pane(pane)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self.searchbar:
            return
        event.stop()
        if not self.searchbar.value.strip():
            self.clear_search()
            return
        self.land_on_best()

    def clear_search(self) -> None:
        bar = self.searchbar
        bar.value = ""
        bar.display = False
        self.apply_query()
        if bar.has_focus or self.focused is None:
            self.focus_pane(self.current_pane)
