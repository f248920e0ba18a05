"""tui.model.schema: the JSON Schema of format 1, as yaml-language-server would use it."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tui.model.schema import DATETIME_PATTERN, json_schema
from tui.model.types import CONFIDENCES, FRONT_STATUSES, INFRASTRUCTURE_STATUSES, QUALIFIERS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


class _Yaml12Loader(yaml.SafeLoader):
    """Roughly what an editor sees (YAML 1.2 core): dates stay text, only true/false are booleans."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _ch in "tTfF":
    _Yaml12Loader.yaml_implicit_resolvers.setdefault(_ch, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


MINIMAL = """
format: 1
situation: {id: test-1, title: Test, as_of: 2024-08-09T12:00:00+03:00}
sources:
  reuters: {name: Reuters, reliability: B}
fronts:
  - name: North axis
    status: advancing
    depth_km: {value: 20, qualifier: up_to}
    since: {at: 2024-08-06, approx: true}
    sources: [reuters, {source: reuters, quote: "advanced"}]
evacuations:
  - area: Border districts
    people: {min: 1000, max: 2000}
statements:
  - actor: Someone
    quote: "words"
infrastructure:
  - name: Plant
    units: {operational: 2, shut_down: 2}
events:
  - what: Strike
    date: 2024-08-07
    count: 3
    x-desk: east
"""


def test_schema_is_valid_draft_2020_12_and_json() -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json.loads(json.dumps(schema)) == schema
    assert json_schema() is not schema  # a fresh dict: callers may change theirs


def test_every_key_has_a_description() -> None:
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{key}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    walk(json_schema(), "#")
    assert missing == []


def test_enums_come_from_the_model() -> None:
    schema = json_schema()
    items = {name: schema["properties"][name]["items"] for name in ("fronts", "infrastructure")}
    assert items["fronts"]["properties"]["status"]["enum"] == list(FRONT_STATUSES)
    assert items["infrastructure"]["properties"]["status"]["enum"] == list(INFRASTRUCTURE_STATUSES)
    assert items["fronts"]["properties"]["confidence"]["enum"] == list(CONFIDENCES)
    text = json.dumps(schema)
    for q in QUALIFIERS:
        assert f'"{q}"' in text


def test_default_situation_files_are_valid(validator: Draft202012Validator) -> None:
    files = sorted(DATA.glob("*.y*ml"))
    assert files, "the default situation is missing from data/"
    for path in files:
        doc = _yaml(path.read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == [], path.name


def test_minimal_complete_file_is_valid(validator: Draft202012Validator) -> None:
    doc = _yaml(MINIMAL)
    assert [e.message for e in validator.iter_errors(doc)] == []


def test_a_part_with_only_the_situation_id_is_valid(validator: Draft202012Validator) -> None:
    assert validator.is_valid(_yaml("situation: {id: test-1}\nfronts: [{name: A}]\n"))


def _broken(change) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(_yaml(MINIMAL))
    change(doc)
    return doc


BAD = {
    "unknown top-level key": lambda d: d.update(frnts=[]),
    "typo in an item key": lambda d: d["fronts"][0].update(stauts="advancing"),
    "status not in the enum": lambda d: d["fronts"][0].update(status="winning"),
    "format 2": lambda d: d.update(format=2),
    "no situation": lambda d: d.pop("situation"),
    "situation id not a slug": lambda d: d["situation"].update(id="Kursk 2024"),
    "item id not a slug": lambda d: d["events"][0].update(id="Has Spaces"),
    "front without a name": lambda d: d["fronts"][0].pop("name"),
    "statement with neither quote nor summary": lambda d: d["statements"][0].pop("quote"),
    "bad qualifier": lambda d: d["fronts"][0].update(depth_km={"value": 20, "qualifier": "roughly"}),
    "quantity as text": lambda d: d["events"][0].update(count="many"),
    "range with neither bound": lambda d: d["evacuations"][0].update(people={"unit": "people"}),
    "range with a bound as text": lambda d: d["evacuations"][0].update(people={"min": "1000"}),
    "negative figure": lambda d: d["events"][0].update(count=-3),
    "qualifier on a range": lambda d: d["evacuations"][0].update(people={"min": 1, "max": 2, "qualifier": "over"}),
    "empty source id": lambda d: d["fronts"][0].update(sources=[""]),
    "value and range mixed": lambda d: d["evacuations"][0].update(people={"value": 5, "min": 1}),
    "date-time without an offset": lambda d: d["situation"].update(as_of="2024-08-09T12:00:00"),
    "date not ISO": lambda d: d["events"][0].update(date="9 Aug 2024"),
    "approx time without at": lambda d: d["fronts"][0].update(since={"approx": True}),
    "reliability not A-F": lambda d: d["sources"]["reuters"].update(reliability="G"),
    "source without a name": lambda d: d["sources"]["reuters"].pop("name"),
    "negative unit count": lambda d: d["infrastructure"][0].update(units={"operational": -1}),
    "confidence not in the enum": lambda d: d["fronts"][0].update(confidence="certain"),
    "title without as_of": lambda d: d["situation"].pop("as_of"),
}


@pytest.mark.parametrize("what", list(BAD))
def test_bad_files_are_rejected(validator: Draft202012Validator, what: str) -> None:
    assert not validator.is_valid(_broken(BAD[what])), what


def test_extensions_are_accepted_anywhere(validator: Draft202012Validator) -> None:
    def add(d: dict[str, Any]) -> None:
        d["x-top"] = {"anything": [1, 2]}
        d["situation"]["x-desk"] = "east"
        d["sources"]["reuters"]["x-contact"] = "desk@example.org"
        d["fronts"][0]["x-map"] = "grid 37U"
        d["fronts"][0]["depth_km"]["x-note"] = "estimated"

    assert [e.message for e in validator.iter_errors(_broken(add))] == []


@pytest.mark.parametrize(
    "text, ok",
    [("2024-08-09T12:00:00+03:00", True), ("2024-08-09T12:00Z", True), ("2024-08-09 12:00:00.5-0500", True),
     ("2024-08-09T12:00:00", False), ("2024-08-09", False), ("yesterday", False)],
)  # fmt: skip
def test_datetime_pattern(text: str, ok: bool) -> None:
    assert bool(re.match(DATETIME_PATTERN, text)) is ok


# ---------------------------------------------------------------- the schema agrees with the loader


def _load_doc(doc: dict[str, Any], tmp_path: Path) -> Any:
    from tui.model.load import load

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load([path])


def test_loader_accepts_the_minimal_file_too(tmp_path: Path) -> None:
    result = _load_doc(_yaml(MINIMAL), tmp_path)
    assert [str(d) for d in result.errors] == []


@pytest.mark.parametrize("what", list(BAD))
def test_loader_rejects_what_the_schema_rejects(tmp_path: Path, what: str) -> None:
    result = _load_doc(_broken(BAD[what]), tmp_path)
    assert not result.ok, what
