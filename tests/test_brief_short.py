"""`sitboard brief --short`: one page, at most 60 lines of at most 100 cells, whatever the size
of the situation; sections in order of importance, each cut with an "and N more" line."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("SITBOARD_STATE_DIR", None)
    big = big_situation(tmp_path / "s", 300)
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "brief", "--short", "--format", "text", str(big)],
        capture_output=True, text=True, timeout=60, env=env, encoding="utf-8",
    )  # fmt: skip
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
