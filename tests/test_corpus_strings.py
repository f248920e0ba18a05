"""Hostile strings from files: the naughty strings (blns.json AND blns.txt) and the
markup/escape corpus, in every kind of text field of a situation FILE, through the loader,
the board (one app for all of them), the detail (one app per pane) and the brief.

Each must load exactly as written, show literally or visibly escaped (`visible()`), and
never reach the terminal as a control sequence: no ESC, C1, BEL or other C0 byte in any
rendered segment, so nothing can move the cursor, change colours or set the title.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tui.model.load import load
from tui.model.text import visible

CORPORA = Path(__file__).resolve().parent / "corpora"

# Any C0 control but newline, DEL, any C1 control (ESC = \x1b, BEL = \x07, CSI = \x9b).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def _strings() -> list[str]:
    blns_json = json.loads((CORPORA / "naughty-strings" / "blns.json").read_text("utf-8"))
    blns_txt = [
        line
        for line in (CORPORA / "naughty-strings" / "blns.txt").read_text("utf-8").split("\n")
        if line and not line.startswith("#")
    ]
    markup = json.loads((CORPORA / "markup" / "markup-and-escapes.json").read_text("utf-8"))
    out: list[str] = []
    seen: set[str] = set()
    for s in blns_json + blns_txt + markup:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


STRINGS = _strings()
MARKUP = json.loads((CORPORA / "markup" / "markup-and-escapes.json").read_text("utf-8"))


def yq(s: str) -> str:
    """`s` as a YAML double-quoted scalar: every non-printable character escaped."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E or 0xA0 <= c <= 0xD7FF or (0xE000 <= c <= 0xFFFD and c != 0xFEFF) or c >= 0x10000:
            out.append(ch)
        elif c <= 0xFF:
            out.append(f"\\x{c:02x}")
        elif c <= 0xFFFF:
            out.append(f"\\u{c:04x}")
        else:  # pragma: no cover - astral characters are printable above
            out.append(f"\\U{c:08x}")
    out.append('"')
    return "".join(out)


# pane -> (id prefix, text fields holding the string)
PANE_FIELDS = {
    "fronts": ("f", ("name", "strength", "note", "x-note")),
    "evacuations": ("v", ("area", "authority", "destination", "note", "x-note")),
    "statements": ("t", ("actor", "quote", "summary", "role", "channel", "note", "x-note")),
    "infrastructure": ("i", ("name", "kind", "location", "significance", "note", "x-note")),
    "events": ("e", ("what", "where", "note", "x-note")),
}
LABEL = {"fronts": "name", "evacuations": "area", "statements": "actor", "infrastructure": "name", "events": "what"}


def item_id(pane: str, i: int) -> str:
    """The string itself where the slug allows it (one pane only: ids are unique), else a made-up id."""
    s = STRINGS[i]
    if pane == "fronts" and SLUG.match(s) and len(s) <= 48 and s not in _TAKEN:
        return s
    return f"{PANE_FIELDS[pane][0]}{i}"


_TAKEN = {f"{prefix}{i}" for prefix, _ in PANE_FIELDS.values() for i in range(len(STRINGS))}


def items_file() -> str:
    """One situation with every string in every item text field, source and quote."""
    lines = [
        "format: 1",
        "situation:",
        "  id: hostile",
        "  title: Hostile strings",
        "  as_of: 2024-08-09T12:00:00+03:00",
        "sources:",
    ]
    for i, s in enumerate(STRINGS):
        lines += [f"  s{i}:", f"    name: {yq(s)}", f"    type: {yq(s)}", f"    x-note: {yq(s)}"]
    for pane, (_prefix, fields) in PANE_FIELDS.items():
        lines.append(f"{pane}:")
        for i, s in enumerate(STRINGS):
            lines.append(f"  - id: {yq(item_id(pane, i))}")
            lines += [f"    {f}: {yq(s)}" for f in fields]
            if pane == "fronts":
                lines += [f"    sides: [{yq(s)}]", f"    places: [{yq(s)}]"]
            lines.append(f"    sources: [{{source: s{i}, quote: {yq(s)}}}]")
    return "\n".join(lines) + "\n"


def header_file(i: int) -> str:
    s = yq(STRINGS[i])
    return (
        f"situation:\n  id: h{i}\n  title: {s}\n  as_of: 2024-08-09T12:00:00+03:00\n"
        f"  area: {s}\n  summary: {s}\n  marking: {s}\n  x-note: {s}\n"
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "items.yaml").write_text(items_file(), encoding="utf-8")
    headers = root / "headers"
    headers.mkdir()
    for i in range(len(STRINGS)):
        (headers / f"h{i:04d}.yaml").write_text(header_file(i), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def loaded(corpus_dir: Path):
    return load([corpus_dir / "items.yaml", corpus_dir / "headers"])


def test_corpus_sizes() -> None:
    assert len(json.loads((CORPORA / "naughty-strings" / "blns.json").read_text("utf-8"))) == 515
    assert len(MARKUP) >= 30
    assert len(STRINGS) > 700
    assert any("\x1b" in s for s in STRINGS) and any("\x9b" in s for s in STRINGS)


def test_every_string_loads_exactly(loaded) -> None:
    assert loaded.ok, [str(d) for d in loaded.diagnostics[:5]]
    by_id = {s.id: s for s in loaded.situations}
    sit = by_id["hostile"]
    assert sit.item_count == 5 * len(STRINGS)
    for i, s in enumerate(STRINGS):
        src = sit.sources[f"s{i}"]
        assert (src.name, src.type, dict(src.extensions)["x-note"]) == (s, s, s)
        for pane, (_prefix, fields) in PANE_FIELDS.items():
            item = sit.item(item_id(pane, i))
            assert item is not None and item.pane == pane
            for f in fields:
                value = dict(item.extensions)[f] if f.startswith("x-") else getattr(item, f)
                assert value == s, (pane, f, i)
            assert item.sources[0].quote == s and item.sources[0].source == f"s{i}"
            if pane == "fronts":
                assert item.sides == (s,) and item.places == (s,)
        head = by_id[f"h{i}"]
        assert (head.title, head.area, head.summary, head.marking) == (s, s, s, s)
        assert dict(head.extensions)["x-note"] == s
    # ids where the slug allows: the string itself
    assert sum(1 for i in range(len(STRINGS)) if item_id("fronts", i) == STRINGS[i]) >= 20


# -- rendering helpers -------------------------------------------------------------


def screen_segments(app):
    """Every segment the shown widgets render now (tests/screen_support.py)."""
    from screen_support import screen_segments as segments

    return segments(app)


def assert_screen_clean(app, svg: bool = False) -> str:
    """No control segment, no control character in any text; returns the screen text.
    `svg`: the exported screenshot too (slow: once in a while)."""
    texts = []
    for seg in screen_segments(app):
        assert not seg.control, seg
        assert not CONTROL.search(seg.text), repr(seg.text)
        texts.append(seg.text)
    if svg:
        shot = app.export_screenshot()
        assert not CONTROL.search(shot.replace("\n", "")), "a control byte in the exported screen"
    return "".join(texts)


def rich_text(renderable, width: int = 100) -> str:
    """A Rich renderable through a real (truecolor) console: the text of its segments, checked."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor")
    parts = []
    for seg in console.render(renderable, console.options):
        assert not seg.control, seg
        assert not CONTROL.search(seg.text), repr(seg.text)
        parts.append(seg.text)
    return "".join(parts)


def content_texts(content) -> list[str]:
    """The plain text of every cell of a Static's content (a Text or a Table grid of
    Texts); a str cell (Rich would read it as markup) may only be a constant of ours."""
    from rich.table import Table
    from rich.text import Text

    if isinstance(content, Text):
        cells = [content]
    else:
        assert isinstance(content, Table), type(content)
        cells = [cell for column in content.columns for cell in column.cells]
    out = []
    for cell in cells:
        if isinstance(cell, str):
            assert cell in ("", "•"), f"data as a str (markup!) in the detail: {cell!r}"
            continue
        assert isinstance(cell, Text), type(cell)
        # newline and tab are layout (Rich expands the tab); nothing else
        assert not CONTROL.search(cell.plain.replace("\t", " ")), repr(cell.plain)
        out.append(cell.plain)
    return out


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def shown_prefix(cell_plain: str) -> str:
    """A cell's text without the gap and a trailing ellipsis."""
    text = cell_plain[1:] if cell_plain.startswith(" ") else cell_plain
    return text[:-1] if text.endswith("…") else text


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_board_shows_every_string_literally(corpus_dir: Path, loaded) -> None:
    """One app with every string: rows, every page of every pane, the header of every
    header situation: literal or visibly escaped, no control. (The detail: below.)"""
    from textual.widgets import Static

    from tui.ui.app import SitboardApp

    app = SitboardApp(
        [str(corpus_dir / "items.yaml"), str(corpus_dir / "headers")],
        watch=False,
        read_user_keymap=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert app.situation is not None and app.situation.id == "hostile"
        sit = app.situation

        # Rows: every cell free of control characters; the label column shows the
        # string literally (visibly escaped), cut only at the end.
        for pane in (app.board.pane(name) for name in PANE_FIELDS):
            assert len(pane.row_ids) == len(STRINGS)
            for i, s in enumerate(STRINGS):
                cells = pane.row_cells(item_id(pane.pane, i))
                for c in cells:
                    assert not CONTROL.search(c.plain), (pane.pane, i, repr(c.plain))
                label = [c.plain for c in cells if c.plain.strip() and shown_prefix(c.plain)]
                expected = visible(s, single_line=True)
                if expected.strip():
                    assert any(expected.startswith(shown_prefix(c)) and len(shown_prefix(c)) > 0 for c in label), (
                        pane.pane,
                        i,
                        s,
                        [c for c in label],
                    )

        # The real screen, maximized (z): every page of the fronts and statements panes
        # (they hold every kind of field), the first, middle and last pages of the others.
        seen_markup = False
        for n in range(1, 6):
            await pilot.press(str(n), "z")
            await pilot.pause()
            pane = app.board.current_pane
            last = len(pane.row_ids) - 1
            step = pane.size.height - 2
            assert step > 5
            if pane.pane in ("fronts", "statements"):
                rows = list(range(0, last + step, step))
            else:
                rows = [0, last // 2, last]
            assert_screen_clean(app, svg=True)
            for row in rows:
                pane.move_cursor(row=min(row, last))
                await pilot.pause()
                text = assert_screen_clean(app)
                seen_markup = seen_markup or "[@click=app.quit]" in text
            assert pane.cursor_row == last
            await pilot.press("z")
            assert app.is_running
        assert seen_markup, "the [@click] markup string was never on screen as text"

        # Header: every header situation shown in turn (title, area, marking).
        header = app.board.header
        heads = [s for s in app.result.situations if s.id != "hostile"]
        assert len(heads) == len(STRINGS)
        for head in heads:
            header.show_situation(head)
            title = header.query_one("#header-title", Static).content
            marking = header.query_one("#header-marking", Static).content
            t_text, m_text = rich_text(title, 400), rich_text(marking, 400)
            assert squash(visible(head.title, single_line=True)) in squash(t_text)
            assert squash(visible(head.area, single_line=True)) in squash(t_text)
            if head.marking.strip():
                assert squash(visible(head.marking, single_line=True)) in squash(m_text)
        for sample in heads[:: max(1, len(heads) // 40)] + [
            h for h in heads if h.title in MARKUP
        ]:  # the real screen, for a sample and every markup string
            header.show_situation(sample)
            await pilot.pause()
            assert_screen_clean(app, svg=sample.title in MARKUP)
        header.show_situation(sit)


BATCH = 25  # items shown in the detail between two pauses: the messages they post stay few


@pytest.mark.parametrize("pane", list(PANE_FIELDS))
async def test_detail_shows_every_string_literally(corpus_dir: Path, pane: str) -> None:
    """The detail of every item of one pane (one app per pane, so no run holds all of
    them). What each widget holds is checked cell by cell (a Text, never a str Rich would
    parse as markup); the real screen for the markup strings.

    In CI under load a pause here timed out (WaitForScreenTimeout, 30 s): every item shown
    made the detail's Textual Footer rebuild its keys, each rebuild leaving watchers behind
    (textual#6666), so each pause cost more (43 s of pauses for one pane; the detail now has
    KeyFooter: 2.5 s), and it paused only at the markup strings, the last of the corpus. Now
    a pause every BATCH items as well. The "Last changed" line is off: these files lie
    outside git, so it has nothing to show, yet each item shown would start a thread that
    reads the 2 MB file and runs git."""
    from textual.widgets import Static

    from tui.ui.app import SitboardApp
    from tui.ui.screens.detail import DetailScreen

    app = SitboardApp([str(corpus_dir / "items.yaml")], watch=False, read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert app.situation is not None and app.situation.id == "hostile"
        app.open_detail(item_id(pane, 0))
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        detail.blame = False
        for i, s in enumerate(STRINGS):
            detail.show_item(item_id(pane, i))
            shown = "\n".join(
                t
                for w in ("#detail-title", "#detail-fields", "#detail-sources")
                for t in content_texts(detail.query_one(w, Static).content)
            )
            if s.strip():
                assert visible(s) in shown or visible(s, single_line=True) in shown, (pane, i, s)
            if s in MARKUP:
                await pilot.pause()
                text = assert_screen_clean(app, svg=pane == "statements")
                if s.startswith("[@click"):
                    assert "[@click" in text
            elif i % BATCH == 0:
                await pilot.pause()
        await pilot.press("escape")  # back along the items shown: the one before the last
        await pilot.pause()
        assert app.screen is detail and detail.item_id == item_id(pane, len(STRINGS) - 2)


# -- the brief -------------------------------------------------------------------------


def _one_line(s: str) -> str:
    return " ".join(visible(s, single_line=True, spaces=True).split())


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_brief_shows_every_string_literally(loaded, fmt: str) -> None:
    """`render_brief` of the situation holding every string in every field, and of every
    header situation: no control byte at all (newline aside), every string there as
    visible (and, in Markdown, escaped) text."""
    from tui.model.brief import md_escape, render_brief

    def shown(s: str) -> str:
        line = _one_line(s)
        return squash(md_escape(line) if fmt == "md" else line)

    by_id = {s.id: s for s in loaded.situations}
    brief = render_brief(by_id["hostile"], fmt=fmt)
    assert not CONTROL.search(brief), repr(CONTROL.search(brief))
    flat = squash(brief)
    for i, s in enumerate(STRINGS):
        want = shown(s)[:40]
        if want:
            assert want in flat, (fmt, i, s)
    if fmt == "md":  # markup that would be live in Markdown is escaped
        assert "[@click=app.quit]" not in brief and "\\[@click=app.quit\\]" in brief
        assert "<script>" not in brief
    for i in range(len(STRINGS)):
        head = by_id[f"h{i}"]
        text = render_brief(head, fmt=fmt)
        assert not CONTROL.search(text), (i, repr(STRINGS[i]))
        want = shown(STRINGS[i])[:60]
        if want:
            assert want in squash(text), (fmt, i, STRINGS[i])
