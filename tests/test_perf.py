"""Performance work that must not regress behaviour: what is (not) repainted, how rows are
filled. No timings here (those are in benchmarks/)."""

from __future__ import annotations

import datetime as dt

from test_board_support import AS_OF, make_app, settle


async def test_header_age_updates_only_when_its_text_changes():
    now = [AS_OF + dt.timedelta(hours=3)]
    app = make_app(clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = app.board.header
        asof = header.query_one("#header-asof")
        updates: list[str] = []
        orig = asof.update

        def update(content="", **kw):
            updates.append(str(content))
            return orig(content, **kw)

        asof.update = update
        header.refresh_age()
        now[0] += dt.timedelta(seconds=40)  # still "3 h ago"
        header.refresh_age()
        header.show_situation(app.situation)  # a reload with the same picture
        assert updates == []
        now[0] += dt.timedelta(hours=1)
        header.refresh_age()
        assert updates == ["as of 09 Aug 12:00, 4 h ago"]
        await pilot.pause()
        assert str(asof.render()) == "as of 09 Aug 12:00, 4 h ago"


async def test_header_marking_class_follows_the_situation():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = app.board.header
        marking = header.query_one("#header-marking")
        assert marking.has_class("-tlp-amber")
        import dataclasses

        header.show_situation(dataclasses.replace(app.situation, marking="TLP:RED"))
        await pilot.pause()
        assert marking.has_class("-tlp-red") and not marking.has_class("-tlp-amber")
        assert "TLP:RED" in str(marking.render())
        header.show_situation(dataclasses.replace(app.situation, marking=None))
        await pilot.pause()
        assert not marking.display
