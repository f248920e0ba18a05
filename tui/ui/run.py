"""`run_board(paths, ...) -> int`: what `sitboard` calls to open the board."""

from __future__ import annotations

from collections.abc import Iterable

from tui.ui.app import SitboardApp
from tui.ui.follow import work_trees
from tui.ui.wire.driver import board_driver


def run_board(
    paths: Iterable[str],
    mouse: bool = True,
    situation_id: str | None = None,
    poll: bool = False,
    crash_test: bool = False,
    stale_hours: float | None = None,
    follow: bool = False,
    every: float = 60.0,
    read_only: bool = False,
) -> int:
    """Open the board on `paths`; returns the process exit code. `poll`: watch files by
    polling (network file systems are detected; this forces it). `follow`: keep the git
    checkout following its upstream every `every` seconds. `read_only`: keys that write
    or change what others see are refused. A crash returns 3 after one line on stderr
    (the traceback is in a log file: tui/ui/crash.py)."""
    paths = list(paths)
    app = SitboardApp(
        paths,
        mouse=mouse,
        situation_id=situation_id,
        poll=poll,
        crash_test=crash_test,
        stale_hours=stale_hours,
        follow=work_trees(paths) if follow else None,
        every=every,
        read_only=read_only,
    )
    # only the cells that change go to the terminal (issue 14: thin SSH links)
    app.driver_class = board_driver(app.driver_class)
    app.run(mouse=mouse)
    if app.crash_log is not None:
        return 3
    return app.return_code or 0
