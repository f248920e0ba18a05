"""Shared fixtures. Keep it small; add, never remove."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from git_support import ENV as GIT_ENV  # git: no global or system config, a fixed identity

from tui.model.load import load
from tui.model.types import Situation
from tui.runtime.paths import default_situation_path

ROOT = Path(__file__).resolve().parent.parent

HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"


@pytest.fixture(scope="session")
def default() -> Situation:
    """The embedded default situation (data/), loaded once for the session: a Situation
    is immutable (frozen dataclasses, read-only mappings)."""
    result = load([default_situation_path()])
    assert result.ok, [str(d) for d in result.diagnostics]
    (situation,) = result.situations
    return situation


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, text_or_bytes) -> path under tmp_path; text is dedented."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(textwrap.dedent(content).encode("utf-8"))
        return path

    return _write


# The machine's settings that would change what the board or git does in a test: the
# user's sitboard variables, an SSH session (the mouse default), a tmux session (y would
# copy into the user's real tmux buffer), NO_COLOR, and git's repository variables (set when
# the tests run inside a git hook).
_MACHINE_ENV = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "TMUX", "TMUX_PANE", "NO_COLOR")
_MACHINE_ENV_PREFIXES = ("SITBOARD_", "GIT_")


@dataclass(frozen=True)
class UserDirs:
    home: Path  # $HOME
    state: Path  # $XDG_STATE_HOME: the board's state is state / "sitboard"
    config: Path  # $XDG_CONFIG_HOME: keymap.toml is config / "sitboard" / "keymap.toml"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> UserDirs:
    """Every test has its own home, state and config folders (outside its tmp_path, which
    stays the test's own), so no test reads or writes the user's real ~/.local/state,
    ~/.config/sitboard or ~/.gitconfig, and no test sees another's state. Subprocesses
    inherit them, and PYTHONPATH (this checkout). A test that sets one itself still wins."""
    base = tmp_path_factory.mktemp("user")
    dirs = UserDirs(home=base / "home", state=base / "state", config=base / "config")
    dirs.home.mkdir()
    for name in list(os.environ):
        if name in _MACHINE_ENV or name.startswith(_MACHINE_ENV_PREFIXES):
            monkeypatch.delenv(name)
    # `python -m tui` and `sitboard` in a subprocess run this checkout, not an installed copy
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("HOME", str(dirs.home))
    monkeypatch.setenv("XDG_STATE_HOME", str(dirs.state))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs.config))
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    return dirs


# Root's capabilities that read and write past any mode bits.
_DAC_CAPS = "-dac_override,-dac_read_search"


@pytest.fixture
def without_root_powers() -> list[str]:
    """A command prefix for a permission that must hold (chmod 000, a read-only folder):
    root reads and writes past any mode bits, and the tests run as root in CI containers.
    As root: util-linux `setpriv` runs the program still as root but without the two
    capabilities that override file permissions, so a file root owns with mode 000 is as
    unreadable to it as to anyone; as an ordinary user: nothing to drop. Either way the
    test runs and can fail."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "the tests run as root: they need util-linux's setpriv to drop root's file powers"
    return [setpriv, f"--inh-caps={_DAC_CAPS}", f"--bounding-set={_DAC_CAPS}", "--"]
