"""Bytes on the wire (issue 14): what the board writes to the terminal for each thing a user does.

    python benchmarks/bytes.py [--quick] [--settle 0.3] [--sizes 80x24,200x60] [--json FILE]
                               [--no-vd] [--colorterm VALUE] [--raw DIR]

Over a thin SSH link (64 kbit/s is 8,000 bytes/s) every byte the board writes is time the
duty officer waits, so this counts them, per action, on a real pty, driving the board as a
user does: the `sitboard` console script (the embedded default situation) on a pty of a
fixed size, keys written to the pty, everything the program writes read back and counted,
and fed to a terminal emulator (pyte) so each step can wait on what the screen shows.

An action's bytes are everything the program writes from the key press until it has been
quiet for the settle window (--settle, 300 ms): the key's screen condition must be met
(the pane focused, the detail open, the filter applied ...) and then nothing more may
arrive for the settle window. Waits are on conditions and on quiet, never fixed sleeps.

Actions: start-up (first screen complete, then quiet), `tab` (next pane), a number key to
another pane, `j` (cursor down in Statements), `enter` (open the detail) and `escape`
(back to the board), `/` then each letter of a search word (one sample per letter),
`escape` clearing the search, and a live reload that changes one row (a copy of the
default situation in a temp dir, one item's field changed, saved atomically: a second
session, because the embedded file cannot be edited).

Each action's bytes are broken down by parsing the escape sequences (a regex for CSI,
OSC and two-byte escapes): style (SGR, `ESC[...m`) bytes and count, cursor movement
(CSI H f A-G d, and CR/LF/BS), other escapes (modes, queries, OSC ...), and text (what is
left: the characters drawn, UTF-8 bytes). The four add up to the total. The emulator also
reports which screen rows were written to, how many cells were drawn, and how many of
them actually changed on screen (the rest is repainting what was already there).

sitboard gets its own config and state folders (XDG_CONFIG_HOME, XDG_STATE_HOME in a temp
dir; SITBOARD_* variables dropped): a user's keymap or state would change what is measured.
SITBOARD_WIRE is kept: `SITBOARD_WIRE=plain python benchmarks/bytes.py` measures Textual's own
writes (without tui/ui/wire/), the "before" of issue 14 on the same commit.
The environment is a typical SSH login: TERM=xterm-256color and COLORTERM unset (ssh
forwards TERM but not COLORTERM: the default client and server configs only pass LANG
and LC_*), so Textual writes 256-colour codes (`38;5;N`). `--colorterm truecolor` shows
what a local terminal that sets COLORTERM gets (24-bit codes, `38;2;R;G;B`, longer).
The emulator answers no queries, like a terminal without synchronized output (mode
2026): a terminal that has it adds 16 bytes (`ESC[?2026h` ... `ESC[?2026l`) per frame.

VisiData 3.4 (`vd FILE.yaml`, the same situation file) runs the same way where an
equivalent exists: start-up, `j`, `enter` (dive into the row), and `q` (back: VisiData's
escape does not leave a sheet). Its HOME is a temp dir, so no user config changes it.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "data" / "kursk-2024-08.yaml"
SEEDS = ROOT / "seeds"
LINK_BYTES_PER_S = 8_000  # 64 kbit/s
TITLE = "Ukrainian incursion into Russia"
SEARCH_WORD = "belarus"  # narrows the default situation letter by letter

# -- parsing what the program wrote ----------------------------------------------------------

# CSI: ESC [ parameters (0x30-0x3f) intermediates (0x20-0x2f) final (0x40-0x7e)
# OSC: ESC ] ... BEL or ST;  other escapes: ESC, optional intermediates, one final byte.
_ESCAPE = re.compile(
    rb"\x1b\[(?P<params>[\x30-\x3f]*)[\x20-\x2f]*(?P<final>[\x40-\x7e])"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[\x20-\x2f]*[\x30-\x7e]"
    rb"|(?P<move>[\r\n\b])"
    rb"|(?P<ctl>[\x00-\x08\x0b-\x0c\x0e-\x1a\x1c-\x1f\x7f])"
)
_MOVE_FINALS = frozenset(b"HfABCDEFGd")
_SGR_PARAMS = re.compile(rb"[0-9;:]*\Z")


@dataclass
class Breakdown:
    """Where an action's bytes went. style + cursor + other + text == total."""

    total: int = 0
    style_bytes: int = 0  # SGR: ESC [ ... m
    style_count: int = 0
    cursor_bytes: int = 0  # CSI H f A-G d, and CR LF BS
    cursor_count: int = 0
    other_bytes: int = 0  # modes, queries, OSC, other controls
    other_count: int = 0
    text_bytes: int = 0  # characters drawn (UTF-8)

    def parts_sum(self) -> int:
        return self.style_bytes + self.cursor_bytes + self.other_bytes + self.text_bytes


def classify(data: bytes) -> Breakdown:
    b = Breakdown(total=len(data))
    for m in _ESCAPE.finditer(data):
        n = m.end() - m.start()
        final, params = m.group("final"), m.group("params")
        if final == b"m" and params is not None and _SGR_PARAMS.match(params):
            b.style_bytes += n
            b.style_count += 1
        elif m.group("move") is not None or (
            final is not None
            and final[0] in _MOVE_FINALS
            and params is not None
            and not params.startswith((b"?", b">", b"<", b"="))
        ):
            b.cursor_bytes += n
            b.cursor_count += 1
        else:
            b.other_bytes += n
            b.other_count += 1
    b.text_bytes = b.total - b.style_bytes - b.cursor_bytes - b.other_bytes
    return b


# -- the terminal: a pty and an emulator that notes where the program drew ------------------


class TrackingScreen(pyte.Screen):
    """A pyte screen that counts the cells drawn on each row since the last reset."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.drawn: dict[int, int] = {}

    def draw(self, data: str) -> None:
        y = self.cursor.y
        self.drawn[y] = self.drawn.get(y, 0) + len(data)
        super().draw(data)


def _child_setup() -> None:  # in the child: the pty is its controlling terminal (SIGWINCH, job control)
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def terminal_env(colorterm: str | None, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COLUMNS", "LINES", "NO_COLOR", "COLORTERM")
        and (k == "SITBOARD_WIRE" or not k.startswith(("TEXTUAL", "PYTEST", "SITBOARD")))
    }
    env["TERM"] = "xterm-256color"
    if colorterm:
        env["COLORTERM"] = colorterm
    env.update(extra or {})
    return env


class Term:
    """`argv` on a pty of cols x rows; everything it writes is kept, counted and emulated."""

    SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"  # DECRQM: mode 2026 known, reset
    FRAME_START = b"\x1b[?2026h"

    def __init__(
        self, argv: Sequence[str], cols: int, rows: int, env: dict[str, str], cwd: str | None = None, sync: bool = False
    ) -> None:
        self.cols, self.rows = cols, rows
        self.sync = sync  # answer the synchronized-output query: frames are then bracketed and countable
        self.screen = TrackingScreen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            preexec_fn=_child_setup,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.eof = False
        self.last_output = self.t0
        self.met_at = 0

    def read(self, timeout: float) -> int:
        """Read what arrives within `timeout` s; feed the emulator. Returns bytes read (0 on EOF)."""
        if self.eof:
            return 0
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return 0
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the program closed the terminal
            data = b""
        if not data:
            self.eof = True
            return 0
        self.last_output = time.monotonic()
        self.raw += data
        self.stream.feed(data)
        if self.sync and self.SYNC_QUERY in self.raw[-len(data) - len(self.SYNC_QUERY) :]:
            self.sync = False  # answered once
            os.write(self.master, self.SYNC_REPLY)
        return len(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def settle(self, pred: Callable[[str], bool] | None, settle: float, timeout: float, since: float) -> bool:
        """Read until output has come since `since` and `pred(screen text)` holds (if given),
        then until nothing arrives for `settle` s. False on timeout or EOF. `self.met_at` is
        the byte count when the condition was met."""
        end = time.monotonic() + timeout
        met = False
        while not self.eof:
            now = time.monotonic()
            if not met:
                met = self.last_output > since and (pred is None or pred(self.text()))
                if met:
                    self.met_at = len(self.raw)
            if met and now - self.last_output >= settle:
                return True
            if now > end:
                return False
            wait = settle - (now - self.last_output) if met else 0.05
            self.read(min(max(wait, 0.005), 0.1))
        return False

    def snapshot(self) -> list[list]:
        return [[self.screen.buffer[y][x] for x in range(self.cols)] for y in range(self.rows)]

    def close(self, quit_keys: Sequence[bytes] = (b"q",)) -> None:
        for k in quit_keys:
            if self.proc.poll() is not None:
                break
            try:
                self.send(k)
            except OSError:
                break
            self.settle(None, 0.2, 2.0, time.monotonic())
        end = time.monotonic() + 5
        while self.proc.poll() is None and time.monotonic() < end:
            self.read(0.05)
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass


# -- one measured action ------------------------------------------------------------------


@dataclass
class Sample:
    action: str
    key: str
    ok: bool
    seconds: float  # key press to quiet (includes the settle window)
    breakdown: Breakdown
    rows_written: list[int] = field(default_factory=list)
    cells_written: int = 0
    cells_changed: int = 0
    at_condition: int = 0  # bytes written by the time the screen showed the action's state
    frames: int = 0  # synchronized-output frames (with --sync only)
    raw: bytes = b""

    def __post_init__(self) -> None:
        self.frames = self.raw.count(Term.FRAME_START)


def measure(
    term: Term,
    action: str,
    key: bytes | Callable[[], None],
    label: str,
    done: Callable[[str], bool] | None,
    settle: float,
    timeout: float,
) -> Sample:
    """Press `key` (bytes written to the pty, or a callable that acts) and count until quiet."""
    before = term.snapshot()
    term.screen.drawn = {}
    start = len(term.raw)
    t = time.monotonic()
    if callable(key):
        key()
    else:
        term.send(key)
    ok = term.settle(done, settle, timeout, t)
    raw = bytes(term.raw[start:])
    after = term.snapshot()
    changed = sum(1 for y in range(term.rows) for x in range(term.cols) if before[y][x] != after[y][x])
    return Sample(
        action,
        label,
        ok,
        time.monotonic() - t,
        classify(raw),
        sorted(term.screen.drawn),
        sum(term.screen.drawn.values()),
        changed,
        term.met_at - start,
        raw=raw,
    )


def start_up(term: Term, action: str, done: Callable[[str], bool], settle: float, timeout: float) -> Sample:
    ok = term.settle(done, settle, timeout, term.t0)
    raw = bytes(term.raw)
    nonblank = sum(1 for line in term.screen.display for c in line if c != " ")
    return Sample(
        action,
        "(spawn)",
        ok,
        time.monotonic() - term.t0,
        classify(raw),
        sorted(term.screen.drawn),
        sum(term.screen.drawn.values()),
        nonblank,
        term.met_at,
        raw=raw,
    )


# -- the scenarios ----------------------------------------------------------------------------


def has(*needles: str) -> Callable[[str], bool]:
    return lambda text: all(n in text for n in needles)


def lacks(*needles: str) -> Callable[[str], bool]:
    return lambda text: not any(n in text for n in needles)


def both(*preds: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda text: all(p(text) for p in preds)


PANE_NAMES = ("Fronts", "Evacuations", "Statements", "Infrastructure", "Events")


def focused(n: int) -> Callable[[str], bool]:
    """Pane n (1-5) has the focus: its title is drawn with the heavy border."""
    return has(f"┏━ {n} {PANE_NAMES[n - 1]}")


def search_shows(query: str) -> Callable[[str], bool]:
    """The search box holds exactly `query` (a line of the screen that is only the query)."""
    return lambda text: any(line.strip() == query for line in text.splitlines())


def board_ready(text: str) -> bool:
    return TITLE in text and "5 Events" in text and "Convoy" in text


def sitboard_argv() -> list[str]:
    """The `sitboard` console script of this interpreter's environment (as a user runs it)."""
    script = Path(sys.executable).with_name("sitboard")
    if script.exists():
        return [str(script)]
    found = shutil.which("sitboard")
    return [found] if found else [sys.executable, "-m", "tui"]


@dataclass
class Step:
    action: str  # the row of the table
    key: bytes
    label: str  # how the key is shown
    done: Callable[[str], bool] | None  # the screen state that ends the action (then quiet)


def sitboard_steps(quick: bool) -> list[Step]:
    """The board's actions, in order, starting with Fronts focused."""
    steps = [Step("tab (next pane)", b"\t", "tab", focused(2)), Step("tab (next pane)", b"\t", "tab", focused(3))]
    if not quick:
        steps += [Step("tab (next pane)", b"\t", "tab", focused(4))]
    steps += [
        Step("number key to another pane", b"5", "5", focused(5)),
        Step("number key to another pane", b"1", "1", focused(1)),
        Step("number key to another pane", b"3", "3", focused(3)),
    ]
    steps += [Step("j (cursor down)", b"j", "j", None) for _ in range(2 if quick else 5)]
    steps += [
        Step("enter (open the detail)", b"\r", "enter", has("Statements ›", "Sources")),
        Step("escape (back to the board)", b"\x1b", "escape", focused(3)),
    ]
    if not quick:  # a second pair, on another item
        steps += [
            Step("k (cursor up)", b"k", "k", None),
            Step("enter (open the detail)", b"\r", "enter", has("Statements ›", "Sources")),
            Step("escape (back to the board)", b"\x1b", "escape", focused(3)),
        ]
    steps += [Step("/ (open the search)", b"/", "/", has("search all panes"))]
    word = SEARCH_WORD[:3] if quick else SEARCH_WORD
    for i, ch in enumerate(word):
        steps.append(Step("each letter of a search", ch.encode(), ch, search_shows(word[: i + 1])))
    steps.append(Step("escape clearing the search", b"\x1b", "escape", has("3 Statements (6)", "┏━ 3 Statements")))
    return steps


def wanted(action: str, only: Sequence[str] | None) -> bool:
    """`--only tab,reload`: the actions whose name starts with one of these words (start-up always runs)."""
    return not only or any(action.startswith(w) for w in only)


def run_sitboard(
    cols: int,
    rows: int,
    quick: bool,
    settle: float,
    timeout: float,
    colorterm: str | None,
    log: Callable[[str], None],
    sync: bool = False,
    only: Sequence[str] | None = None,
) -> list[Sample]:
    samples: list[Sample] = []
    # The user's keymap and state (baselines, crash logs) stay out of it: own config and state dirs.
    with tempfile.TemporaryDirectory(prefix="sitboard-bytes-home-") as home:
        env = terminal_env(colorterm, {"XDG_CONFIG_HOME": f"{home}/config", "XDG_STATE_HOME": f"{home}/state"})
        term = Term(sitboard_argv(), cols, rows, env, cwd=home, sync=sync)
        try:
            samples.append(start_up(term, "start-up (first screen complete)", board_ready, settle, timeout))
            for st in (st for st in sitboard_steps(quick) if wanted(st.action, only)):
                s = measure(term, st.action, st.key, st.label, st.done, settle, timeout)
                samples.append(s)
                if not s.ok:
                    log(f"    {st.action} ({st.label}): screen never reached its state:\n{term.text()}")
                    break
        finally:
            term.close()
        if wanted("live reload", only):
            samples.append(run_reload(cols, rows, settle, timeout, env, sync))
    for s in samples:
        note = "" if s.ok else " (NOT REACHED)"
        log(f"    {cols}x{rows} sitboard {s.action} [{s.key}]: {s.breakdown.total:,} B{note}")
    return samples


def copy_default(to: Path) -> Path:
    """The default situation as a user's file: data/ and seeds/ side by side (its document
    reference is ../seeds/...)."""
    (to / "data").mkdir(parents=True)
    shutil.copytree(SEEDS, to / "seeds")
    dst = to / "data" / DEFAULT_FILE.name
    shutil.copy2(DEFAULT_FILE, dst)
    return dst


CHANGED_FIGURE = ("people: {value: 76000, qualifier: over}", "people: {value: 81000, qualifier: over}", "over 81,000")


def save_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def run_reload(cols: int, rows: int, settle: float, timeout: float, env: dict[str, str], sync: bool) -> Sample:
    """A one-row live reload: the evacuation figure changes from over 76,000 to over 81,000."""
    old, new, shown = CHANGED_FIGURE
    with tempfile.TemporaryDirectory(prefix="sitboard-bytes-") as tmp:
        path = copy_default(Path(tmp))
        term = Term([*sitboard_argv(), str(path)], cols, rows, env, cwd=tmp, sync=sync)
        try:
            start_up(term, "start-up", board_ready, settle, timeout)
            text = path.read_text("utf-8")
            assert old in text, "the default situation's evacuation figure moved: update CHANGED_FIGURE"
            return measure(
                term,
                "live reload changing one row",
                lambda: save_atomically(path, text.replace(old, new)),
                "save",
                has(shown),
                settle,
                timeout,
            )
        finally:
            term.close()


def vd_steps(quick: bool) -> list[Step]:
    """VisiData on the same file: one row (the file's top-level map); `enter` opens it as a
    key/value sheet (its row view, the nearest thing to a detail), `j` moves there, `q` goes back."""
    row_view, sheet = has("║ value", "statements"), has("1 rows")
    steps = [Step("enter (open the detail)", b"\r", "enter", row_view)]
    steps += [Step("j (cursor down)", b"j", "j", None) for _ in range(2 if quick else 5)]
    steps += [Step("escape (back to the board)", b"q", "q", sheet)]
    if not quick:
        steps += [
            Step("enter (open the detail)", b"\r", "enter", row_view),
            Step("escape (back to the board)", b"q", "q", sheet),
        ]
    return steps


def vd_ready(text: str) -> bool:
    lines = text.splitlines()
    return bool(lines) and re.search(r"\b\d+ rows?\b", lines[-1]) is not None


def run_vd(
    vd: str,
    cols: int,
    rows: int,
    quick: bool,
    settle: float,
    timeout: float,
    colorterm: str | None,
    log: Callable[[str], None],
    sync: bool = False,
) -> list[Sample]:
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="sitboard-vd-") as home:
        # Made beforehand: VisiData 3.4 creates it from two threads at once on a first run
        # and shows the FileExistsError of the loser in a status box (not what a user sees).
        (Path(home) / ".local" / "share" / "visidata").mkdir(parents=True)
        env = terminal_env(colorterm, {"HOME": home})
        term = Term([vd, str(DEFAULT_FILE)], cols, rows, env, cwd=home, sync=sync)
        try:
            samples.append(start_up(term, "start-up (first screen complete)", vd_ready, settle, timeout))
            for st in vd_steps(quick):
                samples.append(measure(term, st.action, st.key, st.label, st.done, settle, timeout))
        finally:
            term.close((b"q", b"q", b"q"))
    for s in samples:
        log(f"    {cols}x{rows} vd {s.action} [{s.key}]: {s.breakdown.total:,} B")
    return samples


# -- the report -------------------------------------------------------------------------------


def group(samples: list[Sample]) -> dict[str, list[Sample]]:
    out: dict[str, list[Sample]] = {}
    for s in samples:
        out.setdefault(s.action, []).append(s)
    return out


def median_sample(samples: list[Sample]) -> Sample:
    """The sample with the (lower) median total, so its parts add up to the figure shown."""
    ordered = sorted(samples, key=lambda s: s.breakdown.total)
    return ordered[(len(ordered) - 1) // 2]


def fmt_range(samples: list[Sample]) -> str:
    totals = [s.breakdown.total for s in samples]
    if not all(s.ok for s in samples):
        bad = sum(not s.ok for s in samples)
        note = f" ({bad} not reached)"
    else:
        note = ""
    if len(totals) == 1:
        return f"{totals[0]:,} B{note}"
    lo, hi = min(totals), max(totals)
    med = median_sample(samples).breakdown.total
    return (f"{med:,} B" if lo == hi else f"{med:,} B ({lo:,}-{hi:,})") + note


def fmt_rows(rows: list[int], height: int) -> str:
    if not rows:
        return "none"
    if len(rows) == height:
        return f"all {height}"
    spans: list[str] = []
    start = prev = rows[0]
    for r in rows[1:] + [None]:  # type: ignore[list-item]
        if r is not None and r == prev + 1:
            prev = r
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if r is not None:
            start = prev = r
    return f"{len(rows)} ({', '.join(spans)})"


def at_link(n: int) -> str:
    return f"{n / LINK_BYTES_PER_S:.2f} s"


def action_order(samples: list[Sample]) -> list[str]:
    seen: list[str] = []
    for s in samples:
        if s.action not in seen:
            seen.append(s.action)
    return seen


def keys_of(samples: list[Sample]) -> str:
    return " ".join(dict.fromkeys(f"`{s.key}`" for s in samples))


def table_bytes(board: list[Sample], vd: list[Sample] | None) -> list[str]:
    b, v = group(board), group(vd or [])
    out = ["| action | keys | n | sitboard | at 8 KB/s | VisiData 3.4 |", "|---|---|---|---|---|---|"]
    for action in action_order(board) + [a for a in action_order(vd or []) if a not in b]:
        bs, vs = b.get(action, []), v.get(action, [])
        board_cell = fmt_range(bs) if bs else "—"
        link = at_link(median_sample(bs).breakdown.total) if bs else ""
        if vs:
            vd_cell = fmt_range(vs) + (f" ({keys_of(vs)})" if keys_of(vs) != keys_of(bs) else "")
        else:
            vd_cell = "n/a" if vd is None else "—"
        out.append(f"| {action} | {keys_of(bs or vs)} | {len(bs) or len(vs)} | {board_cell} | {link} | {vd_cell} |")
    return out


def table_breakdown(samples: list[Sample], height: int, width: int) -> list[str]:
    frames = any(s.frames for s in samples)
    out = [
        "| action (median sample) | total | style (SGR) bytes | SGR count | cursor moves B (n) | other escapes B (n)"
        " | text B | rows written | cells drawn | cells changed |" + (" frames |" if frames else ""),
        "|---|---|---|---|---|---|---|---|---|---|" + ("---|" if frames else ""),
    ]
    for action, ss in group(samples).items():
        s = median_sample(ss)
        b = s.breakdown
        pct = f" ({100 * b.style_bytes / b.total:.0f} %)" if b.total else ""
        out.append(
            f"| {action} | {b.total:,} | {b.style_bytes:,}{pct} | {b.style_count:,} | {b.cursor_bytes:,} "
            f"({b.cursor_count:,}) | {b.other_bytes:,} ({b.other_count:,}) | {b.text_bytes:,} | "
            f"{fmt_rows(s.rows_written, height)} | {s.cells_written:,} | {s.cells_changed:,} |"
            + (f" {s.frames} |" if frames else "")
        )
    out.append(
        f"(a screen is {width * height:,} cells; `cells changed` at start-up = non-blank cells on the first screen)"
    )
    return out


def sample_json(s: Sample) -> dict:
    d = asdict(s)
    d.pop("raw")
    return d


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        m = re.fullmatch(r"\s*(\d{2,3})x(\d{2,3})\s*", part)
        if not m:
            raise argparse.ArgumentTypeError(f"--sizes: {part!r} is not COLSxROWS (e.g. 80x24)")
        sizes.append((int(m.group(1)), int(m.group(2))))
    return sizes


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="fewer samples, 80x24 only, a 3-letter search")
    ap.add_argument("--settle", type=float, default=0.3, help="quiet window that ends an action, s (default 0.3)")
    ap.add_argument("--sizes", type=parse_sizes, default=None, help="terminal sizes (default 80x24,200x60)")
    ap.add_argument("--timeout", type=float, default=30.0, help="longest wait for a screen state, s")
    ap.add_argument("--colorterm", default=None, help="COLORTERM for the programs (default: unset, as over SSH)")
    ap.add_argument("--no-vd", action="store_true", help="skip VisiData")
    ap.add_argument(
        "--sync",
        action="store_true",
        help="answer the synchronized-output query (mode 2026) like kitty or WezTerm: frames are "
        "bracketed (+16 B each) and counted",
    )
    ap.add_argument("--json", metavar="FILE", help="also write every sample (with its breakdown) as JSON")
    ap.add_argument("--raw", metavar="DIR", help="also write each sample's raw output to DIR (for reading)")
    ap.add_argument(
        "--only",
        type=lambda v: [w.strip() for w in v.split(",") if w.strip()],
        default=None,
        help="only the actions starting with these words, e.g. 'tab,j,live' (start-up always runs)",
    )
    ap.add_argument("--verbose", action="store_true", help="print each sample as it is taken")
    a = ap.parse_args(argv)
    if not 0.05 <= a.settle <= 5:
        ap.error("--settle: between 0.05 and 5 seconds")
    sizes = a.sizes or ([(80, 24)] if a.quick else [(80, 24), (200, 60)])
    vd = (
        None
        if a.no_vd
        else (
            shutil.which("vd")
            or (str(Path(sys.executable).with_name("vd")) if Path(sys.executable).with_name("vd").exists() else None)
        )
    )

    def log(msg: str) -> None:
        if a.verbose:
            print(msg, file=sys.stderr, flush=True)

    load_before = os.getloadavg()
    t0 = time.monotonic()
    results: dict[str, dict[str, list[Sample]]] = {}
    for cols, rows in sizes:
        key = f"{cols}x{rows}"
        print(f"  {key}: sitboard ...", file=sys.stderr, flush=True)
        results[key] = {
            "sitboard": run_sitboard(cols, rows, a.quick, a.settle, a.timeout, a.colorterm, log, a.sync, a.only)
        }
        if vd:
            print(f"  {key}: VisiData ...", file=sys.stderr, flush=True)
            results[key]["vd"] = run_vd(vd, cols, rows, a.quick, a.settle, a.timeout, a.colorterm, log, a.sync)
    load_after = os.getloadavg()

    vd_version = ""
    if vd:
        vd_version = subprocess.run([vd, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    print(f"## Bytes on the wire ({time.strftime('%Y-%m-%d %H:%M')}, commit {git_commit()})\n")
    cmd = " ".join(["python benchmarks/bytes.py", *(sys.argv[1:] if argv is None else argv)])
    print(
        f"`{cmd}`: settle window {a.settle * 1000:.0f} ms; "
        f"TERM=xterm-256color, COLORTERM={a.colorterm or 'unset'}; synchronized output "
        f"{'answered' if a.sync else 'not answered'}; {sitboard_argv()[-1].rsplit('/', 1)[-1]} "
        f"(embedded default){'; ' + vd_version if vd_version else '; VisiData not run'}; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after; {time.monotonic() - t0:.0f} s.\n"
    )
    for key, res in results.items():
        width, height = (int(x) for x in key.split("x"))
        print(f"### {key}\n")
        print("\n".join(table_bytes(res["sitboard"], res.get("vd") if vd else None)))
        print(f"\nWhere sitboard's bytes go, {key}:\n")
        print("\n".join(table_breakdown(res["sitboard"], height, width)))
        if "vd" in res:
            print(f"\nWhere VisiData's bytes go, {key}:\n")
            print("\n".join(table_breakdown(res["vd"], height, width)))
        print()
    if a.json:
        Path(a.json).write_text(
            json.dumps(
                {
                    "commit": git_commit(),
                    "settle": a.settle,
                    "colorterm": a.colorterm,
                    "load": [load_before, load_after],
                    "vd": vd_version or None,
                    "results": {
                        k: {prog: [sample_json(s) for s in ss] for prog, ss in r.items()} for k, r in results.items()
                    },
                },
                indent=1,
            ),
            "utf-8",
        )
    if a.raw:
        out = Path(a.raw)
        out.mkdir(parents=True, exist_ok=True)
        for key, res in results.items():
            for prog, ss in res.items():
                for i, s in enumerate(ss):
                    name = re.sub(r"[^a-z0-9]+", "-", f"{key}-{prog}-{i:02d}-{s.action}-{s.key}".lower()).strip("-")
                    (out / f"{name}.bin").write_bytes(s.raw)
    failed = [
        f"{k} {p} {s.action}"
        for k, r in results.items()
        for p, ss in r.items()
        for s in ss
        if not s.ok and p == "sitboard"
    ]
    if failed:
        print("Not reached (the screen never showed the expected state): " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
