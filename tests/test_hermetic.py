"""The tests' own environment (tests/conftest.py): each test has its own home, state and
config folders, none of the machine's sitboard, SSH or tmux settings, and the tests read
only files inside the repository."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tui.runtime.config import keymap_path
from tui.runtime.paths import state_dir

if TYPE_CHECKING:
    from conftest import UserDirs

TESTS = Path(__file__).resolve().parent
SEEN: list[Path] = []


def _private(user_dirs: UserDirs) -> None:
    assert Path.home() == user_dirs.home
    assert state_dir().is_relative_to(user_dirs.state)
    assert keymap_path().is_relative_to(user_dirs.config)
    assert not [k for k in os.environ if k.startswith("SITBOARD_")]
    assert not {"SSH_CONNECTION", "SSH_TTY", "TMUX"} & set(os.environ)
    assert os.environ["GIT_CONFIG_GLOBAL"] == os.devnull
    assert user_dirs.home not in SEEN  # never another test's
    SEEN.append(user_dirs.home)


def test_a_test_has_its_own_folders(user_dirs: UserDirs) -> None:
    _private(user_dirs)


def test_the_next_test_has_other_folders(user_dirs: UserDirs) -> None:
    _private(user_dirs)


def test_no_test_names_a_path_of_this_machine() -> None:
    """Corpora and fixtures are read from tests/ (relative to the test file), never from the
    machine the tests were written on."""
    pattern = re.compile(r"""["'](/work/|/root/|~/\.(local|config)/sitboard)""")
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found
