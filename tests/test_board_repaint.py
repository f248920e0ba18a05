"""Thin links (issue 14): the bytes the real program writes on a pty at start-up, until it is
quiet, at 80x24 on the embedded default. Textual alone writes 23-29 KB (two or three full
paints, each run of cells as its whole style, text and a reset); the board writes only the
cells that change (tui/ui/wire/): 5,710-5,810 B measured (`python benchmarks/bytes.py
--quick`, docs/performance.md). The bound is that measurement with room for a stray partial
frame under load, 8,000 B (issue 14's target is 10,000 B); SITBOARD_WIRE=plain, the escape
hatch the README gives, must really give Textual's own writes back."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_support import PtyApp  # noqa: E402


def start_up_bytes(tmp_path: Path, wire: str) -> tuple[int, str]:
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "SITBOARD_WIRE": wire}
    app = PtyApp([], env=env, cols=80, rows=24)
    try:
        app.wait_text("Events (", 60)
        app.wait_quiet(1.5)
        total = len(app.raw)
        text = app.text()
        app.send("q")
        assert app.finish() == 0
    finally:
        app.close()
    return total, text


def test_start_up_bytes_until_quiet(tmp_path: Path) -> None:
    total, text = start_up_bytes(tmp_path, "")
    assert "Fronts (" in text and "Search" in text  # the screen is complete
    assert total <= 8_000, f"{total} bytes written at start-up"


def test_sitboard_wire_plain_gives_textuals_own_writes(tmp_path: Path) -> None:
    total, text = start_up_bytes(tmp_path, "plain")
    ours, _ = start_up_bytes(tmp_path, "")
    assert "Fronts (" in text and "Search" in text
    assert total > 2 * ours, (total, ours)  # whole regions, not the changed cells
