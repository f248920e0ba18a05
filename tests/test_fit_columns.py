"""Column widths from content (tui/ui/widgets/fit.py): nothing cut while there is room;
when there is not, the label first (up to 24 cells), then status and figures, the main
text column taking the rest."""

from __future__ import annotations

from dataclasses import dataclass

from tui.ui.widgets.fit import LABEL_WHOLE, MEASURED_ITEMS, fit_columns, natural_widths


@dataclass(frozen=True)
class C:
    key: str
    width: int = 0
    min: int = 6
    max: int = 0


ACTOR, DATE, TEXT, ROLE = C("actor", min=8, max=26), C("date", width=8), C("text", min=10), C("role", max=24)
STATEMENTS = [ACTOR, DATE, TEXT, ROLE]


def widths(result):
    return {c.key: w for c, w in result}


def test_everything_whole_when_it_fits_the_main_column_takes_the_rest():
    natural = {"actor": 21, "date": 8, "text": 40, "role": 20}
    out = widths(fit_columns(STATEMENTS, 120, natural, main="text"))
    assert out == {"actor": 21, "date": 8, "text": 40 + (120 - 89), "role": 20}


def test_a_narrow_pane_keeps_the_label_whole_up_to_24_cells():
    natural = {"actor": len(" Alexander Lukashenko") + 1, "date": 8, "text": 200, "role": 30}
    out = widths(fit_columns(STATEMENTS, 36, natural, main="text"))
    assert out["actor"] == natural["actor"]  # whole
    assert out["text"] >= TEXT.min
    assert sum(out.values()) == 36


def test_a_long_label_is_cut_only_where_the_main_text_would_lose_its_minimum():
    natural = {"actor": 40, "date": 8, "text": 200}
    short = widths(fit_columns(STATEMENTS[:3], 43, natural, main="text"))
    assert short == {"actor": LABEL_WHOLE, "date": 8, "text": 10}  # 24 cells of label, the date, the text's minimum
    out = widths(fit_columns(STATEMENTS[:3], 60, natural, main="text"))
    assert out == {"actor": LABEL_WHOLE, "date": 8, "text": 27}  # the quote would not keep half the pane
    nearly = widths(fit_columns(STATEMENTS[:3], 60, {**natural, "actor": 28}, main="text"))
    assert nearly == {"actor": 28, "date": 8, "text": 24}  # 3 cells short of whole: whole
    roomy = widths(fit_columns(STATEMENTS[:3], 120, natural, main="text"))
    assert roomy["actor"] == 40  # the quote keeps half the pane: the label whole


def test_status_and_figures_before_the_other_columns_and_the_main_text_last():
    name, status, units, kind = C("name", min=8, max=34), C("status", width=12), C("units", min=8), C("kind", max=16)
    natural = {"name": 27, "status": 11, "units": 34, "kind": 20}
    out = widths(fit_columns([name, status, units, kind], 80, natural, main="units"))
    assert out["name"] == 27 and out["status"] == 11
    assert out["kind"] == 16  # its cap: the main text column gets the rest
    assert out["units"] == 80 - 27 - 11 - 16


def test_a_column_without_its_minimum_is_left_out_and_the_first_always_stays():
    natural = {"actor": 30, "date": 8, "text": 100, "role": 30}
    out = fit_columns(STATEMENTS, 20, natural, main="text")
    keys = [c.key for c, _ in out]
    assert keys[0] == "actor" and "role" not in keys and "date" not in keys
    assert sum(w for _, w in out) == 20


def test_the_main_column_is_the_label_for_a_list_without_other_text():
    name, status, depth = C("name", min=8), C("status", width=12), C("depth", width=12)
    out = widths(fit_columns([name, status, depth], 60, {"name": 30, "status": 10, "depth": 12}))
    assert out == {"name": 30, "status": 10, "depth": 20}  # the spare at the end, not between name and status


def test_natural_widths_measure_values_as_shown_and_headings_and_a_bounded_sample():
    cols = [C("a"), C("b")]
    items = [{"a": "x" * 5, "b": "é\x1b[31m"}] + [{"a": "y", "b": ""}] * (MEASURED_ITEMS + 10)
    items.append({"a": "z" * 100, "b": ""})  # past the sample: not measured
    out = natural_widths(cols, items, lambda c, i: i[c.key], headings={"a": "Area", "b": "B"})
    assert out["a"] == 6  # widest value 5 + the gap
    assert out["b"] >= len("é") + 1 + 1  # the escape made visible is wider than its bytes


def test_a_label_cut_all_the_same_gives_cells_to_a_figure_that_would_go():
    sector, people, funded = C("sector", min=8, max=28), C("people", width=15), C("funded", width=7)
    long = {"sector": 40, "people": 8, "funded": 7}  # 'multi-sector (earthquake response)'
    assert widths(fit_columns([sector, people, funded], 32, long)) == {"sector": 17, "people": 8, "funded": 7}
    short = {**long, "sector": 21}  # a label that is whole keeps its cells
    assert widths(fit_columns([sector, people, funded], 28, short)) == {"sector": 21, "funded": 7}
