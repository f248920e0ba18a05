"""`paused_gc()`: the cyclic garbage collector paused while a load builds its objects.

Validation allocates millions of small acyclic objects (dicts, tuples, dataclasses); with the
collector on, every generation-2 pass walks all of them again (100,000 items: 4.0 s -> 2.6 s
without; `load()` of 10,000 items: 350 -> 290 ms). Reference counting still frees everything;
nothing a load builds holds a cycle.

`paused_gc(settle=True)`, for a first load: when the last pause ends, what it built goes
straight to the oldest generation (gc.freeze() then gc.unfreeze(): a move, no scan); left
young, the first collections after the load scan all of it three times over, generation 0, 1,
then 2 (100,000 items: 0.8 s on the UI thread while it draws the first picture). The board
then runs one full collection once that picture is on screen (tui/ui/live.py:
LiveReload.collect_soon), so a cycle is never kept for long. A live reload pauses without
settling (`settle=False`): it re-parses only the parts that changed, whose objects the young
collections handle as usual, with no full collection forced after each save.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False
_gc_settle = False  # a pause of this run asked for settle=True


@contextmanager
def paused_gc(*, settle: bool = True) -> Iterator[None]:
    """Pause the cyclic GC for the block (nested and concurrent pauses counted; it is
    enabled again when the last one ends, if it was enabled before the first). `settle`:
    then move every object to the oldest generation (see above)."""
    global _gc_pauses, _gc_was_enabled, _gc_settle
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            _gc_settle = False
            gc.disable()
        _gc_pauses += 1
        _gc_settle = _gc_settle or settle
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                if _gc_settle:
                    gc.freeze()  # every tracked object to the permanent generation...
                    gc.unfreeze()  # ...and back into the oldest one: young collections skip them
                gc.enable()
