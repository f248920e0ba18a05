"""Seed documents: find a quoted passage in the report a source points to (UI-free).

    read_document(path, max_bytes=...)  -> Document (never raises; `error` says what went wrong)
    find_passage(doc_text, quote)       -> Passage | None
    check_quotes(result)                -> warnings for quotes not found in their document

Matching ignores case, runs of whitespace (line breaks included) and the kind of quote
mark or dash (“ ” „ « » ‘ ’ ` ´ ' " and – — -), so a quote copied from a wrapped or
typographically different copy of the report is still found. An ellipsis (… or ...)
in the quote stands for omitted words: the pieces must appear in order.

The document text is NOT made visible here: spans index the raw text. Callers show
the pieces (`Passage.parts(text)`) through `text.visible()`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.model.types import Diagnostic, Item, LoadResult, Situation

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "Passage",
    "read_document",
    "find_passage",
    "check_quotes",
]

DEFAULT_MAX_BYTES = 4 * 1024 * 1024

_SAME = {
    **{ord(c): '"' for c in "“”„‟«»″〝〞＂"},
    **{ord(c): "'" for c in "‘’‚‛`´′‹›＇"},
    **{ord(c): "-" for c in "‐‑‒–—―−"},
    0xA0: " ",
}


@dataclass(frozen=True, slots=True)
class Document:
    """A document read for display: `text` is "" when it could not be read."""

    path: str
    text: str = ""
    error: str | None = None
    truncated: bool = False  # longer than max_bytes: only the start was read

    @property
    def ok(self) -> bool:
        return self.error is None


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a text document safely: at most `max_bytes`, UTF-8 with replacement, never raises."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        return Document(name, error="document not found")
    except IsADirectoryError:
        return Document(name, error="document is a directory, not a file")
    except PermissionError:
        return Document(name, error="document cannot be read: permission denied")
    except OSError as exc:
        return Document(name, error=f"document cannot be read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a bad path type, an odd file system
        return Document(name, error=f"document cannot be read: {type(exc).__name__}")
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(name, text=text, truncated=truncated)


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


def _normalize(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index it came from."""
    out: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        ch = ch.translate(_SAME) if ord(ch) in _SAME else ch
        if ch.isspace():
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        space = False
        folded = ch.casefold()
        for c in folded:
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
    hay, index = _normalize(doc_text)
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


# ---------------------------------------------------------------------------
# sitboard check: quotes not found in their document
# ---------------------------------------------------------------------------


def _quote_location(item: Item, ref_index: int, locators: dict[str, object]) -> tuple[str, int, int, str]:
    """(file, line, column, path) of the item's `ref_index`-th quote, as well as can be told."""
    origin = item.origin
    pane = item.pane
    if origin is None:
        return ("", 1, 1, f"{pane}[?].sources[{ref_index}].quote")
    loc = locators.get(origin.file, False)
    if loc is False:
        loc = None
        try:
            from tui.model.yamlpos import Locator

            with open(origin.file, "rb") as f:
                raw = f.read(DEFAULT_MAX_BYTES * 4)
            loc = Locator(raw.decode("utf-8", errors="replace"))
        except Exception:  # noqa: BLE001 - the warning still names the item
            loc = None
        locators[origin.file] = loc
    if loc is None:
        return (origin.file, origin.line, origin.column, f"{pane}[?].sources[{ref_index}].quote")
    try:
        idx = 0
        found = None
        while loc.has((pane, idx)) and idx < 1_000_000:  # type: ignore[attr-defined]
            if loc.value((pane, idx))[0] == origin.line:  # type: ignore[attr-defined]
                found = idx
                break
            idx += 1
        if found is None:
            return (origin.file, origin.line, origin.column, f"{pane}[?].sources[{ref_index}].quote")
        # The ref_index-th reference that has a quote in the item as written.
        quoted = [
            j
            for j in range(len(item.sources) + 64)
            if loc.has((pane, found, "sources", j, "quote"))  # type: ignore[attr-defined]
        ]
        nth = sum(1 for r in item.sources[:ref_index] if r.quote)
        j = quoted[nth] if nth < len(quoted) else ref_index
        path = (pane, found, "sources", j, "quote")
        line, col = loc.value(path)  # type: ignore[attr-defined]
        return (origin.file, line, col, f"{pane}[{found}].sources[{j}].quote")
    except Exception:  # noqa: BLE001
        return (origin.file, origin.line, origin.column, f"{pane}[?].sources[{ref_index}].quote")


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def quote_problems(situation: Situation, documents: dict[str, Document] | None = None) -> list[tuple[Item, int, str]]:
    """(item, index of the reference, message) for each quote not found in its document."""
    docs = {} if documents is None else documents
    out: list[tuple[Item, int, str]] = []
    for item in situation.items():
        for j, ref in enumerate(item.sources):
            if not ref.quote:
                continue
            src = situation.sources.get(ref.source)
            if src is None or not src.document:
                continue
            doc = docs.get(src.document)
            if doc is None:
                doc = docs[src.document] = read_document(src.document)
            if not doc.ok:
                continue  # the validator already warns about a missing document
            if find_passage(doc.text, ref.quote) is None:
                name = os.path.basename(src.document)
                out.append((item, j, f"quote not found in {ref.source!r}'s document {name}: “{_short(ref.quote)}”"))
    return out


def check_quotes(result: LoadResult | Iterable[Situation]) -> list[Diagnostic]:
    """Warnings (file:line:col of the quote) for every quote its source's document lacks."""
    situations = result.situations if isinstance(result, LoadResult) else tuple(result)
    docs: dict[str, Document] = {}
    locators: dict[str, object] = {}
    out: list[Diagnostic] = []
    for sit in situations:
        for item, j, message in quote_problems(sit, docs):
            file, line, col, path = _quote_location(item, j, locators)
            out.append(Diagnostic(file, line, col, path, message, "warning"))
    return out
