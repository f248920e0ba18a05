"""tui/ui/screens/moves.py: `n`/`N` and `c`/`C` step through rows across panes."""

from __future__ import annotations

from dataclasses import dataclass

from tui.ui.screens.moves import step


@dataclass(eq=False)
class P:
    name: str
    row_count: int
    cursor_row: int = 0
    wanted: tuple[int, ...] = ()


def wanted(p: P):
    return p.wanted


def test_next_in_the_same_pane_then_the_next_panes_then_round():
    a, b, c = P("a", 10, 2, (1, 5)), P("b", 3, 0, ()), P("c", 4, 0, (0, 3))
    panes = [a, b, c]
    assert step(panes, a, wanted, True) == (a, 5)
    a.cursor_row = 5
    assert step(panes, a, wanted, True) == (c, 0)  # b has none
    c.cursor_row = 3
    assert step(panes, c, wanted, True) == (a, 1)  # round to the first pane's first
    assert step(panes, c, wanted, False) == (c, 0)
    c.cursor_row = 0
    assert step(panes, c, wanted, False) == (a, 5)  # back to the previous pane's last


def test_only_one_wanted_row_wraps_onto_itself_and_none_is_none():
    a, b = P("a", 3, 1, (1,)), P("b", 0)
    assert step([a, b], a, wanted, True) == (a, 1)
    assert step([a, b], a, wanted, False) == (a, 1)
    assert step([a, b], b, lambda p: (), True) is None


def test_hits_are_every_row_an_empty_pane_is_skipped():
    a, b = P("a", 2, 1), P("b", 0)
    rows = lambda p: range(p.row_count)  # noqa: E731
    assert step([a, b], a, rows, True) == (a, 0)  # past the last row of the only pane with rows
    assert step([b, a], b, rows, True) == (a, 0)  # from an empty pane
