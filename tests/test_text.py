"""tui.model.text: visible(), truncate(), the format_* helpers and search folding."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.model.text import (
    cell_width,
    fold,
    format_age,
    format_number,
    format_quantity,
    format_units,
    format_when,
    truncate,
    visible,
)
from tui.model.types import Quantity, When

UTC = dt.UTC

# ---------------------------------------------------------------- visible()


def test_plain_text_is_unchanged_and_markup_stays_literal() -> None:
    for s in ["", "Sudzha", "Курская АЭС", "[@click=app.quit]quit[/]", "a\nb\tc", "日本語 ✓"]:
        assert visible(s) == s


def test_escape_sequences_become_control_pictures() -> None:
    assert visible("\x1b[2J\x1b]52;c;AAAA\x07") == "␛[2J␛]52;c;AAAA␇"
    assert visible("a\x00b") == "a␀b"
    assert visible("\r") == "␍"
    assert visible("\x7f") == "␡"


@pytest.mark.parametrize("cp", list(range(0x80, 0xA0)))
def test_c1_controls_are_shown_as_code_points(cp: int) -> None:
    assert visible(f"a{chr(cp)}b") == f"a⟨U+{cp:04X}⟩b"


@pytest.mark.parametrize(
    "cp",
    [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
     0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x2028, 0x2029, 0xE0041],
)  # fmt: skip
def test_bidi_zero_width_and_format_characters_are_shown(cp: int) -> None:
    assert visible(f"x{chr(cp)}y") == f"x⟨U+{cp:04X}⟩y"


def test_lone_surrogate_is_shown_not_crashing_the_encoder() -> None:
    out = visible("a\ud800b")
    assert out == "a⟨U+D800⟩b"
    out.encode("utf-8")


def test_single_line_turns_newlines_and_tabs_into_symbols_or_spaces() -> None:
    assert visible("a\nb\tc\rd", single_line=True) == "a⏎b→c␍d"
    assert visible("a\nb\tc\rd", single_line=True, spaces=True) == "a b c d"
    assert visible("a\x1bb", single_line=True, spaces=True) == "a␛b"


def test_every_format_character_of_this_python_is_covered() -> None:
    """The table is static (fast imports): this fails when Unicode adds format characters."""
    missed = []
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Zl", "Zp") and ch not in "\n\t" and visible(ch) == ch:
            missed.append(hex(cp))
    assert missed == []


@given(st.text())
def test_visible_output_has_no_control_or_format_characters(s: str) -> None:
    out = visible(s)
    for ch in out:
        assert unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch in "\n\t"
    one = visible(s, single_line=True)
    assert "\n" not in one and "\t" not in one and "\r" not in one
    # never strips: every odd character leaves at least one visible mark
    assert len(out) >= len(s)


# ---------------------------------------------------------------- truncate()


def test_cell_width_counts_wide_and_combining() -> None:
    assert cell_width("abc") == 3
    assert cell_width("日本") == 4
    assert cell_width("e\u0301") == 1
    assert cell_width("Курск") == 5


def test_truncate() -> None:
    assert truncate("hello", 5) == "hello"
    assert truncate("hello world", 5) == "hell…"
    assert truncate("hello", 1) == "…"
    assert truncate("hello", 0) == ""
    assert truncate("日本語のテキスト", 7) == "日本語…"  # 6 cells + ellipsis
    assert truncate("日本語のテキスト", 6) == "日本…"  # a wide char never straddles the edge
    assert truncate("e\u0301e\u0301e\u0301", 3) == "e\u0301e\u0301e\u0301"


@given(st.text(), st.integers(min_value=0, max_value=40))
def test_truncate_never_exceeds_width(s: str, width: int) -> None:
    out = truncate(s, width)
    assert cell_width(out) <= width
    if cell_width(s) <= width:
        assert out == s
    elif width > 0:
        assert out.endswith("…")
    else:
        assert out == ""


# ---------------------------------------------------------------- numbers and quantities


@pytest.mark.parametrize(
    "n, text",
    [(76000, "76,000"), (0, "0"), (-1500, "-1,500"), (2.5, "2.5"), (12.0, "12"), (1234567.891, "1,234,567.89"),
     (0.001, "0.001")],
)  # fmt: skip
def test_format_number(n: float, text: str) -> None:
    assert format_number(n) == text


@pytest.mark.parametrize(
    "q, text",
    [
        (Quantity(value=76000, qualifier="over"), "over 76,000"),
        (Quantity(value=20, qualifier="up_to", unit="km"), "up to 20 km"),
        (Quantity(value=17000, qualifier="about"), "about 17,000"),
        (Quantity(min=1000, max=2000), "1,000–2,000"),
        (Quantity(value=5, qualifier="at_least"), "at least 5"),
        (Quantity(value=100, qualifier="under"), "under 100"),
        (Quantity(value=121000), "121,000"),
        (Quantity(min=10), "at least 10"),
        (Quantity(max=30, unit="km"), "up to 30 km"),
        (Quantity(), ""),
        (None, ""),
    ],
)
def test_format_quantity(q: Quantity | None, text: str) -> None:
    assert format_quantity(q) == text


def test_format_quantity_unit_default_and_own_unit() -> None:
    assert format_quantity(Quantity(value=30), unit_default="km") == "30 km"
    assert format_quantity(Quantity(value=30, unit="mi"), unit_default="km") == "30 mi"
    assert format_quantity(Quantity(min=10, max=20), "km") == "10–20 km"


# ---------------------------------------------------------------- times


def test_format_when() -> None:
    assert format_when(When(dt.date(2024, 8, 7)), with_year=True) == "07 Aug 2024"
    assert format_when(When(dt.date(2024, 8, 7))) == "07 Aug"
    assert format_when(When(dt.date(2024, 8, 7), approx=True)) == "~07 Aug"
    noon = dt.datetime(2024, 8, 9, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert format_when(When(noon)) == "09 Aug 12:00"
    assert format_when(When(noon), with_year=True) == "09 Aug 2024 12:00"
    assert format_when(When(noon), tz=UTC) == "09 Aug 09:00"
    assert format_when(None) == ""


def test_format_age() -> None:
    now = dt.datetime(2024, 8, 9, 15, 0, tzinfo=UTC)
    assert format_age(When(dt.datetime(2024, 8, 9, 12, 0, tzinfo=UTC)), now) == "3 h ago"
    assert format_age(When(dt.date(2024, 8, 7)), now) == "2 d ago"
    assert format_age(When(dt.datetime(2024, 8, 9, 15, 5, tzinfo=UTC)), now) == "in 5 min"
    assert format_age(When(dt.datetime(2024, 8, 9, 14, 59, 30, tzinfo=UTC)), now) == "just now"
    assert format_age(When(dt.datetime(2024, 8, 9, 14, 48, tzinfo=UTC)), now) == "12 min ago"
    moscow = dt.timezone(dt.timedelta(hours=3))
    assert format_age(When(dt.datetime(2024, 8, 9, 17, 0, tzinfo=moscow)), now) == "1 h ago"


def test_format_units_keeps_the_authors_words() -> None:
    units = (("operational", 2), ("shut_down", 2), ("under_construction", 2))
    assert format_units(units) == "2 operational · 2 shut down · 2 under construction"
    assert format_units({"operating": 1}) == "1 operating"
    assert format_units(()) == ""


# ---------------------------------------------------------------- search


def test_fold() -> None:
    assert fold("Sudža") == "sudza"
    assert fold("КУРСКАЯ") == fold("курская")
    assert fold("Straße") == "strasse"
    assert fold("ÉCOLE") == "ecole"
