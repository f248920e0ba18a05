"""`python tests/wire_record.py LOG [sitboard arguments]`: the real board, writing through the
Wire as always, and logging each write as a JSON line: ["w", what Textual wrote, what the Wire
wrote], or ["size", columns, rows] when the terminal's size changed since the last write.
tests/test_wire_board.py replays the log on two reference terminals."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.drivers.linux_driver import LinuxDriver  # noqa: E402

import tui.ui.run  # noqa: E402
from tui.cli import main  # noqa: E402
from tui.ui.wire.driver import WireDriver, terminal_size  # noqa: E402

LOG = open(sys.argv[1], "w", encoding="utf-8")  # noqa: SIM115 (open for the life of the process)


class RecordingDriver(WireDriver):
    last_size: tuple[int, int] | None = None

    def write(self, data: str) -> None:
        size = terminal_size()
        if size != self.last_size:
            self.last_size = size
            LOG.write(json.dumps(["size", *size]) + "\n" if size else "")
        out = self.wire.feed(data)
        LOG.write(json.dumps(["w", data, out]) + "\n")
        LOG.flush()
        if out:
            LinuxDriver.write(self, out)


tui.ui.run.board_driver = lambda default: RecordingDriver  # type: ignore[assignment] (the test's driver)
sys.exit(main(sys.argv[2:]))
