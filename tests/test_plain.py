"""tui.model.plain: an item as plain text (copy `y`, `sitboard brief`).

`sample_situation()` and `hostile_situation()` are also used by the detail, help and
command palette tests.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from tui.model.plain import (
    CONFIDENCE_SYMBOLS,
    MISSING_ITEM,
    extension_value,
    item_as_text,
    item_fields,
    item_heading,
    source_line,
)
from tui.model.types import (
    CONFIDENCES,
    Evacuation,
    Event,
    Front,
    Infrastructure,
    Location,
    Quantity,
    Situation,
    Source,
    SourceRef,
    Statement,
    When,
)

AS_OF = When(dt.datetime(2024, 8, 9, 12, 0, tzinfo=dt.UTC))


def sample_situation() -> Situation:
    """A small situation with one item per pane, links both ways and two sources."""
    sources = {
        "reuters": Source(id="reuters", name="Reuters", type="wire", reliability="B", url="https://reuters.example/x"),
        "seed": Source(id="seed", name="Seed report", reliability="C"),
    }
    return Situation(
        id="kursk",
        title="Kursk incursion",
        as_of=AS_OF,
        sources=MappingProxyType(sources),
        fronts=(
            Front(
                id="kursk-incursion",
                name="Kursk incursion",
                status="advancing",
                sides=("Ukraine", "Russia"),
                depth_km=Quantity(value=20, qualifier="up_to"),
                since=When(dt.date(2024, 8, 6)),
                places=("Sudzha", "Korenevo"),
                confidence="verified",
                sources=(SourceRef("reuters", "troops advanced up to 20 km"), SourceRef("seed")),
                updated=When(dt.date(2024, 8, 9)),
                note="Fast-moving.\nSecond line of the note.",
                extensions=(("x-desk", "fronts desk"), ("x-tags", ["a", "b"])),
                origin=Location("/tmp/kursk.yaml", 12, 5),
            ),
        ),
        evacuations=(
            Evacuation(
                id="kursk-oblast",
                area="Kursk oblast border districts",
                people=Quantity(value=76000, qualifier="over"),
                status="ongoing",
                about=("kursk-incursion",),
                id_derived=True,
                confidence="reported",
            ),
        ),
        statements=(
            Statement(
                id="zelensky",
                actor="Zelensky",
                quote="Russia brought war to others",
                date=When(dt.date(2024, 8, 7), approx=True),
                about=("kursk-incursion", "kursk-oblast"),
                confidence="claimed",
            ),
        ),
        infrastructure=(
            Infrastructure(
                id="kursk-npp",
                name="Kursk NPP",
                status="threatened",
                units=(("operational", 2), ("shut_down", 2)),
                confidence="disputed",
            ),
        ),
        events=(
            Event(
                id="state-of-emergency",
                what="State of emergency declared",
                date=When(dt.date(2024, 8, 7)),
                count=Quantity(value=1),
                confidence="unconfirmed",
            ),
        ),
    )


def hostile_situation(s: str) -> Situation:
    """Every string field of one item (and its source) set to `s`."""
    sources = {"evil": Source(id="evil", name=s, type=s, reliability="E", url=s, document=s)}
    target = Evacuation(id="target", area=s, authority=s, destination=s, note=s)
    front = Front(
        id="hostile",
        name=s,
        status=s,
        sides=(s, s),
        strength=s,
        places=(s,),
        note=s,
        sources=(SourceRef("evil", s),),
        about=("target",),
        extensions=(("x-evil", s), ("x-list", [s])),
    )
    statement = Statement(id="speaker", actor=s, quote=s, summary=s, role=s, channel=s, about=("hostile",))
    return Situation(
        id="hostile",
        title=s,
        as_of=AS_OF,
        sources=MappingProxyType(sources),
        fronts=(front,),
        evacuations=(target,),
        statements=(statement,),
    )


def test_heading_and_every_front_field():
    sit = sample_situation()
    text = item_as_text(sit, sit.item("kursk-incursion"))
    lines = text.splitlines()
    assert lines[0] == "Fronts › Kursk incursion"
    for expected in (
        "Name: Kursk incursion",
        "Status: advancing",
        "Sides: Ukraine, Russia",
        "Depth: up to 20 km",
        "Since: 06 Aug 2024",
        "Places: Sudzha, Korenevo",
        "Confidence: ● verified",
        "Updated: 09 Aug 2024",
        "Note: Fast-moving.",
        "  Second line of the note.",
        "ID: kursk-incursion",
        "x-desk: fronts desk",
        'x-tags: ["a", "b"]',
        "Sources:",
        "- Reuters (wire, B): “troops advanced up to 20 km”",
        "- Seed report (C)",
        "Links:",
        "- referenced by: Evacuations › Kursk oblast border districts",
        "- referenced by: Statements › Zelensky",
    ):
        assert expected in lines, expected
    # Fields the item does not carry are left out.
    assert not any(line.startswith("Strength:") for line in lines)


def test_derived_id_and_about_links():
    sit = sample_situation()
    text = item_as_text(sit, sit.item("kursk-oblast"))
    assert "ID: kursk-oblast (derived)" in text.splitlines()
    assert "People: over 76,000" in text
    assert "- about: Fronts › Kursk incursion" in text.splitlines()


def test_each_pane_has_its_fields():
    sit = sample_situation()
    assert "Quote: “Russia brought war to others”" in item_as_text(sit, sit.item("zelensky"))
    assert "Date: ~07 Aug 2024" in item_as_text(sit, sit.item("zelensky"))
    assert "Units: 2 operational · 2 shut down" in item_as_text(sit, sit.item("kursk-npp"))
    event_text = item_as_text(sit, sit.item("state-of-emergency"))
    assert "What: State of emergency declared" in event_text
    assert "Count: 1" in event_text
    assert "Confidence: ? unconfirmed" in event_text


def test_every_confidence_has_a_distinct_symbol():
    symbols = [CONFIDENCE_SYMBOLS[c] for c in CONFIDENCES]
    assert len(set(symbols)) == len(CONFIDENCES)


def test_item_fields_are_raw_pairs_in_order():
    sit = sample_situation()
    keys = [k for k, _ in item_fields(sit.item("kursk-incursion"))]
    assert keys[:3] == ["Name", "Status", "Sides"]
    assert keys.index("Confidence") < keys.index("ID") < keys.index("x-desk")


def test_unknown_source_falls_back_to_its_id():
    sit = sample_situation()
    assert source_line(sit, SourceRef("gone", "q")) == "gone: “q”"


def test_missing_link_target_is_named():
    sit = sample_situation()
    odd = Event(id="odd", what="Odd", about=("nowhere",))
    text = item_as_text(sit, odd)
    assert "- about: nowhere (not in the situation)" in text


def test_extension_values_as_written():
    assert extension_value("x") == "x"
    assert extension_value(True) == "true"
    assert extension_value(None) == "null"
    assert extension_value(3.5) == "3.5"
    assert extension_value({"k": [1, "é"]}) == '{"k": [1, "é"]}'


def test_control_characters_never_survive():
    hostile = "a\x1b[31mred\x07\x9b\u202eevil\u200b\r\nnext"
    sit = hostile_situation(hostile)
    for item in sit.items():
        text = item_as_text(sit, item)
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert "\u202e" not in text and "\u200b" not in text and "\r" not in text
        assert "␛[31mred" in text


def test_markup_is_plain_text():
    sit = hostile_situation("[@click=app.quit]x[/]")
    text = item_as_text(sit, sit.item("hostile"))
    assert "Name: [@click=app.quit]x[/]" in text
    assert item_heading(sit.item("hostile")) == "Fronts › [@click=app.quit]x[/]"


def test_missing_item_message_is_the_shared_wording():
    assert MISSING_ITEM == "This item is no longer in the situation"


def test_item_fields_follow_the_format_spec():
    """Every field the spec declares for a list shows when the item carries it, in the
    spec's order: a new field needs no code here (tui/model/spec.py)."""
    from tui.model.load import load
    from tui.model.plain import field_title
    from tui.model.spec import LIST
    from tui.runtime.paths import default_situation_path

    sit = load([default_situation_path()]).situations[0]
    checked = 0
    for item in sit.items():
        keys = [k for k, _ in item_fields(item)]
        expected = [
            field_title(f.name) for f in LIST[item.pane].fields if getattr(item, f.name, None) not in (None, "", ())
        ]
        assert [k for k in keys if k in expected] == expected, (item.id, keys)
        checked += len(expected)
    assert checked > 30
    assert field_title("depth_km") == "Depth" and field_title("next_update") == "Next update"
