"""tui.model.copytext: what `y` (one line) and `Y` (the whole item) copy.

The lines of every item of the embedded default are pinned word for word: a change to
how a list reads shows here first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from tui.model.copytext import LINE_MAX, WHOLE_MAX, best_source, item_line, item_whole, marking_text
from tui.model.load import load
from tui.model.plain import item_as_text
from tui.model.types import (
    BrokenItem,
    Diagnostic,
    Evacuation,
    Event,
    Figure,
    Front,
    Funding,
    Infrastructure,
    Judgment,
    Need,
    Quantity,
    Situation,
    Source,
    SourceRef,
    Statement,
    Watch,
    When,
)

AS_OF = When(dt.datetime(2024, 8, 9, 12, 0, tzinfo=dt.UTC))
UPDATED = When(dt.datetime(2024, 8, 9, 10, 30, tzinfo=dt.UTC))

SOURCES = {
    "reuters": Source(id="reuters", name="Reuters", type="wire", reliability="B"),
    "tass": Source(id="tass", name="TASS", reliability="D"),
    "blog": Source(id="blog", name="A blog"),
    "iaea": Source(id="iaea", name="IAEA", reliability="B"),
}


def situation(*items, marking: str | None = "TLP:AMBER") -> Situation:
    panes: dict[str, list] = {}
    for it in items:
        panes.setdefault(it.pane, []).append(it)
    return Situation(
        id="demo",
        title="Demo",
        as_of=AS_OF,
        marking=marking,
        sources=MappingProxyType(SOURCES),
        **{k: tuple(v) for k, v in panes.items()},
    )


def line(item, **kw) -> str:
    return item_line(situation(item, **kw), item).text


# -- the embedded default, every item ---------------------------------------------------------

DEFAULT_LINES = {
    "kursk-incursion": "[TLP:CLEAR] Kursk region incursion: contested, up to 20 km deep, thousands of Ukrainian "
    "soldiers (Reuters, B) as of 09 Aug 12:00",
    "belarus-border-buildup": "[TLP:CLEAR] Belarus-Ukraine border (Gomel and Mazyr): buildup, troops massing "
    "(numbers not reported) (Seed report (compiled from Reuters and TASS), F) as of 09 Aug 12:00",
    "kursk-border-evacuation": "[TLP:CLEAR] over 76,000 evacuated from Kursk region border areas (Reuters, B) "
    "as of 09 Aug 12:00",
    "putin-provocation": "[TLP:CLEAR] Vladimir Putin (President of Russia): Called the Ukrainian offensive a major "
    "provocation. (Kremlin (Office of the President of Russia), D) as of 09 Aug 12:00",
    "gerasimov-halted": "[TLP:CLEAR] Valery Gerasimov (Chief of the Russian General Staff): Announced that the "
    "Ukrainian invasion had been halted. (claimed; Russian Ministry of Defence / General Staff, D) on ~07 Aug",
    "lukashenko-provocations": "[TLP:CLEAR] Alexander Lukashenko (President of Belarus): “I don't understand why "
    "Ukraine needs this. We have to figure it out. As I said before, we made it clear to them that any "
    "provocations will not go unanswered.” (Government of Belarus (President Lukashenko), D) as of 09 Aug 12:00",
    "iaea-restraint": "[TLP:CLEAR] Head of the IAEA (Director General, UN International Atomic Energy Agency): "
    'Noted the "significant military activity" in the area and called for restraint. '
    "(International Atomic Energy Agency (IAEA), B) as of 09 Aug 12:00",
    "kursk-npp": "[TLP:CLEAR] Kursk Nuclear Power Plant (Kurchatov, Kursk region): threatened, 2 operational · "
    "2 shut down · 2 under construction (Seed report (compiled from Reuters and TASS), F) as of 09 Aug 12:00",
    "incursion-begins": "[TLP:CLEAR] Ukrainian forces launch a cross-border offensive into the Kursk region — "
    "Kursk region, Russia (Reuters, B) on ~06 Aug",
    "burnt-out-convoy": "[TLP:CLEAR] Convoy of burnt-out Russian military trucks on a highway, one marked with the "
    "Z symbol: about 15 vehicles — A highway in the Kursk region (Reuters, B) as of 09 Aug 12:00",
}


@pytest.mark.parametrize("item_id", sorted(DEFAULT_LINES))
def test_default_lines(default: Situation, item_id: str) -> None:
    item = default.item(item_id)
    assert item is not None
    copy = item_line(default, item)
    assert copy.text == DEFAULT_LINES[item_id]
    assert not copy.was_cut and copy.lines == 1


def test_every_default_item_has_one_marked_line(default: Situation) -> None:
    for item in default.all_items():
        text = item_line(default, item).text
        assert text.startswith("[TLP:CLEAR] ") and "\n" not in text
        assert text.isprintable(), text
        assert ") as of " in text or ") on " in text or ") due " in text


def test_whole_item_is_the_plain_text_between_markings(default: Situation) -> None:
    item = default.item("kursk-border-evacuation")
    assert item is not None
    copy = item_whole(default, item)
    assert copy.text == f"TLP:CLEAR\n{item_as_text(default, item)}\nTLP:CLEAR"
    assert copy.what == "Evacuations › Kursk region border areas"
    assert not copy.was_cut and copy.lines == copy.text.count("\n") + 1


# -- the worked example (examples/herat-2023-10.yaml): the December 2026 lists -----------------

OCHA = "OCHA Afghanistan, Herat Earthquake Response Situation Report No. 1 (27 Oct 2023)"
HERAT_LINES = {
    "people-in-need": "[TLP:CLEAR] people in urgent need of humanitarian assistance: at least 114,000 — Herat "
    f"Province ({OCHA}, B) as of 27 Oct",
    "people-directly-affected": "[TLP:CLEAR] people directly affected: almost 43,400 — six districts of Herat "
    f"Province (not named in the seed) ({OCHA} via reports not named in the report, B) as of 27 Oct",
    "funding-required": "[TLP:CLEAR] funding required, six-month response plan: 93,600,000 USD (24,300,000 USD "
    f"pledged or received · 69,300,000 USD gap) ({OCHA}, B) as of 24 Oct",
    "first-two-earthquakes": "[TLP:CLEAR] Two magnitude 6.3 earthquakes strike Herat Province, on 7 and on 11 "
    f"October: 1,480 dead · 1,950 wounded — Herat Province ({OCHA}, B) on 07-11 Oct",
    "shelter": f"[TLP:CLEAR] shelter: Transitional shelter and winterization, 43,000 people reached ({OCHA}, B) "
    "as of 27 Oct",
    "funding-gap": "[TLP:CLEAR] Watch: Funding of the six-month response plan (gap of US$69.3 million, 74 per "
    f"cent) ({OCHA}, B) due Apr 2024",
    "at-least-114000-in-need": "[TLP:CLEAR] Judgment (OCHA Afghanistan): At least 114,000 people are in urgent "
    f"need of humanitarian assistance. ({OCHA}, B) as of 27 Oct",
}


@pytest.fixture(scope="module")
def herat() -> Situation:
    result = load([str(Path(__file__).resolve().parent.parent / "examples" / "herat-2023-10.yaml")])
    assert result.ok, result.errors
    return result.situations[0]


@pytest.mark.parametrize("item_id", sorted(HERAT_LINES))
def test_herat_lines(herat: Situation, item_id: str) -> None:
    item = herat.item(item_id) or next(it for it in herat.all_items() if it.id == item_id)
    assert item_line(herat, item).text == HERAT_LINES[item_id]


def test_every_list_of_the_example_reads(herat: Situation) -> None:
    panes = {it.pane for it in herat.all_items()}
    assert {"figures", "events", "needs", "watch", "judgments"} <= panes
    for item in herat.all_items():
        copy = item_line(herat, item)
        assert copy.text.startswith("[TLP:CLEAR] ") and copy.text.isprintable() and not copy.was_cut


# -- each list ---------------------------------------------------------------------------------


def test_front_line() -> None:
    front = Front(id="f", name="North axis", status="advancing", depth_km=Quantity(value=10, min=None), updated=UPDATED)
    assert line(front) == "[TLP:AMBER] North axis: advancing, 10 km deep (no source) as of 09 Aug 10:30"
    bare = Front(id="f", name="North axis")
    assert line(bare) == "[TLP:AMBER] North axis (no source) as of 09 Aug 12:00"  # the picture's as-of


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, "over 500 evacuated from Sudzha to Kursk"),
        ("ongoing", "over 500 evacuated from Sudzha to Kursk"),
        ("completed", "over 500 evacuated from Sudzha to Kursk"),
        ("planned", "evacuation of over 500 from Sudzha to Kursk: planned"),  # not yet evacuated
        ("suspended", "evacuation of over 500 from Sudzha to Kursk: suspended"),
    ],
)
def test_evacuation_line_reads_its_status(status: str | None, expected: str) -> None:
    evac = Evacuation(
        id="e", area="Sudzha", destination="Kursk", people=Quantity(value=500, qualifier="over"), status=status
    )
    assert line(evac, marking=None) == f"{expected} (no source) as of 09 Aug 12:00"
    no_people = Evacuation(id="e", area="Sudzha", status="ordered")
    assert line(no_people, marking=None).startswith("evacuation from Sudzha: ordered (")


def test_statement_line_quote_summary_and_date() -> None:
    said = When(dt.date(2024, 8, 7), approx=True)
    quoted = Statement(
        id="s", actor="Lukashenko", role="President", quote="no answer", summary="On drones.", date=said,
        sources=(SourceRef("tass"),),
    )  # fmt: skip
    assert line(quoted) == "[TLP:AMBER] Lukashenko (President): “no answer” (TASS, D) on ~07 Aug"
    # a quote that is a fragment of the summary: the summary says it whole
    fragment = dataclasses.replace(quoted, quote="drones", summary="On drones over Belarus.")
    assert line(fragment) == "[TLP:AMBER] Lukashenko (President): On drones over Belarus. (TASS, D) on ~07 Aug"
    summary_only = Statement(id="s", actor="Moscow", summary="Concern.", confidence="claimed")
    assert line(summary_only) == "[TLP:AMBER] Moscow: Concern. (claimed; no source) as of 09 Aug 12:00"


def test_infrastructure_line() -> None:
    npp = Infrastructure(
        id="n", name="NPP", location="Kurchatov", status="threatened", units=(("operational", 2), ("shut_down", 1)),
        sources=(SourceRef("iaea"),),
    )  # fmt: skip
    assert (
        line(npp) == "[TLP:AMBER] NPP (Kurchatov): threatened, 2 operational · 1 shut down (IAEA, B) as of 09 Aug 12:00"
    )


def test_event_line() -> None:
    ev = Event(
        id="v", what="Convoy hit", where="Rylsk road", count=Quantity(value=15, qualifier="about", unit="vehicles"),
        date=When(dt.datetime(2024, 8, 8, 6, 0, tzinfo=dt.UTC)), confidence="disputed",
    )  # fmt: skip
    assert line(ev) == "[TLP:AMBER] Convoy hit: about 15 vehicles — Rylsk road (disputed; no source) on 08 Aug 06:00"


def test_figure_line() -> None:
    fig = Figure(
        id="r", label="Kursk NPP reactors", value=Quantity(value=6, unit="reactors"), where="Kurchatov",
        date=When(dt.datetime(2024, 8, 9, 12, 0, tzinfo=dt.UTC)),
        breakdown=(("operational", Quantity(value=2)), ("shut down", Quantity(value=4))),
        sources=(SourceRef("iaea"),),
    )  # fmt: skip
    assert line(fig) == (
        "[TLP:AMBER] Kursk NPP reactors: 6 reactors (2 operational · 4 shut down) — Kurchatov (IAEA, B) "
        "as of 09 Aug 12:00"
    )
    evacuated = Figure(id="e", label="people evacuated", value=Quantity(value=76000, qualifier="over"))
    assert line(evacuated, marking=None) == "people evacuated: over 76,000 (no source) as of 09 Aug 12:00"


def test_judgment_line() -> None:
    j = Judgment(id="j", text="Russia will retake the area.", likelihood="likely", by="Analysis cell")
    assert line(j) == (
        "[TLP:AMBER] Judgment (Analysis cell): likely (55-75 %), Russia will retake the area. (no source) "
        "as of 09 Aug 12:00"
    )
    assert line(Judgment(id="j", text="Largest attack since 2022.")).startswith(
        "[TLP:AMBER] Judgment: Largest attack since 2022. ("
    )


def test_watch_line() -> None:
    due = When(dt.datetime(2024, 8, 12, 9, 0, tzinfo=dt.UTC))
    open_item = Watch(id="w", what="Fighting near the NPP", due=due, sources=(SourceRef("iaea"),))
    assert line(open_item) == "[TLP:AMBER] Watch: Fighting near the NPP (IAEA, B) due 12 Aug 09:00"
    triggered = dataclasses.replace(open_item, status="triggered", due=None, updated=UPDATED)
    assert line(triggered) == "[TLP:AMBER] Watch: Fighting near the NPP, triggered (IAEA, B) as of 09 Aug 10:30"


def test_need_line() -> None:
    need = Need(
        id="n", sector="Shelter", need="Tents for the winter.", people=Quantity(value=43400, unit="people"),
        status="partly_met", gap="no winterised tents",
        funding=Funding(required=Quantity(value=1000, unit="USD"), received=Quantity(value=250, unit="USD")),
    )  # fmt: skip
    assert line(need, marking=None) == (
        "Shelter: Tents for the winter, 43,400 people in need, partly met, 250 USD received of 1,000 USD "
        "required (25 %), gap: no winterised tents (no source) as of 09 Aug 12:00"
    )


def test_counts_are_the_figures_of_any_item() -> None:
    quake = Event(
        id="q", what="Earthquake", where="Zindajan", confidence="verified",
        counts=(("killed", Quantity(value=17)), ("missing", Quantity(value=83))),
    )  # fmt: skip
    assert line(quake, marking=None) == "Earthquake: 17 killed · 83 missing — Zindajan (no source) as of 09 Aug 12:00"
    evac = Evacuation(id="e", area="Sudzha", people=Quantity(value=5), counts=(("injured", Quantity(value=2)),))
    assert line(evac, marking=None).startswith("5 evacuated from Sudzha, 2 injured (")


# -- sources, marking, hostile text ---------------------------------------------------------


def test_best_source_is_the_best_graded_first_among_equals() -> None:
    def best(*refs: SourceRef):
        ev = Event(id="v", what="x", sources=refs)
        return best_source(situation(ev), ev)

    assert best(SourceRef("tass"), SourceRef("reuters"), SourceRef("iaea")) == ("Reuters", "B")
    assert best(SourceRef("blog"), SourceRef("tass")) == ("TASS", "D")
    assert best(SourceRef("blog")) == ("A blog", None)
    assert best(SourceRef("gone")) == ("gone", None)  # an undeclared id: named as written
    assert best(SourceRef("reuters", via="Kursk regional Emergencies Ministry")) == (
        "Reuters via Kursk regional Emergencies Ministry",
        "B",
    )
    assert best() is None
    ev = Event(id="v", what="x", sources=(SourceRef("blog"),))
    assert line(ev).endswith("(A blog, ungraded) as of 09 Aug 12:00")


def test_marking_is_visible_and_bounded() -> None:
    ev = Event(id="v", what="x")
    assert line(ev, marking="TLP:RED\x1b[2J").startswith("[TLP:RED␛[2J] x (")
    assert marking_text(situation(ev, marking="X" * 10_000)).endswith("…")
    assert len(marking_text(situation(ev, marking="X" * 10_000))) == 200
    assert line(ev, marking=None) == "x (no source) as of 09 Aug 12:00"


def test_control_characters_never_leave() -> None:
    ev = Event(
        id="v", what="a\x1b]52;c;AAAA\x07b\nnext line\u202e", where="in\x9b31m red", sources=(SourceRef("reuters"),)
    )
    for copy in (item_line(situation(ev), ev), item_whole(situation(ev), ev)):
        assert "\x1b" not in copy.text and "\x07" not in copy.text and "\x9b" not in copy.text
        assert "\u202e" not in copy.text
    one = item_line(situation(ev), ev).text
    assert "\n" not in one and "a␛]52;c;AAAA␇b next line" in one


def test_a_long_line_is_cut_in_its_words_keeping_source_and_time() -> None:
    quote = "word " * 2_000
    st = Statement(id="s", actor="Speaker", quote=quote, sources=(SourceRef("reuters"),), updated=UPDATED)
    copy = item_line(situation(st), st)
    assert len(copy.text) == LINE_MAX == copy.kept
    assert copy.was_cut and copy.total > 10_000
    assert copy.text.endswith("… (Reuters, B) as of 09 Aug 10:30")
    assert copy.text.startswith("[TLP:AMBER] Speaker: “word word")


def test_a_long_item_is_cut_at_a_line_and_says_so() -> None:
    note = "\n".join(f"line {n} " + "x" * 90 for n in range(100_000))  # ~10 MB
    ev = Event(id="v", what="Big", note=note)
    copy = item_whole(situation(ev), ev)
    assert copy.was_cut and copy.kept == len(copy.text) <= WHOLE_MAX
    assert copy.total > 9_000_000
    lines = copy.text.split("\n")
    assert lines[0] == "TLP:AMBER" and lines[-1] == "TLP:AMBER"
    assert lines[-2] == f"[cut here: the whole item has {copy.total:,} characters]"
    assert lines[-3].startswith("  line ") and len(lines[-3]) == len(lines[-4])  # whole lines only


def test_a_broken_item_says_it_has_errors() -> None:
    problem = Diagnostic("f.yaml", 3, 5, "events[0].date", "'tomorrow' is not a date")
    broken = BrokenItem(pane="events", id="events-0", id_derived=True, label="Convoy", problems=(problem,))
    text = line(broken)
    assert (
        text
        == "[TLP:AMBER] Events: Convoy (this item has errors: 'tomorrow' is not a date) (no source) as of 09 Aug 12:00"
    )


def test_a_broken_item_copied_whole_carries_its_problems() -> None:
    problems = (
        Diagnostic("f.yaml", 3, 5, "events[0].date", "'tomorrow' is not a date"),
        Diagnostic("f.yaml", 4, 5, "events[0].count", "-3 is below 0\x1b[2J"),
    )
    broken = BrokenItem(pane="events", id="events-0", id_derived=True, label="Convoy", problems=problems)
    text = item_whole(situation(broken), broken).text
    assert text.count("'tomorrow' is not a date") == 1
    assert "\nProblems:\n- f.yaml:3:5: events[0].date: 'tomorrow' is not a date\n" in text
    assert "- f.yaml:4:5: events[0].count: -3 is below 0␛[2J\nTLP:AMBER" in text
