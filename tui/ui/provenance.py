"""The app's provenance keys: the sources screen (`S`), marking a baseline (`b`) and the
changes since it (`B`). Each opens a screen, or closes it when it is the one shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from tui.model.types import Situation
    from tui.runtime.baseline import BaselineStore


def toggle_sources(app: App[Any], situation: Situation | None) -> None:
    from tui.ui.screens.sources import SourcesScreen

    if isinstance(app.screen, SourcesScreen):
        app.pop_screen()
    elif situation is None:
        app.notify("No situation loaded yet", timeout=3)
    else:
        app.push_screen(SourcesScreen(situation))


def baseline_to_board(app: Any, store: BaselineStore, situation: Situation | None) -> None:
    """The saved baseline of the situation shown, down to the board (the key figures say
    ↑/↓ against it): read in a thread, once per situation; nothing read when the
    situation has no figures to compare."""
    board = app.board
    sid = situation.id if situation is not None and situation.figures else None
    if sid == board.baseline_id:
        return
    board.show_baseline(None, sid)
    if sid is None:
        return

    def show(baseline: Situation | None) -> None:
        if board.baseline_id == sid:  # still the situation shown
            board.show_baseline(baseline, sid)

    def read() -> None:
        baseline = store.load(sid)  # never raises: a problem is store.last_error (B says it)
        app.call_from_thread(show, baseline)

    app.run_worker(read, thread=True, group="baseline", exclusive=True, exit_on_error=False)


def mark_baseline(app: App[Any], store: BaselineStore, situation: Situation | None) -> None:
    from tui.model.text import format_when

    if getattr(app, "read_only", False):  # --read-only: nothing written
        app.notify("Read-only board: b (baseline) is off", severity="warning", timeout=3)
        return
    if situation is None:
        app.notify("No situation loaded yet: nothing to mark", severity="warning", timeout=3)
        return
    clock = getattr(app, "clock", None)
    saved = store.save(situation, now=clock() if clock is not None else None)
    if saved.ok:
        board = getattr(app, "board", None)
        if board is not None and situation.figures:
            board.show_baseline(situation, situation.id)  # the figures now: "=" until they change
        # when it was marked (what `brief --since saved` and B name), then the picture's as-of
        marked = saved.saved_at.astimezone().strftime("%H:%M") if saved.saved_at is not None else "now"
        app.notify(
            f"Baseline saved {marked} (as of {format_when(situation.as_of)}) · {saved.path}",
            markup=False,
        )
    else:
        app.notify(f"Baseline not saved: {saved.error}", severity="error", timeout=8, markup=False)


def toggle_changes(app: App[Any], store: BaselineStore, situation: Situation | None) -> None:
    from tui.ui.screens.changes import ChangesScreen

    if isinstance(app.screen, ChangesScreen):
        app.pop_screen()
        return
    if situation is None:
        app.notify("No situation loaded yet", timeout=3)
        return
    baseline = store.load(situation.id)
    if baseline is None:
        if store.last_error:
            app.notify(store.last_error, severity="error", timeout=8, markup=False)
        else:
            app.notify("No baseline yet: press b to mark one", timeout=4)
        return
    info = store.info(situation.id)
    app.push_screen(ChangesScreen(baseline, situation, saved_at=info.saved_at if info else None))
