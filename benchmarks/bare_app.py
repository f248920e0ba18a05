"""The floor: a bare Textual app that shows one line (Python plus Textual start-up).

`python benchmarks/bare_app.py` shows "bare textual app ready" and quits on `q`.
The benchmark measures its time to first paint, memory and idle CPU next to the board's.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

READY_TEXT = "bare textual app ready"


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(READY_TEXT)


if __name__ == "__main__":
    BareApp().run()
