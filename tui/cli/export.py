"""`sitboard export --csv PANE|all [--out DIR] [PATH ...]`: CSV with HXL hashtags.

Items with errors are left out and named on stderr (the CSV itself stays a clean table);
the exit code is then 1. A write that fails (full disk, no permission) is one line, exit 2.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

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
    where,
    write_error,
)

_PANES_HELP = "fronts, evacuations, statements, infrastructure, events"


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=f"{PROG} export",
        description=(
            "Export a pane as CSV with a second row of HXL hashtags (#adm1, #affected+idps,\n"
            "#date, #meta+source ...) for spreadsheets and HDX. One pane goes to stdout (or\n"
            "to DIR with --out); 'all' writes one file per pane into DIR (default: .)."
        ),
        epilog=(
            f"panes: {_PANES_HELP}\n"
            "\n"
            "Items with errors are left out and named on stderr.\n"
            "exit codes: 0 ok, 1 the files have errors (what validates is exported), 2 usage\n"
            "error, or a file or the output cannot be written\n"
            "\n"
            "examples:\n"
            f"  {PROG} export --csv evacuations situations/ > evacuations.csv\n"
            f"  {PROG} export --csv all --out exports/ situations/\n"
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="situation file(s) or directory(ies); default: the embedded situation"
    )
    p.add_argument("--csv", required=True, metavar="PANE", help=f"a pane ({_PANES_HELP}) or all")
    p.add_argument("--out", metavar="DIR", help="write the file(s) into DIR")
    p.add_argument("--situation", metavar="ID", help="which situation, when the paths hold several")
    return p


def _write_file(path: Path, text: str) -> None:
    """Whole or not at all: a temporary file beside it, then a rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise write_error(path, exc) from None


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from tui.model.types import PANES

    pane = args.csv
    if pane != "all" and pane not in PANES:
        raise UsageError(f"--csv: unknown pane {safe(pane)!r}; one of: {_PANES_HELP}, all")
    result, paths = load_paths(args.paths)
    if not result.ok:
        report_errors(result)
        if not result.situations:
            err(f"{PROG}: no export: the files have errors (see above)")
            return EXIT_INVALID
    sit = pick(result, args.situation, where(args.paths or paths))
    from tui.model.export import export_csv
    from tui.model.leftout import left_out

    panes = list(PANES) if pane == "all" else [pane]
    if pane == "all" or args.out:
        folder = Path(args.out or ".")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(folder, exc) from None
        for name in panes:
            path = folder / f"{sit.id}-{name}.csv"
            _write_file(path, export_csv(sit, name))
            out(safe(path) + "\n")
    else:
        out(export_csv(sit, pane))
    missing = left_out(result, sit)
    if missing:
        err(f"{PROG}: {missing.line()}")
    return EXIT_OK if result.ok else EXIT_INVALID
