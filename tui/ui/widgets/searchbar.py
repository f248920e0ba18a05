"""The search input docked at the bottom (`/`)."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    def __init__(self, *, id: str | None = "search") -> None:
        super().__init__(placeholder="search all panes (enter keeps, esc clears)", id=id)
