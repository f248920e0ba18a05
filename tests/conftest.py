"""Shared fixtures. Keep it small; add, never remove."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"


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


@pytest.fixture(autouse=True, scope="session")
def _private_state_dir(tmp_path_factory: pytest.TempPathFactory):
    """The board keeps state (last good versions, baselines, crash logs) in the user's
    state directory: tests keep theirs in a temporary one, never in ~/.local/state.
    A test that sets XDG_STATE_HOME or SITBOARD_STATE_DIR itself still wins."""
    import os

    saved = {k: os.environ.get(k) for k in ("XDG_STATE_HOME", "SITBOARD_STATE_DIR")}
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state-home"))
    os.environ.pop("SITBOARD_STATE_DIR", None)
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
