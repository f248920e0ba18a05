"""`sitboard brief [PATH ...]`: a briefing document on stdout (Markdown or plain text).

It works on what validates: items with errors are left out, and the brief says so (a
"left out" line in the document and the problems on stderr); the exit code is then 1,
as for any files with errors.
"""

from __future__ import annotations

import argparse

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    PROG,
    Parser,
    UsageError,
    err,
    load_paths,
    out,
    pick,
    report_errors,
    safe,
    stale_hours_arg,
    where,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tui.model.types import Situation


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=f"{PROG} brief",
        description=(
            "Print a briefing document on stdout: marking, title, area, as-of, summary, then\n"
            "every pane with its items (figures, confidence, sources and quotes, weak-basis\n"
            "and staleness flags) and the sources. With --since, what changed comes first.\n"
            "Markdown by default (renders well, reads well as text); --format text for plain text."
        ),
        epilog=(
            "BASELINE is a situation file or directory (the earlier picture), a baseline .json,\n"
            "the word 'saved' (the baseline last marked on the board, key b), or a git revision\n"
            "(HEAD~3, a tag, a commit) of the work tree holding the situation.\n"
            "\n"
            "Items with errors are left out and the brief says so.\n"
            "exit codes: 0 ok, 1 the files have errors (what validates is briefed; the problems\n"
            "are on stderr), 2 usage error or the output cannot be written\n"
            "\n"
            "examples:\n"
            f"  {PROG} brief                                 the embedded default situation\n"
            f"  {PROG} brief situations/ --format text > brief.txt\n"
            f"  {PROG} brief situations/ --since saved        what changed since the last briefing\n"
            f"  {PROG} brief today/ --since yesterday/\n"
            f"  {PROG} brief situations/ --since HEAD~1        what the last commit changed\n"
            f"  {PROG} brief --short situations/ --format text   one page to brief from\n"
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="situation file(s) or directory(ies); default: the embedded situation"
    )
    p.add_argument("--since", metavar="BASELINE", help="show what changed since this earlier picture first")
    p.add_argument("--format", choices=("md", "text"), default="md", help="md (default) or text")
    p.add_argument(
        "--short",
        action="store_true",
        help="one page (at most 60 lines of 100 columns) for the briefing itself; without --since it"
        " shows the changes since the baseline saved on the board, if any",
    )
    p.add_argument(
        "--authors",
        action="store_true",
        help="for each item, the last commit that changed its lines (author, time, subject; git blame)",
    )
    p.add_argument("--situation", metavar="ID", help="which situation, when the paths hold several")
    p.add_argument(
        "--stale-hours",
        metavar="HOURS",
        help="an item not confirmed within HOURS of the as-of is stale (default: $SITBOARD_STALE_HOURS or 24)",
    )
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    hours = stale_hours_arg(args.stale_hours)
    result, paths = load_paths(args.paths)
    if not result.ok:
        report_errors(result)
        if not result.situations:
            err(f"{PROG}: no brief: the files have errors (see above; '{PROG} check' explains)")
            return EXIT_INVALID
    sit = pick(result, args.situation, where(args.paths or paths))
    since = label = None
    if args.since:
        from tui.cli.since import resolve

        since, label = resolve(args.since, sit, [str(p) for p in paths])
    elif args.short:
        from tui.cli.since import saved_if_any

        since, label = saved_if_any(sit) or (None, None)
    from tui.model.leftout import left_out

    missing = left_out(result, sit)
    if args.short:
        from tui.model.brief_short import render_short

        out(render_short(sit, since=since, since_label=label, fmt=args.format, left_out=missing))
    else:
        from tui.model.brief import render_brief

        authors = _authors(sit, [str(p) for p in paths]) if args.authors else None
        out(
            render_brief(
                sit, since=since, since_label=label, fmt=args.format, stale_hours=hours, left_out=missing,
                authors=authors,
            )
        )  # fmt: skip
    if missing:
        err(f"{PROG}: {missing.line()}")
    return EXIT_OK if result.ok else EXIT_INVALID


def _authors(sit: Situation, paths: list[str]) -> dict[str, str]:
    """Item id -> "a1b2c3d Anna, 09 Aug 2024 14:02 UTC: subject" (git blame of its lines)."""
    from tui.cli.gitrev import describe, root_of
    from tui.model.leftout import is_broken
    from tui.runtime.githistory import Blamer

    if root_of(paths) is None:
        raise UsageError(f"--authors: {safe(paths[0])} is not in a git work tree")
    items = list(sit.all_items())
    broken = {it.id for it in items if is_broken(it)}
    changes = Blamer().items(items)  # one git blame per file, not one per item
    return {iid: describe(change) for iid, change in changes.items() if iid not in broken}
