"""The embedded default situation (data/kursk-2024-08.yaml) says what the seed report says.

Every fact of seeds/kursk-2024-08-reuters-tass.txt must be on the board with its sources
and a confidence, and every quote attributed to `seed` must be found verbatim in the
report. These tests load the file through the real loader, as the board does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
DEFAULT_FILE = DATA_DIR / "kursk-2024-08.yaml"
SEED_FILE = REPO / "seeds" / "kursk-2024-08-reuters-tass.txt"


@pytest.fixture(scope="module")
def result():
    from tui.model import load

    return load([DATA_DIR])


@pytest.fixture(scope="module")
def sit(result):
    assert result.ok, "\n".join(str(d) for d in result.diagnostics)
    assert len(result.situations) == 1
    return result.situations[0]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


def cited(item) -> set[str]:
    return {ref.source for ref in item.sources}


def seed_quotes(item) -> list[str]:
    return [ref.quote for ref in item.sources if ref.source == "seed" and ref.quote]


def one(items, **match):
    """The single item whose attributes equal `match` (ids are explicit in the file)."""
    found = [it for it in items if all(getattr(it, k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one item matching {match}, found {len(found)}"
    return found[0]


# --- the whole file -------------------------------------------------------------------


def test_loads_without_errors_or_warnings(result):
    assert result.situations, "the default situation did not load"
    assert result.diagnostics == (), "\n".join(str(d) for d in result.diagnostics)


def test_header(sit):
    assert sit.id == "kursk-2024-08"
    assert sit.marking == "TLP:CLEAR"
    assert sit.area == "Kursk region, Russia / Ukraine border"
    assert sit.title and "Kursk" in sit.title
    assert sit.summary and "76,000" in sit.summary
    assert sit.as_of.value == dt.datetime(2024, 8, 9, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert sit.as_of.value.utcoffset() == dt.timedelta(hours=3)


def test_sources_and_grades(sit):
    s = sit.sources
    assert s["seed"].type == "report"
    assert s["seed"].document is not None
    assert Path(s["seed"].document).resolve() == SEED_FILE.resolve()
    assert s["reuters"].reliability == "B"
    assert s["tass"].reliability in ("C", "D")
    assert s["ru-milbloggers"].reliability in ("E", "F")
    for key in ("kursk-emercom", "ru-mod", "iaea", "belarus-gov"):
        assert key in s and s[key].name and s[key].reliability in "ABCDEF"


def test_every_item_is_sourced_updated_and_quoted_from_the_seed(sit):
    items = list(sit.items())
    assert len(items) >= 14
    for it in items:
        assert it.sources, f"{it.id} has no sources"
        assert "seed" in cited(it), f"{it.id} does not cite the seed report"
        assert seed_quotes(it), f"{it.id} does not quote the seed report"
        assert it.confidence in ("verified", "reported", "claimed", "disputed", "unconfirmed")
        assert it.updated is not None and it.updated.as_datetime() <= sit.as_of.as_datetime()
        assert not it.id_derived, f"{it.id}: ids are explicit in the default situation"


def test_every_seed_quote_is_verbatim_in_the_report(sit, seed_text):
    quotes = [q for it in sit.items() for q in seed_quotes(it)]
    assert len(quotes) >= 15
    for q in quotes:
        assert q in seed_text, f"not verbatim in the seed report: {q!r}"


def test_every_sentence_of_the_report_is_quoted_somewhere(sit, seed_text):
    """Coverage: each sentence of the report shares a long run of words with some quote."""
    import re

    quotes = " | ".join(q for it in sit.items() for q in seed_quotes(it))
    sentences = [s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z])", seed_text.strip()) if len(s) > 20]
    assert len(sentences) >= 15
    missing = []
    for sentence in sentences:
        words = sentence.split()
        runs = [" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))]
        if not any(run in quotes for run in runs):
            missing.append(sentence)
    assert not missing, "sentences of the report not on the board:\n" + "\n".join(missing)


def test_about_links_resolve_and_pair_up(sit):
    ids = {it.id for it in sit.items()}
    for it in sit.items():
        for target in it.about:
            assert target in ids
    # The NPP and the advance towards it link both ways; claims point at the front.
    assert "npp-advance" in sit.item("kursk-npp").about
    assert "kursk-npp" in sit.item("npp-advance").about
    backlinks = {it.id for it in sit.backlinks("kursk-incursion")}
    assert {"gerasimov-halted", "milbloggers-stabilized", "putin-provocation"} <= backlinks


# --- the facts, one by one ------------------------------------------------------------


def test_evacuation_over_76000(sit):
    ev = one(sit.evacuations, id="kursk-border-evacuation")
    assert ev.people is not None
    assert (ev.people.value, ev.people.qualifier) == (76000, "over")
    assert ev.status == "ongoing"
    assert {"reuters", "tass", "kursk-emercom"} <= cited(ev)
    assert "Emergencies Ministry" in (ev.authority or "")
    assert ev.confidence == "reported"
    assert any("Over 76,000 people" in q for q in seed_quotes(ev))


def test_incursion_front(sit):
    fr = one(sit.fronts, id="kursk-incursion")
    assert fr.depth_km is not None
    assert (fr.depth_km.value, fr.depth_km.qualifier) == (20, "up_to")
    assert fr.strength and "thousands" in fr.strength
    assert fr.status in ("contested", "advancing")
    assert "reuters" in cited(fr)
    assert fr.since is not None and fr.since.value == dt.date(2024, 8, 6) and fr.since.approx
    assert any("pushing the Ukrainian military (AFU) back" in q for q in seed_quotes(fr))


def test_largest_attack_since_2022_event(sit):
    ev = one(sit.events, id="incursion-begins")
    assert "reuters" in cited(ev)
    assert any("largest Ukrainian attack on Russian sovereign territory" in q for q in seed_quotes(ev))
    assert ev.date is not None and ev.date.value == dt.date(2024, 8, 6) and ev.date.approx


def test_putin_major_provocation(sit):
    st = one(sit.statements, id="putin-provocation")
    assert st.actor == "Vladimir Putin"
    assert "major provocation" in (st.summary or "")
    assert st.confidence == "reported"


def test_gerasimov_claim_is_a_claim_dated_wednesday(sit):
    st = one(sit.statements, id="gerasimov-halted")
    assert "Gerasimov" in st.actor
    assert st.confidence == "claimed"
    assert st.date is not None
    assert st.date.value == dt.date(2024, 8, 7) and st.date.approx
    assert st.date.value.weekday() == 2  # the report's "on Wednesday"
    assert "ru-mod" in cited(st)
    assert "kursk-incursion" in st.about


def test_military_bloggers_claim_stabilized(sit):
    st = one(sit.statements, id="milbloggers-stabilized")
    assert st.confidence == "claimed"
    assert "stabilized" in (st.summary or "")
    assert "ru-milbloggers" in cited(st)
    reinf = one(sit.events, id="russian-reinforcements")
    assert reinf.confidence == "claimed"


def test_verified_convoy_video(sit):
    ev = one(sit.events, id="burnt-out-convoy")
    assert ev.confidence == "verified"
    assert ev.count is not None
    assert (ev.count.value, ev.count.qualifier, ev.count.unit) == (15, "about", "vehicles")
    assert "reuters" in cited(ev)
    assert "Z" in ev.what


def test_belarus_buildup_front(sit):
    fr = one(sit.fronts, id="belarus-border-buildup")
    assert fr.status == "buildup"
    assert fr.places == ("Gomel", "Mazyr")


def test_lukashenko_quote_is_whole_and_verbatim(sit, seed_text):
    st = one(sit.statements, id="lukashenko-provocations")
    assert st.actor == "Alexander Lukashenko"
    assert st.quote is not None
    assert st.quote.startswith("I don't understand why Ukraine needs this.")
    assert st.quote.endswith("any provocations will not go unanswered.")
    assert f'"{st.quote}"' in seed_text  # the whole quoted statement, no more, no less
    assert "belarus-gov" in cited(st)
    drones = one(sit.events, id="belarus-drone-incursions")
    assert "drone" in drones.what


def test_moscow_concern(sit):
    st = one(sit.statements, id="moscow-border-concern")
    assert "so easily" in (st.summary or "")


def test_kursk_npp(sit):
    npp = one(sit.infrastructure, id="kursk-npp")
    assert npp.kind == "nuclear power plant"
    assert npp.status == "threatened"
    assert dict(npp.units) == {"operational": 2, "shut_down": 2, "under_construction": 2}
    assert [k for k, _ in npp.units] == ["operational", "shut_down", "under_construction"]
    assert npp.location == "Kurchatov, Kursk region"
    assert "southern Russia" in (npp.significance or "")
    adv = one(sit.events, id="npp-advance")
    assert "kursk-npp" in adv.about


def test_iaea_head(sit):
    st = one(sit.statements, id="iaea-restraint")
    assert "IAEA" in st.actor
    assert st.quote == "significant military activity"
    assert "restraint" in (st.summary or "")
    assert "iaea" in cited(st)
    assert "kursk-npp" in st.about


# --- packaging and the command line ---------------------------------------------------


def test_default_situation_path_exists_and_loads():
    from tui.model import load
    from tui.runtime.paths import default_situation_path

    path = Path(default_situation_path())
    assert path.exists()
    res = load([path])
    assert res.ok and [s.id for s in res.situations] == ["kursk-2024-08"]


def test_sitboard_check_data_exits_0(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(DATA_DIR)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_sitboard_check_json_reports_the_situation(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "check", "--json", str(DEFAULT_FILE)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] is True
    assert [s["id"] for s in report["situations"]] == ["kursk-2024-08"]
    assert report["diagnostics"] == []


# --- the documentation's examples stay valid -----------------------------------------


def test_readme_format_example_loads(tmp_path):
    import re

    from tui.model import load

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## The format, in short\n\n```yaml\n(.*?)```", readme, re.S)
    assert match, "the README lost its format example"
    example = tmp_path / "example.yaml"
    example.write_text(match.group(1), encoding="utf-8")
    res = load([example])
    assert res.diagnostics == (), "\n".join(str(d) for d in res.diagnostics)
    (sit,) = res.situations
    assert sit.item("riverside-district") is not None
    assert sit.item("north-bridge").about == ("riverside-district",)
