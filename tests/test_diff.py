"""tui.model.diff: item-level difference between two situations."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from tui.model.diff import (
    FieldChange,
    SituationDiff,
    diff_results,
    diff_situations,
    pane_order,
)
from tui.model.types import (
    Evacuation,
    Event,
    Front,
    LoadResult,
    Location,
    Quantity,
    Situation,
    Source,
    When,
)

AS_OF = When(dt.date(2024, 8, 7))


def sit(**panes) -> Situation:
    return Situation(id="s", title="T", as_of=AS_OF, **panes)


def front(id: str, name: str = "N", line: int = 1, **kw) -> Front:
    return Front(id=id, name=name, origin=Location("f.yaml", line, 3), **kw)


def test_identical_situations_have_empty_diff():
    a = sit(fronts=(front("a"), front("b")))
    d = diff_situations(a, a)
    assert d.empty
    assert d.summary == "no changes"
    assert d.new == () and dict(d.changed) == {} and d.removed == ()


def test_origin_only_change_is_not_a_change():
    a = sit(fronts=(front("a", line=3), front("b", line=9)))
    b = sit(fronts=(front("b", line=2), front("a", line=40)))
    d = diff_situations(a, b)
    assert d.empty


def test_new_changed_removed_and_summary():
    old = sit(
        fronts=(front("a", status="holding"), front("b"), front("gone")),
        events=(Event(id="e1", what="x"),),
    )
    new = sit(
        fronts=(front("a", status="advancing"), front("b"), front("fresh")),
        events=(Event(id="e1", what="y", count=Quantity(3)), Event(id="e2", what="z")),
    )
    d = diff_situations(old, new)
    assert d.new == ("fresh", "e2")
    assert list(d.changed) == ["a", "e1"]
    assert d.changed["a"] == (FieldChange("status", "holding", "advancing"),)
    assert d.changed["e1"] == (
        FieldChange("what", "x", "y"),
        FieldChange("count", None, Quantity(3)),
    )
    assert [it.id for it in d.removed] == ["gone"]
    assert d.removed[0] == front("gone")  # the old object, to list it for a while
    assert d.summary == "2 changed · 2 new · 1 removed"
    assert str(d) == d.summary
    assert d.marked_ids == {"a", "e1", "fresh", "e2"}
    assert d.kind("a") == "changed" and d.kind("fresh") == "new"
    assert d.kind("gone") == "removed" and d.kind("b") is None


def test_summary_leaves_out_zero_counts():
    old = sit(fronts=(front("a"),))
    new = sit(fronts=(front("a", name="M"),))
    assert diff_situations(old, new).summary == "1 changed"
    assert diff_situations(old, sit()).summary == "1 removed"
    assert diff_situations(sit(), old).summary == "1 new"


def test_item_moved_between_panes_reports_pane_first():
    old = sit(fronts=(front("x", name="Sudzha"),))
    new = sit(evacuations=(Evacuation(id="x", area="Sudzha"),))
    d = diff_situations(old, new)
    changes = d.changed["x"]
    assert changes[0] == FieldChange("pane", "fronts", "evacuations")
    fields = {c.field for c in changes}
    assert "area" in fields and "name" in fields


def test_situation_level_changes_and_sources_ignore_origin():
    s1 = Source(id="r", name="Reuters", reliability="B", origin=Location("f", 3, 1))
    s1_moved = Source(id="r", name="Reuters", reliability="B", origin=Location("f", 9, 1))
    s1_regraded = Source(id="r", name="Reuters", reliability="C", origin=Location("f", 3, 1))
    a = Situation(id="s", title="T", as_of=AS_OF, sources=MappingProxyType({"r": s1}))
    b = Situation(id="s", title="T", as_of=AS_OF, sources=MappingProxyType({"r": s1_moved}))
    c = Situation(
        id="s",
        title="T2",
        as_of=When(dt.date(2024, 8, 8)),
        sources=MappingProxyType({"r": s1_regraded}),
    )
    assert diff_situations(a, b).empty
    d = diff_situations(a, c)
    assert [ch.field for ch in d.situation_changes] == ["title", "as_of", "sources"]
    assert not d.empty
    assert d.summary == "title, as of, sources changed"


def test_none_sides():
    s = sit(fronts=(front("a"), front("b")))
    assert diff_situations(None, s).new == ("a", "b")
    assert [i.id for i in diff_situations(s, None).removed] == ["a", "b"]


def test_diff_results_per_situation_and_first_load_marks_nothing():
    s_old = sit(fronts=(front("a"),))
    s_new = sit(fronts=(front("a", status="quiet"),))
    other = Situation(id="o", title="O", as_of=AS_OF, events=(Event(id="e", what="w"),))
    assert dict(diff_results(None, LoadResult(situations=(s_new,)))) == {}
    diffs = diff_results(LoadResult(situations=(s_old,)), LoadResult(situations=(s_new, other)))
    assert set(diffs) == {"s", "o"}
    assert list(diffs["s"].changed) == ["a"]
    assert diffs["o"].new == ("e",)


def test_pane_order_follows_board_order():
    s = sit(
        fronts=(front("f1"), front("f2")),
        events=(Event(id="e1", what="w"),),
        evacuations=(Evacuation(id="v1", area="A"),),
    )
    assert pane_order(s, {"e1", "f2", "v1"}) == (
        ("fronts", "f2"),
        ("evacuations", "v1"),
        ("events", "e1"),
    )


def test_diff_is_a_value():
    d = SituationDiff(new=("a",))
    assert d == SituationDiff(new=("a",))
    assert d.item_count == 1
