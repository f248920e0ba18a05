"""Property: any number and any time in any numeric or time field of the spec either loads
(in range) and shows everywhere, or is a placed error on that field; never a crash."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.brief import render_brief
from tui.model.load import assemble, parse_bytes
from tui.model.plain import item_as_text
from tui.model.searchtext import item_tiers
from tui.model.spec import LISTS
from tui.model.types import Situation

HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
# Every field that holds a number or a time, directly or inside (counts, series, geo ...).
NUMERIC = ("quantity", "time", "units", "counts", "breakdown", "series", "geo", "funding")
FIELDS = [(spec, f) for spec in LISTS for f in spec.all_fields if f.kind in NUMERIC]

# Numbers as written: small, near the bound, far beyond it (thousands of digits), negative, decimals.
numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers(min_value=10**15 - 3, max_value=10**15 + 3).map(str),
    st.sampled_from(["9" * 5000, "-" + "9" * 5000, "1" + "0" * 4999, str(10**15), str(10**15 + 1)]),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300).map(repr),
)
moments = st.one_of(
    st.dates(),  # years 1 to 9999
    st.datetimes(
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=14)), dt.timezone(-dt.timedelta(hours=12))])
    ),
)


def _written(kind: str, n: str, moment: dt.date, shape: int) -> str:
    text = moment.isoformat()
    if kind == "time":
        return [text, f"{{at: '{text}', approx: true}}", f"{{from: '{text}', to: '{text}'}}", text[:7]][shape % 4]
    if kind == "units":
        return f"{{operational: {n}}}"
    if kind in ("counts", "breakdown"):
        return f"{{killed: {n}, missing: {{min: 0, max: {n}}}}}"
    if kind == "series":
        return f"[{{at: '{text}', value: {n}}}]"
    if kind == "geo":
        return [f"{{lat: {n}, lon: 0}}", f"{{lat: 0, lon: {n}}}"][shape % 2]
    if kind == "funding":
        return f"{{required: {n}, received: {{value: {n}, unit: USD}}}}"
    return [f"{n}", f"{{value: {n}, qualifier: about}}", f"{{min: 0, max: {n}}}", f"{{max: {n}}}"][shape % 4]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), numbers, moments, st.integers(0, 3))
def test_any_number_or_time_in_any_field_is_shown_or_a_placed_error(field_spec, n, moment, shape) -> None:
    spec, f = field_spec
    value = _written(f.kind, n, moment, shape)
    needed = [g.name for g in spec.fields if g.required and g.name != spec.label] + list(spec.one_of[:1])
    lines = [f"{spec.name}:", f"  - {spec.label}: Label"]
    lines += [f"    {k}: {spec.field(k).example}" for k in needed if k != f.name]
    text = HEADER + "\n".join(lines + [f"    {f.name}: {value}"]) + "\n"
    pf = parse_bytes(text.encode(), "f.yaml")
    for d in pf.diagnostics:
        assert d.path.startswith(f"{spec.name}[0].{f.name}"), str(d)[:200]
        assert d.line == len(lines) + 5 and d.column > 1 and len(d.message) < 400
        assert "internal error" not in d.message
    (item,) = pf.items[spec.name]
    assert item.broken == (not pf.ok)
    sit = Situation(id="demo", title="Demo", as_of=pf.header["as_of"], **dict(pf.items))
    item_as_text(sit, item)
    item_tiers(item)  # what search reads
    render_brief(sit, fmt="text")
    assemble([pf])
    assemble([pf], for_check=True)
