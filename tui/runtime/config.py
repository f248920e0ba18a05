"""User configuration: keymap overrides.

`~/.config/sitboard/keymap.toml` (platformdirs.user_config_dir("sitboard")):

    [keys]
    quit = "q,ctrl+q"
    next_pane = "tab,l"

Keys of `[keys]` are binding ids (see the help screen); values are comma-separated
Textual key names. A bad file never stops the board: problems come back as strings.
"""

from __future__ import annotations

from pathlib import Path

KEYMAP_FILE = "keymap.toml"


def keymap_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("sitboard")) / KEYMAP_FILE


def load_keymap(path: Path | str | None = None) -> tuple[dict[str, str], list[str]]:
    """The `[keys]` table of the keymap file -> ({binding id: "key,key"}, problems).

    A missing file is no problem. Unknown binding ids are left for the caller to check.
    """
    import tomllib

    p = Path(path) if path is not None else keymap_path()
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{p}: cannot read: {exc.strerror or exc}"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{p}: not valid TOML: {exc}"]
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        return {}, [f'{p}: [keys] must be a table of binding id = "key,key"']
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in keys.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            problems.append(f'{p}: keys.{binding_id}: expected a string such as "q,ctrl+q"')
            continue
        keymap[str(binding_id)] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return keymap, problems
