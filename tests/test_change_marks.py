"""Change marks last until the officer has seen them (issue 13, item 7): never on a timer,
across later reloads; the cursor moving on from a marked item takes its mark away. The
README says the same ("a mark stays until you have seen it")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_board_support import kursk, make_app, result, settle

from tui.model.types import Front

ROOT = Path(__file__).resolve().parent.parent


def _with_front(name: str, **changes):
    sit = kursk(**changes)
    return dataclasses.replace(sit, fronts=(*sit.fronts, Front(id=name, name=name.title(), status="holding")))


async def _reload(app, pilot, situation) -> None:
    app.loader = lambda paths: result(situation)
    app.load(reload=True)
    await settle(app, pilot)


async def test_marks_stay_until_seen_across_reloads_and_no_timer_takes_them(tmp_path):
    app = make_app(result(kursk()), watch=False, state_dir=tmp_path)
    timers: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        real_set_timer = app.set_timer

        def recording_set_timer(delay, *args, **kwargs):
            timers.append(delay)
            return real_set_timer(delay, *args, **kwargs)

        app.set_timer = recording_set_timer  # type: ignore[method-assign]  # (a probe, this test only)
        await _reload(app, pilot, _with_front("alpha"))
        assert app.live.marked == {"alpha": "new"}
        await _reload(app, pilot, _with_front("beta", fronts=(*kursk().fronts, Front(id="alpha", name="Alpha"))))
        assert app.live.marked == {"alpha": "changed", "beta": "new"}  # alpha not seen yet: still marked
        assert not [t for t in timers if t >= 60], f"a timer would take the marks away: {timers}"
        pane = app.board.pane("fronts")
        assert pane.cell("beta", "_conf").plain.startswith("+")
        # the cursor on beta, then on: beta has been seen, alpha not
        await pilot.press("1")
        pane.select_id("beta")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert app.live.marked == {"alpha": "changed"}
        assert not pane.cell("beta", "_conf").plain.startswith("+")


def test_the_readme_says_what_the_marks_do():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "a mark stays until you have seen it" in readme
    assert "changed by the last reload." not in readme
