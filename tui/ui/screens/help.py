"""Help: every key (as currently bound), the files loaded, and the format in brief.

The key list follows the keys contract (/work/shared/design/keymap.md). Where the
board's live bindings are known (the screen under this one), the keys shown are the
bound ones, so a remapped key (keymap.toml, by binding id) shows as remapped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.model.plain import CONFIDENCE_SYMBOLS
from tui.model.spec import COMMON, LIKELIHOODS, LISTS, QUALIFIERS, SITUATION, SOURCE, Field, ListSpec
from tui.model.text import format_likelihood, visible
from tui.model.types import CONFIDENCES
from tui.ui.screens.longfields import SHOWN_MAX
from tui.ui.theme import MUTED_STYLE
from tui.ui.widgets.footer import KeyFooter
from tui.ui.widgets.marking import TitleBar


@dataclass(frozen=True)
class KeyEntry:
    """One row of the keys contract.

    `keys`: the default keys as the contract writes them. `names`: binding ids and
    action names that carry this row on the board; when any is bound, the bound keys
    are shown instead of the defaults.
    """

    keys: tuple[str, ...]
    action: str
    names: tuple[str, ...] = ()


KEYMAP: tuple[KeyEntry, ...] = (
    KeyEntry(("tab", "shift+tab"), "next / previous pane", ("next_pane", "prev_pane")),
    KeyEntry(("0",), "jump to the key figures (the tiles at the top; ← → or j k move, enter opens)", ("pane_0",)),
    KeyEntry(
        ("1", "2", "3", "4", "5"),
        "jump to Fronts, Evacuations, Statements, Infrastructure, Events",
        ("pane_1", "pane_2", "pane_3", "pane_4", "pane_5"),
    ),
    KeyEntry(
        ("6", "7", "8"),
        "jump to Needs, Watch, Judgments (a list without a box opens full screen; escape: back)",
        ("pane_6", "pane_7", "pane_8"),
    ),
    KeyEntry(
        ("o",),
        "order of the focused list: by time (newest first; statements, events, watch) or as written",
        ("order", "toggle_order"),
    ),
    KeyEntry(("i",), "the whole summary, the next update and the overdue watch items", ("summary",)),
    KeyEntry(("j", "k", "down", "up"), "move in the focused pane", ("down", "up", "cursor_down", "cursor_up")),
    KeyEntry(("g", "G"), "first / last row", ("first", "last")),
    KeyEntry(("pageup", "pagedown"), "page up / down", ("page_up", "page_down")),
    KeyEntry(("enter",), "open the selected item's detail (every field, sources, links)", ("open", "select_cursor")),
    KeyEntry(("escape",), "close detail / help, clear the filter, restore a maximized pane", ("back",)),
    KeyEntry(("/",), "search all panes as you type; enter keeps the filter", ("search",)),
    KeyEntry(("n", "N"), "next / previous search hit", ("next_hit", "prev_hit")),
    KeyEntry(("z",), "maximize the focused pane (escape restores)", ("maximize", "maximize_pane")),
    KeyEntry(("r",), "reload now", ("reload",)),
    KeyEntry(("p",), "pause live reload; p again applies the waiting changes", ("pause", "toggle_pause")),
    KeyEntry(("c", "C"), "next / previous item changed by the last reload", ("next_change", "prev_change")),
    KeyEntry(("s",), "switch situation", ("switch", "switch_situation")),
    KeyEntry(("e",), "scroll every problem in the error bar (escape goes back)", ("errors",)),
    KeyEntry(("S",), "sources: each source's grade and the items resting on it", ("sources",)),
    KeyEntry(("b",), "mark a baseline (the picture now, saved for the next briefing)", ("baseline", "mark_baseline")),
    KeyEntry(("B",), "changes since the baseline: new, changed (old → new), removed", ("changes", "toggle_changes")),
    KeyEntry(
        ("[", "]"),
        "step back / forward through the git history of the files (] after the newest: live again)",
        ("history_back", "history_forward"),
    ),
    KeyEntry(("?", "f1"), "this help", ("help",)),
    KeyEntry(("ctrl+p", ":"), "command palette", ("command_palette",)),
    KeyEntry(("y",), "copy the selected row as one line: figure or words, place, source and grade, time", ("copy",)),
    KeyEntry(("Y",), "copy the whole selected item as plain text", ("copy_item",)),
    KeyEntry(("q", "ctrl+q"), "quit", ("quit",)),
)

# Keys inside the detail view (DetailScreen's own bindings).
DETAIL_KEYS: tuple[tuple[str, str], ...] = (
    ("enter", "go to the links; on a link, show that item"),
    ("tab", "between the fields and the links"),
    ("escape", "back to the item you came from; from the first, close"),
    ("j k g G", "scroll (also arrows, pageup, pagedown)"),
    ("y", "copy this item as one line (as on the board)"),
    ("Y", "copy this whole item as plain text"),
    ("d", "open the source's document at the quote (n / N: next / previous quote)"),
    ("f", f"a field cut at {SHOWN_MAX:,} characters: every cut field whole"),
)

# The flag after the grade in the panes (shapes: they read without colour).
FLAGS: tuple[tuple[str, str], ...] = (
    ("!", "weak basis: only claimed, only second-hand (via), or only sources graded D-F or ungraded"),
    ("◷", "stale: not updated within the threshold before the as-of (row in grey)"),
    ("▲ △", "severity critical / high (before the confidence; sorted first where the order is not by time)"),
    ("⚠", "overdue: a watch item past its due, the next update past its time"),
    ("→", "before a date: expected, dated after the as-of"),
    ("▁▃█ ↑ ↓", "a key figure's series (oldest to newest); up / down since the baseline (b)"),
    ("+ •", "new / changed by the last reload"),
)

# Textual key names that read differently from how people type them.
_KEY_NAMES = {"question_mark": "?", "colon": ":", "slash": "/", "full_stop": "."}


def key_name(key: str) -> str:
    return _KEY_NAMES.get(key, key)


def bound_keys(active: dict[str, ActiveBinding], entry: KeyEntry) -> tuple[str, ...]:
    """The keys bound now for this contract row (by binding id or action), else its defaults."""
    found: list[str] = []
    for key, active_binding in active.items():
        binding = active_binding.binding
        action = binding.action.rsplit(".", 1)[-1].split("(", 1)[0]
        if (binding.id and binding.id.rsplit(".", 1)[-1] in entry.names) or action in entry.names:
            name = key_name(key)
            if name not in found:
                found.append(name)
    if not found:
        return entry.keys
    # The contract's order first (j k down up), then keys remapped to something else.
    return tuple([k for k in entry.keys if k in found] + [k for k in found if k not in entry.keys])


def keys_table(active: dict[str, ActiveBinding]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("action", ratio=1)
    for entry in KEYMAP:
        table.add_row(Text(" ".join(bound_keys(active, entry))), Text(entry.action))
    return table


def detail_keys_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("action", ratio=1)
    for keys, action in DETAIL_KEYS:
        table.add_row(Text(keys), Text(action))
    return table


def flags_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column("flag", style="bold", no_wrap=True)
    table.add_column("meaning", ratio=1)
    for flag, meaning in FLAGS:
        table.add_row(Text(flag), Text(meaning))
    return table


def files_block(files: Iterable[str]) -> RenderableType:
    lines = [Text(visible(f, single_line=True), overflow="fold") for f in files]
    return Group(*lines) if lines else Text("(none)", style=MUTED_STYLE)


# How a kind of value is hinted at after its name (enums list their values).
_KIND_HINTS = {
    "units": " (state: count)",
    "sources": " (id or {source, quote, via})",
    "ids": " (ids)",
    "slug": " (slug)",
    "counts": " (label: quantity)",
    "breakdown": " (label: quantity, adding up to value)",
    "series": " ([{at, value}], oldest first)",
    "geo": " ({lat, lon, precision, pcode})",
    "funding": " ({required, received})",
}


def _field_words(f: Field) -> str:
    words = f.name + ("*" if f.required else "")
    if f.kind == "enum" and f.name != "confidence":  # confidence has its own row
        return f"{words} ({', '.join(f.values)})"
    return words + _KIND_HINTS.get(f.kind, "")


def _list_words(spec: ListSpec) -> str:
    parts: list[str] = []
    for f in spec.fields:
        if spec.one_of and f.name == spec.one_of[0]:
            parts.append(" or ".join(f"{name}*" for name in spec.one_of))  # "quote* or summary*"
        elif f.name not in spec.one_of:
            parts.append(_field_words(f))
    return ", ".join(parts)


def format_reference() -> RenderableType:
    """Format 1 in brief, built from the format spec (tui.model.spec) so it cannot drift."""
    table = Table.grid(padding=(0, 2))
    table.add_column("what", style="bold", no_wrap=True)
    table.add_column("how", ratio=1)
    source_words = ", ".join(f.name if f.name != "reliability" else "reliability A-F" for f in SOURCE.fields)
    rows = [
        ("situation", ", ".join(_field_words(f) for f in SITUATION.fields)),
        ("sources", f"id -> {{{source_words}}}"),
        *((spec.title, _list_words(spec)) for spec in sorted(LISTS, key=lambda s: s.key)),
        ("every item", ", ".join(_field_words(f) for f in COMMON) + ", x-…"),
        ("confidence", "  ".join(f"{CONFIDENCE_SYMBOLS[c]} {c}" for c in CONFIDENCES) + "  (default reported)"),
        (
            "quantity",
            "76000 | {value: 76000, qualifier: " + "/".join(QUALIFIERS) + "} | {min: 10, max: 20} | {max: 5}"
            " (up to 5) | {min: 5} (at least 5); optional unit",
        ),
        (
            "time",
            "ISO 8601 date 2024-08-07, month 2024-07 or date-time 2024-08-09T12:00+03:00 (with its offset);"
            " {at: 2024-08-07, approx: true} shows ~; a period {from: 2022-11-28, to: 2022-11-29}",
        ),
        ("likelihood", ", ".join(format_likelihood(name) for name in LIKELIHOODS)),
    ]
    for what, how in rows:
        table.add_row(Text(what), Text(how))
    note = Text("* required.  Keys starting with x- are kept and shown as written.", style=MUTED_STYLE)
    return Group(table, note)


class HelpBody(VerticalScroll):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


class HelpScreen(Screen[None]):
    """Every key with its action, the files loaded, the format's short reference."""

    DEFAULT_CSS = """
    HelpScreen #help-body { height: 1fr; padding: 0 1; }
    HelpScreen .section { height: auto; margin-top: 1; text-style: bold; color: $accent; }
    HelpScreen #help-title { margin-top: 0; }
    HelpScreen #help-heading { padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    HelpScreen Static { height: auto; max-width: 120; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close_question"),
        Binding("f1", "close", "Close", show=False, id="help.close_f1"),
        Binding("q", "close", "Close", show=False, id="help.close_q"),
    ]

    AUTO_FOCUS = "#help-body"

    def __init__(self, files: list[str], *, marking: str | None = None) -> None:
        super().__init__()
        self.files = list(files)
        self.marking = marking  # the handling marking of the situation shown

    def _board_bindings(self) -> dict[str, ActiveBinding]:
        """Active bindings of the screen under this one (what the keys do over there)."""
        stack = self.app.screen_stack
        below = [s for s in stack if s is not self]
        return below[-1].active_bindings if below else {}

    def compose(self) -> ComposeResult:
        title = Static(Text("Help · every key, the files loaded, the format", style="bold", end=""), id="help-heading")
        yield TitleBar(title, self.marking)
        with HelpBody(id="help-body"):
            yield Static("Keys", id="help-title", classes="section")
            yield Static(id="help-keys")
            yield Static("In the detail view", classes="section")
            yield Static(detail_keys_table(), id="help-detail-keys")
            yield Static("Flags in the panes", classes="section")
            yield Static(flags_table(), id="help-flags")
            yield Static("Files loaded", classes="section")
            yield Static(files_block(self.files), id="help-files")
            yield Static("Situation file format 1", classes="section")
            yield Static(format_reference(), id="help-format")
        yield KeyFooter()  # (Textual's Footer leaks per rebuild: tui/ui/widgets/footer.py)

    def on_mount(self) -> None:
        self.query_one("#help-keys", Static).update(keys_table(self._board_bindings()))

    def action_close(self) -> None:
        self.dismiss()
