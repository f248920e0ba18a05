"""TEXTUAL_COLOR_SYSTEM as people type it, made what Rich reads. Importing this module
does it: tui/ui/app.py imports it before Textual (which reads the variable once)."""

from __future__ import annotations

import os

ALIASES = {
    "16": "standard",
    "8": "standard",
    "256": "256",
    "24bit": "truecolor",
    "true": "truecolor",
    "truecolour": "truecolor",
}
KNOWN = {"auto", "standard", "256", "truecolor", "windows"}


def normalize_color_system() -> None:
    """TEXTUAL_COLOR_SYSTEM=16 (what people type) means Rich's "standard"; an unknown
    value would make Rich raise a KeyError at start-up, so it falls back to auto."""
    value = os.environ.get("TEXTUAL_COLOR_SYSTEM")
    if value is None:
        return
    v = ALIASES.get(value.strip().lower(), value.strip().lower())
    os.environ["TEXTUAL_COLOR_SYSTEM"] = v if v in KNOWN else "auto"


normalize_color_system()
