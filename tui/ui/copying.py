"""Copy, the app's part: screens post `CopyRequested` (`y` a line, `Y` the whole item); the
app, through `Copying`, writes the OSC 52 sequence (Textual's public `copy_to_clipboard`),
inside tmux loads the tmux buffer off the UI thread, and then says where the text was
sent (tui/runtime/clipboard.py words it; never "Copied": whether the terminal honoured
OSC 52 cannot be known).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from tui.runtime.clipboard import TmuxResult, in_tmux, load_tmux_buffer, notice

if TYPE_CHECKING:
    from textual.app import App

    from tui.model.copytext import CopyText
    from tui.ui.messages import CopyRequested


def send(app: App[Any], copy: CopyText, *, mouse: bool) -> None:
    """Send `copy` to the terminal clipboard (and the tmux buffer inside tmux), then notify."""
    app.copy_to_clipboard(copy.text)
    cut = (copy.kept, copy.total) if copy.was_cut else None

    def tell(tmux: TmuxResult | None) -> None:
        text, warn = notice(copy.what, lines=copy.lines, tmux=tmux, mouse=mouse, cut=cut)
        app.notify(text, severity="warning" if warn else "information", timeout=10 if warn else 6, markup=False)

    if not in_tmux():
        tell(None)
        return

    def load() -> None:  # in a thread: tmux may take its time (TMUX_TIMEOUT at most)
        result = load_tmux_buffer(copy.text)
        try:
            app.call_from_thread(tell, result)
        except RuntimeError:  # the app has gone meanwhile: nobody to tell
            pass

    app.run_worker(load, thread=True, group="copy", name="tmux load-buffer", exit_on_error=False)


class Copying:
    """The app's handler for `CopyRequested` (a mixin: the app stays thin)."""

    def on_copy_requested(self, message: CopyRequested) -> None:
        message.stop()
        send(cast("App[Any]", self), message.copy, mouse=bool(getattr(self, "mouse", True)))
