"""The search input docked at the bottom (`/`), and the line above it that says what of
the query could not be read ("unknown filter foo:", "conf: takes a confidence: ...")."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Input, Static


class SearchBar(Input):
    def __init__(self, *, id: str | None = "search") -> None:
        super().__init__(placeholder="search all panes (enter keeps, esc clears)", id=id)


class SearchHint(Static):
    """One line, shown only while the query has a problem (the officer's own words,
    shown literally)."""

    def __init__(self, *, id: str | None = "search-hint") -> None:
        super().__init__("", id=id)
        self.display = False

    def show(self, problems: Sequence[str]) -> None:
        self.display = bool(problems)
        self.update(Text(" · ".join(problems), no_wrap=True, overflow="ellipsis", end=""))
