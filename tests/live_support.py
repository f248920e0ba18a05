"""Helpers shared by the live-reload tests: an atomic save as editors do it, and waiting on
a condition under Pilot (no fixed sleeps)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path


def save(path: Path, text: str) -> None:
    """An atomic save, as vim and most editors do it: write a temp file, rename it over."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


async def wait_until(pilot, cond, timeout: float = 10.0, step: float = 0.02) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not cond():
        assert loop.time() < end, "condition not reached in time"
        await pilot.pause(step)
