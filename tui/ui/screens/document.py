"""The document screen (`d` in the detail): a seed document, read-only, scrolled to a quote.

The document is a DocumentLines (tui/ui/widgets/doclines.py: only the lines on screen are
built and drawn; each line wraps to the width). Every quote of the item found in the document
is highlighted (bold reverse) and the line holding the first is the cursor, on screen
when the screen opens. `n` / `N` go to the next / previous quote; `escape` closes.

The document text is untrusted: each piece is `visible()` and put in a `rich.text.Text`,
never markup; control bytes never reach the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from tui.model.documents import Document, Passage, find_passage, read_document
from tui.model.text import visible
from tui.ui.widgets.doclines import DocumentLines
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.marking import TitleBar

QUOTE_STYLE = "bold reverse"
SENTENCE_STYLE = "bold"
# A line longer than this is cut into pieces (at a space where one is near) so one
# enormous line cannot make a single giant option.
MAX_LINE = 2000


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the document's lines, long lines cut into pieces."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        start = pos
        while end - start > MAX_LINE:
            cut = text.rfind(" ", start + MAX_LINE // 2, start + MAX_LINE)
            cut = cut + 1 if cut > 0 else start + MAX_LINE
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
        if nl < 0:
            break
        pos = nl + 1
    if len(spans) > 1 and spans[-1][0] == spans[-1][1] == n:
        spans.pop()  # the newline at the end of the file is not a line of its own
    return spans


def line_text(
    text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]] = ()
) -> Text:
    """One line as Text: quote spans `QUOTE_STYLE`, the sentence around them `SENTENCE_STYLE`."""
    cuts = {start, end}
    for a, b in list(quotes) + list(sentences):
        if a < end and b > start:
            cuts.add(max(a, start))
            cuts.add(min(b, end))
    points = sorted(cuts)
    out = Text(end="")
    for a, b in zip(points, points[1:]):
        if a >= b:
            continue
        style = ""
        if any(qa <= a and b <= qb for qa, qb in quotes):
            style = QUOTE_STYLE
        elif any(sa <= a and b <= sb for sa, sb in sentences):
            style = SENTENCE_STYLE
        out.append(visible(text[a:b], single_line=True, spaces=True), style=style)
    if not out.plain:
        out.append(" ")
    return out


class DocumentScreen(Screen[None]):
    """A whole seed document, scrolled to the quote(s)."""

    DEFAULT_CSS = """
    DocumentScreen { layout: vertical; }
    DocumentScreen #document-title {
        height: 1; padding: 0 1; background: $boost; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    DocumentScreen #document-status {
        height: auto; max-height: 3; padding: 0 1; color: $text-muted;
    }
    DocumentScreen #document-lines { height: 1fr; border: none; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="document.close"),
        Binding("n", "next_quote", "Next quote", id="document.next_quote"),
        Binding("N", "prev_quote", "Prev quote", show=False, id="document.prev_quote"),
        Binding("q", "close", "Back", show=False, id="document.close_q"),
    ]

    AUTO_FOCUS = "#document-lines"

    def __init__(
        self,
        path: str,
        quotes: Iterable[str] = (),
        *,
        title: str | None = None,
        document: Document | None = None,
        marking: str | None = None,
    ) -> None:
        super().__init__()
        self.marking = marking  # the handling marking of the situation it was opened from
        self.path = path
        self.quotes = [q for q in quotes if q]
        self.title_text = title
        self.document = document
        self.passages: list[Passage] = []  # found quotes, in document order
        self.missing: list[str] = []  # quotes not found
        self.quote_lines: list[int] = []  # option index of each passage's first line
        self.spans: list[tuple[int, int]] = []
        self._quote_index = 0

    def compose(self) -> ComposeResult:
        yield TitleBar(Static(id="document-title"), self.marking)
        yield Static(id="document-status")
        yield DocumentLines(id="document-lines")
        yield KeyFooter()  # (Textual's Footer leaks per rebuild: tui/ui/widgets/footer.py)

    def on_mount(self) -> None:
        doc = self.document if self.document is not None else read_document(self.path)
        self.document = doc
        name = os.path.basename(self.path) or self.path
        title = Text("Document · ", style="bold", no_wrap=True, end="")
        title.append(visible(self.title_text or name, single_line=True))
        self.query_one("#document-title", Static).update(title)
        status = self.query_one("#document-status", Static)
        lines = self.query_one(DocumentLines)
        if not doc.ok:
            status.update(Text(f"{visible(name, single_line=True)}: {doc.error}", style="bold"))
            lines.display = False
            return
        text = doc.text
        found: list[Passage] = []
        for q in self.quotes:
            p = find_passage(text, q)
            if p is None:
                self.missing.append(q)
            elif all(p.start != o.start for o in found):
                found.append(p)
        self.passages = sorted(found, key=lambda p: p.start)
        quotes = [(p.start, p.end) for p in self.passages]
        sentences = [(p.sentence_start, p.sentence_end) for p in self.passages]
        spans = self.spans = split_lines(text)
        # built when drawn (a 4 MB document has 25,000 lines; only a screenful is shown)
        lines.set_lines(
            len(spans),
            lambda i: line_text(text, spans[i][0], spans[i][1], quotes, sentences),
            lambda i: visible(text[spans[i][0] : spans[i][1]], single_line=True, spaces=True),
        )
        self.quote_lines = [self._line_of(p.start) for p in self.passages]
        status.update(self._status(name, doc))
        if self.quote_lines:
            lines.highlighted = self.quote_lines[0]
            # once laid out (the lines' heights depend on the width): the quote on top
            self.call_after_refresh(self.show_quote, 0)
        elif spans:
            lines.highlighted = 0

    def _line_of(self, offset: int) -> int:
        """Index of the line holding the character `offset` (binary search)."""
        import bisect

        starts = [a for a, _ in self.spans]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def _status(self, name: str, doc: Document) -> Text:
        shown = visible(name, single_line=True)
        parts: list[str] = [f"{len(self.spans)} lines"]
        if self.passages:
            first = self.passages[0]
            parts.append(f"quote at line {first.line}:{first.column}")
            if len(self.passages) > 1:
                parts.append(f"{len(self.passages)} quotes (n / N)")
        if self.missing:
            parts.append(f"{len(self.missing)} quote{'s' if len(self.missing) != 1 else ''} not found in {shown}")
        if doc.truncated:
            parts.append("only the start of a large file is shown")
        return Text(" · ".join(parts), end="")

    # -- behaviour ----------------------------------------------------------------

    def show_quote(self, index: int) -> None:
        if not self.quote_lines:
            self.notify("No quote in this document", timeout=3)
            return
        self._quote_index = index % len(self.quote_lines)
        lines = self.query_one(DocumentLines)
        line = self.quote_lines[self._quote_index]
        lines.highlighted = line
        lines.scroll_to_highlight(top=True)

    def action_next_quote(self) -> None:
        self.show_quote(self._quote_index + 1)

    def action_prev_quote(self) -> None:
        self.show_quote(self._quote_index - 1)

    def action_close(self) -> None:
        self.dismiss()
