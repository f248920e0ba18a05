"""The layers (cli -> ui -> runtime -> model) and a UI-free model and runtime: import-linter's
contracts, and what `import tui.model` loads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _lint_imports() -> list[str]:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    return [exe]


def test_import_linter_contracts_pass():
    proc = subprocess.run(
        _lint_imports() + ["--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "2 kept, 0 broken" in out
    assert "Layers: cli -> ui" in out and "The model and the runtime stay UI-free" in out


def test_import_tui_model_loads_no_ui():
    code = textwrap.dedent(
        """\
        import sys
        import tui.model
        from tui.model import load, parse_file, assemble, discover, FileCache, Limits, ParsedFile
        from tui.model import DEFAULT_LIMITS, Situation, Front, Diagnostic, LoadResult
        import tui.model.load, tui.model.validate, tui.model.yamlread, tui.model.yamlpos, tui.model.limits
        assert callable(tui.model.load) and callable(tui.model.validate)
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
        print("UI:", bad)
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "UI: []"


def test_loading_a_file_loads_no_ui(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("situation: {id: demo, title: T, as_of: 2024-08-09}\nevents:\n  - what: E\n")
    code = (
        "import sys\nfrom tui.model import load\n"
        f"r = load([{str(path)!r}])\nassert r.ok and r.situations[0].events[0].what == 'E'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
