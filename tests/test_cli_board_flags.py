"""The board's flags from the command line reach the app: `sitboard --read-only` on a real
pty refuses the baseline key (the app's side is tested with Pilot in test_history_board)."""

from __future__ import annotations

from pathlib import Path

from pty_support import PtyApp

SITUATION = """\
situation:
  id: flags
  title: Flags situation
  as_of: 2024-08-09T12:00:00+03:00
  marking: TLP:GREEN
events:
  - what: Strike on a depot
    date: 2024-08-08
"""


def test_read_only_from_the_command_line_refuses_b(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SITUATION, encoding="utf-8")
    state = tmp_path / "state"
    with PtyApp(["--read-only", str(tmp_path / "s.yaml")], env={"SITBOARD_STATE_DIR": str(state)}) as app:
        app.wait_text("Strike on a depot")
        app.send("b")
        app.wait_text("Read-only board")
        app.send("q")
        assert app.finish() == 0
    assert not (state / "baselines").exists()
