"""`sitboard check PATH ...`: validate situation files without opening the board.

Prints every problem as `file:line:col: path: message`, then a one-line summary; `--json`
prints one JSON object instead. With `--json` the JSON is on stdout whatever happens, a
usage error or a missing path included (`{"ok": false, "error": "..."}`, exit 2), so a
`sitboard check --json ... | jq` pipeline sees the failure.
"""

from __future__ import annotations

import argparse
import json

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    PROG,
    OutputError,
    Parser,
    UsageError,
    check_paths,
    out,
    plural,
    safe,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.model.types import Diagnostic, LoadResult


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=f"{PROG} check",
        description=(
            "Check situation files without opening the board. Prints every problem as\n"
            "  file:line:col: path: message\n"
            "then a one-line summary. Warnings (such as a missing seed document) do not fail."
        ),
        epilog=(
            "exit codes:\n"
            "  0  valid (warnings allowed)\n"
            "  1  invalid: at least one error\n"
            "  2  usage error, a path that does not exist or cannot be read, or the output\n"
            '     cannot be written (with --json, the JSON says so too: "ok": false, "error")\n'
            "  3  internal error (one line on stderr; details in a log file)\n"
            "\n"
            "examples:\n"
            f"  {PROG} check situations/\n"
            f"  {PROG} check fronts.yaml statements.yaml\n"
            f"  {PROG} check --json situations/ | jq .diagnostics   for editors and CI\n"
            f"  {PROG} check --quiet situations/ || echo broken     problems only, no summary\n"
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="situation file(s) or directory(ies)")
    p.add_argument(
        "--json",
        action="store_true",
        help='print one JSON object: {"ok", "files", "situations", "diagnostics"} (and "error" when it could not run)',
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only the problems, no summary")
    return p


def _wants_json(argv: Sequence[str]) -> bool:
    options = argv[: argv.index("--")] if "--" in argv else argv
    return "--json" in options


def _json(doc: dict[str, object]) -> str:
    # ensure_ascii: every control character in a message is escaped, never raw.
    return json.dumps(doc, ensure_ascii=True, indent=None) + "\n"


def _failure_json(message: str) -> str:
    return _json({"ok": False, "error": message, "files": [], "situations": [], "diagnostics": []})


def run(argv: list[str]) -> int:
    if not _wants_json(argv):
        return _run(argv)
    try:
        return _run(argv)
    except (KeyboardInterrupt, BrokenPipeError, OutputError):
        raise
    except UsageError as exc:
        out(_failure_json(str(exc)))  # the line on stderr too (main), for people
        raise
    except Exception as exc:  # the internal error is logged by main; the pipeline must see it too
        out(_failure_json(f"internal error: {safe(type(exc).__name__)}"))
        raise


def _run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    paths = check_paths(args.paths)

    from tui.model.load import load

    result = load(paths, for_check=True)  # cross-file problems of files with errors too
    from tui.model.documents import check_quotes

    quote_warnings = check_quotes(result)  # a quote its seed document does not contain
    if quote_warnings:
        from tui.model.types import LoadResult

        result = LoadResult(result.situations, result.diagnostics + tuple(quote_warnings), result.files)
    diagnostics = sorted(result.diagnostics, key=lambda d: (d.file, d.line, d.column))

    if args.json:
        doc = {
            "ok": result.ok,
            "files": list(result.files),
            "situations": [{"id": s.id, "title": s.title, "items": s.item_count} for s in result.situations],
            "diagnostics": [d.to_json() for d in diagnostics],
        }
        out(_json(doc))
        return EXIT_OK if result.ok else EXIT_INVALID

    out("".join(safe(d) + "\n" for d in diagnostics))
    if not args.quiet:
        out(summary(result, diagnostics) + "\n")
    return EXIT_OK if result.ok else EXIT_INVALID


def summary(result: LoadResult, diagnostics: Sequence[Diagnostic]) -> str:
    """ "2 errors in 1 file" / "3 files, 1 situation, 40 items: OK (1 warning)"."""
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity != "error"]
    if errors:
        bad_files = {d.file for d in errors}
        text = f"{plural(len(errors), 'error')} in {plural(len(bad_files), 'file')}"
        if warnings:
            text += f", {plural(len(warnings), 'warning')}"
        return text
    situations = result.situations
    items = sum(s.item_count for s in situations)
    text = f"{plural(len(result.files), 'file')}, {plural(len(situations), 'situation')}, {plural(items, 'item')}: OK"
    if warnings:
        text += f" ({plural(len(warnings), 'warning')})"
    return text
