"""Which rows a list shows for a search: a list operation on item ids (UI-free).

`RowFilter(ids, text_of)` holds the ids of one list in their order and the folded
search text of each, computed once (on demand, or all at once by `warm()` in a worker
thread while the officer reads the board). `apply(query)` gives the ids whose text
contains the folded query, in the list's order; a query that extends the previous one
tests only the previous hits (typing narrows). The board's panes show what it returns.

Ranking (hits in the visible label first, then other fields, then sources and notes:
issue 13) and filter tokens belong to tui.model.search; this stays the plain list step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

__all__ = ["RowFilter", "filter_ids"]


def filter_ids(ids: Iterable[str], keep: Callable[[str], bool]) -> list[str]:
    """The ids `keep` accepts, in order."""
    return [i for i in ids if keep(i)]


class RowFilter:
    """The ids of one list and their search texts; `apply(query)` filters them."""

    def __init__(self, ids: Sequence[str], text_of: Callable[[str], str], texts: dict[str, str] | None = None) -> None:
        self.ids: list[str] = list(ids)
        self._text_of = text_of
        self._texts: dict[str, str] = texts if texts is not None else {}
        self._last_query = ""
        self._last_hits: list[str] = self.ids

    @property
    def texts(self) -> dict[str, str]:
        """id -> folded search text, for the ids computed so far."""
        return self._texts

    def text(self, item_id: str) -> str:
        """The folded search text of one id ("" if it cannot be built: never a hit)."""
        text = self._texts.get(item_id)
        if text is None:
            try:
                text = self._text_of(item_id)
            except Exception:  # an item the text builder does not know: shown, never matched
                text = ""
            self._texts[item_id] = text
        return text

    @property
    def warm_done(self) -> bool:
        return len(self._texts) >= len(self.ids)

    def warm(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Compute every search text now (a worker thread calls this); `stop()` ends it
        early. Each text is one dict assignment: safe beside `apply` on the UI thread."""
        for item_id in self.ids:
            if stop():
                return
            if item_id not in self._texts:
                self.text(item_id)

    def apply(self, query: str) -> list[str]:
        """The ids whose search text contains `query` (already folded), in order. The
        result is shared: read it, never change it."""
        if not query:
            hits = self.ids
        else:
            narrow = bool(self._last_query) and query.startswith(self._last_query)
            candidates = self._last_hits if narrow else self.ids
            texts, text = self._texts, self.text
            hits = []
            for item_id in candidates:
                t = texts.get(item_id)
                if t is None:
                    t = text(item_id)
                if query in t:
                    hits.append(item_id)
        self._last_query, self._last_hits = query, hits
        return hits
