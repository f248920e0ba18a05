"""Crash logs: never a traceback on the terminal, the details in a file.

* `write_crash_log(exc, context="") -> str` writes the traceback (and the version,
  Python, argv, and what the app was doing) to `<state dir>/crash-<UTC time>.log`
  (tui.runtime.paths.state_dir; falling back to a private folder in the temp directory
  when that cannot be written) and returns its path (or a note that no log could be
  written). Never raises.
* One log per distinct error: the same exception type, message and place (the frame
  that raised) a second time in this process adds one line to the first log ("again at
  ...") and returns its path. A reload that fails on every save writes one log, not 60.
* The temp-folder fallback is never a folder someone else planted: `/tmp/sitboard-<uid>`
  only if it is a real directory (not a symbolic link) owned by us and private, else a
  fresh one from `tempfile.mkdtemp`; files are created with O_EXCL | O_NOFOLLOW.
* `one_line(exc, log) -> str`: "sitboard: internal error: TypeError: ...; details in
  <log>" (control characters made visible, cut to one short line).
* The Textual side (the app's guard) is tui/ui/crash.py.

Importing this module imports only the standard library (and tui.runtime.paths).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from pathlib import Path

from tui.runtime.paths import private_dir

APP = "sitboard"
EXIT_INTERNAL = 3


class CrashTest(RuntimeError):
    """Raised on purpose by `sitboard --crash-test`."""


MAX_REPEAT_LINES = 100  # "again at ..." lines added to one log, at most

_written: dict[tuple[str, ...], list] = {}  # (signature, folder) -> [path, repeats]
_lock = threading.Lock()
_fallback: Path | None = None


def log_dir() -> Path:
    """Where crash logs go: the state directory (tui.runtime.paths.state_dir)."""
    try:
        from tui.runtime.paths import state_dir

        return state_dir()
    except Exception:  # platformdirs missing or broken
        return _temp_dir()


def _temp_dir() -> Path:
    """A private folder for logs in the temp directory (see the module docstring)."""
    global _fallback
    import stat
    import tempfile

    if _fallback is not None:
        return _fallback
    uid = os.getuid() if hasattr(os, "getuid") else -1
    fixed = Path(tempfile.gettempdir()) / f"{APP}-{uid}"
    try:
        try:
            os.mkdir(fixed, 0o700)
        except FileExistsError:
            pass
        st = os.lstat(fixed)  # lstat: a planted symbolic link is not our folder
        if stat.S_ISDIR(st.st_mode) and st.st_uid == uid and not st.st_mode & 0o077:
            _fallback = fixed
            return fixed
    except OSError:
        pass
    _fallback = Path(tempfile.mkdtemp(prefix=f"{APP}-{uid}-"))
    return _fallback


def signature(exc: BaseException) -> tuple[str, str, str]:
    """(type, message, place): what makes two errors the same error."""
    tb = exc.__traceback__
    place = ""
    while tb is not None:
        place = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    try:
        message = str(exc)[:500]
    except Exception:
        message = "?"
    return (type(exc).__qualname__, message, place)


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


def _head(context: str) -> str:
    now = dt.datetime.now(dt.UTC)
    return (
        f"{now.isoformat()} {_version()} python {sys.version.split()[0]}\n"
        f"argv: {sys.argv!r}\n"
        f"TERM={os.environ.get('TERM', '')!r}\n" + (f"while: {context}\n" if context else "") + "\n"
    )


def write_crash_log(exc: BaseException, context: str = "", *, directory: Path | None = None) -> str:
    """The traceback in a new log file (or, for an error already logged, one line added
    to its log); returns its path. Never raises."""
    key: tuple[str, ...] | None
    try:
        key = (*signature(exc), str(directory if directory is not None else log_dir()))
        with _lock:
            seen = _written.get(key)
            if seen is not None:
                seen[1] += 1
                if seen[1] > MAX_REPEAT_LINES or _again(seen[0], seen[1], context):
                    return str(seen[0])
                # its log is gone (cleaned up): a new one below
    except Exception:
        key = None
    path = _write_new(exc, context, directory)
    if key is not None and not path.startswith("("):
        with _lock:
            _written[key] = [path, 0]
    return path


def _again(path: str, count: int, context: str) -> bool:
    """One line at the end of an existing log; False if it cannot be written."""
    stamp = dt.datetime.now(dt.UTC).isoformat()
    more = " (further repeats not written)" if count == MAX_REPEAT_LINES else ""
    doing = f" while: {_safe(context)}" if context else ""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"again at {stamp} ({count + 1} times){doing}{more}\n")
        return True
    except Exception:
        return False


def _write_new(exc: BaseException, context: str, directory: Path | None) -> str:
    try:
        import traceback

        body = _head(context) + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except Exception as inner:  # formatting the traceback failed: keep what we can
        body = f"{type(exc).__name__}: {exc!r}\n(formatting the traceback failed: {inner!r})\n"
    return _write_log(body, directory)


def write_crash_log_text(text: str, context: str = "", *, directory: Path | None = None) -> str:
    """A traceback already rendered as text (what Textual prints for a fatal error) in
    a new log file; returns its path. Never raises."""
    try:
        body = _head(context) + text
    except Exception:
        body = str(text)
    return _write_log(body, directory)


def _write_log(body: str, directory: Path | None) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    candidates: list[Path | None] = [directory] if directory is not None else [log_dir(), None]
    for folder in candidates:
        try:
            if folder is None:
                folder = _temp_dir()
            private_dir(folder)
            path = folder / f"crash-{stamp}.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(body)
            return str(path)
        except Exception:
            continue
    return "(no writable log directory)"


def one_line(exc: BaseException, log: str) -> str:
    return summary_line(type(exc).__name__, exc, log)


def summary_line(kind: str, message: object, log: str) -> str:
    """The line printed for a fatal error: kind, message, where the log is; no control characters."""
    return f"{APP}: internal error: {_safe(kind, 80)}: {_safe(message)}; details in {log}"


def short_text(s: object, limit: int = 300) -> str:
    """`s` on one short line, control characters made visible."""
    return _safe(s, limit)


def stderr_line(line: str) -> None:
    """One line on the real stderr (the terminal is back by then); never raises."""
    for stream in (sys.__stderr__, sys.stderr):
        try:
            if stream is not None:
                stream.write(line + "\n")
                stream.flush()
                return
        except Exception:
            continue
