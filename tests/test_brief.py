"""tui.model.brief: the briefing document, as text and as Markdown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.model.brief import md_escape, render_brief, render_changes
from tui.model.load import load
from tui.model.types import LISTS, Quantity, When
from tui.runtime.paths import default_situation_path

NOW = dt.datetime(2024, 8, 10, 9, 0, tzinfo=dt.UTC)


def _html(md: str) -> str:
    return MarkdownIt("gfm-like").render(md)


HEAD = """\
situation:
  id: split
  title: "Evil [link](http://evil.example) *bold* <b>html</b> ~~gone~~"
  as_of: 2024-08-09T12:00:00+03:00
  area: "- not a list item"
  marking: "SECRET \\u001b[5m"
  summary: "1. not a numbered list\\n# not a heading\\n| a | b |"
sources:
  wire: {name: "Wire ![img](http://x/y.png)", reliability: B}
  rumour: {name: Rumour mill, reliability: E}
"""

PART = """\
situation: {id: split}
evacuations:
  - id: range
    area: "Town &amp; country"
    people: {min: 1000, max: 2000}
    updated: 2024-08-07
    sources: [{source: rumour, quote: "between `1000` and <2000>"}]
events:
  - id: count
    what: "Shelling at www.example.org and https://example.com/x"
    count: {value: 15, qualifier: about, unit: vehicles}
    sources: [wire]
    note: "=HYPERLINK(\\"http://x\\") and \\u009b31m"
"""


@pytest.fixture
def split(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(HEAD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(PART, encoding="utf-8")
    result = load([tmp_path])
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.situations[0]


# ---------------------------------------------------------------- the embedded default


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_default_brief_reads_as_a_briefing(default, fmt: str) -> None:
    out = render_brief(default, fmt=fmt, now=NOW)
    lines = out.splitlines()
    assert "TLP:CLEAR" in lines[0] and "TLP:CLEAR" in lines[-1]
    assert "Ukrainian incursion into Russia's Kursk region" in out
    assert "Kursk region, Russia / Ukraine border" in out
    assert "09 Aug 2024 12:00 UTC+03:00 (1 d ago)" in out
    # figures as people read them
    for figure in ("over 76,000", "up to 20 km", "about 15 vehicles", "2 operational · 2 shut down"):
        assert figure in out
    # confidence and sources with grades
    assert "◐ reported · best source B (usually reliable)" in out
    assert "● verified" in out and "○ claimed" in out
    assert "Reuters (news agency, B)" in out and "TASS (state news agency (Russia), D)" in out
    assert "“Over 76,000 people have been evacuated from areas" in " ".join(out.split())  # the quote
    assert "rests only on sources graded D-F" in out
    # order: summary, the five panes, sources
    order = [out.index(w) for w in ("Summary", "Fronts (2", "Evacuations (1", "Statements (6",
                                    "Infrastructure (1", "Events (5", "Sources\n" if fmt == "text" else "## Sources")]  # fmt: skip
    assert order == sorted(order)
    assert "stale" in out.split("Summary")[0]  # the picture line says how many are stale


def test_default_markdown_structure(default) -> None:
    html = _html(render_brief(default, fmt="md", now=NOW))
    assert html.count("<h1>") == 1
    assert len(re.findall(r"<h2>", html)) == 2 + len(LISTS)  # summary, every list, sources
    assert len(re.findall(r"<h3>", html)) == default.item_count
    assert "<table>" in html and html.count("<tr>") == len(default.sources) + 1
    assert "<a " not in html  # no links, not even from source URLs


def test_text_lines_are_wrapped(default) -> None:
    out = render_brief(default, fmt="text", now=NOW)
    assert max(len(line) for line in out.splitlines()) <= 80


# ---------------------------------------------------------------- untrusted data


def test_markdown_data_cannot_inject_markup(split) -> None:
    md = render_brief(split, fmt="md", now=NOW)
    html = _html(md)
    assert "<a " not in html and "<img" not in html
    assert "<b>" not in html and "&lt;b&gt;html&lt;/b&gt;" in html
    assert "<em>" not in html and "<s>" not in html and "<del>" not in html
    assert html.count("<h1>") == 1 and "<ol" not in html
    assert "<h1>not a heading" not in html
    assert html.count("<table>") == 1  # ours, the sources table; not the summary's pipes
    assert "Town &amp;amp; country" in html  # the entity stays literal
    assert "[link](http://evil.example)" in re.sub(r"<[^>]+>", "", html).replace("&quot;", '"')
    assert "- not a list item" in html  # the leading dash is literal text


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_control_bytes_never_pass(split, fmt: str) -> None:
    out = render_brief(split, fmt=fmt, now=NOW)
    assert not any(0x80 <= ord(c) < 0xA0 or (ord(c) < 0x20 and c != "\n") or c == "\x7f" for c in out)
    assert ("␛[5m" if fmt == "text" else "␛\\[5m") in out.splitlines()[0]
    assert "⟨U+009B⟩31m" in out


def test_text_format_shows_data_literally(split) -> None:
    out = render_brief(split, fmt="text", now=NOW)
    assert "Evil [link](http://evil.example) *bold* <b>html</b> ~~gone~~" in out
    assert "1,000–2,000" in out  # a range
    assert "about 15 vehicles" in out


def test_md_escape() -> None:
    assert md_escape("*a* _b_ [c](d) <e> #f |g| `h` \\i ~j") == (
        "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\#f \\|g\\| \\`h\\` \\\\i \\~j"
    )
    assert md_escape("- x") == "\\- x" and md_escape("+ x") == "\\+ x" and md_escape("= x") == "\\= x"
    assert md_escape("12. x") == "12\\. x" and md_escape("3) x") == "3\\) x"
    assert md_escape("A. Smith, 1.5 km") == "A. Smith, 1.5 km"  # only a leading list marker
    assert md_escape("&amp;") == "\\&amp;" and md_escape("R&D") == "R&D"
    assert "\\/\\/" in md_escape("https://x.org")


# ---------------------------------------------------------------- flags


def test_stale_and_weak_flags(split) -> None:
    out = render_brief(split, fmt="text", now=NOW)
    assert "! Stale: last confirmed 07 Aug 2024, 33 h before the as-of" in out
    assert "! Weak basis: rests only on sources graded D-F" in out  # the range rests on a rumour
    assert "1 stale" in out
    relaxed = render_brief(split, fmt="md", now=NOW, stale_hours=48)
    assert "Stale:" not in relaxed and "none stale (not confirmed within 48 h" in relaxed


def test_pane_titles_show_the_freshest_update_and_empty_panes(split) -> None:
    out = render_brief(split, fmt="text", now=NOW)
    assert "Evacuations (1 · freshest update 07 Aug 2024)" in out
    assert "Fronts (0)" in out and "Nothing reported." in out


# ---------------------------------------------------------------- since a baseline


def _older(default):
    ev = default.evacuations[0]
    return dataclasses.replace(
        default,
        as_of=When(dt.datetime(2024, 8, 8, 12, tzinfo=dt.timezone(dt.timedelta(hours=3)))),
        evacuations=(dataclasses.replace(ev, people=Quantity(value=60000, qualifier="about")),),
        events=default.events[:4],
        fronts=default.fronts + (dataclasses.replace(default.fronts[0], id="old-front", name="Old front"),),
    )


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_since_puts_what_changed_first(default, fmt: str) -> None:
    out = render_brief(default, since=_older(default), fmt=fmt, now=NOW)
    changed = out.index("What changed since the picture as of 08 Aug 2024 12:00 UTC+03:00")
    assert changed < out.index("Fronts (2")
    section = out[changed : out.index("Fronts (2")]
    assert "New (1)" in section and "Ukrainian troops advancing towards the Kursk nuclear power plant" in section
    assert "Changed (1)" in section and "People:" in section and "about 60,000 → over 76,000" in section
    assert "Removed (1)" in section and "Old front" in section
    assert "08 Aug 2024 12:00 UTC+03:00 → 09 Aug 2024 12:00 UTC+03:00" in section  # the as-of moved
    assert "over 76,000 (changed)" not in out  # the marker follows the heading, not a value
    assert "Kursk region border areas — ongoing (changed)" in out
    assert "Ukrainian troops advancing towards the Kursk nuclear power plant (new)" in out


def test_since_identical_says_no_changes(default) -> None:
    out = render_brief(default, since=default, fmt="text", now=NOW)
    assert "No changes." in out
    assert render_changes(default, default) == "TLP:CLEAR\n\nNo changes.\n\nTLP:CLEAR\n"  # marked like every output


def test_render_changes_on_a_split_situation(split) -> None:
    newer = dataclasses.replace(
        split,
        events=(dataclasses.replace(split.events[0], count=Quantity(value=20, qualifier="over", unit="vehicles")),),
    )
    out = render_changes(split, newer)
    assert "~ Events › Shelling at www.example.org" in out
    assert "Count: about 15 vehicles → over 20 vehicles" in out
    md = render_changes(split, newer, fmt="md")
    assert "<a " not in _html(md) and "(changed)" in md


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="md, text"):
        render_brief(load([default_situation_path()]).situations[0], fmt="html")


def test_events_and_statements_read_newest_first(default) -> None:
    """The brief reads events and statements by time, newest first (file order is not
    time order: the 03 Oct after 30 Nov of issue 12); undated ones last."""
    from tui.model.order import ordered

    text = render_brief(default, fmt="text", now=NOW)
    for pane in ("events", "statements"):
        items = ordered(pane, default.pane(pane), NOW)
        dates = [it.date.value for it in items if it.date is not None]
        assert [d.isoformat()[:10] for d in dates] == sorted((d.isoformat()[:10] for d in dates), reverse=True)
        shown = [text.index(f"* {it.label[:30]}") for it in items]
        assert shown == sorted(shown), pane  # the brief prints them in that order
