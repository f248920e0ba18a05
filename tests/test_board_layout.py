"""Board layout by breakpoint: 80x24, wide 200x60 (a band of short lists, Statements and
Events full width with room for the text), 60x20; column layout rules."""

from __future__ import annotations

import datetime as dt

from test_board_support import kursk, make_app, result, settle

from tui.model.types import Statement, When
from tui.ui.widgets.cells import CONF_COL_WIDTH, layout_columns

LONG_QUOTE = (
    "We will respond to this provocation at the time and place of our choosing, "
    "and every measure is on the table tonight"
)  # 119 characters


def with_long_quote():
    sit = kursk()
    statements = sit.statements + (
        Statement(id="long", actor="Spokesperson", quote=LONG_QUOTE, date=When(dt.date(2024, 8, 8))),
    )
    return result(kursk(statements=statements))


def regions(app):
    return {p.pane: p.region for p in app.board.shown_panes()}


def col_widths(pane) -> int:
    return sum(c.width for c in pane.columns)


async def test_wide_band_then_statements_and_events_full_width():
    app = make_app(with_long_quote())
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        r = regions(app)
        # the band: Fronts | Evacuations | Infrastructure, one row, left to right
        assert r["fronts"].y == r["evacuations"].y == r["infrastructure"].y
        assert r["fronts"].x < r["evacuations"].x < r["infrastructure"].x
        # sized to their rows within limits (4 fronts: header + 4 rows + borders)
        assert 7 <= r["fronts"].height <= 18
        # then Statements, then Events, each the full width
        assert r["statements"].y >= r["fronts"].bottom
        assert r["events"].y >= r["statements"].bottom
        assert r["statements"].width == r["events"].width == 200
        # the quote column has the room: the whole 119-character quote shows
        st = app.board.pane("statements")
        text_col = next(c for c in st.columns if c.key == "text")
        assert text_col.width >= len(LONG_QUOTE) + 3
        cell = st.cell("long", "text")
        assert LONG_QUOTE in cell.plain
        # number keys and tab still go by number, whatever the order on screen
        await pilot.press("3")
        assert app.focused.pane == "statements"
        await pilot.press("tab")
        assert app.focused.pane == "infrastructure"
        await pilot.press("tab")
        assert app.focused.pane == "events"
        assert [p.pane for p in app.board.shown_panes()] == [
            "fronts",
            "evacuations",
            "statements",
            "infrastructure",
            "events",
        ]


async def test_80x24_four_panes_two_by_two_with_rows_and_titles():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        r = regions(app)
        assert r["fronts"].y == r["evacuations"].y and r["fronts"].x < r["evacuations"].x
        assert r["statements"].y == r["infrastructure"].y and r["statements"].x < r["infrastructure"].x
        assert r["statements"].y > r["fronts"].y and r["events"].y > r["statements"].y
        for name in ("fronts", "evacuations", "statements", "infrastructure"):
            assert r[name].height >= 6, name  # borders + header + at least 3 rows
        for pane in app.board.shown_panes():
            assert col_widths(pane) <= pane.scrollable_content_region.width, pane.pane


async def test_resize_wide_narrow_and_back_reorders_and_keeps_place():
    app = make_app(with_long_quote())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "j")  # newest first: zelensky (10 Aug), then long (8 Aug)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        r = regions(app)
        assert r["infrastructure"].y == r["fronts"].y
        assert app.focused.pane == "statements" and app.focused.selected_id == "long"
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        for pane in app.board.shown_panes():  # columns dropped, never past the pane's edge
            assert col_widths(pane) <= pane.scrollable_content_region.width, pane.pane
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        r = regions(app)
        assert r["statements"].y == r["infrastructure"].y and r["statements"].x < r["infrastructure"].x
        assert app.focused.pane == "statements" and app.focused.selected_id == "long"


async def test_footer_palette_key_only_where_it_fits():
    from tui.ui.widgets.footer import KeyFooter

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        footer = app.board.query_one(KeyFooter)
        assert not footer.show_command_palette and footer.palette is None
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert footer.show_command_palette and footer.palette is not None


def test_capped_columns_give_the_room_to_the_text():
    cols = dict((c.key, w) for c, w in layout_columns("statements", 196))
    assert cols["actor"] <= 26 and cols["role"] <= 24 and cols["channel"] <= 16
    assert cols["text"] >= 196 - CONF_COL_WIDTH - 26 - 8 - 24 - 16
    assert sum(cols.values()) == 196 - CONF_COL_WIDTH


def test_empty_optional_columns_are_left_out():
    full = [c.key for c, _w in layout_columns("statements", 196)]
    assert "channel" in full
    some = layout_columns("statements", 196, frozenset({"channel", "actor"}))
    keys = [c.key for c, _w in some]
    assert "channel" not in keys and "actor" in keys  # level-0 columns always stay
    assert sum(w for _c, w in some) == 196 - CONF_COL_WIDTH


def test_narrow_drops_fixed_columns_before_the_text():
    keys = [c.key for c, _w in layout_columns("statements", 27)]
    assert keys == ["actor", "text"]  # the date went first
    keys = [c.key for c, _w in layout_columns("fronts", 27)]
    assert keys == ["name", "status"]
    for pane in ("fronts", "evacuations", "statements", "infrastructure", "events"):
        for width in range(0, 60):
            cols = layout_columns(pane, width)
            assert cols, (pane, width)
            if width >= 30:
                assert sum(w for _c, w in cols) <= max(width - CONF_COL_WIDTH, 0), (pane, width)


def test_depth_reads_with_its_unit():
    from test_board_support import SOURCES  # noqa: F401 - the fixture's front has up_to 20

    sit = kursk()
    from tui.ui.widgets.cells import COLUMNS

    depth = next(c for c in COLUMNS["fronts"] if c.key == "depth")
    assert depth.get(sit.fronts[0]) == "up to 20 km"
