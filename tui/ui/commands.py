"""Command palette providers (ctrl+p and `:`).

- `ItemCommands`: jump to any item by its name, "Fronts › Kursk incursion", fuzzy
  matched; enter calls `app.action_jump_to_item(item_id)`.
- `BoardCommands` (also exported as `SystemCommands`): every board action (search,
  maximize, reload, pause, switch situation, help, copy, ...) with the key it is bound
  to now, plus Textual's own system commands (theme, keys, screenshot).

Item names are untrusted: hits are built as `Content` (literal text), never as markup.
`Matcher.highlight()` parses its candidate as markup, so it is not used here.
"""

from __future__ import annotations

import asyncio
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.model.plain import confidence_text, item_heading
from tui.model.searchtext import word_start_offsets
from tui.model.text import visible

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.model.types import Situation

DISCOVER_PER_PANE = 3  # items listed before anything is typed, per pane
MAX_ITEM_HITS = 100  # best item matches offered for a query
MAX_FUZZY = 2000  # items scored by the (slow) fuzzy matcher per query, after substring hits
SUBSTRING_SCORE = 3.0  # per matched letter: above a scattered fuzzy match of the same length


def literal_match(matcher: Matcher, candidate: str) -> tuple[float, Content]:
    """Score and highlighted prompt, like `Matcher.match` + `Matcher.highlight`, except
    that the candidate is literal text, never markup."""
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    content = Content(candidate)
    if score:
        style = matcher.match_style
        for offset in offsets:
            if offset < len(candidate) and not candidate[offset].isspace():
                content = content.stylize(style, offset, offset + 1)
    return score, content


def literal_help(text: str) -> str:
    """A hit's help text shown as written. Textual types `Hit.help` as a str and reads a
    str as markup (`Content.from_markup`), which returns a Content given to it unchanged
    (as its docstring says): item names from a file must never become markup."""
    return Content(text)  # type: ignore[return-value]  # a Content where Textual's annotation says str: see above


@dataclass(frozen=True, slots=True)
class _ItemEntry:
    item_id: str
    heading: str  # visible, single line
    folded: str  # heading.lower(), as the fuzzy matcher compares
    help: str  # literal_help()


def _current_situation(app: Any) -> Situation | None:
    return getattr(app, "situation", None)


class ItemCommands(Provider):
    """Jump to any item of the situation on the board by (part of) its name."""

    async def startup(self) -> None:
        self._entries: list[_ItemEntry] = []
        self._discover: list[_ItemEntry] = []
        situation = _current_situation(self.app)
        if situation is None:
            return
        per_pane: dict[str, int] = {}
        for item in situation.all_items():
            heading = visible(item_heading(item), single_line=True)
            entry = _ItemEntry(
                item_id=item.id,
                heading=heading,
                folded=heading.lower(),
                help=literal_help(visible(f"{confidence_text(item.confidence)} · {item.id}", single_line=True)),
            )
            self._entries.append(entry)
            if per_pane.get(item.pane, 0) < DISCOVER_PER_PANE:
                per_pane[item.pane] = per_pane.get(item.pane, 0) + 1
                self._discover.append(entry)

    def _jump(self, item_id: str) -> None:
        jump = getattr(self.app, "action_jump_to_item", None)
        if jump is None:
            self.app.notify("This app cannot jump to items", severity="warning")
            return
        jump(item_id)

    async def discover(self) -> Hits:
        for entry in self._discover:
            yield DiscoveryHit(
                Content(entry.heading), partial(self._jump, entry.item_id), text=entry.heading, help=entry.help
            )

    async def search(self, query: str) -> Hits:
        """The best `MAX_ITEM_HITS` items for the query (a big board has 10,000 items:
        the palette need not build and sort an option for each)."""
        matcher = self.matcher(query)
        fuzzy, text = matcher.fuzzy_search, matcher.query
        # Every letter of the query in order: a cheap test that rejects most items
        # before the (slower) fuzzy scoring.
        in_order = re.compile(".*?".join(map(re.escape, text.lower())), re.S)
        needle = text.lower()
        fuzzy_budget = MAX_FUZZY
        scored: list[tuple[Any, ...]] = []
        for index, entry in enumerate(self._entries):
            if index % 512 == 511:
                await asyncio.sleep(0)  # keep typing responsive; lets a newer search cancel this one
            folded = entry.folded
            at = folded.find(needle)
            if at >= 0:
                # A plain substring (the usual case): scored directly, no fuzzy search.
                word_start = at == 0 or not folded[at - 1].isalnum()
                scored.append((SUBSTRING_SCORE * len(needle) * (1.5 if word_start else 1.0), -index, entry))
            elif fuzzy_budget and in_order.search(folded) is not None:
                # Letters in order but apart: a match only when each run of them begins
                # a word ("kn" for Kursk Nuclear), never letters strewn inside words
                # ("weak" in "...a highWay, onE mArKed": issue 13).
                fuzzy_budget -= 1
                offsets = word_start_offsets(needle, folded)
                if offsets is not None:
                    score = fuzzy.match(text, entry.heading)[0] or float(len(offsets))
                    scored.append((score, -index, entry, offsets))
        for hit in heapq.nlargest(MAX_ITEM_HITS, scored, key=lambda t: (t[0], t[1])):
            score, entry = hit[0], hit[2]
            if len(hit) > 3 and len(entry.folded) == len(entry.heading):
                prompt = Content(entry.heading)
                for offset in hit[3]:
                    prompt = prompt.stylize(matcher.match_style, offset, offset + 1)
            else:
                _, prompt = literal_match(matcher, entry.heading)
            yield Hit(score, prompt, partial(self._jump, entry.item_id), text=entry.heading, help=entry.help)


@dataclass(frozen=True, slots=True)
class BoardCommand:
    """One board action for the palette.

    `binding_id` finds the live binding (for its key and the node that handles it);
    `action` is run on the screen or the app when no binding carries it.
    """

    title: str
    help: str
    binding_id: str
    action: str


BOARD_COMMANDS: tuple[BoardCommand, ...] = (
    BoardCommand("Search", "Search all panes as you type", "search", "search"),
    # The lists a duty officer asks for at once: each puts its filter token in the search
    # box (the board's `set_query`), so the box says what is shown and escape clears it.
    BoardCommand(
        "Weak items",
        "Items on a weak basis: no source, only sources graded D-F, or only claimed  [/weak]",
        "",
        "set_query('weak')",
    ),
    BoardCommand("Stale items", "Items not updated within the stale threshold  [/stale]", "", "set_query('stale')"),
    BoardCommand(
        "Disputed items", "Items whose confidence is disputed  [/conf:disputed]", "", "set_query('conf:disputed')"
    ),
    BoardCommand(
        "Overdue watch items", "Open watch items whose due time has passed  [/overdue]", "", "set_query('overdue')"
    ),
    BoardCommand("Critical and high", "Items of severity high or critical  [/sev:high]", "", "set_query('sev:high')"),
    BoardCommand("Next search hit", "Move to the next search hit", "next_hit", "next_hit"),
    BoardCommand("Previous search hit", "Move to the previous search hit", "prev_hit", "prev_hit"),
    BoardCommand("Maximize pane", "Maximize the focused pane (escape restores)", "maximize", "maximize_pane"),
    BoardCommand("Reload", "Reload the situation files now", "reload", "reload"),
    BoardCommand(
        "Pause / resume live reload", "Pause live reload; again applies the waiting changes", "pause", "toggle_pause"
    ),
    BoardCommand("Next change", "Jump to the next item changed by the last reload", "next_change", "next_change"),
    BoardCommand(
        "Previous change", "Jump to the previous item changed by the last reload", "prev_change", "prev_change"
    ),
    BoardCommand("Switch situation", "Show the next situation (when several are loaded)", "switch", "switch_situation"),
    BoardCommand(
        "Copy line", "Copy the selected row as one line (figure, place, source, time)", "copy", "copy_selected(False)"
    ),
    BoardCommand("Copy item", "Copy the whole selected item as plain text", "copy_item", "copy_selected(True)"),
    BoardCommand("Sources", "Every source with its grade and the items resting on it", "sources", "sources"),
    BoardCommand(
        "Mark baseline", "Save the picture now as the baseline (the last briefing)", "baseline", "mark_baseline"
    ),
    BoardCommand(
        "Changes since baseline",
        "New, changed (old → new) and removed items since the baseline",
        "changes",
        "toggle_changes",
    ),
    BoardCommand("Older version", "Step back through the git history of the files ([)", "history_back", "history(1)"),
    BoardCommand(
        "Newer version", "Step forward; after the newest, the live picture (])", "history_forward", "history(-1)"
    ),
    BoardCommand("Help", "Every key, the files loaded, the format in brief", "help", "help"),
    BoardCommand("Jump to Key figures", "Focus the key figures (the tiles at the top)", "pane_0", "jump_pane(0)"),
    BoardCommand("Jump to Fronts", "Focus the Fronts pane", "pane_1", "jump_pane(1)"),
    BoardCommand("Jump to Evacuations", "Focus the Evacuations pane", "pane_2", "jump_pane(2)"),
    BoardCommand("Jump to Statements", "Focus the Statements pane", "pane_3", "jump_pane(3)"),
    BoardCommand("Jump to Infrastructure", "Focus the Infrastructure pane", "pane_4", "jump_pane(4)"),
    BoardCommand("Jump to Events", "Focus the Events pane", "pane_5", "jump_pane(5)"),
    BoardCommand("Jump to Needs", "Focus the Needs list (full screen when it has no box)", "pane_6", "jump_pane(6)"),
    BoardCommand("Jump to Watch", "Focus the Watch list (full screen when it has no box)", "pane_7", "jump_pane(7)"),
    BoardCommand(
        "Jump to Judgments", "Focus the Judgments list (full screen when it has no box)", "pane_8", "jump_pane(8)"
    ),
    BoardCommand("Toggle order", "The focused list by time (newest first) or as written", "order", "toggle_order"),
    BoardCommand("Summary", "The whole summary, the next update, overdue watch items", "summary", "summary"),
    BoardCommand("Quit", "Quit Situation Board", "quit", "quit"),
)

# Textual's own system commands that the board commands above replace.
_REPLACED_SYSTEM = {"Quit", "Maximize"}

_KEY_NAMES = {"question_mark": "?", "colon": ":", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]"}


class BoardCommands(Provider):
    """Every board action, with its current key, plus Textual's system commands."""

    def _resolve(self, command: BoardCommand) -> tuple[list[str], DOMNode, str] | None:
        """Keys bound to the command now, the node to run it on and the action as that
        binding names it ("app.reload" on the board); None if unavailable here."""
        keys: list[str] = []
        node: DOMNode | None = None
        action = command.action
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.id == command.binding_id:
                keys.append(_KEY_NAMES.get(key, key))
                if node is None:
                    node, action = active.node, binding.action
                if not active.enabled:
                    return None
        name = command.action.split("(", 1)[0]
        if node is None:
            for candidate in (self.screen, self.app):
                if hasattr(candidate, f"action_{name}"):
                    node = candidate
                    break
        if node is None:
            return None
        return keys, node, action

    def _commands(self) -> Iterator[tuple[str, str, Any]]:
        for command in BOARD_COMMANDS:
            resolved = self._resolve(command)
            if resolved is None:
                continue
            keys, node, action = resolved
            help_text = command.help + (f"  [{' / '.join(keys)}]" if keys else "")
            yield command.title, literal_help(help_text), partial(self.app.run_action, action, node)
        for system in self.app.get_system_commands(self.screen):
            if system.title in _REPLACED_SYSTEM:
                continue
            yield system.title, literal_help(system.help), system.callback

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score, prompt = literal_match(matcher, title)
            if score > 0:
                yield Hit(score, prompt, callback, text=title, help=help_text)


# The name the app imports (it replaces Textual's SystemCommandsProvider in COMMANDS).
SystemCommands = BoardCommands
