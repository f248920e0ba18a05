"""Reproduces a native crash: apps run one after another (asyncio.run each), reloads in
thread workers; within ~15 runs the process segfaulted inside yaml_rs.loads in a worker
thread (with and without the watcher).   python scripts/repro_worker_segfault.py nowatch 15

Cause: yaml-rs 0.1.6 segfaults when called after the thread that first imported it has
exited (the first parse ran in a worker thread of the first app's executor). Fixed by
importing it once on the main thread (tui.model.yamlread.ensure_parser, called by the
reload controller and the preload); this prints ok. tests/test_yaml_threads.py runs it."""

import asyncio
import faulthandler
import sys
import tempfile
from pathlib import Path

faulthandler.enable()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_live_place import events, make_dir, save

from tui.ui.app import SitboardApp

WATCH = sys.argv[1] == "watch"


async def one(i):
    d = make_dir(Path(tempfile.mkdtemp()), n=30)
    app = SitboardApp([str(d)], read_user_keymap=False, watch=WATCH)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.situation is None:
            await pilot.pause(0.02)
        for k in range(5):
            save(d / "events.yaml", events(30, extra={k: f"x{k}"}))
            if not WATCH:
                app.reload()
            await pilot.pause(0.03)


for i in range(int(sys.argv[2])):
    asyncio.run(one(i))
print("ok")
