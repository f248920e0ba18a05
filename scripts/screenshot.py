"""Export the README screenshot from the app itself: the board on the embedded default
situation at 100x30, with a fixed clock (so "as of ..., 3 h ago" does not change).

    python scripts/screenshot.py [OUT.svg]     (default: docs/screenshot.svg)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (100, 30)


async def shoot(out: Path) -> None:
    from tui.model.load import load
    from tui.runtime.paths import default_situation_path
    from tui.ui.app import SitboardApp

    data = str(default_situation_path())
    first = load([data]).situations[0]
    as_of = first.as_of.value
    if not isinstance(as_of, dt.datetime):
        as_of = dt.datetime.combine(as_of, dt.time(12, 0), tzinfo=dt.UTC)
    if as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=dt.UTC)
    now = as_of + dt.timedelta(hours=3)

    app = SitboardApp([data], clock=lambda: now, read_user_keymap=False, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        while app.situation is None:
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        await pilot.press("3", "j")  # a statement selected: the focus reads at a glance
        await pilot.pause(0.1)
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshot.svg"
    asyncio.run(shoot(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
