"""`sitboard diff OLD NEW`: what changed between two versions of a situation.

It compares what validates in both; items with errors on either side are neither new,
changed nor removed: they are named in a "left out" line, and the exit code is then 2 (the
comparison is not complete).
"""

from __future__ import annotations

import argparse

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    Parser,
    err,
    load_paths,
    out,
    plural,
    report_errors,
    safe,
)


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=f"{PROG} diff",
        description=(
            "Print what changed between two versions of a situation (files or directories):\n"
            "new items, changed items with old -> new values, removed items."
        ),
        epilog=(
            "Items with errors are left out of the comparison and named.\n"
            "exit codes: 0 no differences, 1 differences, 2 errors (unreadable or invalid files:\n"
            "what validates is still compared and printed)\n"
            "\n"
            "example:\n"
            f"  {PROG} diff yesterday/ today/\n"
        ),
    )
    p.add_argument("old", metavar="OLD", help="the earlier situation file or directory")
    p.add_argument("new", metavar="NEW", help="the later situation file or directory")
    p.add_argument("--format", choices=("text", "md"), default="text", help="text (default) or md")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    old_result, _ = load_paths([args.old])
    new_result, _ = load_paths([args.new])
    bad = False
    for res in (old_result, new_result):
        if not res.ok:
            report_errors(res)
            bad = True
    if bad and not (old_result.situations and new_result.situations):
        err(f"{PROG}: cannot compare: the files have errors")
        return EXIT_USAGE
    from tui.model.changes import render_changes
    from tui.model.diff import diff_situations
    from tui.model.leftout import left_out

    olds = {s.id: s for s in old_result.situations}
    news = {s.id: s for s in new_result.situations}
    if len(olds) == 1 and len(news) == 1 and set(olds) != set(news):
        news = {next(iter(olds)): next(iter(news.values()))}  # one situation each: compare them
    ids = list(olds) + [i for i in news if i not in olds]
    differ = False
    several = len(ids) > 1
    for sid in ids:
        old, new = olds.get(sid), news.get(sid)
        if several:
            out(f"== {safe(sid)} ==\n")
        if old is None or new is None:
            differ = True
            word = "new" if old is None else "removed"
            sit = new or old
            assert sit is not None
            out(f"situation {word}: {safe(sit.title)} ({plural(sit.item_count, 'item')})\n")
            continue
        missing = (left_out(old_result, old), left_out(new_result, new))
        if not diff_situations(old, new).empty:
            differ = True
        out(render_changes(old, new, fmt=args.format, left_out=missing))
        for side, lo in zip(("OLD", "NEW"), missing):
            if lo:
                err(f"{PROG}: {side}: {lo.line()}")
    if bad:
        return EXIT_USAGE
    return EXIT_INVALID if differ else EXIT_OK
