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


async def wait_until(pilot, cond, timeout: float = 10.0, step: float = 0.02, what: str = "") -> None:
    """Let the app run until `cond()` holds; AssertionError (naming `what`) after `timeout` s."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not cond():
        assert loop.time() < end, f"never happened in {timeout:g} s: {what or 'the condition'}"
        await pilot.pause(step)


def quiet(app) -> bool:
    """The board's live reload has nothing in flight: the watch is armed (and its catch-up
    check after arming done) unless the app does not watch, no reload runs, none is
    pending, no file is held."""
    live = app.live
    ctl = live.reloader
    if live.watch_files and (live.watcher is None or not live.watcher.armed):
        return False
    return ctl is None or not (ctl.running or ctl.has_pending or ctl.holding())


async def until_quiet(pilot, app) -> None:
    """Wait until the live reload is quiet and what it posted is handled (a change the
    catch-up check after arming found starts a reload: then until that one is done)."""
    await wait_until(pilot, lambda: quiet(app), what="the watch armed, no reload in flight")
    await pilot.pause()
    await wait_until(pilot, lambda: quiet(app), what="no reload in flight")
    await pilot.pause()


async def open_board(pilot, app) -> None:
    """The first picture is on the board and the live reload is quiet."""
    await wait_until(pilot, lambda: app.situation is not None, what="the first picture")
    await until_quiet(pilot, app)
