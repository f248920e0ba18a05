"""The worked examples say what their seed reports say, pass `sitboard check`, and use the
additions of December 2026.

The files: data/*.yaml (the embedded default, Kursk) and examples/*.yaml (written from a
real disaster report, Herat). Quotes are found by walking the raw YAML, so a quote the
model does not keep is checked all the same; `check` runs as a real subprocess; the use
of the new lists is checked on what the real loader builds, so data the model drops
fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO / "data" / "kursk-2024-08.yaml"
HERAT_FILE = REPO / "examples" / "herat-2023-10.yaml"
FILES = sorted(REPO.glob("data/*.y*ml")) + sorted(REPO.glob("examples/*.y*ml"))
# A seed with a header (address, publisher, title, date) has it above this rule; the
# report's own text is below it, and quotes must come from that text only.
HEADER_RULE = "-" * 90 + "\n"
LISTS = ("fronts", "evacuations", "statements", "infrastructure", "events", "figures", "judgments", "watch", "needs")


def raw(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def mappings(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a parsed YAML document, depth first (a stack, no recursion)."""
    stack = [node]
    while stack:
        here = stack.pop()
        if isinstance(here, dict):
            yield here
            stack.extend(here.values())
        elif isinstance(here, list):
            stack.extend(here)


def seed_document(path: Path) -> Path:
    doc = raw(path)
    document = (path.parent / doc["sources"]["seed"]["document"]).resolve()
    assert document.is_file(), document
    assert document.is_relative_to(REPO / "seeds"), document
    return document


def report_text(document: Path) -> str:
    text = document.read_text(encoding="utf-8")
    return text.split(HEADER_RULE, 1)[1] if HEADER_RULE in text else text


def raw_items(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(pane, item) for pane in LISTS for item in doc.get(pane) or []]


def seed_quotes(item: dict[str, Any]) -> list[str]:
    return [ref["quote"] for ref in item.get("sources", []) if isinstance(ref, dict) and ref.get("source") == "seed"]


def numbers(pairs: Iterable[tuple[str, Any]]) -> dict[str, object]:
    """A map of label -> quantity (breakdown, counts) as label -> its plain value."""
    return {label: quantity.value for label, quantity in pairs}


@pytest.fixture(scope="module")
def loaded():
    from tui.model import load

    out = {}
    for path in (DEFAULT_FILE, HERAT_FILE):
        result = load([path])
        assert result.diagnostics == (), "\n".join(str(d) for d in result.diagnostics)
        (sit,) = result.situations
        out[path.stem] = sit
    return out


# --- (i) every quote attributed to the seed is in the report, word for word ----------


def test_the_examples_are_found() -> None:
    assert DEFAULT_FILE in FILES and HERAT_FILE in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_seed_quote_is_verbatim_in_its_document(path: Path) -> None:
    doc = raw(path)
    text = report_text(seed_document(path))
    quotes = [m["quote"] for m in mappings(doc) if m.get("source") == "seed" and "quote" in m]
    assert len(quotes) >= 25, f"{path.name}: only {len(quotes)} seed quotes"
    missing = [q for q in quotes if q not in text]
    assert not missing, f"{path.name}: not verbatim in {seed_document(path).name}:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_item_quotes_its_seed_and_has_an_explicit_id(path: Path) -> None:
    items = raw_items(raw(path))
    assert len(items) >= 20
    for pane, item in items:
        assert item.get("id"), f"{pane}: an item without an explicit id"
        assert seed_quotes(item), f"{item['id']} does not quote the seed report"


def test_a_seed_with_a_header_names_its_address_publisher_title_and_date() -> None:
    text = seed_document(HERAT_FILE).read_text(encoding="utf-8")
    header, body = text.split(HEADER_RULE, 1)
    lines = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line and not line.startswith(" "))
    assert lines["Address"].startswith("https://unocha.org/publications/report/afghanistan/")
    assert "OCHA" in lines["Publisher"]
    assert lines["Title"] == body.splitlines()[0]  # the title, as the report gives it
    assert "27 October 2023" in lines["Date"]
    assert "EXCERPT" in lines["Extent"]


# --- (ii) `sitboard check` passes, no errors and no warnings ---------------------------


@pytest.mark.parametrize("folder", ["data", "examples"])
def test_sitboard_check_is_clean(folder: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "check", "--json", str(REPO / folder)],
        check=False,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] is True
    assert report["diagnostics"] == []
    assert len(report["situations"]) == 1  # data/ is the default: one situation, always


# --- (iii) the additions of December 2026 are used, and the model keeps them -----------


@pytest.mark.parametrize("path", [DEFAULT_FILE, HERAT_FILE], ids=lambda p: p.name)
def test_the_loader_keeps_every_item_of_every_list(loaded, path: Path) -> None:
    sit = loaded[path.stem]
    written = [(pane, item["id"]) for pane, item in raw_items(raw(path))]
    assert sorted((it.pane, it.id) for it in sit.all_items()) == sorted(written)


def test_the_default_uses_figures_judgments_watch_severity_and_geo(loaded) -> None:
    sit = loaded["kursk-2024-08"]
    figures = {f.id: f for f in sit.figures}
    assert {"evacuated", "incursion-depth", "convoy-vehicles", "npp-reactors"} <= set(figures)
    assert figures["evacuated"].value.value == 76000
    assert numbers(figures["npp-reactors"].breakdown) == {"operational": 2, "shut down": 2, "under construction": 2}
    assert {j.id for j in sit.judgments} == {"largest-attack-since-2022", "not-pushed-back"}
    assert all(j.likelihood is None for j in sit.judgments)  # the report weighs no probabilities
    assert {w.id for w in sit.watch} >= {"watch-npp-fighting", "watch-belarus-buildup"}
    assert sit.item("kursk-incursion").severity == "critical"
    npp = sit.item("kursk-npp").geo
    assert (npp.lat, npp.lon, npp.precision) == pytest.approx((51.675, 35.607, "near"))
    assert sit.next_update is None  # the report gives none


def test_the_disaster_example_uses_every_new_list(loaded) -> None:
    sit = loaded["herat-2023-10"]
    assert sit.marking == "TLP:CLEAR"
    assert sit.next_update is not None and sit.next_update.approx
    # needs, with the funding required and received
    plan = sit.item("response-plan")
    assert plan.funding.required.value == 93_600_000 and plan.funding.received.value == 24_300_000
    assert plan.status == "partly_met" and plan.by == ("humanitarian partners",)
    assert len(sit.needs) >= 4
    # several figures on one item
    assert numbers(sit.item("first-two-earthquakes").counts) == {"dead": 1480, "wounded": 1950}
    # a figure with a breakdown that adds up, and one with a series, oldest first
    funding = sit.item("funding-required")
    assert sum(q.value for _, q in funding.breakdown) == funding.value.value
    series = sit.item("strong-earthquakes").series
    assert [p.value.value for p in series] == [1, 2]
    assert [p.at.value for p in series] == sorted(p.at.value for p in series)
    # watch items, judgments, geo, second-hand words, severity
    assert len(sit.watch) >= 3 and all(w.status == "open" for w in sit.watch)
    assert len(sit.judgments) >= 2
    assert sit.item("people-in-need").geo.precision == "region"
    assert any(ref.via for ref in sit.item("people-directly-affected").sources)
    assert {it.severity for it in sit.all_items()} >= {"critical", "high"}
