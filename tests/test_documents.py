"""tui.model.documents: quotes found in seed documents; `check` warns when one is not."""

from __future__ import annotations

from pathlib import Path

from cli_support import sitboard

from tui.model.documents import check_quotes, find_passage, read_document
from tui.model.load import load
from tui.runtime.paths import default_situation_path

ROOT = Path(__file__).resolve().parent.parent

DOC = (
    "First sentence here. Over 76,000 people have been evacuated\n"
    "from areas bordering Ukraine, said the ministry. Third one!\n"
    "\n"
    "He stated, \u201cWe will answer.\u201d Then he left.\n"
)


def test_find_passage_exact_and_sentence() -> None:
    p = find_passage(DOC, "Over 76,000 people have been evacuated")
    assert p is not None
    assert p.quote_text(DOC) == "Over 76,000 people have been evacuated"
    assert p.sentence_text(DOC) == (
        "Over 76,000 people have been evacuated\nfrom areas bordering Ukraine, said the ministry."
    )
    assert (p.line, p.column) == (1, 22)
    before, quote, after = p.parts(DOC)
    assert before == "" and quote.startswith("Over") and after.endswith("ministry.")


def test_find_passage_ignores_case_whitespace_and_line_breaks() -> None:
    p = find_passage(DOC, "  EVACUATED   from areas  ")
    assert p is not None and p.quote_text(DOC) == "evacuated\nfrom areas"
    assert p.line == 1


def test_find_passage_ignores_kind_of_quote_marks() -> None:
    p = find_passage(DOC, 'stated, "We will answer."')
    assert p is not None
    assert p.quote_text(DOC) == "stated, \u201cWe will answer.\u201d"
    assert p.sentence_text(DOC) == "He stated, \u201cWe will answer.\u201d"
    assert p.line == 4 and p.column == 4


def test_find_passage_strips_surrounding_quote_marks_and_follows_ellipsis() -> None:
    assert find_passage(DOC, "\u201cThird one!\u201d") is not None
    p = find_passage(DOC, "Over 76,000 people … said the ministry")
    assert p is not None and p.quote_text(DOC).endswith("said the ministry")


def test_find_passage_not_found() -> None:
    assert find_passage(DOC, "Over 80,000 people") is None
    assert find_passage(DOC, "") is None
    assert find_passage("", "anything") is None
    # the pieces around an ellipsis must come in order
    assert find_passage(DOC, "said the ministry … Over 76,000") is None


def test_read_document_is_safe(tmp_path: Path) -> None:
    missing = read_document(tmp_path / "nope.txt")
    assert not missing.ok and missing.text == "" and "not found" in missing.error
    assert "directory" in read_document(tmp_path).error
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xef\xbb\xbfok \xff\xfe then\r\nnext\rline")
    doc = read_document(bad)
    assert doc.ok and doc.text == "ok \ufffd\ufffd then\nnext\nline"
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5000)
    cut = read_document(big, max_bytes=1000)
    assert cut.ok and cut.truncated and len(cut.text) == 1000
    assert read_document("bad\x00path").ok is False  # never raises


def test_every_quote_of_the_default_is_in_its_seed_document() -> None:
    result = load([default_situation_path()])
    assert check_quotes(result) == []
    sit = result.situations[0]
    doc = read_document(sit.sources["seed"].document)
    evac = sit.item("kursk-border-evacuation")
    p = find_passage(doc.text, evac.sources[0].quote)
    assert p is not None and p.line == 1 and "76,000" in p.sentence_text(doc.text)


SPLIT_HEAD = """\
situation:
  id: split
  title: Split
  as_of: 2024-08-09
sources:
  seed: {name: Seed, document: seed.txt}
  wire: {name: Wire}
"""

SPLIT_PART = """\
situation: {id: split}
events:
  - id: good
    what: Found
    sources:
      - {source: seed, quote: "over 76,000 PEOPLE"}
  - id: bad
    what: Not found
    sources:
      - wire
      - source: seed
        quote: "found it"
      - source: seed
        quote: "seventy thousand"
"""


def _split(tmp_path: Path) -> Path:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "seed.txt").write_text(DOC, encoding="utf-8")
    (d / "head.yaml").write_text(SPLIT_HEAD, encoding="utf-8")
    (d / "part.yaml").write_text(SPLIT_PART, encoding="utf-8")
    return d


def test_check_quotes_warns_with_the_quote_position(tmp_path: Path) -> None:
    d = _split(tmp_path)
    result = load([d])
    assert result.ok
    warnings = check_quotes(result)
    assert len(warnings) == 2
    first, second = warnings
    assert first.severity == "warning"
    assert first.file == str(d / "part.yaml")
    assert (first.line, first.column) == (12, 16)
    assert first.path == "events[1].sources[1].quote"
    assert "found it" in first.message and "seed.txt" in first.message
    assert (second.line, second.path) == (14, "events[1].sources[2].quote")


def test_sitboard_check_prints_the_quote_warning(tmp_path: Path) -> None:
    d = _split(tmp_path)
    proc = sitboard("check", d)
    assert proc.returncode == 0, proc.stderr  # warnings do not fail
    assert f"{d / 'part.yaml'}:12:16: warning: events[1].sources[1].quote: quote not found" in proc.stdout
    assert "(2 warnings)" in proc.stdout


NEW_LISTS_PART = """\
situation: {id: split}
figures:
  - id: evacuated
    label: evacuated
    value: 76000
    sources:
      - {source: seed, quote: "over 76,000 people"}
      - {source: seed, quote: "seventy-six thousand"}
judgments:
  - id: j
    text: A judgment
    sources:
      - {source: seed, quote: "said the agency"}
watch:
  - id: w
    what: What to watch
    sources:
      - {source: seed, quote: "We will answer."}
"""


def test_quotes_in_the_new_lists_are_checked_and_placed(tmp_path: Path) -> None:
    # figures, judgments, watch (the December 2026 lists) were left out: a figure quoted
    # wrongly from the seed passed `check` without a word
    d = _split(tmp_path)
    (d / "part.yaml").write_text(NEW_LISTS_PART, encoding="utf-8")
    result = load([d])
    assert result.ok, [str(x) for x in result.diagnostics]
    got = [(w.file, w.line, w.column, w.path) for w in check_quotes(result)]
    part = str(d / "part.yaml")
    assert got == [
        (part, 8, 31, "figures[0].sources[1].quote"),
        (part, 13, 31, "judgments[0].sources[0].quote"),
    ]
