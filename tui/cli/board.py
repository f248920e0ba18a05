"""`sitboard [PATH ...]`: open the board (the full-screen Textual app)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.cli.common import EXIT_USAGE, PROG, Parser, UsageError, check_paths, err, safe

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (start-up time)
    from typing import TextIO

USAGE = (
    f"{PROG} [PATH ...] [--mouse|--no-mouse] [--situation ID] [--stale-hours H] [--poll]\n"
    f"       {PROG} [PATH ...] --follow [--every SECONDS] [--read-only]\n"
    f"       {PROG} check PATH ... [--json] [--quiet]\n"
    f"       {PROG} brief [PATH ...] [--since BASELINE] [--format md|text]\n"
    f"       {PROG} diff OLD NEW\n"
    f"       {PROG} export --csv PANE|all [--out DIR] [PATH ...]\n"
    f"       {PROG} schema"
)


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=PROG,
        usage=USAGE,
        description=(
            "Situation Board: the current picture of a crisis (fronts, evacuations, statements,\n"
            "infrastructure, events) from YAML situation files, in the terminal.\n"
            "With no PATH it opens the embedded default situation. Files are watched: save a\n"
            "file and the board updates. Press ? on the board for every key, q to quit."
        ),
        epilog=(
            "commands:\n"
            f"  {PROG} check PATH ...    check situation files; prints file:line:col: path: message\n"
            f"  {PROG} schema            print the JSON Schema of the format (editor completion)\n"
            f"  {PROG} brief [PATH ...]  a briefing on stdout (--since BASELINE, --format md|text)\n"
            f"  {PROG} diff OLD NEW      what changed between two versions of a situation\n"
            f"  {PROG} export --csv PANE|all [PATH ...]   CSV with HXL hashtags\n"
            f"  Run '{PROG} check --help' for details.\n"
            "\n"
            "examples:\n"
            f"  {PROG}                                  the embedded default situation\n"
            f"  {PROG} situations/                      every *.yaml / *.yml in the directory\n"
            f"  {PROG} fronts.yaml statements.yaml      parts of one situation (merged)\n"
            f"  {PROG} --situation kursk-2024-08 situations/   show this situation first\n"
            f"  {PROG} --no-mouse situations/           leave the mouse to the terminal (copy text)\n"
            f"  {PROG} ./check                          a file or directory named like a command\n"
            f"  {PROG} --follow --every 30 situations/  follow the git checkout's upstream\n"
            f"  tmux new -s brief '{PROG} --read-only situations/'   one board to share read-only\n"
            f"  {PROG} brief situations/ > brief.md     not a terminal? use brief\n"
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="situation file(s) or directory(ies); default: the embedded situation",
    )
    p.add_argument(
        "--mouse",
        dest="mouse",
        action="store_true",
        default=None,
        help="capture the mouse (click to focus, wheel to scroll); the default except over SSH",
    )
    p.add_argument(
        "--no-mouse",
        dest="mouse",
        action="store_false",
        help="leave the mouse to the terminal: select and copy text with it (the default over SSH)",
    )
    p.add_argument("--situation", metavar="ID", help="id of the situation to show first (s switches)")
    p.add_argument(
        "--stale-hours",
        metavar="HOURS",
        help="an item not updated within HOURS before the as-of is marked stale (default: $SITBOARD_STALE_HOURS or 24)",
    )
    p.add_argument(
        "--poll",
        action="store_true",
        help="watch files by polling instead of OS file events (network and container mounts)",
    )
    p.add_argument(
        "--follow",
        action="store_true",
        help="the paths are in a git work tree: fetch and fast-forward it every --every seconds"
        " (never merging, never touching local edits); the header shows the sync state",
    )
    p.add_argument(
        "--every",
        metavar="SECONDS",
        help=f"seconds between two syncs with --follow (default {DEFAULT_EVERY:g}; {MIN_EVERY:g} to {MAX_EVERY:g})",
    )
    p.add_argument(
        "--read-only",
        action="store_true",
        help="for wall displays and shared sessions: keys that write (baseline) or change what others see"
        " (pause) are refused",
    )
    p.add_version()
    # Hidden: make the board raise in on_mount, to test crash safety on a real terminal.
    p.add_argument("--crash-test", action="store_true", help=argparse.SUPPRESS)
    return p


DEFAULT_EVERY, MIN_EVERY, MAX_EVERY = 60.0, 1.0, 86400.0


def every_seconds(text: str | None) -> float:
    """--every: a finite number of seconds in range, else the default with a warning."""
    if text is None:
        return DEFAULT_EVERY
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (MIN_EVERY <= value <= MAX_EVERY):  # NaN and infinities fail too
        err(
            f"{PROG}: warning: --every {safe(text)!r} is not a number of seconds from {MIN_EVERY:g} to"
            f" {MAX_EVERY:g}; using {DEFAULT_EVERY:g}"
        )
        return DEFAULT_EVERY
    return value


def _check_follow(paths: list[Path]) -> None:
    """--follow needs a git work tree: say so, before the board opens, for each path."""
    from tui.runtime.git import work_tree

    for path in paths:
        if work_tree(path) is None:
            raise UsageError(f"--follow: {safe(path)} is not in a git work tree (nothing to follow)")


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except Exception:  # closed or replaced stream
        return False


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    stale_hours = None
    if args.stale_hours is not None:
        from tui.model.stale import parse_stale_hours

        try:
            stale_hours = parse_stale_hours(args.stale_hours)
        except ValueError as exc:
            raise UsageError(f"--stale-hours: {exc}") from None
    if args.paths:
        paths = check_paths(args.paths)
    else:
        from tui.runtime.paths import default_situation_path

        paths = [default_situation_path()]
    if args.follow:
        _check_follow(paths)
    every = every_seconds(args.every)
    if args.every is not None and not args.follow:
        err(f"{PROG}: warning: --every has no effect without --follow")
    if os.environ.get("TERM") == "dumb":
        # No cursor addressing: a full-screen board would be garbage.
        err(f"{PROG} needs a full-screen terminal (TERM=dumb); try `{PROG} brief`")
        return EXIT_USAGE
    if not _is_terminal(sys.stdout):
        # `sitboard > file` or `sitboard | less`: the full-screen app would wait for keys
        # nobody can see. Say what works instead.
        err(
            f"{PROG}: the board needs a terminal and the output is not one; "
            f"for a text briefing use `{PROG} brief` (or `{PROG} brief --format text`)"
        )
        return EXIT_USAGE
    # The first load runs in a thread from here, while Textual is imported (tui/runtime/preload.py).
    from tui.runtime import preload
    from tui.runtime.clipboard import mouse_default

    preload.start(paths)
    from tui.ui.run import run_board

    code = run_board(
        [str(p) for p in paths],
        mouse=mouse_default() if args.mouse is None else args.mouse,
        situation_id=args.situation,
        poll=args.poll,
        crash_test=args.crash_test,
        stale_hours=stale_hours,
        follow=args.follow,
        every=every,
        read_only=args.read_only,
    )
    return int(code or 0)
