"""The detail view: every field of one item, its sources and its links.

Links (the item's `about` and the items that point at it) are a focusable list:
`enter` on one shows that item here, keeping a back stack; `escape` goes back, and
from the first item closes the screen. Every string from the situation file is
rendered as `rich.text.Text(visible(s))`: never markup, never raw control bytes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.model.plain import (
    MISSING_ITEM,
    confidence_text,
    item_as_text,
    item_fields,
    item_heading,
    link_line,
)
from tui.model.text import visible
from tui.model.types import Item, Situation
from tui.widgets.cells import CONFIDENCE_STYLES

def _text(value: str, style: str = "", *, single_line: bool = False) -> Text:
    """Untrusted data as a Text: literal, control characters made visible."""
    return Text(visible(value, single_line=single_line), style=style, overflow="fold")


class DetailBody(VerticalScroll):
    """The scrolling body; j/k and g/G as well as the arrows and page keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


class LinkList(OptionList):
    """The item's links and backlinks; enter follows one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class DetailScreen(Screen[None]):
    """Every field of one item. `escape` goes back along the links followed, then closes."""

    DEFAULT_CSS = """
    DetailScreen { layout: vertical; }
    DetailScreen #detail-title {
        dock: top;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $boost;
        text-style: bold;
    }
    DetailScreen #detail-body { height: 1fr; padding: 0 1; }
    DetailScreen #detail-body:focus { background-tint: $foreground 3%; }
    DetailScreen #detail-fields, DetailScreen #detail-sources { height: auto; }
    DetailScreen #detail-body > * { max-width: 120; }  /* readable lines on wide terminals */
    DetailScreen .section { height: auto; margin-top: 1; text-style: bold; color: $accent; }
    DetailScreen #detail-links {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DetailScreen #detail-links:focus { background-tint: $foreground 5%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back"),
        Binding("enter", "links", "Links", id="detail.links"),
        Binding("y", "copy", "Copy", id="detail.copy"),
    ]

    AUTO_FOCUS = "#detail-body"

    def __init__(self, situation: Situation, item_id: str) -> None:
        super().__init__()
        self.situation = situation
        self.item_id = item_id
        self.back_stack: list[str] = []
        self._link_targets: list[str] = []

    # -- building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        with DetailBody(id="detail-body"):
            yield Static(id="detail-fields")
            yield Static("Sources", id="detail-sources-title", classes="section")
            yield Static(id="detail-sources")
            yield Static("Links", id="detail-links-title", classes="section")
            yield LinkList(id="detail-links")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def item(self) -> Item | None:
        return self.situation.item(self.item_id)

    def _show(self) -> None:
        """Render the current item (or the missing-item message) into the widgets."""
        item = self.item
        title = self.query_one("#detail-title", Static)
        fields = self.query_one("#detail-fields", Static)
        sources = self.query_one("#detail-sources", Static)
        links = self.query_one("#detail-links", LinkList)
        links.clear_options()
        self._link_targets = []
        if item is None:
            title.update(_text(self.item_id, single_line=True))
            fields.update(Text(MISSING_ITEM, style="bold"))
            sources.update("")
            for widget_id in ("#detail-sources-title", "#detail-sources", "#detail-links-title", "#detail-links"):
                self.query_one(widget_id).display = False
            return
        title.update(self._title(item))
        fields.update(self._fields(item))
        has_sources = bool(item.sources)
        self.query_one("#detail-sources-title").display = has_sources
        sources.display = has_sources
        sources.update(self._sources(item) if has_sources else "")
        options = self._links(item)
        has_links = bool(options)
        self.query_one("#detail-links-title").display = has_links
        links.display = has_links
        if has_links:
            links.add_options(options)
            links.highlighted = 0

    def _title(self, item: Item) -> Text:
        """One line: confidence first (it must never be cut off), then pane › label."""
        title = _text(confidence_text(item.confidence), CONFIDENCE_STYLES.get(item.confidence, ""))
        title.append("  ")
        title.append_text(_text(item_heading(item), "bold", single_line=True))
        return title

    def _fields(self, item: Item) -> RenderableType:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column("key", style="bold", no_wrap=True)
        grid.add_column("value", ratio=1, overflow="fold")
        for key, value in item_fields(item):
            style = CONFIDENCE_STYLES.get(item.confidence, "") if key == "Confidence" else ""
            grid.add_row(_text(key, single_line=True), _text(value, style))
        if item.origin is not None:  # where to edit it
            grid.add_row(Text("File", style="dim"), _text(str(item.origin), "dim", single_line=True))
        return grid

    def _sources(self, item: Item) -> RenderableType:
        """One entry per source: name, type and grade; the quote and where to find it
        indented beneath (a hanging indent, however long the quote)."""
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column("bullet", no_wrap=True)
        grid.add_column("source", ratio=1, overflow="fold")
        for ref in item.sources:
            source = self.situation.sources.get(ref.source)
            if source is None:
                grid.add_row("•", _text(ref.source, "bold", single_line=True))
                continue
            line = _text(source.name, "bold", single_line=True)
            details = [d for d in (source.type, source.reliability and f"grade {source.reliability}") if d]
            if details:
                line.append("  ")
                line.append_text(_text(", ".join(details), "dim", single_line=True))
            grid.add_row("•", line)
            if ref.quote:
                quote = Text("“", style="italic")
                quote.append_text(_text(ref.quote, "italic"))
                quote.append("”")
                grid.add_row("", quote)
            for where in (source.url, source.document):
                if where:
                    grid.add_row("", _text(where, "dim", single_line=True))
        return grid

    def _links(self, item: Item) -> list[Option]:
        options: list[Option] = []
        for target in item.about:
            prompt = Text("→ about  ", style="dim")
            prompt.append_text(_text(link_line(self.situation, target), single_line=True))
            options.append(Option(prompt))
            self._link_targets.append(target)
        for other in self.situation.backlinks(item.id):
            prompt = Text("← from   ", style="dim")
            prompt.append_text(_text(item_heading(other), single_line=True))
            options.append(Option(prompt))
            self._link_targets.append(other.id)
        return options

    # -- behaviour ------------------------------------------------------------------

    def show_item(self, item_id: str) -> None:
        """Show another item here, remembering the current one for `escape`."""
        self.back_stack.append(self.item_id)
        self.item_id = item_id
        self._show()
        self.query_one(DetailBody).scroll_home(animate=False)
        self.query_one(DetailBody).focus()

    def refresh_situation(self, situation: Situation) -> None:
        """Live reload: show the same item from the new situation (or say it is gone)."""
        self.situation = situation
        if self.is_mounted:
            self._show()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._link_targets):
            self.show_item(self._link_targets[event.option_index])

    def action_back(self) -> None:
        if self.back_stack:
            self.item_id = self.back_stack.pop()
            self._show()
            self.query_one(DetailBody).scroll_home(animate=False)
            self.query_one(DetailBody).focus()
        else:
            self.dismiss()

    def action_links(self) -> None:
        """`enter` in the body: move to the links (when there are any)."""
        links = self.query_one(LinkList)
        if links.display and links.option_count:
            links.focus()
            links.scroll_visible(animate=False)

    def action_copy(self) -> None:
        item = self.item
        if item is None:
            self.notify(MISSING_ITEM, severity="warning")
            return
        text = item_as_text(self.situation, item)
        self.app.copy_to_clipboard(text)
        label = Text("Copied ")
        label.append_text(_text(item.label, single_line=True))
        label.append(f" ({text.count(chr(10)) + 1} lines)")
        self.notify(label.plain, markup=False)
