"""A screen that paints itself once when it first appears, not twice.

Textual lays a screen out (painting all of it) on ScreenResume when its size changed;
the `refresh()` calls made meanwhile (its own, and the one its new virtual size asks
for) paint it all again a moment later: the whole board twice at start-up (8 KB, then
29 KB more over SSH). On the first resume, the one that lays the screen out, those calls
are dropped. Public API only: `on_screen_resume` runs before Screen's own handler of the
event, `call_next` ends the window once the event has been handled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.geometry import Region


class QuietStartScreen(Screen[Any]):
    _resumed = False
    _skip_refresh = False

    def on_screen_resume(self) -> None:
        if not self._resumed and self.is_attached:
            self._resumed = True
            self._skip_refresh = True
            self.call_next(self._end_first_resume)

    def _end_first_resume(self) -> None:
        self._skip_refresh = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._skip_refresh and not recompose:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
