"""tui.model.export: CSV with an HXL hashtag row, safe for spreadsheets."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tui.model.export import PANE_COLUMNS, export_all, export_csv, safe_cell
from tui.model.load import load
from tui.model.types import LISTS


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _by_tag(rows: list[list[str]]) -> list[dict[str, str]]:
    tags = rows[1]
    return [dict(zip(tags, r)) for r in rows[2:]]


def test_evacuations_of_the_default_with_hxl_row(default) -> None:
    text = export_csv(default, "evacuations")
    assert text.endswith("\r\n")
    rows = _rows(text)
    assert rows[0][:4] == ["Marking", "ID", "Area", "People"]
    assert all(tag.startswith("#") for tag in rows[1])
    (row,) = _by_tag(rows)
    assert row["#adm1+name"] == "Kursk region border areas"
    assert row["#affected+idps"] == "76000"  # a number, for HXL tools
    assert row["#x_people+qualifier"] == "over"
    assert row["#x_people+text"] == "over 76,000"  # as people read it
    assert row["#status"] == "ongoing"
    assert row["#date+start"] == "2024-08-06" and row["#meta+approx"] == "approx"
    assert row["#date+reported"] == "2024-08-09T12:00:00+03:00"
    assert row["#x_confidence"] == "reported"
    assert "Reuters" in row["#meta+source"] and "TASS" in row["#meta+source"]
    assert row["#x_reliability+best"] == "B"
    assert row["#meta+id"] == "kursk-border-evacuation"


@pytest.mark.parametrize("pane", LISTS)
def test_every_pane_has_header_hxl_and_one_row_per_item(default, pane: str) -> None:
    rows = _rows(export_csv(default, pane))
    assert len(rows) == 2 + len(default.pane(pane))
    assert len(rows[0]) == len(rows[1]) and all(len(r) == len(rows[0]) for r in rows)
    assert "#meta+source" in rows[1] and "#x_confidence" in rows[1] and "#date+reported" in rows[1]
    assert rows[0][0] == "Marking" and rows[1][0] == "#meta+marking"
    assert all(r[0] == "TLP:CLEAR" for r in rows[2:])  # the marking on every row
    for tag in rows[1]:
        assert tag.startswith("#") and " " not in tag


def test_events_and_fronts_figures(default) -> None:
    convoy = next(r for r in _by_tag(_rows(export_csv(default, "events"))) if r["#meta+id"] == "burnt-out-convoy")
    assert convoy["#x_count+text"] == "about 15 vehicles" and convoy["#x_count+num"] == "15"
    assert convoy["#x_count+unit"] == "vehicles"
    front = _by_tag(_rows(export_csv(default, "fronts")))[0]
    assert front["#x_depth+text"] == "up to 20 km" and front["#x_depth+km+num"] == "20"
    assert front["#adm1+name"] == "Kursk region"


def test_unknown_pane(default) -> None:
    with pytest.raises(ValueError, match="unknown pane"):
        export_csv(default, "weather")


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'␍x"),
        ("\n=1+1", "'\n=1+1"),
        (" =1+1", "' =1+1"),
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("\u3000@x", "'\u3000@x"),
        ("\u200b=1+1", "'⟨U+200B⟩=1+1"),
        ("\ufeff\u200d-1", "'⟨U+FEFF⟩⟨U+200D⟩-1"),
        ("\u2028+1", "'⟨U+2028⟩+1"),
        ("＝1+1", "'＝1+1"),
        (" plain", " plain"),
        ("\u200bplain", "⟨U+200B⟩plain"),
        ("plain = fine", "plain = fine"),
        ("esc \x1b[31m", "esc ␛[31m"),
        (76000, "76000"),
        (20.0, "20"),
        (2.5, "2.5"),
        (None, ""),
    ],
)
def test_safe_cell(value, cell: str) -> None:
    assert safe_cell(value) == cell


SPLIT_HEAD = """\
situation:
  id: split
  title: Split
  as_of: 2024-08-09
sources:
  w: {name: "=cmd|' /C calc'!A0", reliability: C}
"""

SPLIT_PART = """\
situation: {id: split}
evacuations:
  - area: "@Town"
    people: {min: 1000, max: 2000}
    sources: [w]
    note: "line one\\nline two, with a comma"
    x-desk: {lead: anna}
    x-ops code: "-5"
"""


def test_split_situation_injection_ranges_extensions(tmp_path: Path) -> None:
    d = tmp_path / "s"
    d.mkdir()
    (d / "a.yaml").write_text(SPLIT_HEAD, encoding="utf-8")
    (d / "b.yaml").write_text(SPLIT_PART, encoding="utf-8")
    result = load([d])
    assert result.ok, [str(x) for x in result.diagnostics]
    sit = result.situations[0]
    rows = _rows(export_csv(sit, "evacuations"))
    assert rows[0][-2:] == ["x-desk", "x-ops code"]
    assert rows[1][-2:] == ["#x_ext_desk", "#x_ext_ops_code"]
    (row,) = _by_tag(rows)
    assert row["#adm1+name"] == "'@Town"
    assert row["#meta+source"] == "'=cmd|' /C calc'!A0"
    assert row["#affected+idps"] == "" and row["#x_people+min"] == "1000" and row["#x_people+max"] == "2000"
    assert row["#x_people+text"] == "1,000–2,000"
    assert row["#description+note"] == "line one\nline two, with a comma"  # quoted, intact
    assert row["#x_ext_desk"] == '{"lead": "anna"}' and row["#x_ext_ops_code"] == "'-5"
    for r in rows:
        for c in r:
            assert not c.lstrip().startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


def test_export_all_writes_one_file_per_pane(tmp_path: Path, default) -> None:
    paths = export_all(default, tmp_path / "out")
    assert [p.name for p in paths] == [f"kursk-2024-08-{pane}.csv" for pane in LISTS]
    for pane, p in zip(LISTS, paths):
        assert p.read_bytes().decode("utf-8") == export_csv(default, pane)
    assert sorted(x.name for x in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no temp files


def test_every_pane_has_columns() -> None:
    assert set(PANE_COLUMNS) == set(LISTS)  # the December 2026 lists too
