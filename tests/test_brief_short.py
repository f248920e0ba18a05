"""`sitboard brief --short`: one page, at most 60 lines of at most 100 cells, whatever the size
of the situation; sections in order of importance, each cut with an "and N more" line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cli_support import sitboard

from tui.model.brief_short import LINES, WIDTH, render_short, span
from tui.model.load import load
from tui.model.text import cell_width
from tui.runtime.paths import default_situation_path

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2024, 8, 9, 15, 0, tzinfo=dt.UTC)
SECTIONS = ("Summary", "Key figures", "Key judgments", "Watch", "Changes", "Critical and high")


def big_situation(folder: Path, n: int, *, people: int = 1000, title: str = "Big") -> Path:
    """`n` items in every list, long texts, wide characters: a page-breaker."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = " ".join(["A very long summary sentence about the situation, with 廣 wide 字 characters."] * 40)
    lines = [
        "situation:",
        "  id: big",
        f"  title: {title} " + "T" * 150,
        "  as_of: 2024-08-09T12:00:00+03:00",
        "  marking: TLP:AMBER",
        f"  summary: {summary}",
        "sources:",
        "  w: {name: Wire, reliability: B}",
    ]
    lines.append("evacuations:")
    for i in range(n):
        lines += [f"  - area: Area {i} " + "廣" * 70, f"    people: {people + i}", "    sources: [w]"]
    lines.append("events:")
    for i in range(n):
        lines += [f"  - what: Event {i} " + "x" * 230, "    date: 2024-08-08"]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_page(text: str) -> list[str]:
    lines = text.splitlines()
    assert len(lines) <= LINES, len(lines)
    for line in lines:
        assert cell_width(line) <= WIDTH, (cell_width(line), line)
    return lines


# The worked examples: the embedded default and every example under examples/.
EXAMPLES = [ROOT / "data", *sorted(ROOT.glob("examples/*.yaml"))]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_every_worked_example_fits_one_page(path: Path, fmt: str) -> None:
    result = load([path])
    assert result.ok and len(result.situations) == 1, [str(d) for d in result.errors]
    sit = result.situations[0]
    lines = check_page(render_short(sit, fmt=fmt, now=NOW))
    assert lines[0].strip("*") == sit.marking and lines[-1].strip("*") == sit.marking
    text = "\n".join(lines)
    positions = [text.find(word) for word in SECTIONS]
    assert all(p > 0 for p in positions) and positions == sorted(positions), positions


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_embedded_default_fits_one_page(fmt: str) -> None:
    sit = load([default_situation_path()]).situations[0]
    lines = check_page(render_short(sit, fmt=fmt, now=NOW))
    assert "TLP:CLEAR" in lines[0] and "TLP:CLEAR" in lines[-1]
    assert "Ukrainian incursion into Russia's Kursk region" in lines[1]
    text = "\n".join(lines)
    positions = [text.find(word) for word in SECTIONS]
    assert all(p > 0 for p in positions) and positions == sorted(positions), positions


@pytest.mark.parametrize("n", [1, 40, 400])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_big_situation_is_cut_never_longer(tmp_path: Path, n: int, fmt: str) -> None:
    old = load([big_situation(tmp_path / "old", n)]).situations[0]
    new = load([big_situation(tmp_path / "new", n, people=5000, title="Bigger")]).situations[0]
    lines = check_page(render_short(new, since=old, since_label="the baseline marked 09 Aug", fmt=fmt, now=NOW))
    assert "TLP:AMBER" in lines[0] and "TLP:AMBER" in lines[-1]
    text = "\n".join(lines)
    assert "Changes since the baseline marked 09 Aug" in text
    if n > 10:
        assert "and " in text and " more" in text  # the changes were cut, and it says how many
        more = [ln for ln in lines if ln.strip().lstrip("- ").startswith("and ") and ln.endswith(" more")]
        assert more, text
    for word in SECTIONS:  # every section keeps its line, however big the ones before it
        assert word in text, word


def test_span_words() -> None:
    assert [span(s) for s in (59, 40 * 60, 130 * 60, 3 * 86400 + 3600, 800 * 86400)] == [
        "0 m", "40 m", "2 h 10 m", "3 d 1 h", "2 y",
    ]  # fmt: skip


def test_cli_brief_short(tmp_path: Path) -> None:
    big = big_situation(tmp_path / "s", 300)
    proc = sitboard("brief", "--short", "--format", "text", big)
    assert proc.returncode == 0, proc.stderr
    lines = check_page(proc.stdout)
    assert lines[0] == "TLP:AMBER" and lines[-1] == "TLP:AMBER"
    assert "no baseline" in proc.stdout


def test_a_judgment_reads_its_likelihood_band(tmp_path: Path) -> None:
    """The band from the probability yardstick, as the detail view shows it (was the raw
    tuple: 'likely ((55, 75))')."""
    (tmp_path / "s.yaml").write_text(
        "situation: {id: s, title: S, as_of: 2024-08-09T12:00:00+03:00}\n"
        "judgments:\n  - text: The bridge will be retaken\n    likelihood: likely\n"
        "  - text: The dam holds\n    likelihood: almost_certain\n",
        encoding="utf-8",
    )
    (sit,) = load([tmp_path]).situations
    text = render_short(sit, fmt="text", now=NOW)
    assert "The bridge will be retaken — likely (55-75 %)" in text
    assert "The dam holds — almost certain (≥95 %)" in text


QUAKE = """\
situation:
  id: quake
  title: Earthquake in the valley
  as_of: 2024-08-09T12:00:00+03:00
  next_update: 2024-08-09T18:00:00+03:00
  marking: TLP:AMBER
  summary: A strong earthquake hit the valley. Thousands are displaced.
sources:
  ocha: {name: OCHA, reliability: B}
  media: {name: Local media, reliability: D}
figures:
  - id: deaths
    label: deaths
    value: {value: 2601}
    severity: critical
    series:
      - {at: 2024-08-07, value: 1000}
      - {at: 2024-08-08, value: 2100}
    sources: [ocha]
  - label: houses destroyed
    value: {value: 1300, qualifier: almost}
    breakdown: {Zindajan: 800, Injil: 400}
    sources: [{source: media, via: residents}]
judgments:
  - text: Access will improve
    likelihood: roughly_even
  - text: Aftershocks will continue for weeks
    likelihood: very_likely
    by: Analysis desk
    severity: high
watch:
  - what: Next assessment
    due: 2024-08-12
  - what: Road to Zindajan reopens
    due: 2024-08-09T10:00:00+03:00
    owner: Logistics
  - what: Closed one
    status: closed
needs:
  - sector: shelter
    people: {value: 114000, qualifier: at_least}
    status: partly_met
    funding: {required: {value: 10000000, unit: USD}, received: {value: 2500000, unit: USD}}
    severity: high
events:
  - what: Aftershock
    date: 2024-08-08
    counts: {killed: 17, missing: 83, injured: 32}
    severity: high
"""
NOON = dt.datetime(2024, 8, 9, 12, 0, tzinfo=dt.UTC)  # 15:00 at +03:00


def test_the_short_brief_reads_the_new_lists_in_order(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text(QUAKE, encoding="utf-8")
    result = load([tmp_path / "q.yaml"])
    assert result.ok, [str(d) for d in result.errors]
    lines = check_page(render_short(result.situations[0], fmt="text", now=NOON))
    text = "\n".join(lines)
    assert lines[2] == "As of 09 Aug 2024 12:00 UTC+03:00 (3 h ago) · next update in 3 h (09 Aug 18:00)"
    figures = lines[lines.index("Key figures") + 1 : lines.index("Key figures") + 3]
    # a critical figure is marked where it is listed (it is not repeated under Critical and high)
    assert figures == ["  ‼ ◐B deaths: 2,601 ↑ from 2,100 on 08 Aug", "  ◐D houses destroyed: almost 1,300"]
    judgments = lines[lines.index("Key judgments") + 1 : lines.index("Key judgments") + 3]
    assert judgments == [  # high first, each with its likelihood band
        "  ! ◐- Aftershocks will continue for weeks — very likely (80-90 %) (Analysis desk)",
        "  ◐- Access will improve — roughly even (40-50 %)",
    ]
    watch = lines[lines.index("Watch (2 open, 1 overdue)") + 1 :][:2]
    assert watch == [  # overdue first; a closed item is not watched
        "  ⚠ Road to Zindajan reopens — overdue by 5 h (due 09 Aug 10:00) — Logistics",
        "  · Next assessment — due in 3 d 12 h (12 Aug)",
    ]
    critical = lines[lines.index("Critical and high") + 1 :][:2]
    assert critical == ["  ! high · Needs › shelter — partly met", "  ! high · Events › Aftershock"]
    assert "Figures › deaths" not in text  # listed once, with the figures


def test_the_full_brief_puts_the_picture_first(tmp_path: Path) -> None:
    from tui.model.brief import render_brief

    (tmp_path / "q.yaml").write_text(QUAKE, encoding="utf-8")
    sit = load([tmp_path / "q.yaml"]).situations[0]
    text = render_brief(sit, fmt="text", now=NOON)
    order = [text.index(f"\n{title} (") for title in ("Figures", "Judgments", "Watch", "Needs", "Fronts", "Events")]
    assert order == sorted(order), order
    flat = " ".join(text.split())
    assert "Next update: in 3 h (09 Aug 18:00)" in flat
    assert "Series: 07 Aug 2024: 1,000 → 08 Aug 2024: 2,100" in flat
    assert "Counts: 17 killed · 83 missing · 32 injured" in flat
    assert "Funding: 2,500,000 USD received of 10,000,000 USD required (25 %)" in flat
    assert "Likelihood: very likely (80-90 %)" in flat
    assert flat.index("Road to Zindajan reopens") < flat.index("Next assessment")  # overdue first


def big_picture(folder: Path, n: int) -> Path:
    """`n` figures, judgments, watch items (all overdue), needs and events, all high."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "situation: {id: big, title: Big, as_of: 2024-08-09T12:00:00+03:00, marking: TLP:RED,",
        "  next_update: 2024-08-09T13:00:00+03:00, summary: " + "Long summary. " * 80 + "}",
        "figures:",
    ]
    for i in range(n):
        lines.append(f"  - {{label: figure {i} " + "廣" * 60 + f", value: {i + 1}, severity: high}}")
    lines.append("judgments:")
    lines += [f"  - {{text: judgment {i} " + "words " * 40 + ", likelihood: likely}" for i in range(n)]
    lines.append("watch:")
    lines += [f"  - {{what: watch {i}, due: 2024-08-0{1 + i % 8}}}" for i in range(n)]
    lines.append("needs:")
    lines += [f"  - {{sector: sector {i}, severity: critical}}" for i in range(n)]
    lines.append("events:")
    lines += [f"  - {{what: event {i}, severity: high}}" for i in range(n)]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_big_picture_is_cut_section_by_section(tmp_path: Path, fmt: str) -> None:
    result = load([big_picture(tmp_path, 300)])
    assert result.ok, [str(d) for d in result.errors[:3]]
    lines = check_page(render_short(result.situations[0], fmt=fmt, now=NOON))
    assert len(lines) <= LINES
    more = [ln for ln in lines if ln.lstrip("- ").startswith("and ") and ln.endswith(" more")]
    assert len(more) >= 4, "\n".join(lines)  # figures, judgments, watch, critical and high: each cut
    text = "\n".join(lines)
    for word in ("Key figures", "Key judgments", "Watch (300 open, 300 overdue)", "Critical and high"):
        assert word in text, word


def test_the_default_says_no_next_update_and_marks_severity_where_listed() -> None:
    from tui.runtime.paths import default_situation_path

    sit = load([default_situation_path()]).situations[0]
    lines = check_page(render_short(sit, fmt="text", now=NOON))
    assert lines[2].endswith(" · next update not given")  # the report gives none: said, not left out
    watch = lines[lines.index("Watch (3 open)") + 1 :][:3]
    high = [w for w in watch if w.startswith("  · ! ")]
    assert [w for w in watch if "nuclear power plant" in w] == high  # the plant: high, marked
    figures = lines[lines.index("Key figures") + 1 :][:4]
    assert any(f.startswith("  ! ") and "evacuated" in f for f in figures)
