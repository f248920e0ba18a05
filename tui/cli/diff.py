"""`sitboard diff OLD NEW` / `sitboard diff --git REV [REV2] PATH`: what changed between two
versions of a situation.

It compares what validates in both; items with errors on either side are neither new,
changed nor removed: they are named in a "left out" line, and the exit code is then 2 (the
comparison is not complete). With --git the versions come from commits of the work tree
holding PATH (REV2 defaults to the working tree): the same output and exit codes.
"""

from __future__ import annotations

import argparse

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    Parser,
    UsageError,
    err,
    load_paths,
    out,
    plural,
    report_errors,
    safe,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tui.model.types import LoadResult


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=f"{PROG} diff",
        usage=f"{PROG} diff [--format text|md] OLD NEW\n       {PROG} diff [--format text|md] --git REV [REV2] PATH",
        description=(
            "Print what changed between two versions of a situation (files or directories):\n"
            "new items, changed items with old -> new values, removed items.\n"
            "With --git, the versions are commits of the git work tree holding PATH: REV and\n"
            "REV2 (default: the working tree, as it is on disk)."
        ),
        epilog=(
            "Items with errors are left out of the comparison and named.\n"
            "exit codes: 0 no differences, 1 differences, 2 errors (unreadable or invalid files,\n"
            "an unknown revision: what validates is still compared and printed)\n"
            "\n"
            "examples:\n"
            f"  {PROG} diff yesterday/ today/\n"
            f"  {PROG} diff --git HEAD~1 situations/           the last commit against the files on disk\n"
            f"  {PROG} diff --git v1 v2 situations/kursk.yaml    two tags\n"
        ),
    )
    p.add_argument("versions", nargs="+", metavar="OLD NEW", help="the earlier and the later file or directory")
    p.add_argument("--git", metavar="REV", help="compare commit REV with REV2 (or the working tree) of PATH")
    p.add_argument("--format", choices=("text", "md"), default="text", help="text (default) or md")
    return p


def _versions(args: argparse.Namespace) -> tuple[LoadResult, LoadResult, str | None]:
    """(old, new, a line naming the two versions) from the command line."""
    if args.git is None:
        if len(args.versions) != 2:
            raise UsageError("needs OLD and NEW (or --git REV [REV2] PATH)", prog=f"{PROG} diff")
        return load_paths([args.versions[0]])[0], load_paths([args.versions[1]])[0], None
    if len(args.versions) not in (1, 2):
        raise UsageError("--git needs REV, then an optional REV2, then one PATH", prog=f"{PROG} diff")
    from tui.cli.common import check_paths
    from tui.cli.gitrev import commit, describe, load_at

    *rev2, path = args.versions
    paths = [str(p) for p in check_paths([path])]
    old = load_at(args.git, paths)
    old_name = describe(commit(args.git, paths))
    if rev2:
        new, new_name = load_at(rev2[0], paths), describe(commit(rev2[0], paths))
    else:
        new, new_name = load_paths(paths)[0], "the working tree"
    return old, new, f"From {old_name} to {new_name}"


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    old_result, new_result, heading = _versions(args)
    bad = False
    for res in (old_result, new_result):
        if not res.ok:
            report_errors(res)
            bad = True
    if bad and not (old_result.situations and new_result.situations):
        err(f"{PROG}: cannot compare: the files have errors")
        return EXIT_USAGE
    differ = _compare(old_result, new_result, args.format, heading)
    if bad:
        return EXIT_USAGE
    return EXIT_INVALID if differ else EXIT_OK


def _compare(old_result: LoadResult, new_result: LoadResult, fmt: str, heading: str | None = None) -> bool:
    """Print the changes situation by situation; True when anything differs."""
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
            marking = f"{safe(sit.marking)}: " if sit.marking else ""
            out(f"{marking}situation {word}: {safe(sit.title)} ({plural(sit.item_count, 'item')})\n")
            continue
        missing = (left_out(old_result, old), left_out(new_result, new))
        if not diff_situations(old, new).empty:
            differ = True
        out(render_changes(old, new, fmt=fmt, left_out=missing, heading=heading))
        for side, lo in zip(("OLD", "NEW"), missing):
            if lo:
                err(f"{PROG}: {side}: {lo.line()}")
    return differ
