"""tui.model.spec: the one declaration of the format, and everything that reads it agrees."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from tui.model.load import parse_bytes
from tui.model.schema import json_schema
from tui.model.spec import (
    COMMON,
    FUNDING,
    GEO,
    LIST,
    LISTS,
    QUANTITY,
    SERIES_POINT,
    SITUATION,
    SOURCE,
    SOURCE_REF,
    TIME,
    Field,
    ListSpec,
)
from tui.model.types import ITEM_TYPES, PANE_TITLES, PANES
from tui.model.types import LISTS as ALL_LISTS

HEADER = "situation: {id: demo, title: Demo, as_of: 2024-08-09T12:00:00+03:00}\n"
META = {"pane", "id_derived", "extensions", "origin"}


def test_the_lists_are_in_key_order_and_the_panes_among_them() -> None:
    assert tuple(spec.name for spec in sorted(LISTS, key=lambda s: s.key)) == ALL_LISTS
    assert ALL_LISTS[0] == "figures" and ALL_LISTS[-1] == "judgments"
    assert [LIST[p].key for p in PANES] == list(range(9))  # the board shows all nine lists (issue 12)
    assert dict(PANE_TITLES) == {spec.name: spec.title for spec in LISTS}
    assert set(ITEM_TYPES) == set(LIST)


@pytest.mark.parametrize("spec", LISTS, ids=lambda s: s.name)
def test_every_field_of_the_spec_is_a_field_of_the_item_type_and_back(spec: ListSpec) -> None:
    names = {f.name for f in dataclasses.fields(ITEM_TYPES[spec.name])}
    declared = {f.name for f in spec.all_fields}
    assert names - META == declared


@pytest.mark.parametrize("spec", LISTS, ids=lambda s: s.name)
def test_the_label_property_reads_the_label_field(spec: ListSpec) -> None:
    example = spec.field(spec.label).example
    pf = parse_bytes(f"{HEADER}{spec.name}:\n  - {spec.label}: {example}\n{_one_of(spec)}".encode(), "f.yaml")
    assert pf.ok, [str(d) for d in pf.diagnostics]
    (item,) = pf.items[spec.name]
    assert item.label == getattr(item, spec.label)


def _one_of(spec: ListSpec, but: str = "") -> str:
    """The other fields an item of this list needs (required, or the first of `one_of`)."""
    needed = [f.name for f in spec.fields if f.required and f.name != spec.label] + list(spec.one_of[:1])
    return "".join(f"    {name}: {spec.field(name).example}\n" for name in needed if name != but)


def _every_field() -> list[tuple[ListSpec, Field]]:
    return [(spec, f) for spec in LISTS for f in spec.all_fields if f.name != spec.label]


@pytest.mark.parametrize("spec, field", _every_field(), ids=lambda x: getattr(x, "name", ""))
def test_every_example_in_the_spec_is_valid(spec: ListSpec, field: Field) -> None:
    """The examples are shown in help and docs: each must load as written (one file's rules;
    `about` and source ids are checked across parts, in tests/test_load.py)."""
    assert field.example and field.help
    label = spec.field(spec.label)
    one_of = _one_of(spec, but=field.name)
    text = f"{HEADER}{spec.name}:\n  - {spec.label}: {label.example}\n{one_of}    {field.name}: {field.example}\n"
    if field.name == "sources":
        text += "sources:\n  reuters: {name: Reuters}\n  seed: {name: Seed}\n"
    pf = parse_bytes(textwrap.dedent(text).encode(), "f.yaml")
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert getattr(pf.items[spec.name][0], field.name) is not None


@pytest.mark.parametrize("block", [SITUATION, SOURCE], ids=lambda b: b.name)
def test_every_field_of_the_header_and_sources_has_help_and_example(block) -> None:  # type: ignore[no-untyped-def]
    for f in block.fields:
        assert f.help and f.example, f.name


def test_the_schema_covers_every_field_of_every_list() -> None:
    schema = json_schema()
    for spec in LISTS:
        props = schema["properties"][spec.name]["items"]["properties"]
        assert set(props) == {f.name for f in spec.all_fields}, spec.name
        required = schema["properties"][spec.name]["items"].get("required", [])
        assert required == [f.name for f in spec.fields if f.required]
    assert set(schema["properties"]["situation"]["properties"]) == set(SITUATION.keys)
    assert set(schema["$defs"]["source"]["properties"]) == set(SOURCE.keys)


def test_the_common_fields_are_declared_once() -> None:
    assert [f.name for f in COMMON] == [
        *("id", "confidence", "sources", "updated", "about", "note"),
        *("severity", "counts", "geo"),  # December 2026
    ]


def test_a_bad_field_kind_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        Field("x", "colour", "help")
    with pytest.raises(ValueError, match="enum needs values"):
        Field("x", "enum", "help")


# -- docs/format.md keeps up with the spec ------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "format.md"


def test_docs_name_every_list_field_and_value_of_the_spec() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [f"`{spec.name}`" for spec in LISTS if f"`{spec.name}`" not in text]
    for block in (SITUATION, SOURCE, QUANTITY, TIME, SOURCE_REF, GEO, FUNDING, SERIES_POINT):
        missing += [f"`{f.name}` ({block.name})" for f in block.fields if f"`{f.name}`" not in text]
    for spec in LISTS:
        for f in spec.all_fields:
            if f"`{f.name}`" not in text:
                missing.append(f"`{f.name}` ({spec.name})")
            missing += [f"`{v}` ({spec.name}.{f.name})" for v in f.values if f"`{v}`" not in text]
    assert missing == []


def test_the_worked_example_of_the_new_lists_in_the_docs_loads() -> None:
    text = DOCS.read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```yaml\n")[1:]]
    (example,) = [b for b in blocks if b.startswith("figures:")]
    pf = parse_bytes((HEADER + "sources:\n  seed: {name: Seed}\n" + example).encode(), "f.yaml")
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert {name for name, its in pf.items.items() if its} == {"figures", "judgments", "watch", "needs"}
