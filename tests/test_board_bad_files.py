"""Issue 10 on the board as a user meets it: real files (the default situation copied and
broken as the issue describes), the real loader and watcher, the board at 80x24.

Case 1: one bad field costs that item, not the board; `e` shows the whole message and
`enter` on the flagged row every problem of the item, placed, with what did validate.
Case 2: values `check` used to accept (a 5,000-digit number, year 9999) on a fresh start
and arriving by live reload. Case 7: after a reload that failed, the header says so."""

from __future__ import annotations

import shutil
from pathlib import Path

from live_support import open_board, save, wait_until
from screen_support import screen_lines

from tui.ui.app import SitboardApp

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "data" / "kursk-2024-08.yaml"
WINNING = "fronts[0].status: 'winning' is not one of advancing, contested, holding, stabilized, withdrawing"


def default_copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """The default situation copied into its own folder (its seed document beside it, as
    in the checkout), `old` replaced by `new` once."""
    d = tmp_path / "sit"
    d.mkdir()
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    f = d / DEFAULT.name
    text = DEFAULT.read_text("utf-8")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    f.write_text(text, encoding="utf-8")
    return f


def squash(text: str) -> str:
    """Text without its white space and the focus bar (▌) at the left of a focused body:
    lines wrapped anywhere compare equal."""
    return "".join(text.replace("▌", " ").split())


def shown(app: SitboardApp) -> str:
    return "\n".join(screen_lines(app))


# -- case 1 -------------------------------------------------------------------------------


async def test_one_bad_field_on_a_fresh_start_costs_that_item_only(tmp_path: Path) -> None:
    f = default_copy(tmp_path, "    status: contested\n", "    status: winning\n")
    app = SitboardApp([str(f)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        screen = screen_lines(app)
        assert "Ukrainian incursion into Russia" in screen[0] and "TLP:CLEAR" in screen[0]
        assert "loading" not in "\n".join(screen)
        titles = {p.pane: p.title_plain for p in app.board.panes}
        # every item is on the board, the one with the error as a flagged row
        assert titles["fronts"].startswith("1 Fronts (2)") and titles["events"].startswith("5 Events (5)")
        assert titles["statements"].startswith("3 Statements (6)")
        row = next(line for line in screen if "✗" in line)
        assert "Kursk r" in row and "status: 'winning'" in row
        # the error line is cut at 80 columns; `e` shows all of it
        assert WINNING not in shown(app).replace("\n", " ")
        await pilot.press("e")
        await wait_until(pilot, lambda: app.focused is app.board.errorbox, what="e focused the problems")
        await pilot.pause()
        box = app.board.errorbox.region
        bar = screen_lines(app)[box.y : box.bottom]
        assert len(bar) > 1 and not any(line.rstrip().endswith("…") for line in bar), bar
        assert squash(f"{f}:88:13: {WINNING}") in squash("".join(line[1:] for line in bar)), bar
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.board.errorbox.region.height == 1, what="one line again")
        await pilot.pause()
        assert screen_lines(app)[app.board.errorbox.region.y].rstrip().endswith("…")


async def test_enter_on_a_flagged_row_shows_every_problem_placed_and_what_validated(tmp_path: Path) -> None:
    f = default_copy(
        tmp_path,
        "    status: contested\n    sides: [Ukraine (AFU), Russia]\n    depth_km: {value: 20, qualifier: up_to}\n",
        "    status: winning\n    sides: [Ukraine (AFU), Russia]\n    depth_km: {value: 20, qualifier: up_tu}\n",
    )
    app = SitboardApp([str(f)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("1", "enter")
        await wait_until(pilot, lambda: app.screen.id != "_default" and "Fronts ›" in shown(app))
        text = squash(shown(app))
        assert squash(f"{f}:88:13: {WINNING}, buildup, quiet, unknown") in text  # every problem, placed, whole
        assert squash(f"{f}:90:38: fronts[0].depth_km.qualifier: 'up_tu' is not one of") in text
        for field in ("Name Kursk region incursion", "Sides Ukraine (AFU), Russia", "Places Kursk region"):
            assert squash(field) in text  # what validated is there too


# -- case 2 -------------------------------------------------------------------------------

HUGE = "9" * 5000  # str() of it raised past 4,300 digits
PEOPLE = "    people: {value: 76000, qualifier: over}\n"


async def test_a_5000_digit_number_on_a_fresh_start_and_by_live_reload(tmp_path: Path) -> None:
    f = default_copy(tmp_path, PEOPLE, f"    people: {{value: {HUGE}, qualifier: over}}\n")
    good = DEFAULT.read_text("utf-8")
    app = SitboardApp([str(f)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        evacuations = app.board.pane("evacuations")
        assert evacuations.title_plain.startswith("2 Evacuations (1)")
        assert "people.value: expected" in " ".join(screen_lines(app))  # the flagged row
        await pilot.press("2", "enter")  # its detail: the problem, no crash
        await wait_until(pilot, lambda: "Evacuations ›" in shown(app))
        assert squash("evacuations[0].people.value: expected a number from 0 to 10^15") in squash(shown(app))
    # live: the good file, then the huge number arrives, then a good save again
    f.write_text(good, encoding="utf-8")
    app = SitboardApp([str(f.parent)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        n = app.reloads_applied
        save(f, good.replace(PEOPLE, f"    people: {{value: {HUGE}, qualifier: over}}\n", 1))
        await wait_until(pilot, lambda: app.reloads_applied > n and app.situation.evacuations[0].broken)
        painted = lambda: "people.value: expected" in " ".join(screen_lines(app))  # noqa: E731
        await wait_until(pilot, painted, what="the flagged row painted, no KeyError")
        save(f, good.replace("Kursk region border areas", "Kursk border areas", 1))
        await wait_until(pilot, lambda: not app.situation.evacuations[0].broken)
        await pilot.press("2", "z")  # the pane maximized: its label column whole
        await wait_until(pilot, lambda: "Kursk border areas" in " ".join(screen_lines(app)))  # still following
        assert app.return_code is None


async def test_a_5000_digit_x_key_opens(tmp_path: Path) -> None:
    f = default_copy(tmp_path, PEOPLE, PEOPLE + f"    x-count: {HUGE}\n")
    app = SitboardApp([str(f)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: "Evacuations ›" in shown(app))
        assert squash("evacuations[0].x-count: expected a number from 0 to 10^15") in squash(shown(app))
        assert app.return_code is None


async def test_times_out_of_range_on_a_fresh_start(tmp_path: Path) -> None:
    f = default_copy(tmp_path, "as_of: 2024-08-09T12:00:00+03:00", "as_of: 0001-01-01")
    text = f.read_text("utf-8")
    f.write_text(text.replace("    updated: 2024-08-09T12:00:00+03:00\n", "    updated: 9999-12-31\n", 1))
    app = SitboardApp([str(f)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        screen = screen_lines(app)
        assert "Ukrainian incursion" in screen[0] and "as of ~" in screen[0]  # the file's time stands in
        assert app.board.pane("events").title_plain.startswith("5 Events (5)")
        assert any("✗" in line and "updated: '9999-12-31'" in line for line in screen)


# -- case 7 -------------------------------------------------------------------------------


async def test_after_a_reload_that_failed_the_header_says_so_not_no_changes(tmp_path: Path) -> None:
    f = default_copy(tmp_path)
    good = f.read_text("utf-8")
    app = SitboardApp([str(f.parent)], read_user_keymap=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        n = app.reloads_applied
        items = app.situation.item_count
        save(f, good + "  - broken: [\n")  # the YAML cannot be read: the last good version stays
        await wait_until(pilot, lambda: app.reloads_applied > n and app.board.errorbar.display)
        header = app.live.reload_text()
        assert "no changes" not in header
        assert header.startswith(f"⚠ last good version: {f.name} has errors · reloaded ")  # first: cut last
        assert app.situation.item_count == items  # every item of the last good version
        save(f, good)
        await wait_until(pilot, lambda: not app.board.errorbar.display)
        assert "last good" not in app.live.reload_text()


async def test_at_80_columns_the_header_still_says_last_good_version(tmp_path: Path) -> None:
    """The reload slot gets ~12 cells at 80 columns: its words come first and the title gives
    way to its minimum, so 'last good version' is read on the first line (it was 'kursk-202…')."""
    f = default_copy(tmp_path)
    good = f.read_text("utf-8")
    app = SitboardApp([str(f.parent)], read_user_keymap=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        n = app.reloads_applied
        save(f, good + "  - broken: [\n")
        await wait_until(pilot, lambda: app.reloads_applied > n and app.board.errorbar.display)
        await wait_until(pilot, lambda: "⚠ last good version" in screen_lines(app)[0], what="the words in the header")
        assert "TLP:" in screen_lines(app)[0]  # the marking keeps its place
        save(f, good)
        await wait_until(pilot, lambda: "last good" not in screen_lines(app)[0], what="the header clean again")


# -- case 6 -------------------------------------------------------------------------------


async def test_a_huge_field_is_cut_in_the_detail_and_whole_behind_f(tmp_path: Path) -> None:
    """A 10 MB note froze the detail for over a minute (Rich wrapped all of it): a field
    shows its first SHOWN_MAX characters and how many more; `f` shows it whole in the
    document view, whose lines are drawn only when on screen."""
    from tui.ui.screens.longfields import SHOWN_MAX

    note = "word " * 200_000 + "THE END"
    quote = "q" * 20_000
    f = default_copy(
        tmp_path,
        "  - id: kursk-incursion\n    name: Kursk region incursion\n",
        f'  - id: kursk-incursion\n    name: Kursk region incursion\n    x-long: "{note}"\n',
    )
    text = f.read_text("utf-8")
    f.write_text(
        text.replace(
            "      - source: seed\n", f"      - source: reuters\n        quote: {quote}\n      - source: seed\n", 1
        )
    )
    app = SitboardApp([str(f)], read_user_keymap=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, app)
        await pilot.press("1", "enter")
        await wait_until(pilot, lambda: "Fronts ›" in shown(app))
        screen = app.screen
        assert [name for name, _ in screen.long.cut] == ["x-long", "Quote"]
        more = f"… {len(note) - SHOWN_MAX:,} more characters (f: the whole field)"
        for _ in range(200):  # two screens of the note, then the note saying how much more
            if squash(more) in squash(shown(app)):
                break
            await pilot.press("j")
        assert squash(more) in squash(shown(app))
        assert "f Whole field" in screen_lines(app)[-1]
        await pilot.press("f")
        await wait_until(pilot, lambda: "whole fields" in screen_lines(app)[0])
        assert screen_lines(app)[0].rstrip().endswith("TLP:CLEAR")  # the marking, as on every screen
        await pilot.press("G")  # the quote, after the note
        await wait_until(
            pilot, lambda: any("q" * 60 in line for line in screen_lines(app)), what="the quote at the end"
        )
        await pilot.press("escape", "escape")
        await pilot.press("j", "enter")  # a short item: nothing cut, no `f`
        await wait_until(pilot, lambda: "Belarus" in screen_lines(app)[0])
        assert app.screen.long.cut == [] and "Whole field" not in screen_lines(app)[-1]
