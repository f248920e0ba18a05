"""The real `sitboard` in a subprocess: `python -m tui` of this checkout, in the test's own
environment (tests/conftest.py: PYTHONPATH is the checkout; home, state and config folders
are the test's own; none of the machine's SITBOARD_* settings)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sitboard(
    *args: object, cwd: Path = ROOT, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`sitboard ARGS` with stdin closed and its output as text; `env` adds to the test's own."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def python(
    code: str, *args: object, cwd: Path = ROOT, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -c CODE ARGS` with this checkout importable, as `sitboard` runs."""
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def assert_clean(proc: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no escape sequence reached the terminal."""
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert "\x1b" not in stream, repr(stream)
