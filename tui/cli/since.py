"""The earlier picture named by `--since` (brief) and what to call it.

BASELINE is the word `saved` (the baseline marked on the board with `b`), a baseline
`.json`, a situation file or directory, or a git revision of the work tree holding the
situation (`HEAD~3`, a tag, a commit: an existing path wins over a revision of that name). The label says WHEN that picture was taken:
for a saved baseline the time it was marked, not the situation's as-of (a baseline marked
at 18:00 of a picture as of 12:00 is "the baseline marked 18:00").
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from tui.cli.common import UsageError, check_paths, load_paths, report_errors, safe
from tui.model.types import Situation, When


def _when(moment: dt.datetime, like: When) -> str:
    """`moment` in the offset of the situation's as-of (the brief's other times use it)."""
    from tui.model.values import when_full

    ref = like.value
    if isinstance(ref, dt.datetime) and ref.tzinfo is not None:
        moment = moment.astimezone(ref.tzinfo)
    return when_full(When(moment))


def resolve(spec: str, current: Situation, paths: Sequence[str | os.PathLike[str]] = ()) -> tuple[Situation, str]:
    """(the earlier situation, "the baseline marked ..." / "the picture in old/ ..." /
    "commit a1b2c3d ..."). `paths`: where the current situation was read (a git revision
    is looked up in the work tree holding them)."""
    from tui.model.values import when_full

    sid = current.id
    if spec == "saved":
        from tui.runtime.baseline import BaselineStore

        store = BaselineStore()
        sit = store.load(sid)
        if sit is None:
            if store.last_error:
                raise UsageError(safe(store.last_error))
            raise UsageError(f"no saved baseline for situation {safe(sid)!r}: mark one on the board (key b) first")
        info = store.info(sid)
        picture = f"its picture as of {when_full(sit.as_of)}"
        if info is not None and info.saved_at is not None:
            return sit, f"the baseline marked {_when(info.saved_at, current.as_of)} ({picture})"
        return sit, f"the saved baseline ({picture})"
    if spec.endswith(".json") and Path(spec).is_file():
        return _from_json(spec), f"the baseline {safe(spec)}"
    if not os.path.lexists(spec) and paths:
        return _from_git(spec, current, paths)
    result, _paths = load_paths([spec])
    if not result.ok:
        report_errors(result)
        raise UsageError(f"the baseline {safe(spec)} has errors")
    situations = list(result.situations)
    chosen = next((s for s in situations if s.id == sid), situations[0] if len(situations) == 1 else None)
    if chosen is None:
        raise UsageError(f"no situation {safe(sid)!r} in the baseline {safe(spec)}")
    return chosen, f"the picture in {safe(spec)} (as of {when_full(chosen.as_of)})"


def _from_git(rev: str, current: Situation, paths: Sequence[str | os.PathLike[str]]) -> tuple[Situation, str]:
    """`--since REV`: the situation as of that commit of the work tree holding `paths`."""
    from tui.cli.gitrev import commit, describe, load_at, root_of
    from tui.model.values import when_full

    if root_of(paths) is None:
        raise UsageError(
            f"--since: {safe(rev)} is not a file, a directory or 'saved', and {safe(paths[0])} is not in a git"
            " work tree (where it could be a revision)"
        )
    change = commit(rev, paths)
    result = load_at(rev, paths)
    chosen = next((s for s in result.situations if s.id == current.id), None)
    if chosen is None:
        if not result.ok:
            report_errors(result)
        raise UsageError(f"no situation {safe(current.id)!r} at {safe(rev)} ({describe(change)})")
    return chosen, f"{describe(change)} (as of {when_full(chosen.as_of)})"


def saved_if_any(current: Situation) -> tuple[Situation, str] | None:
    """The saved baseline of this situation when there is one (for `brief --short`)."""
    from tui.runtime.baseline import BaselineStore

    if BaselineStore().load(current.id) is None:
        return None
    try:
        return resolve("saved", current)
    except UsageError:
        return None


def _from_json(spec: str) -> Situation:
    import json

    from tui.model.serialize import SerializeError, situation_from_dict

    check_paths([spec])
    try:
        with open(spec, "rb") as f:
            doc = json.loads(f.read())
        if isinstance(doc, dict) and "sitboard_baseline" in doc:
            doc = doc.get("situation")
        return situation_from_dict(doc)
    except (SerializeError, ValueError, OSError, RecursionError) as exc:
        raise UsageError(f"{safe(spec)}: {safe(exc)}") from None
