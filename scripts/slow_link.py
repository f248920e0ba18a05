#!/usr/bin/env python3
"""The board over a thin SSH link (issue 14): how long a duty officer waits for an answer.

    python scripts/slow_link.py [--rate 8000] [--delay 0.3] [--cols 80 --rows 24]
                                [--lookups FILE.json] [--compress] [--json FILE]

A throwaway sshd on 127.0.0.1 (scripts/ssh_check.py's), and in front of it a small
throttling TCP relay of our own (asyncio, in a thread): each way, a token bucket lets
--rate bytes per second through (8,000 B/s = 64 kbit/s; bursts of at most one 512-byte
piece) and every piece is delivered --delay seconds after it went through the bucket
(300 ms one way, 600 ms round trip), in order. That is a field office on a satellite or
congested link. `ssh -tt` connects through the relay and runs `sitboard` (the embedded
default) in a pty of --cols x --rows, read by a terminal emulator (pyte).

Then five lookups a duty officer makes, each from the board: the clock starts at the
first key press and stops when the answer is on the screen (a specific text appears).
A lookup is a list of steps; each step types its keys and, when it names a text, waits
for it before the next step (a user looks before pressing `enter`). The lookups are data
(LOOKUPS below, or --lookups FILE.json with the same shape), so they can follow the
board: e.g. (d) becomes `/weak` `enter` once `weak` is a search token. Between lookups
the board is brought back with `escape` (not timed).

Printed: a table of lookup, keys, time to answer, and bytes received: what came back
over the link (SSH's encrypted bytes, counted by the relay) and what reached the pty.
The load average is printed with the timings: they are wall-clock on a shared machine.

Needs sshd (scripts/slow_link.sh installs openssh-server when it is missing). Not run in
CI; nothing of the user's ssh config or sitboard state is used or changed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from pty_support import PtyApp  # noqa: E402
from ssh_check import first_screen, free_port, ssh_argv, throwaway_sshd  # noqa: E402

PIECE = 512  # bytes a piece: the bucket's burst, and the relay's unit of delay

# The lookups (see the module docstring). keys: typed as written ("\r" enter, "\x1b" escape);
# wait: the text that shows the step is done (the last step's is the answer).
LOOKUPS: list[dict] = [
    {
        "name": "(a) evacuated figure and its source",
        "steps": [
            {"keys": "2", "wait": "┏━ 2 Evacuations"},
            {"keys": "\r", "wait": ["over 76,000", "Emergencies Ministry"]},
        ],
    },
    {
        "name": "(b) a statement by name (Lukashenko)",
        "note": "enter keeps the filter and lands on the best hit, his statement (issue 13's ranking), then enter opens it",
        "steps": [
            {"keys": "/lukashenko", "wait": "3 Statements 1/6"},
            {"keys": "\r", "wait": "┏━ 3 Statements"},
            {"keys": "\r", "wait": "I don't understand why Ukraine needs this"},
        ],
    },
    {
        "name": "(c) the nuclear plant's units",
        "steps": [
            {"keys": "4", "wait": "┏━ 4 Infrastructure"},
            {"keys": "\r", "wait": "2 operational"},
        ],
    },
    {
        "name": "(d) the weak items",
        "note": "no filter for them yet: the sources screen (S) counts them and marks each with !",
        "steps": [{"keys": "S", "wait": ["items on a weak basis", "! ○ Statements › Valery Gerasimov"]}],
    },
    {
        "name": "(e) changes since the baseline",
        "note": "b marks the baseline (normally at the start of the shift), B shows what changed since",
        "steps": [
            {"keys": "b", "wait": "Baseline saved"},
            {"keys": "B", "wait": "Changes since baseline"},
        ],
    },
]


# -- the relay --------------------------------------------------------------------------------


@dataclass
class Direction:
    """One way through the relay: a token bucket, then a fixed delay, order kept."""

    rate: float  # bytes per second
    delay: float  # seconds
    bytes: int = 0  # delivered so far

    async def pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        line: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
        deliver = asyncio.ensure_future(self._deliver(line, writer))
        loop = asyncio.get_running_loop()
        tokens, last = float(PIECE), loop.time()
        try:
            while data := await reader.read(PIECE):
                # The bucket: a piece goes onto the link when there are tokens for it.
                now = loop.time()
                tokens = min(float(PIECE), tokens + (now - last) * self.rate)
                last = now
                if tokens < len(data):
                    await asyncio.sleep((len(data) - tokens) / self.rate)
                    now = loop.time()
                    tokens = min(float(PIECE), tokens + (now - last) * self.rate)
                    last = now
                tokens -= len(data)
                line.put_nowait((now + self.delay, data))  # ... and arrives `delay` later
        finally:
            line.put_nowait(None)
            await deliver

    async def _deliver(self, line: asyncio.Queue, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        try:
            while (item := await line.get()) is not None:
                due, data = item
                if due > loop.time():
                    await asyncio.sleep(due - loop.time())
                writer.write(data)
                await writer.drain()
                self.bytes += len(data)
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()


@dataclass
class Relay:
    """127.0.0.1:port -> 127.0.0.1:target through the slow link; runs its loop in a thread."""

    target: int
    rate: float
    delay: float
    port: int = field(default_factory=free_port)
    down: Direction = field(init=False)  # server -> client (what the officer waits for)
    up: Direction = field(init=False)

    def __post_init__(self) -> None:
        self.down = Direction(self.rate, self.delay)
        self.up = Direction(self.rate, self.delay)
        self.ready = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="slow-link", daemon=True)
        self.thread.start()
        if not self.ready.wait(10):
            raise SystemExit("the relay did not start")

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", self.port))
        self.ready.set()
        self.loop.run_forever()
        server.close()
        pending = asyncio.all_tasks(self.loop)  # the connections still open: cancelled, awaited
        for task in pending:
            task.cancel()
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()

    async def _client(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        s_reader, s_writer = await asyncio.open_connection("127.0.0.1", self.target)
        try:
            await asyncio.gather(
                self.up.pump(c_reader, s_writer), self.down.pump(s_reader, c_writer), return_exceptions=True
            )
        except asyncio.CancelledError:
            pass  # the relay is closing: the connection ends here, quietly

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


# -- the lookups ------------------------------------------------------------------------------


class Terminal(PtyApp):
    """The ssh client's pty, noting when the last byte arrived."""

    last_data_at = 0.0

    def read(self, timeout: float = 0.1) -> bytes:
        data = super().read(timeout)
        if data:
            self.last_data_at = time.monotonic()
        return data


def texts(wait: str | list[str] | None) -> list[str]:
    return [] if wait is None else [wait] if isinstance(wait, str) else list(wait)


def shown(app: PtyApp, wait: list[str]) -> bool:
    screen = app.text()
    return all(t in screen for t in wait)


def keys_label(steps: list[dict]) -> str:
    names = {"\r": "enter", "\x1b": "escape", "\t": "tab"}
    return " ".join(f"`{names.get(s['keys'], s['keys'])}`" for s in steps)


@dataclass
class Result:
    name: str
    keys: str
    seconds: float | None  # first key press -> answer on screen
    settled: float | None  # first key press -> the last byte of the repaint
    wire_bytes: int  # server -> client through the relay (SSH, encrypted)
    pty_bytes: int  # what reached the client's terminal
    steps: list[float] = field(default_factory=list)  # seconds of each step
    note: str = ""
    why: str = ""


def run_lookup(app: Terminal, relay: Relay, lookup: dict, timeout: float, quiet: float) -> Result:
    wire0, pty0 = relay.down.bytes, len(app.raw)
    t0 = time.monotonic()
    steps: list[float] = []
    why = ""
    try:
        for step in lookup["steps"]:
            t = time.monotonic()
            app.send(step["keys"])
            wait = texts(step.get("wait"))
            if wait:
                app.wait_for(lambda a, w=wait: shown(a, w), timeout, f"{' and '.join(map(repr, wait))} on screen")
            steps.append(time.monotonic() - t)
        seconds: float | None = time.monotonic() - t0
    except AssertionError as exc:
        seconds, why = None, str(exc).splitlines()[0]
    app.wait_quiet(quiet, timeout)  # the rest of the repaint belongs to this lookup's bytes
    return Result(
        lookup["name"],
        keys_label(lookup["steps"]),
        seconds,
        app.last_data_at - t0,
        relay.down.bytes - wire0,
        len(app.raw) - pty0,
        steps,
        lookup.get("note", ""),
        why,
    )


def on_the_board(app: PtyApp) -> bool:
    """The board, every pane unfiltered, no search box."""
    screen = app.text()
    return first_screen(app) and "3 Statements (6)" in screen and "search all panes" not in screen


def back_to_board(app: PtyApp, timeout: float, quiet: float) -> None:
    """`escape` until the board shows every pane unfiltered, then quiet (not timed). `quiet`
    is longer than a round trip, so an answer still on its way is waited for."""
    for _ in range(5):
        if on_the_board(app):
            break
        app.send("\x1b")
        app.wait_quiet(quiet, timeout)
    else:
        raise AssertionError(f"escape did not bring the board back:\n{app.text()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=8000.0, help="bytes per second each way (default 8000 = 64 kbit/s)")
    ap.add_argument("--delay", type=float, default=0.3, help="one-way delay, seconds (default 0.3)")
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--lookups", metavar="FILE", help="the lookups as JSON (the shape of LOOKUPS)")
    ap.add_argument("--compress", action="store_true", help="ssh -C (zlib over the link), for comparison")
    ap.add_argument("--timeout", type=float, default=120.0, help="longest wait for one answer, seconds")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    a = ap.parse_args()
    if a.rate < 100 or not 0 <= a.delay <= 5:
        ap.error("--rate at least 100 B/s, --delay between 0 and 5 s")
    lookups = json.loads(Path(a.lookups).read_text("utf-8")) if a.lookups else LOOKUPS

    sitboard = Path(sys.executable).with_name("sitboard")
    board_cmd = str(sitboard) if sitboard.exists() else f"{shlex.quote(sys.executable)} -m tui"
    load_before = os.getloadavg()
    results: list[Result] = []
    with throwaway_sshd() as server:
        # The board's own state (baselines) and keymap: the server's temp dir, not the user's.
        # SITBOARD_WIRE=plain passes on: Textual's own writes, issue 14's "before" on the same commit.
        wire = os.environ.get("SITBOARD_WIRE")
        wire_env = f"SITBOARD_WIRE={shlex.quote(wire)} " if wire else ""
        remote = (
            f"cd {shlex.quote(str(server.tmp))} && {wire_env}XDG_STATE_HOME={shlex.quote(str(server.tmp / 'state'))} "
            f"XDG_CONFIG_HOME={shlex.quote(str(server.tmp / 'config'))} exec {board_cmd}"
        )
        relay = Relay(server.port, a.rate, a.delay)
        ssh = ssh_argv(server, remote, port=relay.port, options=["-C"] if a.compress else [])
        print(
            f"sshd on 127.0.0.1:{server.port}, relay on :{relay.port} ({a.rate:,.0f} B/s each way, "
            f"{a.delay * 1000:.0f} ms one way); ssh{' -C' if a.compress else ''} -tt ... sitboard, "
            f"TERM=xterm-256color, {a.cols}x{a.rows}",
            file=sys.stderr,
        )
        quiet = 2 * a.delay + 1.0  # no byte for longer than a round trip and a second: settled
        app = Terminal([], argv=ssh, env={"TERM": "xterm-256color"}, cols=a.cols, rows=a.rows)
        try:
            t0 = time.monotonic()
            app.wait_for(first_screen, a.timeout, "the first screen")
            took = time.monotonic() - t0
            app.wait_quiet(quiet, a.timeout)  # bytes: until the board has settled
            results.append(
                Result(
                    "start-up: ssh login to the first screen",
                    "(connect)",
                    took,
                    app.last_data_at - t0,
                    relay.down.bytes,
                    len(app.raw),
                )
            )
            for lookup in lookups:
                back_to_board(app, a.timeout, quiet)
                print(f"  {lookup['name']} ...", file=sys.stderr, flush=True)
                results.append(run_lookup(app, relay, lookup, a.timeout, quiet))
            app.send("q")
            app.finish(30)
        finally:
            app.close()
            relay.close()
    load_after = os.getloadavg()

    cmd = " ".join(["python scripts/slow_link.py", *sys.argv[1:]])
    print(f"## The board over a slow link ({time.strftime('%Y-%m-%d %H:%M')})\n")
    print(
        f"`{cmd}`: ssh through a relay of "
        f"{a.rate:,.0f} B/s each way and {a.delay * 1000:.0f} ms one-way delay; {a.cols}x{a.rows}; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after.\n"
    )
    print("| lookup | keys | time to answer (per step) | screen settled | bytes received: link / pty | note |")
    print("|---|---|---|---|---|---|")
    for r in results:
        took = f"{r.seconds:.1f} s" if r.seconds is not None else f"not reached ({r.why})"
        if len(r.steps) > 1:
            took += " (" + " + ".join(f"{s:.1f}" for s in r.steps) + ")"
        settled = f"{r.settled:.1f} s" if r.settled is not None else ""
        print(f"| {r.name} | {r.keys} | {took} | {settled} | {r.wire_bytes:,} / {r.pty_bytes:,} | {r.note} |")
    if a.json:
        Path(a.json).write_text(
            json.dumps(
                {
                    "rate": a.rate,
                    "delay": a.delay,
                    "compress": a.compress,
                    "load": [load_before, load_after],
                    "results": [r.__dict__ for r in results],
                },
                indent=1,
            ),
            "utf-8",
        )
    return 0 if all(r.seconds is not None for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
