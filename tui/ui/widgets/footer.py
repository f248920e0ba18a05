"""The footer of the board: the keys that act now, on one line, drawn by one widget.

Textual's `Footer` rebuilds a `FooterKey` widget per key each time the screen refreshes
its bindings (every focus change, every live reload), and each rebuilt key leaves an
entry in the footer's watcher list that is never pruned (Textualize/textual#6666): ~180
KB per reload on the board. `KeyFooter` has no children: it renders one `Text` from the
public `Screen.active_bindings`, listens to the public `bindings_updated_signal`, and
repaints only when what it shows changes (bytes over a thin link). It looks like
Textual's compact footer; a click on a key presses it (`App.simulate_key`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["FooterEntry", "KeyFooter"]


class FooterEntry(NamedTuple):
    """One key as shown: what to press, its description, whether it acts now."""

    key: str  # the key pressed by a click ("ctrl+q")
    display: str  # as shown ("^q")
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """One line of keys: `key description` pairs, the command palette's key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--palette-edge",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--palette-edge {
            color: $border-blurred;
        }
    }
    """

    show_command_palette: reactive[bool] = reactive(True)
    """Show the command palette's key on the right (the board hides it when narrow)."""

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(KeyFooter.show_command_palette, show_command_palette)
        self.entries: tuple[FooterEntry, ...] = ()
        self.palette: FooterEntry | None = None
        self._spans: list[tuple[int, int, str]] = []  # x range -> key, for clicks
        self.updates = 0  # how many times what it shows changed (tests, benchmarks)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.update_keys()

    def watch_show_command_palette(self) -> None:
        self.update_keys()

    def wanted(self) -> tuple[tuple[FooterEntry, ...], FooterEntry | None]:
        """The keys to show now: one per action (its first key), in binding order."""
        active = self.screen.active_bindings
        get_display = self.app.get_key_display
        seen: set[str] = set()
        entries = []
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entries.append(FooterEntry(binding.key, get_display(binding), binding.description, bool(enabled)))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = active.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                binding = entry.binding
                palette = FooterEntry(binding.key, get_display(binding), binding.description, bool(entry.enabled))
        return tuple(entries), palette

    def update_keys(self) -> None:
        """Read the active bindings; repaint only if what is shown changed."""
        if not self.is_attached:
            return
        entries, palette = self.wanted()
        if (entries, palette) == (self.entries, self.palette):
            return
        self.entries, self.palette = entries, palette
        self.updates += 1
        self.refresh()

    @property
    def keys(self) -> list[str]:
        """The keys shown, as pressed ("enter", "slash", ...), palette last."""
        out = [e.key for e in self.entries]
        if self.palette is not None:
            out.append(self.palette.key)
        return out

    def _entry_text(self, entry: FooterEntry) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        text = Text(end="", no_wrap=True)
        text.append(entry.display, key_style)
        if entry.description:
            text.append(" " + entry.description, description_style)
        if not entry.enabled:
            text.stylize("dim")
        return text

    def render(self) -> Text:
        width = self.size.width
        line = Text(end="", no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, str]] = []
        for entry in self.entries:
            start = line.cell_len
            line.append_text(self._entry_text(entry))
            spans.append((start, line.cell_len, entry.key))
            line.append(" ")  # the gap between keys
        if self.palette is not None:
            right = Text(end="", no_wrap=True)
            right.append("▏", self.get_component_rich_style("key-footer--palette-edge"))
            right.append_text(self._entry_text(self.palette))
            right.append(" ")  # as Textual's footer leaves it
            room = max(width - right.cell_len, 0)
            line.truncate(room, overflow="crop", pad=True)
            spans = [(a, min(b, room), k) for a, b, k in spans if a < room]
            spans.append((room, width, self.palette.key))
            line.append_text(right)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
