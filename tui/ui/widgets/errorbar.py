"""The error bar under the panes: every problem in the loaded files (literal text).

One line per problem ("file:line:col: path: message"), the first one led by a count
badge. The bar grows with the problems up to `MAX_LINES` lines; beyond that it scrolls:
`e` (binding id "errors" on the board) focuses it, then j/k, arrows, page keys, g/G
scroll and `escape` goes back to the pane. Unfocused, each problem is one line cut with
an ellipsis; focused, every line is wrapped, so the whole of a long message can be read
(issue 10 case 1). It hides itself when there are no problems (a broken save that is
fixed clears it on the next reload).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.model.text import visible
from tui.ui.theme import MUTED_STYLE

MAX_LINES = 5


class ErrorBox(VerticalScroll):
    """The scrolling frame of the bar (dock bottom; as tall as the bar, within limits)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, bar: ErrorBar, *, id: str | None = "errorbox") -> None:
        super().__init__(bar, id=id)
        self.bar = bar

    def on_mount(self) -> None:
        self.display = bool(self.bar.messages)

    def on_focus(self) -> None:
        self.bar.wrap(True)

    def on_blur(self) -> None:
        self.bar.wrap(False)


class ErrorBar(Static):
    """The text: every problem, one per line."""

    def __init__(self, *, id: str | None = "errorbar") -> None:
        super().__init__("", id=id, markup=False)
        self.messages: tuple[str, ...] = ()
        self.kind = "problem"
        self.wrapped = False  # while the bar has focus (`e`): whole messages, wrapped

    def on_mount(self) -> None:
        self.display = bool(self.messages)

    def show_problems(self, messages: Sequence[str], *, kind: str = "problem") -> None:
        """Show every problem, one per line; hide when there are none."""
        self.messages = tuple(messages)
        self.kind = kind
        box = self.parent if isinstance(self.parent, ErrorBox) else None
        if not self.messages:
            self.update("")
            self.display = False
            if box is not None:
                box.display = False
            return
        self.update(self.text())
        self.display = True
        if box is not None:
            box.display = True
            box.scroll_home(animate=False)

    def wrap(self, on: bool) -> None:
        """Whole messages, wrapped (focused), or one line each, cut (the board's default)."""
        self.wrapped = on
        self.styles.text_wrap = "wrap" if on else "nowrap"
        self.styles.text_overflow = "fold" if on else "ellipsis"
        if self.messages:
            self.update(self.text())

    def text(self) -> Text:
        n = len(self.messages)
        badge = f" {n} {self.kind}{'s' if n != 1 else ''} "
        t = Text(no_wrap=not self.wrapped, overflow="fold" if self.wrapped else "ellipsis", end="")
        t.append(badge, style="bold reverse")
        if n > MAX_LINES:
            t.append(" e: scroll all", style=MUTED_STYLE)
        for message in self.messages:
            t.append("\n" if n > 1 else " ")
            t.append(" ")
            t.append(visible(message, single_line=True))
        return t
