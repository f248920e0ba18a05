"""The footer of the board: Textual's Footer, recomposed only when its keys change.

Textual 8.2.8's Footer recomposes (every FooterKey removed and built again) each time
the screen refreshes its bindings: every focus change, every `refresh_bindings()` (the
board calls it on each live reload). Two costs:

* a leak: each FooterKey binds `compact` to the footer (`data_bind`), which leaves an
  entry `(FooterKey, setter)` in the *footer's* watcher list; it is pruned only when
  `compact` changes, which it never does, so every recompose kept a set of dead
  FooterKeys (widgets, styles, message queues): ~180 KB per reload on the board
  (Textualize/textual#6666);
* a repaint of the footer line for nothing (bytes over a thin link).

`BoardFooter` recomposes only when what it would show differs from what it shows,
and drops watcher entries of closed widgets before each recompose.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer

__all__ = ["BoardFooter", "prune_dead_watchers"]


def prune_dead_watchers(node: Any) -> int:
    """Drop `node`'s reactive watcher entries whose watching widget is closed (or
    closing); returns how many went. Textual prunes them only when the watched
    attribute changes."""
    watchers = getattr(node, "__watchers", None)
    if not watchers:
        return 0
    dropped = 0
    for entries in watchers.values():
        alive = [(r, cb) for r, cb in entries if not (getattr(r, "_closing", False) or getattr(r, "_closed", False))]
        dropped += len(entries) - len(alive)
        entries[:] = alive
    return dropped


class BoardFooter(Footer):
    """Footer that recomposes only when its keys (or their state) changed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None  # what the last compose showed
        self.recomposes = 0  # for tests

    def _wanted(self) -> tuple | None:
        """What compose() would show now (None: not ready, always recompose)."""
        if not self._bindings_ready:
            return None
        try:
            active = self.screen.active_bindings
            get_display = self.app.get_key_display
            keys = tuple(
                (
                    binding.key,
                    get_display(binding),
                    binding.description,
                    binding.action,
                    bool(enabled),
                    tooltip or "",
                    id(binding.group) if binding.group is not None else None,
                )
                for (_node, binding, enabled, tooltip) in active.values()
                if binding.show
            )
            palette = None
            if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
                entry = active.get(self.app.COMMAND_PALETTE_BINDING)
                if entry is not None:
                    palette = (entry[1].key, get_display(entry[1]), bool(entry[2]))
        except Exception:  # not on a screen yet: let Textual do what it does
            return None
        return (keys, palette, self.compact)

    def compose(self):
        self._shown = self._wanted()
        self.recomposes += 1
        yield from super().compose()

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        wanted = self._wanted()
        if wanted is not None and wanted == self._shown and self.children:
            return
        await self.recompose()

    async def recompose(self) -> None:
        prune_dead_watchers(self)
        await super().recompose()
        prune_dead_watchers(self)
