"""HelpScreen: every key of the keys contract (as bound now), files loaded, format reference."""

from __future__ import annotations

import re
from pathlib import Path

from test_commands import make_app, settle
from test_detail import screen_lines
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.model.types import CONFIDENCES, QUALIFIERS
from tui.ui.screens.help import KEYMAP, HelpBody, HelpScreen

KEYMAP_MD = Path(__file__).parent.parent / "docs" / "contract" / "keymap.md"
SIZE = (80, 24)


def contract_keys() -> set[str]:
    """Every key named in the keys contract's table (both columns: `g`/`G`, `n`/`N` ...)."""
    keys: set[str] = set()
    for line in KEYMAP_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            # (a quoted example with spaces, as in the `y` row, is not a key)
            keys.update(k for k in re.findall(r"`([^`]+)`", line) if " " not in k)
    return keys


class Host(App[None]):
    """A bare app with only the contract's app-wide keys (quit, palette): for the rest,
    help shows the contract's defaults."""

    BINDINGS = [
        Binding("q,ctrl+q", "quit", "Quit", id="quit"),
        Binding("ctrl+p,colon", "command_palette", "Commands", id="command_palette"),
    ]

    def __init__(self, files: list[str]) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        yield Static("underneath", id="under")

    def on_mount(self) -> None:
        self.push_screen(HelpScreen(self.files))


async def whole_help(app: App, pilot) -> list[str]:
    body = app.screen.query_one(HelpBody)
    body.focus()
    await pilot.press("g")
    lines: list[str] = []
    while True:
        svg = app.export_screenshot()
        assert "\x1b" not in svg  # no raw escape byte ever reaches the screen
        lines.extend(screen_lines(app, svg))
        before = body.scroll_y
        await pilot.press("pagedown")
        if body.scroll_y == before:
            return lines


def key_column(lines: list[str], action_start: str) -> list[str]:
    """The keys shown on the row whose action starts with `action_start`."""
    for line in lines:
        if action_start in line:
            return line.split(action_start)[0].lstrip("▌").split()  # (▌: the focus bar of the body)
    raise AssertionError(f"no row for {action_start!r}")


def test_the_key_table_covers_the_contract():
    assert len(contract_keys()) >= 33
    listed = {k for entry in KEYMAP for k in entry.keys}
    assert contract_keys() <= listed, contract_keys() - listed


async def test_help_lists_every_contract_key_files_and_format():
    app = Host(["/data/kursk.yaml", "/data/[bold]odd\x1b[2J.yaml"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = await whole_help(app, pilot)
    text = "\n".join(lines)
    shown = {k for line in lines for k in line.split()}
    missing = {k for k in contract_keys() if k not in shown}
    assert not missing, missing
    assert key_column(lines, "reload now") == ["r"]
    assert key_column(lines, "move in the focused pane") == ["j", "k", "down", "up"]
    assert "In the detail view" in text and "back to the item you came from" in text
    # Files loaded, literally, control bytes made visible.
    assert "/data/kursk.yaml" in text
    assert "/data/[bold]odd␛[2J.yaml" in text
    # The format in brief.
    for word in (*CONFIDENCES, *QUALIFIERS, "approx", "advancing", "ongoing", "threatened", "x-"):
        assert word in text, word


async def test_help_on_the_board_shows_bound_keys_and_closes_with_escape_question_q_f1():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for open_key, close_key in (
            ("question_mark", "escape"),
            ("f1", "question_mark"),
            ("question_mark", "q"),
            ("question_mark", "f1"),
        ):
            await pilot.press(open_key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), open_key
            await pilot.press(close_key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen), close_key
            assert app.is_running  # q closed help, it did not quit
        await pilot.press("question_mark")
        await pilot.pause()
        lines = await whole_help(app, pilot)
    assert "/tmp/kursk.yaml" in "\n".join(lines)
    assert key_column(lines, "reload now") == ["r"]
    assert key_column(lines, "search all panes") == ["/"]
    assert key_column(lines, "this help") == ["?", "f1"]
    assert key_column(lines, "next / previous pane") == ["tab", "shift+tab"]
    # Only the keys the app really binds: both, one binding (id command_palette).
    assert key_column(lines, "command palette") == ["ctrl+p", ":"]


async def test_help_shows_remapped_keys():
    app = make_app(keymap={"reload": "R", "search": "ctrl+f,slash"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        lines = await whole_help(app, pilot)
    assert key_column(lines, "reload now") == ["R"]
    assert key_column(lines, "search all panes") == ["/", "ctrl+f"]


async def test_help_scrolls_with_j_k_and_page_keys():
    app = Host([f"/data/part-{n}.yaml" for n in range(40)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(HelpBody)
        assert app.focused is body and body.scroll_y == 0
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("pagedown")
        assert body.scroll_y > 10
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("pageup", "up", "down")
        assert body.scroll_y < body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0


def test_snapshot_help(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, press=["question_mark"], run_before=_settle_board)


async def _settle_board(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_the_format_reference_is_read_from_the_spec():
    from rich.console import Console

    from tui.model.spec import COMMON, LISTS, SITUATION, SOURCE
    from tui.ui.screens.help import format_reference

    console = Console(width=200, record=True, color_system=None)
    console.print(format_reference())
    text = console.export_text()
    words = set(re.findall(r"[A-Za-z_][A-Za-z_-]*", text))
    for spec in LISTS:
        assert spec.title in words, spec.name
        for f in spec.all_fields:
            assert f.name in words, f"{spec.name}.{f.name}"
            assert all(v in words for v in f.values), f"{spec.name}.{f.name}"
    for f in (*SITUATION.fields, *SOURCE.fields, *COMMON):
        assert f.name in words, f.name
    assert "name*" in text and "quote* or summary*" in text  # required fields marked
