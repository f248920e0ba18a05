"""`sitboard schema` covers the December 2026 additions, agrees with the loader on them, and
its messages for times name what is wrong (a missing UTC offset, a year out of range) in
Python's jsonschema and in check-jsonschema (issue 13 item 8)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from test_schema import _yaml

from tui.model.load import load
from tui.model.schema import json_schema

FULL = """
format: 1
situation:
  id: herat-2023-10
  title: Earthquakes in Herat
  as_of: 2023-10-27
  next_update: {at: 2023-11-02, approx: true}
sources:
  seed: {name: OCHA, reliability: B}
figures:
  - label: people dead
    value: {value: 1480, qualifier: almost}
    date: 2023-10
    breakdown: {Zindajan: 1000, other districts: 480}
    series: [{at: 2023-10-07, value: 1000}, {at: {from: 2023-10-11, to: 2023-10-15}, value: {min: 1200}}]
    severity: critical
    geo: {lat: 34.35, lon: 62.2, precision: region, pcode: AF3201}
    sources: [{source: seed, quote: "1,480 people dead", via: provincial authorities}]
judgments:
  - text: Needs over winter are urgent
    likelihood: almost_certain
    by: OCHA
    basis: the report
watch:
  - what: Funding gap
    due: 2024-04
    trigger: pledges close the gap
    status: open
    owner: desk
needs:
  - sector: shelter
    need: tents
    people: {max: 114000}
    response: 43,000 reached
    by: [IOM, UNHCR]
    gap: winter kits
    status: partly_met
    funding: {required: {value: 93600000, unit: USD}, received: {value: 24300000, unit: USD}}
    counts: {tents: 2300, kits: {min: 500, max: 800}}
fronts:
  - name: A
    status: unknown
evacuations:
  - area: B
    status: forced
  - area: C
    status: blocked
events:
  - what: Earthquake
    date: {from: '2023-10-11T05:00+04:30', to: '2023-10-11T09:00+04:30', approx: true}
"""


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _load_doc(doc: dict[str, Any], tmp_path: Path) -> Any:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load([path])


def test_every_addition_is_valid_for_the_schema_and_the_loader(validator, tmp_path) -> None:
    doc = _yaml(FULL)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)] == []
    result = _load_doc(doc, tmp_path)
    assert [str(d) for d in result.errors] == []
    (sit,) = result.situations
    assert len(sit.figures) == len(sit.judgments) == len(sit.watch) == len(sit.needs) == 1


BAD = {
    "figure without value": lambda d: d["figures"][0].pop("value"),
    "figure without label": lambda d: d["figures"][0].pop("label"),
    "breakdown part as text": lambda d: d["figures"][0]["breakdown"].update(other="many"),
    "series point without at": lambda d: d["figures"][0]["series"][0].pop("at"),
    "series as a mapping": lambda d: d["figures"][0].update(series={"at": "2023-10"}),
    "severity not in the enum": lambda d: d["figures"][0].update(severity="urgent"),
    "latitude beyond 90": lambda d: d["figures"][0]["geo"].update(lat=91),
    "geo without lon": lambda d: d["figures"][0]["geo"].pop("lon"),
    "geo precision not in the enum": lambda d: d["figures"][0]["geo"].update(precision="close"),
    "unknown key in geo": lambda d: d["figures"][0]["geo"].update(lng=3),
    "unknown key in a source reference": lambda d: d["figures"][0]["sources"][0].update(qoute="x"),
    "qualifier not in the enum": lambda d: d["figures"][0]["value"].update(qualifier="nearly"),
    "likelihood not in the enum": lambda d: d["judgments"][0].update(likelihood="probable"),
    "judgment without text": lambda d: d["judgments"][0].pop("text"),
    "watch status not in the enum": lambda d: d["watch"][0].update(status="done"),
    "watch without what": lambda d: d["watch"][0].pop("what"),
    "need status not in the enum": lambda d: d["needs"][0].update(status="half"),
    "need without sector": lambda d: d["needs"][0].pop("sector"),
    "responders as text": lambda d: d["needs"][0].update(by="IOM"),
    "unknown key in funding": lambda d: d["needs"][0]["funding"].update(recieved=5),
    "counts as a list": lambda d: d["needs"][0].update(counts=[1, 2]),
    "month 13": lambda d: d["watch"][0].update(due="2024-13"),
    "period without to": lambda d: d["events"][0].update(date={"from": "2023-10-11"}),
    "period from a month": lambda d: d["events"][0].update(date={"from": "2023-10", "to": "2023-11-02"}),
    "at and from together": lambda d: d["events"][0].update(
        date={"at": "2023-10-11", "from": "2023-10-11", "to": "2023-10-12"}
    ),
    "next_update without offset": lambda d: d["situation"].update(next_update="2023-11-02T10:00"),
    "a year out of range": lambda d: d["watch"][0].update(due="9999-12-31"),
    "a number beyond 10^15": lambda d: d["figures"][0].update(value=10**15 + 1),
    "a source id that is not a slug": lambda d: d["sources"].update({"Bad Id": {"name": "X"}}),
}


@pytest.mark.parametrize("what", list(BAD))
def test_the_schema_and_the_loader_reject_the_same_bad_additions(validator, tmp_path, what) -> None:
    doc = copy.deepcopy(_yaml(FULL))
    BAD[what](doc)
    assert not validator.is_valid(doc), what
    assert not _load_doc(doc, tmp_path).ok, what


# -- what the tools say about a time ------------------------------------------------------------

OFFSET_WORDS = "a date-time with its UTC offset"


@pytest.mark.parametrize(
    ("where", "value", "words"),
    [
        (("situation", "as_of"), "2024-08-09T12:00", OFFSET_WORDS),
        (("situation", "next_update"), "2024-08-09 12:00:00", OFFSET_WORDS),
        (("situation", "as_of"), {"at": "2024-08-09T12:00", "approx": True}, OFFSET_WORDS),
        (("events", 0, "date"), {"from": "2023-10-11", "to": "2023-10-12T10:00"}, OFFSET_WORDS),
        (("situation", "as_of"), "9999-12-31", "a time in the years 1900-2200"),
        (("situation", "as_of"), "0001-01-01T00:00:00+03:00", "a time in the years 1900-2200"),
    ],
)
def test_best_match_names_what_is_wrong_with_a_time(validator, where, value, words) -> None:
    doc = copy.deepcopy(_yaml(FULL))
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    error = best_match(validator.iter_errors(doc))
    assert error is not None and words in error.message, error.message
    assert r"\d{4}" not in error.message  # never a pattern in place of the reason


def test_yaml_language_server_reads_the_same_reasons() -> None:
    """yaml-language-server shows `errorMessage` / `patternErrorMessage` when a branch fails
    (its baseValidator.ts): every branch that judges a time as text carries one."""
    defs = json_schema()["$defs"]
    for name in ("timeText", "dayOrMoment"):
        branch = defs[name]
        assert "UTC offset" in branch["then"]["errorMessage"]
        assert "1900-2200" in branch["else"]["then"]["errorMessage"]
        assert "1900-2200" in branch["else"]["else"]["patternErrorMessage"]


def test_check_jsonschema_says_the_offset_is_missing(tmp_path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(json_schema()), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "situation:\n  id: x\n  title: T\n  as_of: 2024-08-09T12:00\nevents:\n  - what: A\n    date: 9999-12-31\n",
        encoding="utf-8",
    )
    # A test dependency (pyproject [test]): the venv's own, else the one on PATH.
    here = Path(sys.executable).with_name("check-jsonschema")
    tool = str(here) if here.exists() else shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is not installed (pip install '.[test]')"
    run = subprocess.run([tool, "--schemafile", str(schema), str(bad)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    lines = [ln.strip() for ln in run.stdout.splitlines() if "::" in ln]
    assert len(lines) == 2, run.stdout
    assert lines[0].endswith(
        f"$.situation.as_of: '2024-08-09T12:00' is not one of ['{OFFSET_WORDS}, e.g. 2024-08-09T12:00:00+03:00 or 2024-08-09T09:00:00Z']"
    )
    assert lines[1].endswith("$.events[0].date: '9999-12-31' is not one of ['a time in the years 1900-2200']")
