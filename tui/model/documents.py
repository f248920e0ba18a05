"""Source documents: where they may be, reading them safely, and checking quotes in them.

The contract ("Documents (tightened for safety)"): a source `document` resolves, after
symbolic links and at the moment it is opened, to a regular file inside the situation's
root (the git work tree that holds the situation file, or else the file's folder and its
parent), with no hidden path component. Anything else is refused and never read.

    document_root(situation_file)           -> the root its documents must stay in
    confine_document(doc, folder)           -> (path, None) or ("", why): for the validator
    read_document(path, root=...)           -> Document (never raises; `error` says why not)
    situation_root(situation)               -> the root of a loaded situation (for the UI)
    check_quotes(result)                    -> `check`'s warnings for quotes not found

A refused document is never opened, so `check` says nothing about what it holds (no
oracle): quotes are checked only against documents that were allowed and read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from tui.model.passages import Passage, find_passage
from tui.model.safeopen import hidden_part, inside, read_regular
from tui.model.types import LISTS, Diagnostic, Item, LoadResult, Situation
from tui.model.yamlpos import Locator

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_RULE",
    "Document",
    "Passage",
    "check_quotes",
    "confine_document",
    "document_root",
    "folder_root",
    "find_passage",
    "read_document",
    "situation_root",
]

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
DOCUMENT_RULE = (
    "document must be a relative path to a file inside the situation's git work tree"
    " (or, outside git, its folder or their parent), with no hidden folder, e.g. ../seeds/report.txt"
)
_MAX_LEVELS = 256  # folders walked up looking for .git


def document_root(situation_file: str | os.PathLike[str], *, follow: bool = True) -> str:
    """The root a situation file's documents must stay in: the nearest folder above it
    holding `.git` (a git work tree; `.git` may be a file in a linked work tree), else the
    parent of the file's folder. `follow=False`: from where the path says the file is, not
    from where a symbolic link in its place leads."""
    name = os.fspath(situation_file)
    return folder_root(os.path.dirname(os.path.realpath(name) if follow else os.path.abspath(name)))


def folder_root(folder: str) -> str:
    """`document_root` of the files in `folder` (an absolute path). The walk up stops at a
    hidden folder: a file under `.venv/` or `.local/` (the embedded default, installed in a
    virtual environment inside a git checkout) is not in that checkout's work tree."""
    at = folder
    for _ in range(_MAX_LEVELS):
        if os.path.basename(at).startswith("."):
            break
        if os.path.lexists(os.path.join(at, ".git")):
            return at
        up = os.path.dirname(at)
        if up == at:
            break
        at = up
    return os.path.dirname(folder)


def situation_root(situation: Situation) -> str | None:
    """The root of a loaded situation's documents (that of its first part), or None."""
    files = situation.files or ((situation.origin.file,) if situation.origin else ())
    return document_root(files[0]) if files else None


def confine_document(doc: str, base_dir: str, root: str | None = None) -> tuple[str, str | None]:
    """`document:` as written in a file of `base_dir` -> (absolute path, None), or ("",
    why it is refused). `root`: `folder_root(base_dir)`, worked out when not given.

    Checked at validation; checked again when the document is opened (`read_document`):
    a file that changes into something else in between is refused then."""
    if "\x00" in doc:
        return "", f"{DOCUMENT_RULE}; found a path with a NUL character"
    if os.path.isabs(doc) or doc.startswith("~"):
        return "", f"{DOCUMENT_RULE}; found {doc!r}, which is not a relative path"
    hidden = next((p for p in doc.replace("\\", "/").split("/") if p.startswith(".") and p not in (".", "..")), None)
    if hidden is not None:
        return "", f"{DOCUMENT_RULE}; {doc!r} goes through a hidden folder or file ({hidden!r})"
    base = os.path.abspath(base_dir)
    resolved = os.path.normpath(os.path.join(base, doc))
    try:
        real_root = root or folder_root(os.path.realpath(base))
        real = os.path.realpath(resolved)
    except (OSError, ValueError) as exc:
        return "", f"{DOCUMENT_RULE}; {doc!r} cannot be resolved ({exc})"
    if not inside(real, real_root):
        lexical = os.path.normpath(os.path.join(os.path.realpath(base), doc))
        how = " through a symbolic link" if inside(lexical, real_root) else ""
        return "", f"{DOCUMENT_RULE}; {doc!r} leads outside {real_root}{how} (to {real})"
    hidden = hidden_part(real, real_root)
    if hidden is not None:
        return "", f"{DOCUMENT_RULE}; {doc!r} leads into a hidden folder or file ({hidden!r}) through a symbolic link"
    return resolved, None


@dataclass(frozen=True, slots=True)
class Document:
    """A document read for display: `text` is "" when it could not be read."""

    path: str
    text: str = ""
    error: str | None = None
    truncated: bool = False  # longer than max_bytes: only the start was read
    refused: bool = False  # outside its root, hidden, a link or a FIFO swapped in: never read

    @property
    def ok(self) -> bool:
        return self.error is None


def read_document(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, *, root: str | None = None
) -> Document:
    """Read a source's document safely, never raising: confined to `root` (the situation's,
    from `document_root(situation_file)` or `situation_root(situation)`; when not given,
    the root is worked out from the document's own place, which still refuses a link
    swapped in that leads to another tree or into a hidden folder), a regular file only
    (a FIFO never blocks), at most `max_bytes`, UTF-8 with replacement."""
    try:
        name = os.fspath(path)
        if root is None:
            root = document_root(name, follow=False)
        got = read_regular(name, max_bytes, root=root, what="document", partial=True)
    except (OSError, ValueError, TypeError) as exc:  # a bad path type, a NUL, an odd file system
        return Document(str(path), error=f"document cannot be read: {type(exc).__name__}")
    if got.data is not None:
        return Document(name, text=_text(got.data), truncated=got.too_big)
    problem = got.problem or "unknown error"
    if got.refused:
        return Document(name, error=f"document refused, not read: {problem}", refused=True)
    if problem == "No such file or directory":
        return Document(name, error="document not found")
    if "directory" in problem:
        return Document(name, error="document is a directory, not a file")
    if problem == "Permission denied":
        return Document(name, error="document cannot be read: permission denied")
    return Document(name, error=f"document cannot be read: {problem}")


def _text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# sitboard check: quotes not found in their document
# ---------------------------------------------------------------------------

# Work bound for one `check`: characters searched (quotes x document size). The seed
# documents are a few KB; this only stops a pathological file (thousands of quotes into
# a 4 MB document) from running for minutes.
SEARCH_BUDGET = 4_000_000_000


class _Places:
    """Where each item's quotes stand in its file, found in one pass per file."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[Locator, dict[tuple[str, int], int]] | None] = {}

    def _index(self, file: str) -> tuple[Locator, dict[tuple[str, int], int]] | None:
        if file in self._files:
            return self._files[file]
        entry = None
        try:
            got = read_regular(file, 64 * 1024 * 1024, what="file")
            if got.data is not None:
                loc = Locator(got.data.decode("utf-8", errors="replace"))
                lines: dict[tuple[str, int], int] = {}
                for pane in LISTS:
                    idx = 0
                    while loc.has((pane, idx)):
                        lines.setdefault((pane, loc.value((pane, idx))[0]), idx)
                        idx += 1
                entry = (loc, lines)
        except Exception:  # noqa: BLE001 - the warning still names the item
            entry = None
        self._files[file] = entry
        return entry

    def of(self, item: Item, ref_index: int) -> tuple[str, int, int, str]:
        """(file, line, column, path) of the item's `ref_index`-th quote, as well as can be told."""
        origin = item.origin
        pane = item.pane
        unknown = f"{pane}[?].sources[{ref_index}].quote"
        if origin is None:
            return ("", 1, 1, unknown)
        entry = self._index(origin.file)
        found = None if entry is None else entry[1].get((pane, origin.line))
        if entry is None or found is None:
            return (origin.file, origin.line, origin.column, unknown)
        loc = entry[0]
        quoted = [j for j in range(len(item.sources) + 64) if loc.has((pane, found, "sources", j, "quote"))]
        nth = sum(1 for r in item.sources[:ref_index] if r.quote)
        j = quoted[nth] if nth < len(quoted) else ref_index
        line, col = loc.value((pane, found, "sources", j, "quote"))
        return (origin.file, line, col, f"{pane}[{found}].sources[{j}].quote")


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def quote_problems(
    situation: Situation, documents: dict[str, Document] | None = None, budget: list[int] | None = None
) -> list[tuple[Item, int, str]]:
    """(item, index of the reference, message) for each quote not found in its document.
    Documents are read once per call (or per `documents` cache), confined to the
    situation's root; a refused one is never read and its quotes are not checked."""
    docs = {} if documents is None else documents
    left = budget if budget is not None else [SEARCH_BUDGET]
    root = situation_root(situation)
    out: list[tuple[Item, int, str]] = []
    for item in situation.all_items():
        for j, ref in enumerate(getattr(item, "sources", ())):
            if not ref.quote:
                continue
            src = situation.sources.get(ref.source)
            if src is None or not src.document:
                continue
            doc = docs.get(src.document)
            if doc is None:
                doc = docs[src.document] = read_document(src.document, root=root)
            if not doc.ok:
                continue  # missing: the validator warns; refused: never read, nothing said
            left[0] -= len(doc.text)
            if left[0] < 0:
                return out
            if find_passage(doc.text, ref.quote) is None:
                name = os.path.basename(src.document)
                out.append(
                    (
                        item,
                        j,
                        f"quote not found in {name}, the document of source {ref.source!r}: “{_short(ref.quote)}”",
                    )
                )
    return out


def check_quotes(result: LoadResult | Iterable[Situation]) -> list[Diagnostic]:
    """Warnings (file:line:col of the quote) for every quote its source's document lacks."""
    situations = result.situations if isinstance(result, LoadResult) else tuple(result)
    docs: dict[str, Document] = {}
    places = _Places()
    budget = [SEARCH_BUDGET]
    out: list[Diagnostic] = []
    for sit in situations:
        for item, j, message in quote_problems(sit, docs, budget):
            file, line, col, path = places.of(item, j)
            out.append(Diagnostic(file, line, col, path, message, "warning"))
        if budget[0] < 0:
            file = sit.files[0] if sit.files else ""
            out.append(
                Diagnostic(file, 1, 1, "", "quote checks stopped: too many quotes into too long documents", "warning")
            )
            break
    return out
