"""A one-line bar under the panes: problems in the loaded files (literal text)."""

from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.widgets import Static

from tui.model.text import visible


class ErrorBar(Static):
    def __init__(self, *, id: str | None = "errorbar") -> None:
        super().__init__("", id=id, markup=False)
        self.messages: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self.display = bool(self.messages)

    def show_problems(self, messages: Sequence[str], *, kind: str = "problem") -> None:
        """Show the first problem and how many there are; hide when there are none."""
        self.messages = tuple(messages)
        if not self.messages:
            self.update("")
            self.display = False
            return
        n = len(self.messages)
        t = Text(no_wrap=True, overflow="ellipsis", end="")
        t.append(f" {n} {kind}{'s' if n != 1 else ''} ", style="bold reverse")
        t.append(" ")
        t.append(visible(self.messages[0], single_line=True))
        if n > 1:
            t.append("  (? for all)", style="dim")
        self.update(t)
        self.display = True
