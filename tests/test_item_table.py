"""tui/ui/widgets/table.py: the board's own Line-API table (ScrollView + render_line)."""

from __future__ import annotations

from rich.text import Text
from screen_support import screen_lines
from textual.app import App, ComposeResult

from tui.ui.widgets.table import Column, ItemTable


class Rows(ItemTable):
    """Row i: its id, then "cell i"; row ids are strings of numbers."""

    def __init__(self, n: int) -> None:
        super().__init__(id="rows")
        self.built: list[str] = []
        self.short: set[str] = set()
        self.set_columns(
            [Column("id", Text(" Id", style="bold", end=""), 8), Column("text", Text(" Text", end=""), 20)]
        )
        self.set_rows([str(i) for i in range(n)])

    def row_cells(self, row_id: str):
        self.built.append(row_id)
        if row_id in self.short:
            return [Text(f" {row_id} spans the whole rest of the line", end="")]
        return [Text(f" {row_id}", end=""), Text(f" cell {row_id}", end="")]


class Host(App[None]):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n
        self.messages: list[tuple] = []

    def compose(self) -> ComposeResult:
        yield Rows(self.n)

    def on_item_table_highlighted(self, event: ItemTable.Highlighted) -> None:
        self.messages.append(("highlighted", event.row_id, event.index, event.previous_id))

    def on_item_table_selected(self, event: ItemTable.Selected) -> None:
        self.messages.append(("selected", event.row_id, event.index))


async def test_header_then_only_the_rows_on_screen_are_built():
    app = Host(100_000)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(Rows)
        lines = screen_lines(app)
        assert lines[0].startswith(" Id      Text")
        assert lines[1].startswith(" 0       cell 0") and lines[9].startswith(" 8       cell 8")
        assert set(table.built) <= {str(i) for i in range(9)}  # 9 rows on screen, of 100,000
        assert table.row_count == 100_000 and table.cursor_id == "0"


async def test_keys_move_the_cursor_and_post_highlighted_with_the_row_left():
    app = Host(1000)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(Rows)
        table.focus()
        await pilot.pause()
        app.messages.clear()
        await pilot.press("down", "down", "up")
        await pilot.pause()
        assert table.cursor_row == 1
        assert app.messages == [
            ("highlighted", "1", 1, "0"),
            ("highlighted", "2", 2, "1"),
            ("highlighted", "1", 1, "2"),
        ]
        await pilot.press("pagedown")  # a page: the 9 lines under the header
        assert table.cursor_row == 10 and table.scroll_offset.y > 0
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_id == "999"
        assert " 999     cell 999" in screen_lines(app)[-1]
        await pilot.press("pageup")
        assert table.cursor_row == 990
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_offset.y == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.messages[-1] == ("selected", "0", 0)


async def test_set_rows_keeps_the_cursor_on_its_row_or_its_place():
    app = Host(50)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(Rows)
        table.move_cursor(20)
        table.set_rows([str(i) for i in range(0, 50, 2)], keep_id="20")  # a filter keeps row 20
        assert table.cursor_id == "20" and table.cursor_row == 10
        table.set_rows([str(i) for i in range(1, 50, 2)], keep_id="20")  # gone: same place
        assert table.cursor_row == 10 and table.cursor_id == "21"
        table.set_rows(["7"])
        assert table.cursor_row == 0 and table.cursor_id == "7"
        table.set_rows([])
        assert table.cursor_id is None and table.row_count == 0
        await pilot.pause()
        assert app.messages[-1][:2] == ("highlighted", None)
        assert table.select_id("nope") is False


async def test_only_the_rows_that_changed_are_built_again():
    app = Host(50)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(Rows)
        table.built.clear()
        table.refresh_rows(["3"])
        await pilot.pause()
        assert table.built == ["3"]
        table.built.clear()
        table.set_rows(list(table.row_ids))  # the same rows: nothing drawn again
        await pilot.pause()
        assert table.built == []
        table.clear_rows_cache()  # a new search: every row on screen again
        await pilot.pause()
        assert sorted(table.built, key=int) == [str(i) for i in range(9)]


async def test_a_row_with_fewer_cells_runs_to_the_end_of_the_line():
    app = Host(5)
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(Rows)
        table.short.add("2")
        table.refresh_rows(["2"])
        await pilot.pause()
        assert " 2 spans the whole rest of the line" in screen_lines(app)[3]


async def test_a_click_moves_the_cursor_then_selects():
    app = Host(20)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(Rows)
        await pilot.click(Rows, offset=(2, 4))  # line 4: row 3 (the header is line 0)
        assert table.cursor_row == 3
        await pilot.click(Rows, offset=(2, 4))
        await pilot.pause()
        assert app.messages[-1] == ("selected", "3", 3)
        await pilot.click(Rows, offset=(2, 0))  # the header: nothing
        assert table.cursor_row == 3


async def test_lines_share_their_styles():
    """The same look is the same Style object: a screen of rows uses a handful."""
    app = Host(100)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(Rows)
        styles = {id(seg.style) for y in range(12) for seg in table.render_line(y)}
        assert len(styles) <= 4  # header, cursor row, plain rows (and a blank line's)
        assert table.render_line(5) is table.render_line(5)  # a drawn line is kept
