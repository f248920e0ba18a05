"""Crash logs: never a traceback on the terminal, the details in a file.

* `write_crash_log(exc, context="") -> str` writes the traceback (and the version,
  Python, argv, and what the app was doing) to
  `platformdirs.user_state_dir("sitboard")/crash-<UTC time>.log` (falling back to the
  temp directory when that cannot be written) and returns its path (or a note that no
  log could be written). Never raises.
* `one_line(exc, log) -> str`: "sitboard: internal error: TypeError: ...; details in
  <log>" (control characters made visible, cut to one short line).
* The Textual side (the app's guard) is tui/ui/crash.py.

Importing this module imports only the standard library.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

APP = "sitboard"
EXIT_INTERNAL = 3


class CrashTest(RuntimeError):
    """Raised on purpose by `sitboard --crash-test`."""


def log_dir() -> Path:
    """Where crash logs go: the user's state directory for sitboard."""
    try:
        from platformdirs import user_state_dir

        return Path(user_state_dir(APP, appauthor=False))
    except Exception:  # platformdirs missing or broken
        return _temp_dir()


def _temp_dir() -> Path:
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"{APP}-{uid}"


def _version() -> str:
    try:
        from tui import __version__

        return f"{APP} {__version__}"
    except Exception:
        return APP


def _safe(s: object, limit: int = 300) -> str:
    """One short line, no control characters."""
    try:
        from tui.model.text import visible

        text = visible(str(s), single_line=True)
    except Exception:
        text = "".join(ch if ch.isprintable() else f"⟨U+{ord(ch):04X}⟩" for ch in str(s))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_crash_log(exc: BaseException, context: str = "", *, directory: Path | None = None) -> str:
    """The traceback in a new log file; returns its path. Never raises."""
    try:
        import traceback

        now = dt.datetime.now(dt.UTC)
        body = (
            f"{now.isoformat()} {_version()} python {sys.version.split()[0]}\n"
            f"argv: {sys.argv!r}\n"
            f"TERM={os.environ.get('TERM', '')!r}\n"
            + (f"while: {context}\n" if context else "")
            + "\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        )
    except Exception as inner:  # formatting the traceback failed: keep what we can
        body = f"{type(exc).__name__}: {exc!r}\n(formatting the traceback failed: {inner!r})\n"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    candidates = [directory] if directory is not None else [log_dir(), _temp_dir()]
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"crash-{stamp}.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(body)
            return str(path)
        except Exception:
            continue
    return "(no writable log directory)"


def one_line(exc: BaseException, log: str) -> str:
    return f"{APP}: internal error: {_safe(type(exc).__name__, 80)}: {_safe(exc)}; details in {log}"


def _stderr_line(line: str) -> None:
    for stream in (sys.__stderr__, sys.stderr):
        try:
            if stream is not None:
                stream.write(line + "\n")
                stream.flush()
                return
        except Exception:
            continue
