"""Real git repositories for the tests (issue 15): a bare remote, an analyst's clone that
pushes, a board's clone that follows. Only the git command line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

HEAD = "situation:\n  id: s\n  title: Test situation\n  as_of: 2024-08-07\n"

ENV = {
    "GIT_AUTHOR_NAME": "Anna Analyst",
    "GIT_AUTHOR_EMAIL": "anna@example.org",
    "GIT_COMMITTER_NAME": "Anna Analyst",
    "GIT_COMMITTER_EMAIL": "anna@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,  # the machine's ~/.gitconfig plays no part
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
}


def git(cwd: Path, *args: str, author: str | None = None, check: bool = True) -> str:
    env = {**os.environ, **ENV}
    if author:
        env.update(GIT_AUTHOR_NAME=author, GIT_COMMITTER_NAME=author)
    res = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    if check and res.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {res.stderr}")
    return res.stdout.strip()


def events(ids: list[str], what: str = "event") -> str:
    return HEAD + "events:\n" + "".join(f"  - id: {i}\n    what: {what} {i}\n" for i in ids)


def commit(repo: Path, files: dict[str, str], message: str, author: str | None = None) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", *files)
    git(repo, "commit", "-q", "-m", message, author=author)
    return git(repo, "rev-parse", "HEAD")


class Sites:
    """remote.git (bare), hq/ (the analyst, pushes), field/ (the board, follows)."""

    def __init__(self, tmp: Path) -> None:
        self.remote = tmp / "remote.git"
        git(tmp, "init", "-q", "--bare", "-b", "main", str(self.remote))
        self.hq = tmp / "hq"
        git(tmp, "clone", "-q", str(self.remote), str(self.hq))
        git(self.hq, "checkout", "-q", "-b", "main")
        commit(self.hq, {"sit/s.yaml": events(["a", "b"])}, "first picture")
        git(self.hq, "push", "-q", "-u", "origin", "main")
        self.field = tmp / "field"
        git(tmp, "clone", "-q", str(self.remote), str(self.field))

    def push(self, files: dict[str, str], message: str, author: str | None = None) -> str:
        sha = commit(self.hq, files, message, author)
        git(self.hq, "push", "-q", "origin", "main")
        return sha
