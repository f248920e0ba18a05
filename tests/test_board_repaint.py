"""Thin links: the board's start-up must not paint the whole screen twice. Textual lays
the screen out (painting all of it) on ScreenResume and then asked for a second full
repaint; over SSH that was 8 KB for the first paint and then a whole screen more. The
bytes the real program writes on a pty until it is quiet, with a generous bound."""

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
    # 80x24, the embedded default: 37.8 KB with the second full repaint, ~29 KB without
    assert total < 33_000, f"{total} bytes written at start-up"
