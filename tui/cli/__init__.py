"""The `sitboard` command line.

    sitboard [PATH ...] [--no-mouse] [--situation ID] [--poll]   open the board
    sitboard check PATH ... [--json] [--quiet]                   validate files
    sitboard schema                                              JSON Schema of the format
    sitboard brief [PATH ...] [--since BASELINE] [--format md|text]   a briefing on stdout
    sitboard diff OLD NEW                                        what changed between two
    sitboard export --csv PANE|all [--out DIR] [PATH ...]        CSV with HXL hashtags

Start-up time is part of the product: importing this module imports only the standard
library pieces argparse needs. Textual, YAML and the loader are imported inside the
command that needs them.

Subcommands are dispatched on argv[0] (argparse subparsers and optional positional
paths clash): `sitboard check x.yaml` checks, `sitboard ./check` opens a file or
directory literally named `check`.

Exit codes: 0 ok, 1 invalid files, 2 usage error or unreadable path, 3 internal error
(one line on stderr, the traceback in a log file), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from collections.abc import Callable, Sequence

PROG = "sitboard"
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

# Names that are subcommands when they come first: a file with one of these names opens
# as `sitboard ./diff`.
SUBCOMMANDS: tuple[str, ...] = ("check", "schema", "brief", "diff", "export")


class UsageError(Exception):
    """A problem with the command line or a path: exit 2 with one clear line."""


def _version() -> str:
    from tui import __version__

    return f"{PROG} {__version__}"


_Formatter = argparse.RawDescriptionHelpFormatter


# ---------------------------------------------------------------------------
# parsers
# ---------------------------------------------------------------------------


def _board_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=_Formatter,
        usage=f"{PROG} [PATH ...] [--no-mouse] [--situation ID] [--stale-hours H] [--poll]\n"
        f"       {PROG} check PATH ... [--json] [--quiet]\n"
        f"       {PROG} brief [PATH ...] [--since BASELINE] [--format md|text]\n"
        f"       {PROG} diff OLD NEW\n"
        f"       {PROG} export --csv PANE|all [--out DIR] [PATH ...]\n"
        f"       {PROG} schema",
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
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="situation file(s) or directory(ies); default: the embedded situation",
    )
    p.add_argument(
        "--no-mouse",
        dest="mouse",
        action="store_false",
        help="do not capture the mouse (lets you select and copy text in the terminal)",
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
    p.add_argument("--version", action="version", version=_version())
    # Hidden: make the board raise in on_mount, to test crash safety on a real terminal.
    p.add_argument("--crash-test", action="store_true", help=argparse.SUPPRESS)
    return p


def _check_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} check",
        formatter_class=_Formatter,
        description=(
            "Check situation files without opening the board. Prints every problem as\n"
            "  file:line:col: path: message\n"
            "then a one-line summary. Warnings (such as a missing seed document) do not fail."
        ),
        epilog=(
            "exit codes:\n"
            "  0  valid (warnings allowed)\n"
            "  1  invalid: at least one error\n"
            "  2  usage error, or a path that does not exist or cannot be read\n"
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
        help='print one JSON object: {"ok", "files", "situations", "diagnostics"}',
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only the problems, no summary")
    return p


def _schema_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=f"{PROG} schema",
        formatter_class=_Formatter,
        description=(
            "Print the JSON Schema (draft 2020-12) of the situation file format, for editor\n"
            "completion and checking as you type (yaml-language-server: VS Code, Neovim, Helix)."
        ),
        epilog=(
            "example:\n"
            f"  {PROG} schema > sitboard.schema.json\n"
            "  then put this on the first line of a situation file:\n"
            "  # yaml-language-server: $schema=./sitboard.schema.json\n"
        ),
    )


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _safe(s: object) -> str:
    """One line of text from untrusted data, safe for the terminal."""
    try:
        from tui.model.text import visible
    except Exception:  # the model itself is broken: still never print a raw control byte
        return "".join(ch if ch.isprintable() else f"⟨U+{ord(ch):04X}⟩" for ch in str(s))
    return visible(str(s), single_line=True)


def _check_paths(args: Sequence[str]) -> list[Path]:
    """The paths given on the command line; each exists and can be read, or UsageError."""
    paths = []
    for arg in args:
        shown = _safe(arg)  # as the user typed it: `./check`, not `check`
        path = Path(arg)
        paths.append(path)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise UsageError(f"{shown}: no such file or directory") from None
        except OSError as exc:
            raise UsageError(f"{shown}: cannot read: {_safe(exc.strerror or exc)}") from None
        import stat as _stat

        if _stat.S_ISDIR(st.st_mode):
            if not os.access(path, os.R_OK | os.X_OK):
                raise UsageError(f"{shown}: cannot read directory: permission denied")
        elif not _stat.S_ISREG(st.st_mode):  # a FIFO would block open() for ever
            from tui.model.load import not_regular_reason

            raise UsageError(f"{shown}: cannot read: {not_regular_reason(str(path))}")
        elif not os.access(path, os.R_OK):
            raise UsageError(f"{shown}: cannot read: permission denied")
        else:
            try:
                with open(path, "rb"):
                    pass
            except OSError as exc:
                raise UsageError(f"{shown}: cannot read: {_safe(exc.strerror or exc)}") from None
    return paths


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------


def cmd_board(argv: list[str]) -> int:
    args = _board_parser().parse_args(argv)
    stale_hours = None
    if args.stale_hours is not None:
        from tui.model.stale import parse_stale_hours

        try:
            stale_hours = parse_stale_hours(args.stale_hours)
        except ValueError as exc:
            raise UsageError(f"--stale-hours: {exc}") from None
    if args.paths:
        paths = _check_paths(args.paths)
    else:
        from tui.runtime.paths import default_situation_path

        paths = [default_situation_path()]
    if os.environ.get("TERM") == "dumb":
        # No cursor addressing: a full-screen board would be garbage.
        _err(f"{PROG} needs a full-screen terminal (TERM=dumb); try `{PROG} brief`")
        return EXIT_USAGE
    # The first load runs in a thread from here, while Textual is imported (tui/runtime/preload.py).
    from tui.runtime import preload

    preload.start(paths)
    from tui.ui.app import run_board

    options: dict[str, object] = {"mouse": args.mouse, "situation_id": args.situation}
    if args.crash_test:
        options["crash_test"] = True
    if stale_hours is not None:
        options["stale_hours"] = stale_hours
    if args.poll:
        import inspect

        if "poll" not in inspect.signature(run_board).parameters:
            raise UsageError("--poll is not available in this version of the board")
        options["poll"] = True
    code = run_board(paths, **options)
    return int(code or 0)


def cmd_check(argv: list[str]) -> int:
    args = _check_parser().parse_args(argv)
    paths = _check_paths(args.paths)

    from tui.model.load import load

    result = load(paths, for_check=True)  # cross-file problems of files with errors too
    from tui.model.documents import check_quotes

    quote_warnings = check_quotes(result)  # a quote its seed document does not contain
    if quote_warnings:
        from tui.model.types import LoadResult

        result = LoadResult(result.situations, result.diagnostics + tuple(quote_warnings), result.files)
    diagnostics = sorted(result.diagnostics, key=lambda d: (d.file, d.line, d.column))
    out = sys.stdout

    if args.json:
        import json

        doc = {
            "ok": result.ok,
            "files": list(result.files),
            "situations": [{"id": s.id, "title": s.title, "items": s.item_count} for s in result.situations],
            "diagnostics": [d.to_json() for d in diagnostics],
        }
        # ensure_ascii: every control character in a message is escaped, never raw.
        out.write(json.dumps(doc, ensure_ascii=True, indent=None) + "\n")
        out.flush()
        return EXIT_OK if result.ok else EXIT_INVALID

    for d in diagnostics:
        out.write(_safe(d) + "\n")
    if not args.quiet:
        out.write(_summary(result, diagnostics) + "\n")
    out.flush()
    return EXIT_OK if result.ok else EXIT_INVALID


def _summary(result: object, diagnostics: Sequence[object]) -> str:
    errors = [d for d in diagnostics if d.severity == "error"]  # type: ignore[attr-defined]
    warnings = [d for d in diagnostics if d.severity != "error"]  # type: ignore[attr-defined]
    if errors:
        bad_files = {d.file for d in errors}  # type: ignore[attr-defined]
        text = f"{_plural(len(errors), 'error')} in {_plural(len(bad_files), 'file')}"
        if warnings:
            text += f", {_plural(len(warnings), 'warning')}"
        return text
    situations = result.situations  # type: ignore[attr-defined]
    items = sum(s.item_count for s in situations)
    text = (
        f"{_plural(len(result.files), 'file')}, {_plural(len(situations), 'situation')}, "  # type: ignore[attr-defined]
        f"{_plural(items, 'item')}: OK"
    )
    if warnings:
        text += f" ({_plural(len(warnings), 'warning')})"
    return text


def cmd_schema(argv: list[str]) -> int:
    _schema_parser().parse_args(argv)
    import json

    from tui.model.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return EXIT_OK


# ---------------------------------------------------------------------------
# brief, diff, export (issue 6)
# ---------------------------------------------------------------------------

_PANES_HELP = "fronts, evacuations, statements, infrastructure, events"


def _brief_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} brief",
        formatter_class=_Formatter,
        description=(
            "Print a briefing document on stdout: marking, title, area, as-of, summary, then\n"
            "every pane with its items (figures, confidence, sources and quotes, weak-basis\n"
            "and staleness flags) and the sources. With --since, what changed comes first.\n"
            "Markdown by default (renders well, reads well as text); --format text for plain text."
        ),
        epilog=(
            "BASELINE is a situation file or directory (the earlier picture), a baseline .json,\n"
            "or the word 'saved': the baseline last marked on the board (key b).\n"
            "\n"
            "exit codes: 0 ok, 1 the files have errors (printed on stderr), 2 usage error\n"
            "\n"
            "examples:\n"
            f"  {PROG} brief                                 the embedded default situation\n"
            f"  {PROG} brief situations/ --format text > brief.txt\n"
            f"  {PROG} brief situations/ --since saved        what changed since the last briefing\n"
            f"  {PROG} brief today/ --since yesterday/\n"
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="situation file(s) or directory(ies); default: the embedded situation"
    )
    p.add_argument("--since", metavar="BASELINE", help="show what changed since this earlier picture first")
    p.add_argument("--format", choices=("md", "text"), default="md", help="md (default) or text")
    p.add_argument("--situation", metavar="ID", help="which situation, when the paths hold several")
    p.add_argument(
        "--stale-hours",
        metavar="HOURS",
        help="an item not confirmed within HOURS of the as-of is stale (default: $SITBOARD_STALE_HOURS or 24)",
    )
    return p


def _diff_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} diff",
        formatter_class=_Formatter,
        description=(
            "Print what changed between two versions of a situation (files or directories):\n"
            "new items, changed items with old -> new values, removed items."
        ),
        epilog=(
            "exit codes: 0 no differences, 1 differences, 2 errors (unreadable or invalid files)\n"
            "\n"
            "example:\n"
            f"  {PROG} diff yesterday/ today/\n"
        ),
    )
    p.add_argument("old", metavar="OLD", help="the earlier situation file or directory")
    p.add_argument("new", metavar="NEW", help="the later situation file or directory")
    p.add_argument("--format", choices=("text", "md"), default="text", help="text (default) or md")
    return p


def _export_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} export",
        formatter_class=_Formatter,
        description=(
            "Export a pane as CSV with a second row of HXL hashtags (#adm1, #affected+idps,\n"
            "#date, #meta+source ...) for spreadsheets and HDX. One pane goes to stdout (or\n"
            "to DIR with --out); 'all' writes one file per pane into DIR (default: .)."
        ),
        epilog=(
            f"panes: {_PANES_HELP}\n"
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


def _load_situations(args_paths: Sequence[str]) -> tuple[object, list[Path]]:
    if args_paths:
        paths = _check_paths(args_paths)
    else:
        from tui.runtime.paths import default_situation_path

        paths = [default_situation_path()]
    from tui.model.load import load

    return load(paths), paths


def _report_errors(result: object) -> None:
    errors = sorted(result.errors, key=lambda d: (d.file, d.line, d.column))  # type: ignore[attr-defined]
    for d in errors:
        _err(_safe(d))


def _pick(result: object, wanted: str | None, where: str) -> object:
    situations = list(result.situations)  # type: ignore[attr-defined]
    if wanted is not None:
        for sit in situations:
            if sit.id == wanted:
                return sit
        known = ", ".join(_safe(s.id) for s in situations) or "none"
        raise UsageError(f"no situation {_safe(wanted)!r} in {where} (found: {known})")
    if not situations:
        raise UsageError(f"no situation in {where}")
    if len(situations) > 1:
        known = ", ".join(_safe(s.id) for s in situations)
        raise UsageError(f"{where} holds {len(situations)} situations ({known}); choose one with --situation ID")
    return situations[0]


def _where(paths: Sequence[object]) -> str:
    return ", ".join(_safe(p) for p in paths)


def _baseline(spec: str, current: object) -> object:
    """The earlier picture named by --since."""
    sid = current.id  # type: ignore[attr-defined]
    if spec == "saved":
        from tui.runtime.baseline import BaselineStore

        store = BaselineStore()
        sit = store.load(sid)
        if sit is None:
            if store.last_error:
                raise UsageError(_safe(store.last_error))
            raise UsageError(f"no saved baseline for situation {_safe(sid)!r}: mark one on the board (key b) first")
        return sit
    if spec.endswith(".json") and Path(spec).is_file():
        import json

        from tui.model.serialize import SerializeError, situation_from_dict

        _check_paths([spec])
        try:
            with open(spec, "rb") as f:
                doc = json.loads(f.read())
            if isinstance(doc, dict) and "sitboard_baseline" in doc:
                doc = doc.get("situation")
            return situation_from_dict(doc)
        except (SerializeError, ValueError, OSError, RecursionError) as exc:
            raise UsageError(f"{_safe(spec)}: {_safe(exc)}") from None
    result, paths = _load_situations([spec])
    if not result.ok:  # type: ignore[attr-defined]
        _report_errors(result)
        raise UsageError(f"the baseline {_safe(spec)} has errors")
    situations = list(result.situations)  # type: ignore[attr-defined]
    for sit in situations:
        if sit.id == sid:
            return sit
    if len(situations) == 1:
        return situations[0]
    raise UsageError(f"no situation {_safe(sid)!r} in the baseline {_safe(spec)}")


def cmd_brief(argv: list[str]) -> int:
    args = _brief_parser().parse_args(argv)
    from tui.model.stale import stale_hours

    try:
        hours = stale_hours(args.stale_hours)
    except ValueError as exc:
        raise UsageError(f"--stale-hours: {exc}") from None
    result, paths = _load_situations(args.paths)
    if not result.ok:  # type: ignore[attr-defined]
        _report_errors(result)
        _err(f"{PROG}: no brief: the files have errors (see above; '{PROG} check' explains)")
        return EXIT_INVALID
    sit = _pick(result, args.situation, _where(args.paths or paths))
    since = _baseline(args.since, sit) if args.since else None
    from tui.model.brief import render_brief

    sys.stdout.write(render_brief(sit, since=since, fmt=args.format, stale_hours=hours))  # type: ignore[arg-type]
    sys.stdout.flush()
    return EXIT_OK


def cmd_diff(argv: list[str]) -> int:
    args = _diff_parser().parse_args(argv)
    old_result, _ = _load_situations([args.old])
    new_result, _ = _load_situations([args.new])
    bad = False
    for res in (old_result, new_result):
        if not res.ok:  # type: ignore[attr-defined]
            _report_errors(res)
            bad = True
    if bad:
        _err(f"{PROG}: cannot compare: the files have errors")
        return EXIT_USAGE
    from tui.model.brief import render_changes
    from tui.model.diff import diff_situations

    olds = {s.id: s for s in old_result.situations}  # type: ignore[attr-defined]
    news = {s.id: s for s in new_result.situations}  # type: ignore[attr-defined]
    if len(olds) == 1 and len(news) == 1 and set(olds) != set(news):
        news = {next(iter(olds)): next(iter(news.values()))}  # one situation each: compare them
    ids = list(olds) + [i for i in news if i not in olds]
    out = sys.stdout
    differ = False
    several = len(ids) > 1
    for sid in ids:
        old, new = olds.get(sid), news.get(sid)
        if several:
            out.write(f"== {_safe(sid)} ==\n")
        if old is None or new is None:
            differ = True
            word = "new" if old is None else "removed"
            sit = new or old
            out.write(f"situation {word}: {_safe(sit.title)} ({_plural(sit.item_count, 'item')})\n")  # type: ignore[union-attr]
            continue
        if not diff_situations(old, new).empty:
            differ = True
        out.write(render_changes(old, new, fmt=args.format))
    out.flush()
    return EXIT_INVALID if differ else EXIT_OK


def cmd_export(argv: list[str]) -> int:
    args = _export_parser().parse_args(argv)
    from tui.model.types import PANES

    pane = args.csv
    if pane != "all" and pane not in PANES:
        raise UsageError(f"--csv: unknown pane {_safe(pane)!r}; one of: {_PANES_HELP}, all")
    result, paths = _load_situations(args.paths)
    if not result.ok:  # type: ignore[attr-defined]
        _report_errors(result)
        _err(f"{PROG}: no export: the files have errors (see above)")
        return EXIT_INVALID
    sit = _pick(result, args.situation, _where(args.paths or paths))
    from tui.model.export import export_all, export_csv

    try:
        if pane == "all":
            written = export_all(sit, args.out or ".")  # type: ignore[arg-type]
            for path in written:
                sys.stdout.write(_safe(path) + "\n")
        elif args.out:
            folder = Path(args.out)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{sit.id}-{pane}.csv"  # type: ignore[attr-defined]
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(export_csv(sit, pane))  # type: ignore[arg-type]
            sys.stdout.write(_safe(path) + "\n")
        else:
            sys.stdout.write(export_csv(sit, pane))  # type: ignore[arg-type]
    except OSError as exc:
        raise UsageError(f"cannot write {_safe(exc.filename or args.out)}: {_safe(exc.strerror or exc)}") from None
    sys.stdout.flush()
    return EXIT_OK


def cmd_reserved(name: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        raise UsageError(
            f"'{name}' is not available in this version; to open a path named '{name}', write it as ./{name}"
        )

    return run


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "check": cmd_check,
    "schema": cmd_schema,
    "brief": cmd_brief,
    "diff": cmd_diff,
    "export": cmd_export,
}


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_board(argv)


def _log_dir() -> Path:
    try:
        from platformdirs import user_state_path

        return user_state_path(PROG, appauthor=False)
    except Exception:  # platformdirs missing or broken: the temp dir will do
        import tempfile

        return Path(tempfile.gettempdir()) / f"{PROG}-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def _write_crash_log(exc: BaseException) -> str:
    """The traceback in a log file; returns its path (or a note that it could not be written)."""
    try:
        from tui.runtime.crashlog import write_crash_log

        return write_crash_log(exc, "running the command line")
    except Exception:  # tui.runtime.crashlog itself is broken: the simple way below
        pass
    import datetime as dt
    import tempfile
    import traceback

    text = (
        f"{dt.datetime.now(dt.UTC).isoformat()} {_version()} python {sys.version.split()[0]}\n"
        f"argv: {sys.argv!r}\n" + "".join(traceback.format_exception(exc))
    )
    candidates = [_log_dir(), Path(tempfile.gettempdir())]
    for directory in candidates:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / "sitboard-crash.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as f:
                f.write(text + "\n")
            return str(path)
        except OSError:
            continue
    return "(no writable log directory)"


def _err(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except Exception:  # stderr closed: nothing more to do
        pass


def _harden_streams() -> None:
    """Never die on a terminal that cannot encode a character (LANG=C, Latin-1 ...)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except Exception:
                pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run `sitboard`; returns the exit code (the console script passes it to sys.exit)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _harden_streams()
    try:
        return _dispatch(args)
    except UsageError as exc:
        _err(f"{PROG}: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `sitboard schema | head`: the reader left; say nothing more.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except Exception:
            pass
        return EXIT_OK
    except SystemExit as exc:  # argparse: --help, --version, usage errors (2)
        code = exc.code
        if code is None:
            return EXIT_OK
        if isinstance(code, int):
            return code
        _err(str(code))
        return EXIT_USAGE
    except BaseException as exc:  # noqa: BLE001 - no traceback ever reaches the user
        log = _write_crash_log(exc)
        detail = _safe(exc)
        if len(detail) > 300:
            detail = detail[:299] + "…"
        _err(f"{PROG}: internal error: {_safe(type(exc).__name__)}: {detail}; details in {log}")
        return EXIT_INTERNAL
