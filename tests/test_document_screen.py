"""Seed documents: the passage in the detail (context, quote highlighted, "not found"),
`d` opens the DocumentScreen scrolled to the quote, n/N between quotes, big and hostile
documents, errors."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from test_detail import Host as DetailHost
from test_detail import screen_lines, squash, whole_detail
from test_sources_screen import default_situation
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.model.documents import find_passage
from tui.model.types import Front, Situation, Source, SourceRef, When
from tui.ui.screens.detail import DetailScreen, passage_context
from tui.ui.screens.document import (
    MAX_LINE,
    QUOTE_STYLE,
    DocumentLines,
    DocumentScreen,
    line_text,
    split_lines,
)

SIZE = (80, 24)
EVACUATION = "kursk-border-evacuation"


class DocHost(App[None]):
    def __init__(self, path: str, quotes=()) -> None:
        super().__init__()
        self.path, self.quotes = path, list(quotes)
        self.notices: list[str] = []

    def notify(self, message: str, **kwargs) -> None:  # recorded for the tests
        self.notices.append(message)
        super().notify(message, **kwargs)

    def compose(self) -> ComposeResult:
        yield Static("underneath")

    def on_mount(self) -> None:
        self.push_screen(DocumentScreen(self.path, self.quotes))


def styled(text, style: str) -> list[str]:
    return [text.plain[s.start : s.end] for s in text.spans if str(s.style) == style]


def one_front_situation(doc: Path, *quotes: str) -> Situation:
    src = Source("rep", "The report", type="report", reliability="C", document=str(doc))
    front = Front(id="f", name="Front", sources=tuple(SourceRef("rep", q) for q in quotes))
    import datetime as dt

    return Situation(
        id="s",
        title="S",
        as_of=When(dt.datetime(2024, 8, 9, tzinfo=dt.UTC)),
        sources=MappingProxyType({"rep": src}),
        fronts=(front,),
    )


# -- pieces -------------------------------------------------------------------------


def test_split_lines_keeps_offsets_and_cuts_long_lines():
    text = "one\ntwo\n\nthree\n"
    spans = split_lines(text)
    assert [text[a:b] for a, b in spans] == ["one", "two", "", "three"]
    long = ("word " * 1000).strip()
    spans = split_lines(long)
    assert len(spans) > 1 and all(b - a <= MAX_LINE for a, b in spans)
    assert "".join(long[a:b] for a, b in spans) == long


def test_line_text_highlights_the_quote_and_the_sentence_literally():
    text = "Before. [b]The quote[/b] \x1b[31m here. After."
    q0 = text.index("[b]")
    q1 = q0 + len("[b]The quote[/b]")
    t = line_text(text, 0, len(text), [(q0, q1)], [(q0, text.index("here.") + 5)])
    assert styled(t, QUOTE_STYLE) == ["[b]The quote[/b]"]
    assert "\x1b" not in t.plain and "␛" in t.plain
    assert t.plain.startswith("Before. [b]The quote[/b]")


def test_passage_context_widens_a_whole_sentence_quote():
    sit = default_situation()
    doc = Path(sit.sources["seed"].document).read_text()
    quote = sit.item(EVACUATION).sources[0].quote
    p = find_passage(doc, quote)
    before, quoted, after = passage_context(doc, p)
    assert quoted.startswith("Over 76,000 people")
    assert after.strip().startswith("This mass evacuation follows")  # the next sentence
    assert before == ""  # first sentence of the document


# -- in the detail ------------------------------------------------------------------


async def test_detail_of_76000_shows_attribution_and_seed_passage():
    sit = default_situation()
    app = DetailHost(sit, EVACUATION)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        text = await whole_detail(app, pilot)
        flat = squash(text)
        assert squash("over 76,000") in flat
        for name in ("Reuters", "TASS", "Kursk regional Emergencies Ministry"):
            assert squash(name) in flat
        assert squash("B (usually reliable)") in flat and squash("D (not usually reliable)") in flat
        assert squash("in kursk-2024-08-reuters-tass.txt, line 1") in flat
        assert squash("as reported by Reuters and TASS. This mass evacuation follows") in flat
        # the quote is highlighted in the passage
        sources = app.screen.query_one("#detail-sources", Static)
        rendered = app.screen._sources(sit.item(EVACUATION))
        cells = [c for col in rendered.columns for c in col.cells]
        highlighted = [q for c in cells if hasattr(c, "spans") for q in styled(c, QUOTE_STYLE)]
        assert any(q.startswith("Over 76,000 people have been evacuated") for q in highlighted)
        assert sources.display


async def test_quote_not_found_says_so(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("Something else entirely. Nothing about it.\n")
    sit = one_front_situation(doc, "a quote the report never had")
    app = DetailHost(sit, "f")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = squash(await whole_detail(app, pilot))
        assert squash("quote not found in report.txt") in text
        assert squash("“a quote the report never had”") in text  # the file's quote still shown


async def test_missing_document_is_a_line_not_a_crash(tmp_path):
    sit = one_front_situation(tmp_path / "gone.txt", "anything")
    app = DetailHost(sit, "f")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert squash("gone.txt: document not found") in squash(await whole_detail(app, pilot))
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        assert "document not found" in str(screen.query_one("#document-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


async def test_d_without_a_document_notifies():
    from test_board_support import kursk

    app = DetailHost(kursk(), "korenevo")  # Reuters only: no document
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert any("No source of this item has a document" in n for n in app.notices)


# -- the document screen ---------------------------------------------------------------


async def test_d_opens_the_document_scrolled_to_the_quote_and_n_cycles():
    sit = default_situation()
    app = DetailHost(sit, "kursk-incursion")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        lines = screen.query_one(DocumentLines)
        assert len(screen.passages) == 2 and screen.missing == []
        assert lines.highlighted == screen.quote_lines[0] == 1  # the 2nd line of the report
        assert lines.scroll_y > 0  # scrolled: the quote's line is at the top
        top = screen_lines(app)[2]
        assert top.strip().startswith("Russia is currently engaged")
        prompt = lines.line(1)
        assert any(q.startswith("Russia is currently engaged") for q in styled(prompt, QUOTE_STYLE))
        await pilot.press("n")
        await pilot.pause()
        assert lines.highlighted == screen.quote_lines[1] == 2
        await pilot.press("n")
        assert lines.highlighted == screen.quote_lines[0]
        await pilot.press("N")
        assert lines.highlighted == screen.quote_lines[1]
        status = str(screen.query_one("#document-status", Static).render())
        assert "quote at line 2:1" in status and "2 quotes" in status
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


async def test_a_big_document_opens_at_a_quote_near_its_end(tmp_path):
    doc = tmp_path / "big.txt"
    body = "".join(f"Line {i} of filler text, nothing to see here.\n" for i in range(60_000))
    doc.write_text(body + "At last the needle we were looking for. Done.\n")
    app = DocHost(str(doc), ["the needle we were looking for"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        lines = screen.query_one(DocumentLines)
        assert lines.line_count == 60_001
        assert lines.highlighted == 60_000
        assert lines.scroll_y > 50_000
        assert any("the needle we were looking for" in line for line in screen_lines(app))


async def test_hostile_document_text_never_reaches_the_terminal(tmp_path):
    doc = tmp_path / "evil.txt"
    doc.write_bytes(b"[@click=app.quit]click[/] \x1b]0;title\x07 \x1b[2J wipe \xff\xfe bad\nthe quote here\n")
    app = DocHost(str(doc), ["the quote here", "absent words"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg
        text = "\n".join(screen_lines(app, svg))
        assert "[@click=app.quit]click[/]" in text
        status = str(app.screen.query_one("#document-status", Static).render())
        assert "1 quote not found in evil.txt" in status
        await pilot.click(DocumentLines, offset=(5, 0))
        await pilot.pause()
        assert app.is_running


async def test_a_big_document_builds_only_the_lines_on_screen(tmp_path, monkeypatch):
    """Issue 10 item 6: `d` on a 4 MB document (and `f` on a 10 MB field) froze the board
    for 6-12 s: every one of its 25,000 lines was built and wrapped when the view opened.
    Now a line is built when one of its rows is drawn; g/G and the page keys still reach
    every line, wrapped at the width."""
    from tui.ui.screens import document

    built: list[int] = []

    def counted(text, start, end, *rest):
        built.append(start)
        return line_text(text, start, end, *rest)

    monkeypatch.setattr(document, "line_text", counted)
    doc = tmp_path / "big.txt"
    long_line = " ".join(f"word{i}" for i in range(40))  # 269 characters: 4 rows at 76
    doc.write_text("".join(f"Line {i}: {long_line}\n" for i in range(12_000)) + "The needle. Done.\n")
    app = DocHost(str(doc), ["The needle"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert len(built) < 100, len(built)  # a screenful, not 12,001
        lines = app.screen.query_one(DocumentLines)
        assert lines.line_count == 12_001 and lines.highlighted == 12_000
        shown = screen_lines(app)
        assert any(line.strip().startswith("The needle. Done.") for line in shown), shown
        await pilot.press("g")
        await pilot.pause()
        shown = screen_lines(app)
        assert shown[2].strip().startswith("Line 0: word0 word1"), shown
        # wrapped at a word: no row ends in the middle of a word
        rows = [s.strip() for s in shown[2:6]]
        assert rows[1].startswith("word") and " ".join(rows[:4]).startswith(f"Line 0: {long_line}"[:200]), rows
        await pilot.press("G")
        await pilot.pause()
        assert lines.highlighted == 12_000
        await pilot.press("pageup")
        await pilot.pause()
        assert lines.highlighted is not None and 11_980 < lines.highlighted < 12_000
        assert len(built) < 300, len(built)


def test_rows_wrap_at_words_and_cut_a_longer_word_by_cells():
    from tui.ui.widgets.doclines import row_starts

    assert row_starts("", 10) == (0,)
    assert row_starts("short", 10) == (0,)
    assert row_starts("aaaa bbbb cccc", 10) == (0, 10)  # "aaaa bbbb " then "cccc"
    assert row_starts("x" * 25, 10) == (0, 10, 20)
    assert row_starts("ab " + "y" * 12, 10) == (0, 3, 13)
    wide = "漢字" * 6  # 12 characters, 24 cells
    assert row_starts(wide, 10) == (0, 5, 10)
    assert row_starts("漢字 漢字 漢字", 10) == (0, 6)
