"""Search and filter the items of a situation, ranked (UI-free: the board's table asks it
for the row positions to show).

    searcher = Searcher(situation, stale_hours=24, now=clock)
    result = searcher.search(parse("lukashenko"), previous=last_result)
    result.pane("statements").rows          # positions in the pane, file order
    result.pane("statements").ranked_rows   # best hit first
    result.best                             # where `enter` goes
    spans(cell_text, query)                 # what to highlight in a cell

Ranking, per item: a hit in its visible label (tier 0) beats one in its other fields
(tier 1: what the row and the detail show), which beats one in its sources (ids, names,
quotes), notes, `about` links, id and extensions (tier 2). With several words the worst
tier decides, then whether they stand side by side as typed, then the sum of the tiers.
Ties: pane order, then file order.

Speed (benchmarks/search.py): each item's folded text is computed once, its three tiers
in one string, and kept across reloads while the item is the same (the same object, or
an equal one: items are immutable). A keystroke is one `in` per candidate and word; a
query that narrows the previous one (a longer word, one more term) tests only the
previous hits; ranks are worked out only when asked for (`enter`, a pane in rank order).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains, is_
from typing import cast

from tui.model.query import PANE_NUMBERS, Query, parse
from tui.model.searchfilter import Flags, filter_steps
from tui.model.searchtext import item_tiers, spans
from tui.model.stale import DEFAULT_STALE_HOURS
from tui.model.types import PANES, Item, Situation

__all__ = ["Searcher", "SearchResult", "PaneHits", "Hit", "Query", "parse", "spans", "item_tiers", "PANE_NUMBERS"]

# rank = worst tier * WORD_RANK (+ PHRASE_RANK when the words are not side by side as
# typed in that tier) + the sum of the words' tiers (MAX_TERMS words at most)
WORD_RANK = 1024
PHRASE_RANK = 512


@dataclass(frozen=True, slots=True)
class Hit:
    pane: str
    row: int  # position in the pane (file order)
    id: str
    rank: int  # lower is better; 0: every word in the label


class _Generation:
    """What one version of the situation needs for searching; `Searcher.update` makes a
    new one. Texts are filled lazily (or by `warm` in a worker): `bounds[r]` is written
    before `strings[r]`, and a string is only ever set, never cleared."""

    def __init__(
        self,
        situation: Situation | None,
        stale_hours: float,
        panes: dict[str, Sequence[Item]] | None = None,
        lists: Sequence[str] = PANES,
    ) -> None:
        self.situation = situation
        if panes is None:
            panes = {p: situation.pane(p) if situation is not None else () for p in lists}
        self.panes = panes
        self.names: dict[str, str] = {}
        if situation is not None:
            self.names = {sid: src.name for sid, src in situation.sources.items() if isinstance(src.name, str)}
        self.strings: dict[str, list[str | None]] = {p: [None] * len(v) for p, v in panes.items()}
        self.bounds: dict[str, list[tuple[int, int] | None]] = {p: [None] * len(v) for p, v in panes.items()}
        self.flags = Flags(situation, panes, stale_hours)
        self.complete: set[str] = set()  # panes whose every text is computed
        # what to take over from the last version, pane by pane, when first needed (a
        # reload does not wait for it; the worker's `warm` or the next keystroke does it)
        self.pending: dict[str, tuple[_Generation, bool, bool]] = {}
        self.lock = threading.Lock()
        self.chain = 0  # versions back whose texts are still to be taken over

    def ensure(self, pane: str) -> None:
        """Take over the texts and flags of the pane's unchanged items from the last version."""
        if pane not in self.pending:
            return
        with self.lock:
            todo = self.pending.get(pane)
            if todo is None:
                return
            old, same_texts, same_flags = todo
            old.ensure(pane)
            keep = _same_items(old.panes[pane], self.panes[pane])
            if same_texts:  # (source names are part of the text)
                strings, bounds = self.strings[pane], self.bounds[pane]
                for i, j, length in keep:
                    strings[i : i + length] = old.strings[pane][j : j + length]
                    bounds[i : i + length] = old.bounds[pane][j : j + length]
            if same_flags:
                self.flags.carry(old.flags, pane, keep)
            del self.pending[pane]

    def is_complete(self, pane: str) -> bool:
        if pane not in self.complete and None not in self.strings[pane]:
            self.complete.add(pane)  # (a text is never cleared: once complete, always)
        return pane in self.complete

    def fill(self, pane: str, rows: Iterable[int]) -> None:
        strings, bounds, items, names = self.strings[pane], self.bounds[pane], self.panes[pane], self.names
        for r in rows:
            if strings[r] is None:
                a, b, c = item_tiers(items[r], names)
                bounds[r] = (len(a), len(a) + 2 + len(b))
                strings[r] = f"{a}\n\n{b}\n\n{c}"  # a word never holds a newline: never spans tiers

    def ranks(self, pane: str, words: tuple[str, ...], rows: Sequence[int]) -> list[int]:
        strings, bounds = self.strings[pane], self.bounds[pane]
        phrase = " ".join(words) if len(words) > 1 else ""
        out: list[int] = []
        for r in rows:
            s, (b1, b2) = strings[r] or "", bounds[r] or (0, 0)
            worst = total = 0
            for word in words:
                pos = s.find(word)
                tier = 0 if pos < b1 else 1 if pos < b2 else 2
                total += tier
                if tier > worst:
                    worst = tier
            rank = worst * WORD_RANK + total
            if phrase:  # the words as typed, side by side in one value, rank before the others
                pos = s.find(phrase)
                tier = 0 if 0 <= pos < b1 else 1 if 0 <= pos < b2 else 2 if pos >= 0 else 3
                rank += 0 if tier <= worst else PHRASE_RANK
            out.append(rank)
        return out


class PaneHits:
    """The hits of one pane: `rows` are positions in `situation.pane(name)`, file order."""

    __slots__ = ("pane", "rows", "_gen", "_words", "_ranks", "_ranked")

    def __init__(self, pane: str, rows: list[int], gen: _Generation, words: tuple[str, ...]) -> None:
        self.pane = pane
        self.rows: tuple[int, ...] = tuple(rows)
        self._gen = gen
        self._words = words
        self._ranks: dict[int, int] | None = None
        self._ranked: tuple[int, ...] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int:
        return len(self._gen.panes[self.pane])

    def _rank_table(self) -> dict[int, int]:
        if self._ranks is None:
            rows = self.rows if self._words else ()
            self._ranks = dict(zip(rows, self._gen.ranks(self.pane, self._words, rows)))
        return self._ranks

    def rank(self, row: int) -> int:
        """Sort key of one hit (lower is better): to order hits in another order's ties."""
        return self._rank_table().get(row, 0)

    @property
    def ranked_rows(self) -> tuple[int, ...]:
        """Best hit first; ties in file order (a stable sort)."""
        if self._ranked is None:
            table = self._rank_table()
            self._ranked = tuple(sorted(self.rows, key=table.__getitem__)) if table else self.rows
        return self._ranked

    @property
    def ids(self) -> tuple[str, ...]:
        items = self._gen.panes[self.pane]
        return tuple(items[r].id for r in self.rows)

    @property
    def ranked_ids(self) -> tuple[str, ...]:
        items = self._gen.panes[self.pane]
        return tuple(items[r].id for r in self.ranked_rows)

    def hit(self, row: int) -> Hit:
        return Hit(self.pane, row, self._gen.panes[self.pane][row].id, self.rank(row))

    def first_best(self) -> Hit | None:
        """The best hit of the pane, looking no further than the first with rank 0."""
        if not self.rows:
            return None
        if self._ranks is None and self._words:
            gen, words, best, best_rank = self._gen, self._words, self.rows[0], -1
            for start in range(0, len(self.rows), 256):  # most queries have a label hit early
                chunk = self.rows[start : start + 256]
                for row, rank in zip(chunk, gen.ranks(self.pane, words, chunk)):
                    if best_rank < 0 or rank < best_rank:
                        best, best_rank = row, rank
                if best_rank == 0:
                    return Hit(self.pane, best, gen.panes[self.pane][best].id, 0)
        return self.hit(self.ranked_rows[0])


class SearchResult:
    """Every pane's hits for one query on one version of the situation."""

    def __init__(self, query: Query, generation: _Generation, panes: dict[str, PaneHits]) -> None:
        self.query = query
        self.generation = generation
        self.panes = panes

    def pane(self, name: str) -> PaneHits:
        return self.panes[name]

    @property
    def count(self) -> int:
        return sum(len(h) for h in self.panes.values())

    def ranked(self) -> list[Hit]:
        """Every hit, best first; ties by pane order, then file order."""
        out = [h.hit(r) for h in self.panes.values() for r in h.ranked_rows]
        out.sort(key=lambda hit: hit.rank)  # stable: pane order, then file order
        return out

    @property
    def best(self) -> Hit | None:
        """Where `enter` in the search box goes: the best hit, the first pane on a tie."""
        best: Hit | None = None
        for h in self.panes.values():  # pane order
            hit = h.first_best()
            if hit is not None and (best is None or hit.rank < best.rank):
                best = hit
                if hit.rank == 0:
                    break
        return best


class Searcher:
    """Searches one situation at a time. `update` swaps in a new version, keeping each
    item's text while the item is the same (the flags too while the sources, the as-of
    and the threshold are). `warm()` may run in a worker thread while the UI searches.
    `lists`: the lists searched (the board's panes; every list: types.LISTS)."""

    def __init__(
        self,
        situation: Situation | None = None,
        *,
        stale_hours: float = DEFAULT_STALE_HOURS,
        now: Callable[[], dt.datetime] | None = None,
        lists: Sequence[str] = PANES,
    ) -> None:
        self.now = now or (lambda: dt.datetime.now(dt.UTC))
        self.lists = tuple(lists)
        self._gen = _Generation(None, stale_hours, lists=self.lists)
        self.update(situation, stale_hours=stale_hours)

    @property
    def situation(self) -> Situation | None:
        return self._gen.situation

    @property
    def generation(self) -> object:
        return self._gen

    def update(self, situation: Situation | None, *, stale_hours: float | None = None) -> None:
        old = self._gen
        hours = old.flags.stale_hours if stale_hours is None else stale_hours
        new = _Generation(situation, hours, lists=self.lists)
        prev = old.situation
        if situation is not None and prev is not None:
            same_texts = prev.sources is situation.sources or prev.sources == situation.sources
            same_flags = same_texts and prev.as_of == situation.as_of and old.flags.stale_hours == hours
            if len(old.pending) and old.chain >= 4:  # reloads with no search or warm between
                for pane in list(old.pending):
                    old.ensure(pane)  # keep the chain of old versions short
            new.chain = old.chain + 1 if old.pending else 0
            for pane in new.panes:
                if old.panes.get(pane) and same_texts:  # (source names are part of the text)
                    new.pending[pane] = (old, same_texts, same_flags)
        self._gen = new

    @property
    def warmed(self) -> bool:
        """Every item's search text is computed (the first keystroke will not wait)."""
        gen = self._gen
        return not gen.pending and all(gen.is_complete(pane) for pane in gen.panes)

    def warm(self, stop: Callable[[], bool] | None = None) -> None:
        """Compute every item's text (and grade, weak, stale flags) now: call it in a
        worker thread once the board is on screen, so the first letter typed does not
        pay for 100,000 of them. `stop()` true ends it early (a newer situation)."""
        gen = self._gen
        for pane, items in gen.panes.items():
            gen.ensure(pane)
            for start in range(0, len(items), 512):
                if stop is not None and stop():
                    return
                try:
                    gen.fill(pane, range(start, min(start + 512, len(items))))
                except Exception:  # computed again (and reported) on demand
                    pass
            for kind in ("grade", "weak", "stale", "confidence", "severity"):
                try:
                    gen.flags.get(pane, kind)
                except Exception:
                    pass

    def search(self, query: Query | str, previous: SearchResult | None = None) -> SearchResult:
        """The hits of `query`. Pass the last result as `previous`: when this query only
        narrows it (and the situation is the same version) only its hits are tested."""
        if isinstance(query, str):
            query = parse(query)
        gen = self._gen
        narrowed = (
            previous if previous is not None and previous.generation is gen and query.narrows(previous.query) else None
        )
        out: dict[str, PaneHits] = {}
        for pane, items in gen.panes.items():
            rows: Sequence[int] = narrowed.panes[pane].rows if narrowed is not None else range(len(items))
            if not query.empty:
                rows = self._scan(gen, pane, rows, query)
            out[pane] = PaneHits(pane, list(rows), gen, query.words)
        return SearchResult(query, gen, out)

    def _scan(self, gen: _Generation, pane: str, rows: Sequence[int], query: Query) -> Sequence[int]:
        gen.ensure(pane)
        steps = filter_steps(gen.flags, pane, query.filters, self.now)
        if steps is None:
            return []
        for step in steps:  # filters first: cheaper than words
            rows = step(rows)
        if not query.words or not rows:
            return rows
        if not gen.is_complete(pane):  # texts not computed yet (not warmed, or changed items)
            gen.fill(pane, rows)
        strings = cast(list[str], gen.strings[pane])  # every row's is set now
        for word in query.words:  # `word in text` for every row, at C speed (no bytecode per row)
            if isinstance(rows, range) and len(rows) == len(strings):
                rows = list(compress(rows, map(contains, strings, repeat(word))))
            else:
                rows = list(compress(rows, map(contains, map(strings.__getitem__, rows), repeat(word))))
        return rows

    def matches(self, item: Item, query: Query | str) -> bool:
        """One item against a query (nothing cached: for a single row)."""
        if isinstance(query, str):
            query = parse(query)
        gen = _Generation(self._gen.situation, self._gen.flags.stale_hours, panes={item.pane: (item,)})
        return bool(self._scan(gen, item.pane, range(1), query)) if not query.empty else True


def _same_items(old: Sequence[Item], new: Sequence[Item]) -> list[tuple[int, int, int]]:
    """Runs (new start, old start, length) of items that did not change: the same object
    (parts the reload did not read again) or an equal one (an item of a saved part that
    the edit did not touch). The common prefix and suffix are found at C speed; the
    middle (the part that was saved) item by item."""
    n, m = len(old), len(new)
    same = list(map(is_, old, new))
    pre = same.index(False) if False in same else len(same)
    if pre == n == m:
        return [(0, 0, n)]
    back = list(map(is_, reversed(old), reversed(new)))
    suf = back.index(False) if False in back else len(back)
    suf = min(suf, n - pre, m - pre)
    runs = [(0, 0, pre)] if pre else []
    where = {old[j].id: j for j in range(pre, n - suf)}
    for i in range(pre, m - suf):
        it = new[i]
        j = where.get(it.id)
        if j is not None and (old[j] is it or old[j] == it):
            runs.append((i, j, 1))
    if suf:
        runs.append((m - suf, n - suf, suf))
    return runs
