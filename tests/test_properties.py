"""Property-based tests (hypothesis) of the loader.

1. Random valid situations (any text in every text field, figures, dates, sources and
   quotes) written as YAML load back exactly, and their brief shows them with no control
   byte.
2. Random mutations of valid files (deleted lines, swapped indentation, changed types,
   truncated bytes, flipped bytes, inserted junk) only ever give `Diagnostic`s with a
   place in the file: never an exception, never the loader's own "internal error".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.model.load import assemble, parse_bytes
from tui.model.text import visible
from tui.model.types import PANES

DATA = Path(__file__).resolve().parent.parent / "data" / "kursk-2024-08.yaml"
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
FILE = "/situations/x.yaml"

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def yq(s: str) -> str:
    """`s` as a YAML double-quoted scalar (every non-printable character escaped)."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E or 0xA0 <= c <= 0xD7FF or (0xE000 <= c <= 0xFFFD and c != 0xFEFF) or c >= 0x10000:
            out.append(ch)
        elif c <= 0xFF:
            out.append(f"\\x{c:02x}")
        else:
            out.append(f"\\u{c:04x}")
    out.append('"')
    return "".join(out)


# -- strategies ---------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
# The whole range a figure may take (0 to 10^15), edges weighted in.
counts = st.one_of(st.integers(min_value=0, max_value=10**15), st.sampled_from([0, 1, 10**15 - 1, 10**15]))
confidences = st.sampled_from(["verified", "reported", "claimed", "disputed", "unconfirmed"])
# The whole range a time may take (years 1900-2200), edges weighted in.
dates = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.sampled_from([dt.date(1900, 1, 1), dt.date(2200, 12, 31)]),
)


@st.composite
def quantities(draw):
    kind = draw(st.sampled_from(["plain", "qualified", "range"]))
    if kind == "plain":
        v = draw(counts)
        return str(v), ("value", v)
    if kind == "qualified":
        v = draw(counts)
        q = draw(st.sampled_from(["over", "under", "about", "up_to", "at_least"]))
        return f"{{value: {v}, qualifier: {q}}}", ("qualified", v, q)
    lo = draw(counts)
    hi = draw(st.integers(min_value=lo, max_value=min(lo + 10**6, 10**15)))
    return f"{{min: {lo}, max: {hi}}}", ("range", lo, hi)


PANE_TEXT = {
    "fronts": ("name", ("strength", "note")),
    "evacuations": ("area", ("authority", "destination", "note")),
    "statements": ("actor", ("quote", "role", "channel", "note")),
    "infrastructure": ("name", ("kind", "location", "significance", "note")),
    "events": ("what", ("where", "note")),
}
QUANTITY_FIELD = {"fronts": "depth_km", "evacuations": "people", "events": "count"}


@st.composite
def situations(draw):
    """(yaml text, expectations) of a valid situation file."""
    title, area, summary, marking = draw(names), draw(texts), draw(texts), draw(texts)
    n_sources = draw(st.integers(0, 3))
    sources = [(f"src-{i}", draw(names)) for i in range(n_sources)]
    lines = [
        "format: 1",
        "situation:",
        "  id: prop",
        f"  title: {yq(title)}",
        f"  as_of: {draw(dates).isoformat()}T12:00:00+03:00",
        f"  area: {yq(area)}",
        f"  summary: {yq(summary)}",
        f"  marking: {yq(marking)}",
    ]
    if sources:
        lines.append("sources:")
        for sid, name in sources:
            lines += [f"  {sid}:", f"    name: {yq(name)}", f"    reliability: {draw(st.sampled_from('ABCDEF'))}"]
    expected = []
    serial = 0
    for pane in PANE_TEXT:  # format 1's lists (the December 2026 ones: tests/test_properties_ranges.py)
        items = draw(st.lists(st.tuples(names, st.lists(texts, min_size=5, max_size=5)), max_size=3))
        if not items:
            continue
        lines.append(f"{pane}:")
        label_key, text_keys = PANE_TEXT[pane]
        for label, extra in items:
            serial += 1
            iid = f"i{serial}"
            fields = {label_key: label}
            lines.append(f"  - id: {iid}")
            lines.append(f"    {label_key}: {yq(label)}")
            for key, value in zip(text_keys, extra):
                lines.append(f"    {key}: {yq(value)}")
                fields[key] = value
            lines.append(f"    confidence: {draw(confidences)}")
            q = None
            if pane in QUANTITY_FIELD and draw(st.booleans()):
                text, q = draw(quantities())
                lines.append(f"    {QUANTITY_FIELD[pane]}: {text}")
            quote = None
            if sources and draw(st.booleans()):
                sid = draw(st.sampled_from([s for s, _ in sources]))
                quote = draw(texts)
                lines.append(f"    sources: [{{source: {sid}, quote: {yq(quote)}}}]")
            expected.append((pane, iid, fields, q, quote))
    text = "\n".join(lines) + "\n"
    return text, {"title": title, "area": area, "summary": summary, "marking": marking, "items": expected}


def _quantity_matches(q, want) -> bool:
    if want[0] == "value":
        return q.value == want[1] and q.qualifier is None
    if want[0] == "qualified":
        return q.value == want[1] and q.qualifier == want[2]
    return (q.min, q.max) == (want[1], want[2])


def _shown(s: str) -> str:
    return re.sub(r"\s+", "", " ".join(visible(s, single_line=True, spaces=True).split()))


@SETTINGS
@given(situations())
def test_random_valid_situations_round_trip(case) -> None:
    text, want = case
    pf = parse_bytes(text.encode("utf-8"), FILE)
    assert pf.ok, [str(d) for d in pf.diagnostics]
    result = assemble([pf])
    assert result.ok, [str(d) for d in result.diagnostics]
    [sit] = result.situations
    assert (sit.title, sit.area or "", sit.summary or "", sit.marking or "") == (
        want["title"],
        want["area"],
        want["summary"],
        want["marking"],
    )
    assert sit.item_count == len(want["items"])
    for pane, iid, fields, q, quote in want["items"]:
        item = sit.item(iid)
        assert item is not None and item.pane == pane
        for key, value in fields.items():
            assert (getattr(item, key) or "") == value, (key, value)
        if q is not None:
            assert _quantity_matches(getattr(item, QUANTITY_FIELD[pane]), q)
        if quote is not None:
            assert (item.sources[0].quote or "") == quote

    from tui.model.brief import render_brief

    brief = render_brief(sit, fmt="text")
    assert not CONTROL.search(brief)
    flat = re.sub(r"\s+", "", brief)
    for _pane, _iid, fields, _q, _quote in want["items"]:
        label = next(iter(fields.values()))
        shown = _shown(label)[:30]
        assert shown in flat, (label, shown)


# -- mutations --------------------------------------------------------------------------------


def _valid_texts() -> list[str]:
    small = (
        "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
        "sources:\n  r:\n    name: Reuters\n    reliability: B\n"
        "fronts:\n  - name: North\n    status: holding\n    depth_km: {value: 20, qualifier: up_to}\n"
        '    sources: [{source: r, quote: "held"}]\n'
        "events:\n  - what: Shelling\n    date: {at: 2024-08-07, approx: true}\n    count: 3\n"
    )
    return [small, DATA.read_text("utf-8")]


VALID = _valid_texts()


@st.composite
def mutated(draw):
    base = draw(st.sampled_from(VALID))
    lines = base.split("\n")
    ops = draw(
        st.lists(
            st.sampled_from(["delete", "indent", "type", "truncate", "flip", "insert", "dup"]), min_size=1, max_size=4
        )
    )
    data = None
    for op in ops:
        if data is not None:  # byte-level already: stay there
            lines = data.decode("utf-8", "replace").split("\n")
            data = None
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "indent" and lines:
            stripped = lines[i].lstrip(" ")
            lines[i] = " " * draw(st.integers(0, 12)) + stripped
        elif op == "type" and lines and ":" in lines[i]:
            key, _, _ = lines[i].partition(":")
            junk = draw(
                st.sampled_from(
                    [
                        "[1, 2]",
                        "{a: b}",
                        "42",
                        "-1.5",
                        "true",
                        "null",
                        '""',
                        "~",
                        "!!binary aGk=",
                        "&a x",
                        "*a",
                        "|",
                        ">-",
                        "[",
                        "{",
                    ]
                )
            )
            lines[i] = f"{key}: {junk}"
        elif op == "insert":
            lines.insert(i, draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=20)))
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op in ("truncate", "flip"):
            data = "\n".join(lines).encode("utf-8")
            if op == "truncate":
                data = data[: draw(st.integers(0, len(data)))]
            else:
                buf = bytearray(data)
                for _ in range(draw(st.integers(1, 8))):
                    if buf:
                        j = draw(st.integers(0, len(buf) - 1))
                        buf[j] = draw(st.integers(0, 255))
                data = bytes(buf)
    if data is None:
        data = "\n".join(lines).encode("utf-8")
    return data


@settings(SETTINGS, max_examples=400)
@given(mutated())
def test_mutations_only_ever_give_placed_diagnostics(data: bytes) -> None:
    assume(data not in [v.encode() for v in VALID])
    pf = parse_bytes(data, FILE)  # must not raise
    n_lines = data.count(b"\n") + 1
    for d in pf.diagnostics:
        assert d.file == FILE
        assert 1 <= d.line <= n_lines + 1, (str(d), n_lines)
        assert d.column >= 1 and d.message
        assert "internal error" not in d.message, str(d)  # the loader's catch-all: a bug
    result = assemble([pf])  # cross-file rules on whatever survived: must not raise either
    for d in result.diagnostics + assemble([pf], for_check=True).diagnostics:  # `check`'s way too
        assert d.line >= 1 and d.column >= 1
        assert "internal error" not in d.message, str(d)
    if pf.ok:
        for sit in result.situations:
            for item in sit.items():
                assert item.id and item.pane in PANES
