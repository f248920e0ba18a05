"""Where things are: the embedded default situation, the state directory.

The state directory holds what the board keeps across restarts (baselines, the last good
version of each part, crash logs): `$SITBOARD_STATE_DIR` if set, else platformdirs'
user_state_dir("sitboard") (`$XDG_STATE_HOME/sitboard`, by default
`~/.local/state/sitboard`). It is private: `private_dir()` creates it (and any folder
under it) 0700 and tightens one of ours that is wider, since it may hold copies of
situation files marked TLP:RED.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP = "sitboard"
STATE_DIR_ENV = "SITBOARD_STATE_DIR"

_PACKAGE = Path(__file__).resolve().parent.parent  # tui/


def default_situation_path() -> Path:
    """The embedded default situation (a directory of situation files).

    Installed from a wheel, hatch force-includes the repo's `data/` as `tui/data`;
    run from a checkout, it is the `data/` directory beside the package.
    """
    inside = _PACKAGE / "data"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / "data"


def state_dir() -> Path:
    """The state directory (not created here)."""
    override = os.environ.get(STATE_DIR_ENV, "").strip()
    if override:
        return Path(os.path.abspath(os.path.expanduser(override)))
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP, appauthor=False))


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create `path` (parents as the system makes them) 0700 if missing; a folder of ours
    that is wider is tightened to 0700. Raises OSError when it cannot be made or is not a
    directory; callers turn that into a one-line message."""
    p = Path(path)
    try:
        os.mkdir(p, 0o700)
    except FileNotFoundError:
        p.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(p, 0o700)
    except FileExistsError:
        pass
    st = os.stat(p)
    if not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(20, "not a directory", str(p))
    if st.st_mode & 0o077 and st.st_uid == os.getuid():
        os.chmod(p, stat.S_IMODE(st.st_mode) & 0o700)
    return p
