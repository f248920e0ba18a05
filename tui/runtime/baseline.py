"""Baselines: the picture as it was at the last briefing, kept in the user's state directory.

    store = BaselineStore()                  # tui.runtime.paths.state_dir()
    result = store.save(situation)           # SaveResult(path, error): never raises
    before = store.load(situation.id)        # Situation | None
    info = store.info(situation.id)          # BaselineInfo(path, saved_at, as_of) | None

One snapshot per situation id (`<state>/baselines/<id>.json`), written atomically (a
temporary file in the same directory, fsync, rename): a crash or a full disk leaves the
previous baseline intact. Every OSError becomes a one-line message in `SaveResult.error`
(or `BaselineStore.last_error` for load), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.model.types import Situation
from tui.runtime.paths import private_dir

__all__ = ["BaselineStore", "SaveResult", "BaselineInfo", "default_state_dir"]

MAX_BASELINE_BYTES = 256 * 1024 * 1024
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


def default_state_dir() -> Path:
    from tui.runtime.paths import state_dir

    return state_dir()


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving a baseline did: `path` on success, else `error` (one clear line)."""

    path: Path | None = None
    error: str | None = None
    saved_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class BaselineInfo:
    path: Path
    saved_at: dt.datetime | None
    as_of: str | None  # ISO text of the baseline's as-of


def _describe(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return "a file is in the way of the state directory"
    return str(exc.strerror or exc)


class BaselineStore:
    """Baselines per situation id under `state_dir/baselines`."""

    def __init__(self, state_dir: str | os.PathLike[str] | None = None) -> None:
        self.state_dir = Path(state_dir) if state_dir is not None else default_state_dir()
        self.directory = self.state_dir / "baselines"
        self.last_error: str | None = None

    def path_for(self, situation_id: str) -> Path:
        """The snapshot file of a situation id (ids that are not slugs are hex-encoded)."""
        if _SAFE_ID.match(situation_id):
            name = situation_id
        else:
            name = "x-" + situation_id.encode("utf-8", "surrogatepass").hex()[:200]
        return self.directory / f"{name}.json"

    # -- save ---------------------------------------------------------------------------
    def save(self, situation: Situation, *, now: dt.datetime | None = None) -> SaveResult:
        """Snapshot the situation as the baseline of its id; never raises for I/O problems."""
        from tui.model.serialize import situation_to_dict

        saved_at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        doc = {"sitboard_baseline": 1, "saved_at": saved_at.isoformat(), "situation": situation_to_dict(situation)}
        data = json.dumps(doc, ensure_ascii=True).encode("ascii")
        path = self.path_for(situation.id)
        tmp: str | None = None
        try:
            private_dir(self.state_dir)
            private_dir(self.directory)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            return SaveResult(error=f"could not save the baseline in {self.directory}: {_describe(exc)}")
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        return SaveResult(path=path, saved_at=saved_at)

    # -- load ---------------------------------------------------------------------------
    def _read(self, situation_id: str) -> dict[str, Any] | None:
        self.last_error = None
        path = self.path_for(situation_id)
        try:
            with open(path, "rb") as f:
                raw = f.read(MAX_BASELINE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.last_error = f"could not read the baseline {path}: {_describe(exc)}"
            return None
        if len(raw) > MAX_BASELINE_BYTES:
            self.last_error = f"the baseline {path} is too large"
            return None
        try:
            doc = json.loads(raw)
        except (ValueError, RecursionError):
            self.last_error = f"the baseline {path} is damaged (not JSON)"
            return None
        if not isinstance(doc, dict) or doc.get("sitboard_baseline") != 1:
            self.last_error = f"the baseline {path} is not a sitboard baseline"
            return None
        return doc

    def load(self, situation_id: str) -> Situation | None:
        """The saved baseline of this situation id, or None (none saved, or unreadable:
        `last_error` says which)."""
        from tui.model.serialize import SerializeError, situation_from_dict

        doc = self._read(situation_id)
        if doc is None:
            return None
        try:
            return situation_from_dict(doc.get("situation"))
        except SerializeError as exc:
            self.last_error = f"the baseline {self.path_for(situation_id)} is damaged: {exc}"
            return None
        except (RecursionError, TypeError, ValueError):
            self.last_error = f"the baseline {self.path_for(situation_id)} is damaged"
            return None

    def info(self, situation_id: str) -> BaselineInfo | None:
        """When the baseline was saved and for which as-of (without building the Situation)."""
        doc = self._read(situation_id)
        if doc is None:
            return None
        saved_at = None
        try:
            saved_at = dt.datetime.fromisoformat(str(doc.get("saved_at")))
        except ValueError:
            pass
        as_of = None
        sit = doc.get("situation")
        if isinstance(sit, dict) and isinstance(sit.get("as_of"), dict):
            raw = sit["as_of"].get("datetime") or sit["as_of"].get("date")
            as_of = raw if isinstance(raw, str) else None
        return BaselineInfo(self.path_for(situation_id), saved_at, as_of)

    def delete(self, situation_id: str) -> str | None:
        """Forget the baseline; returns an error message, or None."""
        try:
            self.path_for(situation_id).unlink()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"could not delete the baseline: {_describe(exc)}"
        return None
