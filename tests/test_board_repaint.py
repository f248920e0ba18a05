"""Thin links (issue 14): the bytes the real program writes on a pty at start-up, until it is
quiet, at 80x24 on the embedded default. Textual alone wrote 29 KB (three full paints, each
run of cells as its whole style, text and a reset); the board writes only the cells that
change (tui/ui/wire/): 5.8 KB measured (benchmarks/bytes.py). The bound is issue 14's
target, 10,000 bytes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_support import PtyApp  # noqa: E402


def test_start_up_bytes_until_quiet(tmp_path):
    app = PtyApp([], env={"XDG_STATE_HOME": str(tmp_path / "state")}, cols=80, rows=24)
    try:
        app.wait_text("Events (", 60)
        app.wait_quiet(1.5)
        total = len(app.raw)
        text = app.text()
        app.send("q")
        assert app.finish() == 0
    finally:
        app.close()
    assert "Fronts (" in text and "Search" in text  # the screen is complete
    assert total <= 10_000, f"{total} bytes written at start-up"
