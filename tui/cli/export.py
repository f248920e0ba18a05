"""`sitboard export --csv PANE|all | --geojson [--out DIR] [PATH ...]`: CSV with HXL
hashtags, or GeoJSON of every item with a place (`geo`).

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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tui.model.types import Situation

_PANES_HELP = "figures, fronts, evacuations, statements, infrastructure, events, needs, watch, judgments"


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog=f"{PROG} export",
        description=(
            "Export a pane as CSV with a second row of HXL hashtags (#adm1, #affected+idps,\n"
            "#date, #meta+source ...) for spreadsheets and HDX. One pane goes to stdout (or\n"
            "to DIR with --out); 'all' writes one file per pane into DIR (default: .).\n"
            "--geojson writes a GeoJSON FeatureCollection (RFC 7946) of every item with a\n"
            "place (geo), for QGIS and geojson.io. The marking is on every row and feature."
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
            f"  {PROG} export --geojson situations/ > picture.geojson\n"
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="situation file(s) or directory(ies); default: the embedded situation"
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--csv", metavar="PANE", help=f"a pane ({_PANES_HELP}) or all")
    what.add_argument("--geojson", action="store_true", help="every item with a place, as GeoJSON")
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
    from tui.model.types import LISTS

    pane = args.csv
    if pane is not None and pane != "all" and pane not in LISTS:
        raise UsageError(f"--csv: unknown pane {safe(pane)!r}; one of: {_PANES_HELP}, all")
    result, paths = load_paths(args.paths)
    if not result.ok:
        report_errors(result)
        if not result.situations:
            err(f"{PROG}: no export: the files have errors (see above)")
            return EXIT_INVALID
    sit = pick(result, args.situation, where(args.paths or paths))
    from tui.model.leftout import left_out

    if args.geojson:
        _geojson(sit, args.out)
    else:
        _csv(sit, pane, args.out)
    missing = left_out(result, sit)
    if missing:
        err(f"{PROG}: {missing.line()}")
    return EXIT_OK if result.ok else EXIT_INVALID


def _folder(out_dir: str | None) -> Path:
    folder = Path(out_dir or ".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc) from None
    return folder


def _geojson(sit: Situation, out_dir: str | None) -> None:
    from tui.model.geojson import export_geojson, placed_items

    text = export_geojson(sit)
    if out_dir:
        path = _folder(out_dir) / f"{sit.id}.geojson"
        _write_file(path, text)
        out(safe(path) + "\n")
    else:
        out(text)
    from tui.model.leftout import is_broken

    placed, total = len(placed_items(sit)), sum(1 for it in sit.all_items() if not is_broken(it))
    if placed < total:
        err(f"{PROG}: {placed} of {total} items have a place (geo); the others are not on the map")


def _csv(sit: Situation, pane: str, out_dir: str | None) -> None:
    from tui.model.export import export_csv
    from tui.model.types import LISTS

    panes = list(LISTS) if pane == "all" else [pane]
    if pane == "all" or out_dir:
        folder = _folder(out_dir)
        for name in panes:
            path = folder / f"{sit.id}-{name}.csv"
            _write_file(path, export_csv(sit, name))
            out(safe(path) + "\n")
    else:
        out(export_csv(sit, pane))
