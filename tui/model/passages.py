"""Where a quoted passage stands in a document (UI-free, no I/O).

    find_passage(doc_text, quote) -> Passage | None

Matching ignores case, runs of whitespace (line breaks included) and the kind of quote
mark or dash (“ ” „ « » ‘ ’ ` ´ ' " and – — -), so a quote copied from a wrapped or
typographically different copy of the report is still found. An ellipsis (… or ...)
in the quote stands for omitted words: the pieces must appear in order.

The folded form of a document is computed at C speed where it can be (translate,
casefold, one regex over whitespace) and kept for the few documents used last, so that
thirty quotes in a 4 MB document fold it once, not thirty times (issue 10: 28 s -> see
benchmarks in scripts/limits_bench.py).

Spans index the raw text; callers show the pieces (`Passage.parts(text)`) through
`text.visible()`.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["Folded", "Passage", "find_passage", "fold", "passage_context"]

_SAME = {  # str.translate table
    **{ord(c): '"' for c in "“”„‟«»″〝〞＂"},
    **{ord(c): "'" for c in "‘’‚‛`´′‹›＇"},
    **{ord(c): "-" for c in "‐‑‒–—―−"},
    0xA0: " ",
}


@dataclass(frozen=True, slots=True)
class Passage:
    """Where a quote stands in a document: character spans into the document text."""

    start: int  # the quote
    end: int
    sentence_start: int  # the sentence(s) around the quote
    sentence_end: int
    line: int  # 1-based line of the quote's start
    column: int  # 1-based column of the quote's start

    def quote_text(self, text: str) -> str:
        return text[self.start : self.end]

    def sentence_text(self, text: str) -> str:
        return text[self.sentence_start : self.sentence_end]

    def parts(self, text: str) -> tuple[str, str, str]:
        """(sentence before the quote, the quote, sentence after it): for highlighting."""
        return (
            text[self.sentence_start : self.start],
            text[self.start : self.end],
            text[self.end : self.sentence_end],
        )


_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")  # whitespace that is not one plain space
_FOLDED_KEEP = 4  # documents whose folded form is kept (the detail's and the check's)
_folded: OrderedDict[str, Folded] = OrderedDict()
_folded_lock = threading.Lock()


class Folded:
    """A text folded for matching (quote marks and dashes unified, casefolded, whitespace
    runs -> one space, trimmed) and the way back: `origin(i)` is the index in the raw
    text of the folded text's i-th character. Only the runs that are not a single plain
    space are remembered (a handful per line), not one index per character."""

    __slots__ = ("text", "_at", "_from", "_shift", "_index")

    def __init__(self, text: str) -> None:
        same = text.translate(_SAME)
        folded = same.casefold()
        self._index: list[int] | None = None
        self._at: list[int] = []  # where, in the folded text, a collapsed run stands
        self._from: list[int] = []  # where that run started in the raw text
        self._shift: list[int] = []  # raw - folded offset after that run
        if len(folded) != len(same):  # a character folds to several (ß -> ss): one by one
            self.text, self._index = _fold_chars(same)
            return
        body = folded.strip()
        lead = len(folded) - len(folded.lstrip()) if body else 0
        removed = 0
        for m in _ODD_SPACE.finditer(body):
            s, e = m.span()
            self._at.append(s - removed)
            self._from.append(s + lead)
            removed += e - s - 1
            self._shift.append(lead + removed)
        self._shift.insert(0, lead)
        self.text = _ODD_SPACE.sub(" ", body)

    def origin(self, i: int) -> int:
        if self._index is not None:
            return self._index[i]
        k = bisect_right(self._at, i) - 1
        if k >= 0 and self._at[k] == i:
            return self._from[k]
        return i + self._shift[k + 1]


def fold(text: str) -> Folded:
    """`Folded(text)`, kept for the last few documents (the same text is found by its
    hash, computed once per string): thirty quotes into one document fold it once."""
    with _folded_lock:
        hit = _folded.get(text)
        if hit is not None:
            _folded.move_to_end(text)
            return hit
    folded = Folded(text)
    with _folded_lock:
        _folded[text] = folded
        while len(_folded) > _FOLDED_KEEP:
            _folded.popitem(last=False)
    return folded


def _fold_chars(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        space = False
        for c in ch.casefold():
            out.append(c)
            index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\])\s*")
_OPEN_CLOSE = "\"'"


def _find_pieces(hay: str, pieces: list[str]) -> tuple[int, int] | None:
    start = end = -1
    pos = 0
    for piece in pieces:
        at = hay.find(piece, pos)
        if at < 0:
            return None
        if start < 0:
            start = at
        end = at + len(piece)
        pos = end
    return (start, end) if start >= 0 else None


_TERMINATOR = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_CLOSERS = "\"'”’»)]"
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_WINDOW = 4000  # a "sentence" longer than this is cut: the context stays readable


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _WINDOW)
    s = lo
    for m in _TERMINATOR.finditer(text, lo, start):
        s = m.end()
    for m in _PARAGRAPH.finditer(text, lo, start):
        s = max(s, m.end())
    if s == lo and lo > 0:
        nl = text.rfind("\n", lo, start)
        s = nl + 1 if nl >= 0 else lo
    while s < start and text[s].isspace():
        s += 1
    hi = min(len(text), end + _WINDOW)
    e = hi
    back = end
    while back > start and text[back - 1] in _CLOSERS:
        back -= 1
    stop = _TERMINATOR.search(text, max(start, back - 1), hi)
    if stop is not None:
        e = stop.end()
    p = _PARAGRAPH.search(text, end, hi)
    if p is not None:
        e = min(e, p.start())
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, max(e, end)


def find_passage(doc_text: str, quote: str) -> Passage | None:
    """The quote in the document (case, whitespace, quote marks and dashes ignored), or None."""
    if not doc_text or not quote or not quote.strip():
        return None
    folded = fold(doc_text)
    hay = folded.text
    needle = Folded(quote).text
    candidates = [needle]
    stripped = needle.strip(_OPEN_CLOSE + " ")
    if stripped and stripped != needle:
        candidates.append(stripped)
    span = None
    for cand in candidates:
        pieces = [p for p in _ELLIPSIS.split(cand) if p.strip()]
        if not pieces:
            continue
        span = _find_pieces(hay, pieces)
        if span is not None:
            break
    if span is None:
        return None
    start = folded.origin(span[0])
    end = folded.origin(span[1] - 1) + 1
    s, e = _sentence_bounds(doc_text, start, end)
    line = doc_text.count("\n", 0, start) + 1
    column = start - (doc_text.rfind("\n", 0, start) + 1) + 1
    return Passage(start, end, s, e, line, column)


# The context the detail shows around a quote found in its document.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
CONTEXT_MAX = 240  # characters of context either side, at most


def passage_context(text: str, passage: Passage) -> tuple[str, str, str]:
    """(before, quote, after) to show: the sentence around the quote; when the quote is
    the whole sentence, the sentence before and the one after it (same paragraph),
    each side cut to CONTEXT_MAX characters with an ellipsis."""
    before, quoted, after = passage.parts(text)
    if len((before + after).strip()) < 20:
        line_start = text.rfind("\n", 0, passage.start) + 1
        line_end = text.find("\n", passage.end)
        line_end = len(text) if line_end < 0 else line_end
        # the sentence after: up to the next sentence end within the line
        m = _SENTENCE_END.search(text, passage.sentence_end + 1, line_end)
        after_end = m.end() if m is not None else line_end
        after = text[passage.end : after_end]
        # the sentence before: from the sentence end before the previous one
        ends = [m.end() for m in _SENTENCE_END.finditer(text, line_start, passage.sentence_start)]
        start = ends[-2] if len(ends) >= 2 else line_start
        before = text[start : passage.start]
    if len(before) > CONTEXT_MAX:
        before = "…" + before[-CONTEXT_MAX:].lstrip()
    if len(after) > CONTEXT_MAX:
        after = after[:CONTEXT_MAX].rstrip() + "…"
    return before.lstrip(), quoted, after.rstrip()
