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
from array import array
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["Passage", "find_passage", "fold"]

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


_WHITESPACE = re.compile(r"\s+")
_FOLDED_KEEP = 4  # documents whose folded form is kept (the detail's and the check's)
_folded: OrderedDict[str, tuple[str, array]] = OrderedDict()
_folded_lock = threading.Lock()


def fold(text: str) -> tuple[str, array]:
    """Folded text and, for each of its characters, the index in `text` it came from
    (cached for the last few documents: the same text object is found by its hash)."""
    with _folded_lock:
        hit = _folded.get(text)
        if hit is not None:
            _folded.move_to_end(text)
            return hit
    folded = _normalize(text)
    with _folded_lock:
        _folded[text] = folded
        while len(_folded) > _FOLDED_KEEP:
            _folded.popitem(last=False)
    return folded


def _normalize(text: str) -> tuple[str, array]:
    """Quote marks and dashes unified, casefolded, whitespace runs -> one space, trimmed."""
    same = text.translate(_SAME)
    folded = same.casefold()
    if len(folded) != len(same):  # a character folds to several (ß -> ss): one by one
        return _normalize_chars(same)
    out: list[str] = []
    index = array("l")
    pos = 0
    end = len(folded)
    for m in _WHITESPACE.finditer(folded):
        s, e = m.span()
        if s > pos:
            out.append(folded[pos:s])
            index.extend(range(pos, s))
        if out and e < end:
            out.append(" ")
            index.append(s)
        pos = e
    if pos < end:
        out.append(folded[pos:])
        index.extend(range(pos, end))
    return "".join(out), index


def _normalize_chars(text: str) -> tuple[str, array]:
    out: list[str] = []
    index = array("l")
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
    m = _TERMINATOR.search(text, max(start, back - 1), hi)
    if m is not None:
        e = m.end()
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
    hay, index = fold(doc_text)
    needle, _ = _normalize(quote)
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
    start = index[span[0]]
    end = index[span[1] - 1] + 1
    s, e = _sentence_bounds(doc_text, start, end)
    line = doc_text.count("\n", 0, start) + 1
    column = start - (doc_text.rfind("\n", 0, start) + 1) + 1
    return Passage(start, end, s, e, line, column)
