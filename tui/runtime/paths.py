"""Where things are: the embedded default situation."""

from __future__ import annotations

from pathlib import Path

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
