"""Text -> plain data: YAML 1.2 meaning, hostile input, limits, and positions of problems."""

from __future__ import annotations

import textwrap

import pytest

from tui.model.limits import Limits
from tui.model.load import assemble, parse_bytes, parse_file
from tui.model.yamlpos import Locator
from tui.model.yamlread import EMPTY_MESSAGE, decode, parse_text

HEADER = "situation: {id: demo, title: Demo, as_of: 2024-08-09T12:00:00+03:00}\n"


def parse(text: str | bytes, limits: Limits | None = None):
    data = text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8")
    return parse_bytes(data, "f.yaml", limits or Limits())


def only(pf):
    assert len(pf.diagnostics) == 1, [str(d) for d in pf.diagnostics]
    return pf.diagnostics[0]


def test_yaml_12_core_schema_norway_and_friends_stay_text():
    res = parse_text(HEADER + "x-a: yes\nx-b: no\nx-c: NO\nx-d: on\nx-e: off\nx-f: y\nx-g: 0x1F\nx-h: true\n", "f.yaml")
    assert res.diagnostics == []
    d = res.data
    assert (d["x-a"], d["x-b"], d["x-c"], d["x-d"], d["x-e"], d["x-f"]) == ("yes", "no", "NO", "on", "off", "y")
    assert d["x-g"] == 31 and d["x-h"] is True


def test_dates_stay_strings_until_validated():
    res = parse_text(HEADER + "x-d: 2024-08-07\n", "f.yaml")
    assert res.data["x-d"] == "2024-08-07"


def test_duplicate_keys_all_reported_with_both_positions():
    pf = parse(
        """\
        situation:
          id: demo
          title: Demo
          as_of: 2024-08-09
        fronts:
          - name: A
            status: holding
            status: quiet
          - name: B
            note: x
            note: y
        """
    )
    assert not pf.ok
    got = [(d.line, d.column, d.path, d.message) for d in pf.diagnostics]
    assert got == [
        (8, 5, "fronts[0].status", "duplicate key 'status' (first at line 7); PyYAML would silently keep the last one"),
        (11, 5, "fronts[1].note", "duplicate key 'note' (first at line 10); PyYAML would silently keep the last one"),
    ]


def test_keys_one_and_true_collide_like_yaml_rs():
    pf = parse(HEADER + "x-m:\n  1: a\n  true: b\n")
    d = only(pf)
    assert (d.line, d.column) == (4, 3)
    assert "duplicate key 'true' (first at line 3)" in d.message


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system"])
def test_python_tags_are_refused_and_nothing_runs(tmp_path, tag):
    marker = tmp_path / "marker"
    text = HEADER + f"x-evil: {tag} ['touch {marker}']\n"
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    pf = parse_file(path)
    d = only(pf)
    assert (d.line, d.column, d.path) == (2, 9, "x-evil")
    assert d.message.startswith("tags are not allowed in situation files: found '" + tag.split(" ")[0])
    assert not marker.exists()
    # The rest of the file is validated and shown (as if untagged: plain data); the tag
    # stays an error (`check` fails).
    assert not pf.ok
    assert all(type(v) in (str, list) for _k, v in pf.extensions)
    assert assemble([pf]).situations[0].extensions == pf.extensions


def test_every_custom_tag_is_reported_with_position():
    pf = parse(HEADER + "x-a: !foo bar\nx-b:\n  - !!set {a}\n  - !!str ok\n")
    got = [(d.line, d.column, d.path) for d in pf.diagnostics]
    assert got == [(2, 6, "x-a"), (4, 5, "x-b[0]")]
    assert "'!foo'" in pf.diagnostics[0].message and "'!!set'" in pf.diagnostics[1].message


def test_standard_tags_are_fine():
    assert parse(HEADER + "x-a: !!str 5\nx-b: !!int '3'\n").ok


def test_syntax_error_position_and_reason():
    d = only(parse(HEADER + "fronts: [1,\n"))
    assert (d.line, d.column) == (2, 9)
    assert d.message == "YAML syntax error: unclosed bracket '['"


def test_syntax_error_mapping_in_plain_scalar():
    d = only(parse(HEADER + "x-a: b: c\n"))
    assert (d.line, d.column) == (2, 7)
    assert d.message == "YAML syntax error: mapping values are not allowed in this context"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# and another\n", "---\n"])
def test_empty_file(text):
    d = only(parse(text.encode()))
    assert (d.line, d.column, d.message) == (1, 1, EMPTY_MESSAGE)


def test_two_documents_are_refused():
    d = only(parse(HEADER + "---\n" + HEADER))
    assert (d.line, d.column) == (2, 1)
    assert "more than one YAML document" in d.message


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "a list"), ("hello\n", "text (5 characters)"), ("42\n", "a number")],
)
def test_top_level_must_be_a_mapping(text, found):
    d = only(parse(text.encode()))
    assert (d.line, d.column) == (1, 1)
    assert d.message == f"expected a mapping with `situation:` at the top, found {found}"


def test_binary_junk_is_not_a_text_file():
    d = only(parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert (d.line, d.column) == (3, 1)
    assert d.message.startswith("not a text file")


def test_nul_byte_in_the_middle():
    d = only(parse(HEADER.encode() + b"x-a: ab\x00c\n"))
    assert (d.line, d.column) == (2, 8)
    assert "NUL" in d.message


def test_invalid_utf8_names_line_and_column():
    d = only(parse(HEADER.encode() + b"x-a: caf\xe9 au lait\n"))
    assert (d.line, d.column) == (2, 9)
    assert d.message.startswith("not valid UTF-8: byte 0xe9 at line 2, column 9")


def test_utf16_is_refused_clearly():
    d = only(parse(HEADER.encode("utf-16")))
    assert "UTF-16" in d.message


def test_bom_is_dropped_and_crlf_is_fine():
    pf = parse(b"\xef\xbb\xbf" + HEADER.replace("\n", "\r\n").encode() + b"x-a: 1\r\n")
    assert pf.ok, [str(d) for d in pf.diagnostics]
    assert pf.situation_id == "demo"
    assert pf.extensions == (("x-a", 1),)


def test_crlf_positions_still_count_lines():
    d = only(parse(HEADER.replace("\n", "\r\n") + "x-a: 1\r\nx-a: 2\r\n"))
    assert (d.line, d.column) == (3, 1)


def test_decode_reports_text_without_bom():
    text, problem = decode(b"\xef\xbb\xbfa: 1\n", "f")
    assert text == "a: 1\n" and problem is None


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_an_error_not_a_hang():
    d = only(parse(BILLION_LAUGHS.encode()))
    assert (d.line, d.column) == (1, 1)
    assert "aliases expand to too much data" in d.message
    assert "SITBOARD_MAX_ALIAS_EVENTS" in d.message


def test_small_alias_use_is_fine():
    pf = parse(HEADER + "x-a: &x [1, 2]\nx-b: *x\n")
    assert pf.ok and dict(pf.extensions)["x-b"] == [1, 2]


def test_deep_nesting_over_our_limit():
    text = HEADER + "x-deep:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(12)) + "  " * 13 + "end: 1\n"
    d = only(parse(text, Limits(max_depth=10)))
    # depth 1 = the top mapping, 2 = x-deep's value {k0: ...}; depth 11 = k8's value {k9: ...},
    # which starts at `k9:` (line 12, column 21)
    assert (d.line, d.column) == (12, 21)
    assert d.path.endswith("k7.k8")
    assert "nested too deeply: more than 10 levels" in d.message and "SITBOARD_MAX_DEPTH" in d.message
    assert parse(text, Limits(max_depth=20)).ok


def test_deep_flow_nesting_over_parser_limit():
    d = only(parse(HEADER + "x-deep: " + "[" * 400 + "]" * 400 + "\n"))
    assert d.line == 2 and d.column > 200
    assert "nested too deeply" in d.message


def test_size_limit_checked_before_reading(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(HEADER.encode() + b"x-pad: '" + b"a" * 5000 + b"'\n")
    d = only(parse_file(path, Limits(max_file_mb=0.001)))
    assert (d.line, d.column) == (1, 1)
    assert "too big" in d.message and "SITBOARD_MAX_FILE_MB" in d.message
    assert parse_file(path, Limits(max_file_mb=1)).ok


def test_too_many_items():
    text = HEADER + "events:\n" + "".join(f"  - what: e{i}\n" for i in range(6))
    d = only(parse(text, Limits(max_items=5)))
    assert "too many items: 6, over the limit of 5" in d.message and "SITBOARD_MAX_ITEMS" in d.message
    assert parse(text, Limits(max_items=6)).ok


def test_limits_from_env():
    lim = Limits.from_env(
        {
            "SITBOARD_MAX_FILE_MB": "2",
            "SITBOARD_MAX_ITEMS": "10",
            "SITBOARD_MAX_DEPTH": "nonsense",
            "SITBOARD_MAX_ALIAS_EVENTS": "-5",
        }
    )
    assert lim == Limits(max_file_mb=2, max_items=10, max_depth=64, max_alias_events=1_000_000)
    assert lim.max_file_bytes == 2 * 1024 * 1024


def test_locator_paths_and_ancestor_fallback():
    text = textwrap.dedent(
        """\
        situation:
          id: demo
        fronts:
          - name: A
            sides: [x, y]
          - {name: B, status: quiet}
        """
    )
    loc = Locator(text)
    assert loc.value(("fronts",)) == (4, 3)
    assert loc.value(("fronts", 0, "sides", 1)) == (5, 16)
    assert loc.key(("fronts", 1, "status")) == (6, 15)
    assert loc.value(("fronts", 1, "status")) == (6, 23)
    assert loc.value(("fronts", 1, "nope", 3)) == (6, 5)  # nearest ancestor
    assert loc.value(("missing",)) == (1, 1)


def test_locator_survives_text_pyyaml_cannot_read():
    loc = Locator("a: [1,\nb: {\n", fallback=(1, 4))
    assert loc.value(("zzz",)) == (1, 4)
    assert loc.failed


def test_duplicate_keys_do_not_hide_the_validation_errors():
    # Issue 2: the duplicate is reported AND the rest is validated, on the data PyYAML
    # would keep (the last value of each repeated key), each error at its place.
    pf = parse(
        """\
        situation:
          id: demo
          title: Demo
          as_of: 2024-08-09
        fronts:
          - name: A
            status: holding
            status: quiet
            confidence: sure
          - name: B
            depth_km: {value: 5}
            depth_km:
              value: -1
        """
    )
    assert not pf.ok
    got = [(d.line, d.column, d.path, d.message.split(";")[0]) for d in pf.diagnostics]
    assert got == [
        (8, 5, "fronts[0].status", "duplicate key 'status' (first at line 7)"),
        (12, 5, "fronts[1].depth_km", "duplicate key 'depth_km' (first at line 11)"),
        (9, 17, "fronts[0].confidence", "'sure' is not one of verified, reported, claimed, disputed, unconfirmed"),
        # the value that is kept is the last one, and its position is the one shown
        (13, 14, "fronts[1].depth_km.value", "expected a number of zero or more, found -1"),
    ]
    # the board shows what validates (here: no front) and the errors
    (sit,) = assemble([pf]).situations
    assert [f for f in sit.fronts if not hasattr(f, "problems")] == []


def test_duplicate_key_last_value_wins_like_pyyaml():
    pf = parse(HEADER + "fronts:\n  - name: A\n    status: holdin\n    status: holding\n")
    # the first (bad) value is not validated: only the last one counts
    assert [d.message.split(" (")[0] for d in pf.diagnostics] == ["duplicate key 'status'"]


def test_duplicate_whole_list_positions_follow_the_last_one():
    pf = parse(HEADER + "fronts:\n  - name: A\nfronts:\n  - name: B\n    status: nope\n")
    got = [(d.line, d.column, d.path) for d in pf.diagnostics]
    assert got == [(4, 1, "fronts"), (6, 13, "fronts[0].status")]


def test_tags_do_not_hide_the_validation_errors():
    pf = parse(HEADER + "fronts:\n  - name: !foo A\n    status: nope\n")
    got = [(d.line, d.column, d.path, d.message[:30]) for d in pf.diagnostics]
    assert got == [
        (3, 11, "fronts[0].name", "tags are not allowed in situat"),
        (4, 13, "fronts[0].status", "'nope' is not one of advancing"),
    ]
    assert [f for f in assemble([pf]).situations[0].fronts if not hasattr(f, "problems")] == []


def test_duplicate_after_a_syntax_error_is_not_validated():
    # a syntax error: nothing can be read, only what PyYAML saw before the break
    pf = parse(HEADER + "x-a: 1\nx-a: 2\nfronts: [1,\n")
    assert [d.message.split(" (")[0].split(":")[0] for d in pf.diagnostics] == [
        "YAML syntax error",
        "duplicate key 'x-a'",
    ]


# ---------------------------------------------------------------- scalars as written


@pytest.mark.parametrize(
    ("written", "read_as", "text"),
    [
        ("08", 8, "08"),
        ("1945", 1945, "1945"),
        ("007", 7, "007"),
        ("1e3", 1000.0, "1e3"),
        ("0x1F", 31, "0x1F"),
        ("+12", 12, "+12"),
        ("1.50", 1.5, "1.50"),
        ("true", True, "true"),
        ("null", None, "null"),
        (".inf", float("inf"), ".inf"),
    ],
)
def test_plain_scalars_keep_their_source_text(written, read_as, text):
    res = parse_text(HEADER + f"statements:\n  - actor: {written}\n    quote: x\n", "f.yaml")
    assert res.data["statements"][0]["actor"] == read_as
    assert res.locator.scalar_text(("statements", 0, "actor")) == text


def test_scalar_text_is_none_for_text_quoted_and_containers():
    res = parse_text(
        HEADER + "statements:\n  - actor: yes\n    quote: '08'\n    role: \"1945\"\n    x-l: [1]\n    x-m: {a: 1}\n",
        "f.yaml",
    )
    loc = res.locator
    assert res.data["statements"][0]["actor"] == "yes"  # YAML 1.2: already text
    for key in ("actor", "quote", "role", "x-l", "x-m"):
        assert loc.scalar_text(("statements", 0, key)) is None, key
    assert loc.scalar_text(("statements", 0, "x-l", 0)) == "1"


def test_scalar_text_in_flow_lists_and_folded_plain_scalars():
    res = parse_text(HEADER + "fronts:\n  - name: 1945\n    sides: [08, 2024]\n    note: 12\n      34\n", "f.yaml")
    loc = res.locator
    assert loc.scalar_text(("fronts", 0, "sides", 0)) == "08"
    assert loc.scalar_text(("fronts", 0, "sides", 1)) == "2024"
    assert res.data["fronts"][0]["note"] == "12 34"  # folded: text already, nothing kept
    assert loc.scalar_text(("fronts", 0, "note")) == "12 34"


def test_scalar_text_follows_the_last_of_repeated_keys():
    res = parse_text(HEADER + "x-a:\n  n: 08\n  n: 'q'\nx-b:\n  n: a\n  n: 09\n", "f.yaml")
    assert res.locator.scalar_text(("x-a", "n")) is None
    assert res.locator.scalar_text(("x-b", "n")) == "09"
