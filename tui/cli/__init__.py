"""The `sitboard` command line: one module per command.

    sitboard [PATH ...] [--[no-]mouse] [--situation ID] [--poll] open the board    (board.py)
    sitboard check PATH ... [--json] [--quiet]                   validate files    (check.py)
    sitboard schema                                              JSON Schema       (schema.py)
    sitboard brief [PATH ...] [--since BASELINE] [--format md|text]   a briefing   (brief.py)
    sitboard diff OLD NEW                                        what changed      (diff.py)
    sitboard export --csv PANE|all [--out DIR] [PATH ...]        CSV with HXL      (export.py)

What they share (exit codes, usage errors, safe text, writing the output, paths) is in
common.py.

Start-up time is part of the product: importing this package imports only the standard
library pieces argparse needs. A command's module, and Textual, YAML and the loader, are
imported when that command runs.

Subcommands are dispatched on argv[0] (argparse subparsers and optional positional
paths clash): `sitboard check x.yaml` checks, `sitboard ./check` opens a file or
directory literally named `check`.

Exit codes: 0 ok, 1 invalid files (diff: the versions differ), 2 usage error, unreadable
path or unwritable output, 3 internal error (one line on stderr, the traceback in a log
file: tui.runtime.crashlog), 130 interrupted.
"""

from __future__ import annotations

import sys

from tui.cli.common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    OutputError,
    UsageError,
    err,
    flush_stdout,
    safe,
    silence_stdout,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main", "COMMANDS", "SUBCOMMANDS"]


def _command(name: str) -> Callable[[list[str]], int]:
    """The command in module tui.cli.<name>, imported only when it runs."""

    def run(argv: list[str]) -> int:
        import importlib

        return int(importlib.import_module(f"tui.cli.{name}").run(argv))

    run.__name__ = f"run_{name}"
    return run


# command word -> its runner (the module is imported when the command runs)
COMMANDS: dict[str, Callable[[list[str]], int]] = {
    name: _command(name) for name in ("check", "schema", "brief", "diff", "export")
}
# Names that are subcommands when they come first: a file with one of these names opens
# as `sitboard ./diff`.
SUBCOMMANDS: tuple[str, ...] = tuple(COMMANDS)


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return _command("board")(argv)


def _harden_streams() -> None:
    """Never die on a terminal that cannot encode a character (LANG=C, Latin-1 ...)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except Exception:
                pass


def _internal_error(exc: BaseException) -> int:
    try:
        from tui.runtime.crashlog import one_line, write_crash_log
    except Exception:  # the crash-log module itself is broken: one line, no log
        err(f"{PROG}: internal error: {safe(type(exc).__name__)}: {safe(exc)[:300]}; no log could be written")
        return EXIT_INTERNAL
    err(one_line(exc, write_crash_log(exc, "running the command line")))
    return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run `sitboard`; returns the exit code (the console script passes it to sys.exit)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _harden_streams()
    try:
        code = _dispatch(args)
        flush_stdout()  # a full disk shows here for short outputs
        return code
    except UsageError as exc:
        if exc.usage:
            err(exc.usage.rstrip("\n"))
            err(f"{exc.prog}: error: {exc}")
        else:
            err(f"{exc.prog}: {exc}")
        return EXIT_USAGE
    except OutputError as exc:
        err(f"{PROG}: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `sitboard schema | head`: the reader left; say nothing more.
        silence_stdout()
        return EXIT_OK
    except SystemExit as exc:  # argparse: --help, --version
        try:
            flush_stdout()  # `sitboard --help > /dev/full`
        except OutputError as out_exc:
            err(f"{PROG}: {out_exc}")
            return EXIT_USAGE
        except BrokenPipeError:
            silence_stdout()
        status = exc.code
        if status is None:
            return EXIT_OK
        if isinstance(status, int):
            return status
        err(safe(status))
        return EXIT_USAGE
    except BaseException as exc:  # noqa: BLE001 - no traceback ever reaches the user
        return _internal_error(exc)
