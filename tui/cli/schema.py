"""`sitboard schema`: the JSON Schema of the situation file format, for editors."""

from __future__ import annotations

import argparse
import json

from tui.cli.common import EXIT_OK, PROG, Parser, out


def parser() -> argparse.ArgumentParser:
    return Parser(
        prog=f"{PROG} schema",
        description=(
            "Print the JSON Schema (draft 2020-12) of the situation file format, for editor\n"
            "completion and checking as you type (yaml-language-server: VS Code, Neovim, Helix)."
        ),
        epilog=(
            "example:\n"
            f"  {PROG} schema > sitboard.schema.json\n"
            "  then put this on the first line of a situation file:\n"
            "  # yaml-language-server: $schema=./sitboard.schema.json\n"
        ),
    )


def run(argv: list[str]) -> int:
    parser().parse_args(argv)
    from tui.model.schema import json_schema

    out(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
