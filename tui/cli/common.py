"""What every command shares: exit codes, usage errors, safe text, output, paths, loading.

Importing this module imports only the standard library (start-up time is part of the
product); the model is imported inside the helpers that need it.

Untrusted text (file names, argv, anything from a situation file) reaches the terminal
only through `safe()` (control characters made visible), argparse's own messages included
(`Parser.error`). Writing the output (`out`, `flush_stdout`) turns a full disk or any other
write failure into `OutputError`: one line and exit 2, never an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from collections.abc import Sequence
    from typing import Any, NoReturn

    from tui.model.types import LoadResult, Situation

PROG = "sitboard"
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class UsageError(Exception):
    """A problem with the command line or a path: exit 2 with one clear line.

    `usage` (argparse's usage lines, for an argparse error) is printed before the message,
    as `PROG: error: message`; `prog` is the prefix ("sitboard", "sitboard check")."""

    def __init__(self, message: str, *, usage: str | None = None, prog: str = PROG) -> None:
        super().__init__(message)
        self.usage = usage
        self.prog = prog


class OutputError(Exception):
    """The output could not be written (full disk, I/O error): exit 2 with one line."""


def version() -> str:
    from tui import __version__

    return f"{PROG} {__version__}"


def safe(s: object) -> str:
    """One line of text from untrusted data, safe for the terminal."""
    try:
        from tui.model.text import visible
    except Exception:  # the model itself is broken: still never print a raw control byte
        return "".join(ch if ch.isprintable() else f"⟨U+{ord(ch):04X}⟩" for ch in str(s))
    return visible(str(s), single_line=True)


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural_form or word + 's')}"


def err(line: str) -> None:
    """One line on stderr; a closed or full stderr is not worth a crash."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except Exception:
        pass


def _describe_write_error(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if exc.errno == errno.EFBIG:
        return "file too large"
    return safe(exc.strerror or exc)


def silence_stdout() -> None:
    """Point fd 1 at /dev/null: the interpreter's last flush of what is still buffered
    must not fail again (and print "Exception ignored ...") after we reported it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except Exception:
        pass


def out(text: str) -> None:
    """Write `text` to stdout (already safe: callers make data visible)."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OutputError(f"cannot write the output: {_describe_write_error(exc)}") from None


def flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OutputError(f"cannot write the output: {_describe_write_error(exc)}") from None


def write_error(path: object, exc: OSError) -> OutputError:
    """`cannot write PATH: why` for a file the command writes (export --out)."""
    where = safe(exc.filename if exc.filename is not None else path)
    return OutputError(f"cannot write {where}: {_describe_write_error(exc)}")


class _Version(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        out(version() + "\n")
        parser.exit()


class Parser(argparse.ArgumentParser):
    """argparse, with its error messages made visible and raised as UsageError.

    argparse quotes argv in its messages ("unrecognized arguments: ..."): a file named
    `--<ESC>]0;x<BEL>.yaml` given by a shell glob would otherwise put an escape sequence on
    the terminal. `error()` is argparse's documented hook for exactly this."""

    def __init__(self, **kwargs: Any) -> None:  # argparse's own keywords, passed through
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(**kwargs)

    def print_help(self, file: object = None) -> None:
        out(self.format_help())  # a full disk is reported, not swallowed as argparse does

    def print_usage(self, file: object = None) -> None:
        out(self.format_usage())

    def add_version(self) -> None:
        """--version, printed through `out()` like everything else."""
        self.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")

    def error(self, message: str) -> NoReturn:
        text = safe(message)
        if "unrecognized arguments:" in message and any(s in message for s in (".yaml", ".yml", "/")):
            text += "\n  (a file whose name starts with '-': write it as ./NAME, or put -- before it)"
        raise UsageError(text, usage=self.format_usage(), prog=self.prog)


def check_paths(args: Sequence[str]) -> list[Path]:
    """The paths given on the command line; each exists and can be read, or UsageError."""
    import stat

    paths = []
    for arg in args:
        shown = safe(arg)  # as the user typed it: `./check`, not `check`
        path = Path(arg)
        paths.append(path)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise UsageError(f"{shown}: no such file or directory") from None
        except OSError as exc:
            raise UsageError(f"{shown}: cannot read: {safe(exc.strerror or exc)}") from None
        if stat.S_ISDIR(st.st_mode):
            if not os.access(path, os.R_OK | os.X_OK):
                raise UsageError(f"{shown}: cannot read directory: permission denied")
        elif not stat.S_ISREG(st.st_mode):  # a FIFO would block open() for ever
            from tui.model.load import not_regular_reason

            raise UsageError(f"{shown}: cannot read: {not_regular_reason(str(path))}")
        elif not os.access(path, os.R_OK):
            raise UsageError(f"{shown}: cannot read: permission denied")
        else:
            try:
                with open(path, "rb"):
                    pass
            except OSError as exc:
                raise UsageError(f"{shown}: cannot read: {safe(exc.strerror or exc)}") from None
    return paths


def default_or(args_paths: Sequence[str]) -> list[Path]:
    """The paths given, checked; none: the embedded default situation."""
    if args_paths:
        return check_paths(args_paths)
    from tui.runtime.paths import default_situation_path

    return [default_situation_path()]


_SAID: set[str] = set()  # environment warnings already printed by this process


def load_paths(args_paths: Sequence[str]) -> tuple[LoadResult, list[Path]]:
    """Load the paths (the default situation when none). An environment value that was
    not used (SITBOARD_STALE_HOURS=1e15: the default stands) is said once on stderr."""
    paths = default_or(args_paths)
    from tui.model.load import load

    result = load(paths)
    for d in result.warnings:
        if d.file == "environment" and d.message not in _SAID:
            _SAID.add(d.message)
            err(safe(d))
    return result, paths


def report_errors(result: LoadResult) -> None:
    for d in sorted(result.errors, key=lambda d: (d.file, d.line, d.column)):
        err(safe(d))


def where(paths: Sequence[object]) -> str:
    return ", ".join(safe(p) for p in paths)


def pick(result: LoadResult, wanted: str | None, place: str) -> Situation:
    """The one situation the command works on (`--situation ID` when there are several)."""
    situations = list(result.situations)
    if wanted is not None:
        for sit in situations:
            if sit.id == wanted:
                return sit
        known = ", ".join(safe(s.id) for s in situations) or "none"
        raise UsageError(f"no situation {safe(wanted)!r} in {place} (found: {known})")
    if not situations:
        raise UsageError(f"no situation in {place}")
    if len(situations) > 1:
        known = ", ".join(safe(s.id) for s in situations)
        raise UsageError(f"{place} holds {len(situations)} situations ({known}); choose one with --situation ID")
    return situations[0]


def stale_hours_arg(value: str | None) -> float:
    """--stale-hours, else $SITBOARD_STALE_HOURS, else the default; a bad flag is a UsageError."""
    from tui.model.stale import stale_hours

    try:
        return stale_hours(value)
    except ValueError as exc:
        raise UsageError(f"--stale-hours: {safe(exc)}") from None
