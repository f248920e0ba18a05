"""Issue 10.4: source documents confined as the contract says ("Documents (tightened for
safety)"), at the moment they are opened; `check` is no oracle; FIFOs never block.
Real files, real git repositories, `sitboard check` in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from cli_support import sitboard

from tui.model.documents import (
    check_quotes,
    confine_document,
    document_root,
    read_document,
    situation_root,
)
from tui.model.load import load
from tui.model.passages import find_passage, fold

ROOT = Path(__file__).resolve().parent.parent
HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"


def situation(folder: Path, document: str, quote: str = "the words") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "s.yaml"
    f.write_text(
        HEADER
        + f"sources:\n  rep: {{name: Report, document: {document!r}}}\n"
        + f"events:\n  - what: Convoy\n    sources:\n      - {{source: rep, quote: {quote!r}}}\n",
        encoding="utf-8",
    )
    return f


def check(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return sitboard("check", *args, cwd=cwd)


# -- where a document may be --------------------------------------------------------------


def test_root_is_the_git_work_tree_else_the_folders_parent(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "sit" / "deep").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    f = repo / "sit" / "deep" / "s.yaml"
    f.write_text("x")
    assert document_root(f) == str(repo)
    plain = tmp_path / "plain" / "sit" / "s.yaml"
    plain.parent.mkdir(parents=True)
    plain.write_text("x")
    assert document_root(plain) == str(tmp_path / "plain")


def test_a_situation_in_a_virtual_environment_inside_a_checkout(tmp_path: Path) -> None:
    """The README's quick start: `.venv/` inside the git checkout, the embedded default in
    .venv/lib/.../tui/data with its documents in tui/seeds: the root is tui/, not the
    checkout (whose `.venv` would be a hidden folder on the way)."""
    repo = tmp_path / "repo"
    pkg = repo / ".venv" / "lib" / "python3" / "site-packages" / "tui"
    (pkg / "data").mkdir(parents=True)
    (pkg / "seeds").mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (pkg / "seeds" / "r.txt").write_text("He said the words today.")
    f = situation(pkg / "data", "../seeds/r.txt")
    assert document_root(f) == str(pkg)
    assert confine_document("../seeds/r.txt", str(f.parent)) == (str(pkg / "seeds" / "r.txt"), None)
    result = load([f])
    assert result.ok, [str(d) for d in result.diagnostics]
    assert read_document(pkg / "seeds" / "r.txt").ok  # the document screen, without a root
    assert check_quotes(result) == []


def test_a_document_anywhere_in_the_git_work_tree_is_allowed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "docs" / "r.txt").write_text("He said the words today.")
    f = situation(repo / "desk" / "kursk", "../../docs/r.txt")
    path, problem = confine_document("../../docs/r.txt", str(f.parent))
    assert problem is None and path == str(repo / "docs" / "r.txt")
    # outside git, two folders up is outside the root
    (tmp_path / "repo" / ".git").rename(tmp_path / "moved-git")
    path, problem = confine_document("../../docs/r.txt", str(f.parent))
    assert path == "" and "leads outside" in problem


@pytest.mark.parametrize(
    ("doc", "why"),
    [
        ("../.ssh/id_rsa", "hidden folder or file ('.ssh')"),
        (".env", "hidden folder or file ('.env')"),
        ("/etc/passwd", "not a relative path"),
        ("~/notes.txt", "not a relative path"),
        ("../../../etc/passwd", "leads outside"),
        ("a\x00b", "NUL"),
    ],
)
def test_refused_documents(tmp_path: Path, doc: str, why: str) -> None:
    f = situation(tmp_path / "situations", "r.txt")
    path, problem = confine_document(doc, str(f.parent))
    assert path == "" and why in problem


def test_a_link_into_a_hidden_folder_or_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa").write_text(KEY)
    (tmp_path.parent / f"{tmp_path.name}-outside.txt").write_text("outside")
    f = situation(tmp_path / "situations", "r.txt")
    os.symlink(tmp_path / ".ssh" / "id_rsa", tmp_path / "situations" / "key.txt")
    os.symlink(tmp_path.parent / f"{tmp_path.name}-outside.txt", tmp_path / "situations" / "out.txt")
    assert "hidden folder or file ('.ssh')" in confine_document("key.txt", str(f.parent))[1]
    assert "through a symbolic link" in confine_document("out.txt", str(f.parent))[1]


# -- at the moment it is opened --------------------------------------------------------------


def test_a_document_swapped_for_a_link_after_loading_is_refused_never_read(tmp_path: Path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("the words are in the secret")
    folder = tmp_path / "situations"
    folder.mkdir()
    (folder / "r.txt").write_text("Nothing here.")
    f = situation(folder, "r.txt")
    result = load([f])
    (sit,) = result.situations
    src = sit.sources["rep"]
    assert read_document(src.document, root=situation_root(sit)).ok
    assert len(check_quotes(result)) == 1  # "quote not found": the allowed document was read
    os.unlink(folder / "r.txt")
    os.symlink(secret, folder / "r.txt")
    for root in (situation_root(sit), None):  # the UI may not pass the root: still refused
        doc = read_document(src.document, root=root)
        assert doc.refused and doc.text == "" and "refused, not read" in doc.error
    assert check_quotes(result) == []  # no oracle: nothing is said about the secret


def test_a_fifo_as_document_never_blocks(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    f = situation(folder, "pipe.txt")
    os.mkfifo(folder / "pipe.txt")
    t = time.monotonic()
    doc = read_document(folder / "pipe.txt", root=document_root(f))
    assert not doc.ok and "named pipe" in doc.error and time.monotonic() - t < 5
    proc = check(f)  # would hang for ever on open() before: the timeout fails it
    # the contract: anything but a regular file is an error naming the field (it said
    # "document 'pipe.txt' not found", a warning, of a pipe that is there)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "s.yaml:6:33: sources.rep.document: document 'pipe.txt' is a named pipe (FIFO)" in proc.stdout
    assert "not found" not in proc.stdout


def test_a_directory_as_document_is_an_error_a_missing_one_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    f = situation(folder, "seeds")
    (folder / "seeds").mkdir()
    proc = check(f)
    assert proc.returncode == 1 and "sources.rep.document: document 'seeds' is a directory" in proc.stdout
    f = situation(tmp_path / "other", "gone.txt")
    proc = check(f)
    assert proc.returncode == 0 and "warning: sources.rep.document: document 'gone.txt' not found" in proc.stdout


def test_check_is_no_oracle_for_a_hidden_document(tmp_path: Path) -> None:
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa").write_text(KEY)
    folder = tmp_path / "situations"
    f = situation(folder, "../.ssh/id_rsa", quote="BEGIN OPENSSH PRIVATE KEY")
    proc = check(f)
    assert "BEGIN OPENSSH" not in proc.stdout.replace("quote: 'BEGIN OPENSSH PRIVATE KEY'", "")
    assert "quote not found" not in proc.stdout and "b3BlbnNz" not in proc.stdout
    f2 = situation(tmp_path / "other", "../.ssh/id_rsa", quote="nothing like it")
    assert "quote not found" not in check(f2).stdout  # found or not: the same silence
    doc = read_document(tmp_path / ".ssh" / "id_rsa")  # the document screen without a root
    assert doc.refused and doc.text == ""


# -- bounded work ---------------------------------------------------------------------------


def test_a_document_is_folded_once_for_many_quotes() -> None:
    text = "Intro. " + "filler words here. " * 1000 + "He said “We will answer”. End."
    first = fold(text)
    assert fold(text) is first and fold(str(text)) is first
    assert find_passage(text, '"we will answer"') is not None


@pytest.mark.parametrize(
    "text",
    [
        "  Straße\u00a0und  ﬁsh —\n\n “quoted”\t",
        "\n\n  Plain words, one space.  Two spaces.\tTab\r\nCRLF end \n",
        "x",
        "   ",
        "a \u2003\u00a0 b\u2028c",
    ],
)
def test_folding_maps_every_character_back(text: str) -> None:
    """Folded.origin(i) against the character-by-character fold it replaces."""
    from tui.model.passages import _SAME, Folded, _fold_chars

    want_text, want_index = _fold_chars(text.translate(_SAME))
    folded = Folded(text)
    assert folded.text == want_text
    assert [folded.origin(i) for i in range(len(folded.text))] == want_index


def test_a_quote_across_odd_whitespace_is_found_in_place() -> None:
    text = "  Straße\u00a0und  ﬁsh —\n\n “quoted”\t"
    p = find_passage(text, 'FISH - "QUOTED"')
    assert p is not None and p.quote_text(text) == "ﬁsh —\n\n “quoted”"
    text = "He said:\n\n   “We   will\n answer.”  Then left."
    p = find_passage(text, "we will answer")
    assert p is not None and p.quote_text(text) == "We   will\n answer"


def test_quote_warnings_are_placed_for_many_items(tmp_path: Path) -> None:
    folder = tmp_path / "situations"
    folder.mkdir()
    (folder / "r.txt").write_text("Only these words are here.")
    lines = [HEADER, "sources:\n  rep: {name: Report, document: r.txt}\n", "events:\n"]
    for i in range(300):
        quote = "these words" if i % 2 else f"missing {i}"
        lines.append(f"  - what: e{i}\n    sources:\n      - {{source: rep, quote: '{quote}'}}\n")
    (folder / "s.yaml").write_text("".join(lines))
    warnings = check_quotes(load([folder]))
    assert len(warnings) == 150
    assert [(w.path, w.line) for w in warnings[:2]] == [
        ("events[0].sources[0].quote", 10),
        ("events[2].sources[0].quote", 16),
    ]
