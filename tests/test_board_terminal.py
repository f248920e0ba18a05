"""Terminal settings: colour systems people actually type must not crash the board."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "value,expected", [("16", "standard"), ("256", "256"), ("truecolor", "truecolor"), ("bogus", "auto")]
)
def test_color_system_env_is_normalized_before_textual_reads_it(value, expected):
    env = dict(os.environ, TEXTUAL_COLOR_SYSTEM=value)
    code = "import tui.ui.app, textual.constants as c; from rich.console import Console; print(c.COLOR_SYSTEM)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected
