"""The handling marking on every screen: a screen's title line with the marking on its right.

`TitleBar(Static(id="detail-title"), marking="TLP:AMBER")` is one line docked at the top
of a screen: the screen's own title (its Static keeps its id: the screen updates it as
before) and the marking in its TLP colours (as the board's header shows it). The
marking is never cut: the title gives way. `set_marking()` follows a reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from tui.model.text import visible
from tui.ui.widgets.header import MARKING_CLASSES, marking_class

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.model.types import Situation

__all__ = ["MarkingLabel", "TitleBar", "refresh_situation"]


class MarkingLabel(Static):
    """` TLP:AMBER ` in its TLP colours (hidden when the situation has no marking)."""

    DEFAULT_CSS = """
    MarkingLabel {
        width: auto;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-style: bold;
        color: white;
        background: black;
        display: none;
        &.-shown { display: block; }
        &.-tlp-clear { color: white; background: black; }
        &.-tlp-green { color: #33ff00; background: black; }
        &.-tlp-amber { color: #ffc000; background: black; }
        &.-tlp-red { color: #ff2b2b; background: black; }
        &.-marking-other { color: $foreground; background: $boost; }
    }
    """

    def __init__(self, marking: str | None = None, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.marking: str | None = None
        self.set_marking(marking)

    def set_marking(self, marking: str | None) -> None:
        self.marking = marking
        wanted = marking_class(marking) if marking else ""
        for cls in set(MARKING_CLASSES.values()) | {"-marking-other"}:
            self.set_class(cls == wanted, cls)
        self.set_class(bool(marking), "-shown")
        self.update(Text(visible(marking, single_line=True), end="") if marking else "")


class TitleBar(Horizontal):
    """A screen's top line: its title (the widget given) and the marking on the right."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $boost;
        & > .title-bar--title { width: 1fr; }
    }
    """

    def __init__(self, title: Widget, marking: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_widget = title
        self.title_widget.add_class("title-bar--title")
        self.marking_label = MarkingLabel(marking)

    def compose(self) -> ComposeResult:
        yield self.title_widget
        yield self.marking_label

    @property
    def marking(self) -> str | None:
        return self.marking_label.marking

    def set_marking(self, marking: str | None) -> None:
        self.marking_label.set_marking(marking)


def refresh_situation(screen: Screen, situation: Situation) -> None:
    """A reload reaches an open screen: its own `refresh_situation` (the detail, sources,
    changes), else (help, a document) the marking on its title line follows the picture."""
    refresh = getattr(screen, "refresh_situation", None)
    if refresh is not None:
        refresh(situation)
        return
    for bar in screen.query(TitleBar):
        bar.set_marking(situation.marking)
