"""The detail view: every field of one item, its sources and its links.

Links (the item's `about` and the items that point at it) are a focusable list:
`enter` on one shows that item here, keeping a back stack; `escape` goes back, and
from the first item closes the screen. Every string from the situation file is
rendered as `rich.text.Text(visible(s))`: never markup, never raw control bytes.
"""

from __future__ import annotations

import os
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.model.documents import Document, find_passage, read_document
from tui.model.passages import CONTEXT_MAX, passage_context  # noqa: F401 - re-exported for the tests
from tui.model.plain import MISSING_ITEM, confidence_text, item_heading, link_line
from tui.model.provenance import grade_text, weak_basis
from tui.model.text import visible
from tui.model.types import Item, Situation
from tui.ui.blame import BlameLine
from tui.ui.screens.detailfields import field_rows, via_line
from tui.ui.screens.longfields import LongFields, heading
from tui.ui.theme import MUTED_STYLE, YELLOW
from tui.ui.widgets.cells import CONFIDENCE_STYLES
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.marking import TitleBar

WEAK_MARK = "!"  # as on the board and the sources screen: reads without colour
STALE_MARK = "◷"
QUOTE_STYLE = "bold reverse"


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
        Binding("enter", "select", "Follow link", id="detail.follow"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class DetailScreen(Screen[None]):
    """Every field of one item. `escape` goes back along the links followed, then closes."""

    DEFAULT_CSS = """
    DetailScreen { layout: vertical; }
    DetailScreen #detail-title { height: 1; text-wrap: nowrap; text-overflow: ellipsis; padding: 0 1; text-style: bold; }
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
        Binding("y", "copy_selected(False)", "Copy", id="detail.copy"),
        Binding("Y", "copy_selected(True)", "Copy all", id="detail.copy_item"),
        Binding("d", "document", "Document", id="document"),
        Binding("f", "whole_fields", "Whole field", id="detail.whole_fields"),
    ]

    AUTO_FOCUS = "#detail-body"

    def __init__(self, situation: Situation, item_id: str, *, blame: bool = True) -> None:
        super().__init__()
        self.blame = blame  # "Last changed" from git blame (not for a version from git: issue 15)
        self.situation = situation
        self.item_id = item_id
        self.back_stack: list[str] = []
        self._link_targets: list[str] = []
        self._documents: dict[str, Document] = {}  # path -> document, read once
        self.long = LongFields()  # fields cut on screen, whole for `f`

    # -- building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(Static(id="detail-title"), self.situation.marking)
        with DetailBody(id="detail-body"):
            yield Static(id="detail-fields")
            yield BlameLine(id="detail-blame")
            yield Static("Sources", id="detail-sources-title", classes="section")
            yield Static(id="detail-sources")
            yield Static("Links", id="detail-links-title", classes="section")
            yield LinkList(id="detail-links")
        yield KeyFooter()  # Textual's Footer rebuilt its keys on every item shown, leaking (textual#6666)

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
        self.long.clear()
        self.call_after_refresh(self.refresh_bindings)  # `f` in the footer when a field is cut
        self.query_one(BlameLine).show_for(self.situation, item, enabled=self.blame)
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
        title.append_text(_text(heading(item_heading(item)), "bold", single_line=True))
        return title

    def _fields(self, item: Item) -> RenderableType:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column("key", style="bold", no_wrap=True)
        grid.add_column("value", ratio=1, overflow="fold")
        # An item with errors: every problem, placed, first; then every field (long ones cut, f: whole)
        for key, value in field_rows(item, getattr(self.app, "clock", None), self.long):
            grid.add_row(key, value)
        reason = weak_basis(item, self.situation)
        if reason:
            grid.add_row(Text(f"{WEAK_MARK} Weak basis", style="bold"), Text(reason, style=f"bold {YELLOW}"))
        stale = self._stale_text(item)
        if stale:
            grid.add_row(Text(f"{STALE_MARK} Stale", style="bold"), Text(stale, style=MUTED_STYLE))
        if item.origin is not None:  # where to edit it
            grid.add_row(Text("File", style=MUTED_STYLE), _text(str(item.origin), MUTED_STYLE, single_line=True))
        return grid

    def _stale_text(self, item: Item) -> str | None:
        """ "last confirmed 08 Aug 2024 09:00, 27 h before the as-of (older than 24 h)", or None."""
        from tui.model.stale import is_stale, latest_moment
        from tui.model.text import format_when

        hours = float(getattr(self.app, "stale_hours", 24.0) or 24.0)
        if item.updated is None or not is_stale(item, self.situation, hours):
            return None
        as_of = self.situation.as_of.as_datetime()
        if as_of.tzinfo is None:
            import datetime as dt

            as_of = as_of.replace(tzinfo=dt.UTC)
        age = (as_of - latest_moment(item.updated)).total_seconds() / 3600
        age_text = f"{age:.0f} h" if age < 48 else f"{age / 24:.0f} d"
        return (
            f"last confirmed {format_when(item.updated, with_year=True)}, {age_text} before the as-of "
            f"(older than {hours:g} h)"
        )

    def _sources(self, item: Item) -> RenderableType:
        """One entry per source, the best grade first (the grade the row shows leads; then
        as written): name, type and grade; the quote and where to find it indented beneath
        (a hanging indent, however long the quote)."""
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column("bullet", no_wrap=True)
        grid.add_column("source", ratio=1, overflow="fold")
        for ref in sorted(item.sources, key=self._grade_rank):
            source = self.situation.sources.get(ref.source)
            if source is None:
                grid.add_row("•", _text(ref.source, "bold", single_line=True))
                continue
            line = _text(source.name, "bold", single_line=True)
            details = [d for d in (source.type,) if d]
            details.append(f"grade {grade_text(source.reliability)}" if source.reliability else "ungraded")
            line.append("  ")
            line.append_text(_text(", ".join(details), MUTED_STYLE, single_line=True))
            grid.add_row("•", line)
            if ref.via:  # second-hand: whose word it was
                grid.add_row("", via_line(ref))
            if ref.quote:
                # Found in the source's document: the passage in its context, the quote
                # highlighted, stands for the quote; otherwise the quote as the file has
                # it (and, with a document, that it is not found there).
                passage = self._passage(source.document, ref.quote) if source.document else None
                if passage is None or passage[0] is False:
                    quote = Text("“", style="italic")
                    quote.append_text(self.long.text("Quote", ref.quote, "italic"))
                    quote.append("”")
                    grid.add_row("", quote)
                if passage is not None:
                    grid.add_row("", passage[1])
            for where in (source.url, source.document):
                if where:
                    grid.add_row("", _text(where, MUTED_STYLE, single_line=True))
        return grid

    def _grade_rank(self, ref) -> str:
        source = self.situation.sources.get(ref.source)
        return source.reliability if source is not None and source.reliability else "Z"  # ungraded last

    def _document(self, path: str) -> Document:
        doc = self._documents.get(path)
        if doc is None:
            doc = self._documents[path] = read_document(path)
        return doc

    def _passage(self, path: str, quote: str) -> tuple[bool, Text]:
        """(found, text): the quote in its document, in context (the sentence around it,
        or the sentences either side when the quote is a whole sentence), the quote
        highlighted; or why it cannot be shown ("quote not found in <document>")."""
        name = visible(os.path.basename(path) or path, single_line=True)
        doc = self._document(path)
        if not doc.ok:
            return False, Text(f"{name}: {doc.error}", style="bold")
        passage = find_passage(doc.text, quote)
        if passage is None:
            return False, Text(f"quote not found in {name}", style="bold")
        before, quoted, after = passage_context(doc.text, passage)
        out = Text(f"in {name}, line {passage.line} (d: the whole document)\n", style=MUTED_STYLE)
        out.append(visible(before, single_line=True, spaces=True), style=MUTED_STYLE)
        out.append(visible(quoted, single_line=True, spaces=True), style=QUOTE_STYLE)
        out.append(visible(after, single_line=True, spaces=True), style=MUTED_STYLE)
        return True, out

    def _links(self, item: Item) -> list[Option]:
        options: list[Option] = []
        for target in item.about:
            prompt = Text("→ about  ", style=MUTED_STYLE)
            prompt.append_text(_text(link_line(self.situation, target), single_line=True))
            options.append(Option(prompt))
            self._link_targets.append(target)
        for other in self.situation.backlinks(item.id):
            prompt = Text("← from   ", style=MUTED_STYLE)
            prompt.append_text(_text(heading(item_heading(other)), single_line=True))
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
        self._documents = {}  # a reload may follow an edit of the document too
        if self.is_mounted:
            self.query_one(TitleBar).set_marking(situation.marking)
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

    def document_refs(self, item: Item | None = None) -> list[tuple[str, list[str]]]:
        """(document path, quotes of this item from it), in the order the sources are cited."""
        item = item if item is not None else self.item
        out: dict[str, list[str]] = {}
        if item is None:
            return []
        for ref in item.sources:
            source = self.situation.sources.get(ref.source)
            if source is None or not source.document:
                continue
            quotes = out.setdefault(source.document, [])
            if ref.quote:
                quotes.append(ref.quote)
        return list(out.items())

    def action_document(self) -> None:
        """`d`: the item's seed document, scrolled to its quote(s)."""
        refs = self.document_refs()
        if not refs:
            self.notify("No source of this item has a document", timeout=3)
            return
        from tui.ui.screens.document import DocumentScreen

        path, quotes = refs[0]
        source_names = [s.name for s in self.situation.sources.values() if s.document == path]
        title = os.path.basename(path)
        if source_names:
            title = f"{source_names[0]} · {title}"
        self.app.push_screen(
            DocumentScreen(
                path, quotes, title=title, document=self._documents.get(path), marking=self.situation.marking
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.long.cut) if action == "whole_fields" else True

    def action_whole_fields(self) -> None:
        """`f`: every field cut on screen, whole, in the document view (virtualized lines)."""
        from tui.ui.screens.document import DocumentScreen

        if self.long.cut and (item := self.item) is not None:
            name = f"{heading(item_heading(item))} · whole fields"
            doc = self.long.document(name)
            self.app.push_screen(DocumentScreen(name, title=name, document=doc, marking=self.situation.marking))

    def action_copy_selected(self, whole: bool) -> None:
        """`y`: the item as one line for a chat (as on the board); `Y` (whole): all of it."""
        from tui.model.copytext import item_line, item_whole
        from tui.ui.messages import CopyRequested

        item = self.item
        if item is None:
            self.notify(MISSING_ITEM, severity="warning")
            return
        self.post_message(CopyRequested((item_whole if whole else item_line)(self.situation, item)))
