"""The charter's house rules that no linter holds (issue 11): no module in tui/ over 400
lines; every `# type: ignore` names its error code and says why; no private name of Textual
or Rich used in tui/, and no widget of ours that overrides or writes one of its Textual
base classes' private names (what pinned Textual to one minor version). ruff, mypy and
import-linter run in .ci/run."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from functools import cache
from pathlib import Path

import rich
import textual

import tui.ui

TUI = Path(__file__).resolve().parent.parent / "tui"
MODULES = sorted(TUI.rglob("*.py"))
MAX_LINES = 400


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_over_400_lines() -> None:
    long = {
        str(p.relative_to(TUI)): n
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


# `# type: ignore[code]  # why`: the code, then a comment that says why.
_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[a-z-]+(,\s*[a-z-]+)*\])?(?P<why>\s+#\s*\S.*)?")


def test_every_type_ignore_names_its_code_and_why() -> None:
    bad = []
    for path in MODULES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = _IGNORE.search(line)
            if m and not (m["code"] and m["why"]):
                bad.append(f"{path.relative_to(TUI)}:{n}: {line.strip()}")
    assert not bad, bad


def test_the_type_ignore_check_sees_a_bare_one() -> None:
    assert not _IGNORE.search("x = f()  # type: ignore")["code"]
    assert not _IGNORE.search("x = f()  # type: ignore[arg-type]")["why"]
    m = _IGNORE.search("x = f()  # type: ignore[arg-type]  # Textual types it as str")
    assert m["code"] and m["why"]


@cache
def _library_private_names() -> frozenset[str]:
    """Every private name Textual and Rich define or use: functions, methods, attributes."""
    names: set[str] = set()
    for package in (textual, rich):
        for path in Path(package.__file__).parent.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and _private(node.name):
                    names.add(node.name)
                elif isinstance(node, ast.Attribute) and _private(node.attr):
                    names.add(node.attr)
    return frozenset(names)


def private_library_uses(root: Path) -> list[str]:
    """Where code under `root` reads a private name of Textual or Rich that it does not define
    itself (`obj._name`, `getattr(obj, "_name")`), or imports a private module or name."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(root.rglob("*.py"))}
    ours: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                ours.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                ours.add(node.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                ours.add(node.attr)
    theirs = _library_private_names() - ours
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute) and node.attr in theirs:
                name = node.attr
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in theirs
            ):
                name = str(node.args[1].value)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("textual", "rich"):
                parts = [*(node.module or "").split("."), *(a.name for a in node.names)]
                if any(_private(p) for p in parts):
                    name = f"import from {node.module}"
            if name:
                found.append(f"{path.relative_to(root)}:{node.lineno}: {name}")
    return found


def test_no_private_textual_or_rich_name_in_tui() -> None:
    assert private_library_uses(TUI) == []


def test_the_private_name_check_sees_datatable_surgery(tmp_path: Path) -> None:
    """What tui/widgets/pane.py did before issue 11, in a few lines."""
    (tmp_path / "pane.py").write_text(
        "from textual._two_way_dict import TwoWayDict\n"
        "def repaint(table, board):\n"
        "    table._row_locations = TwoWayDict({})\n"
        "    table._clear_caches()\n"
        "    return getattr(board, '_repaint_regions')\n",
        encoding="utf-8",
    )
    assert sorted(f.split(": ", 1)[1] for f in private_library_uses(tmp_path)) == [
        "_clear_caches",
        "_repaint_regions",
        "_row_locations",
        "import from textual._two_way_dict",
    ]


@cache
def _own_private_names(cls: type) -> frozenset[str]:
    """The private names a class body defines, and those its methods set on self."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return frozenset(n for n in vars(cls) if _private(n))
    body = tree.body[0]
    assert isinstance(body, ast.ClassDef)
    names = {n.name for n in body.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and ast.unparse(node.value) == "self":
            names.add(node.attr)
    for stmt in body.body:
        targets = (
            stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        )
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return frozenset(n for n in names if _private(n))


def test_no_widget_of_ours_overrides_or_writes_a_textual_internal() -> None:
    """A subclass of a Textual class that defines or sets a private name of one of its
    Textual bases (DataTable's `_update_count`, Widget's `_layout`) depends on Textual's
    insides as much as a read does."""
    clashes = {}
    for info in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in ("textual", "rich")]
            theirs: set[str] = set()
            for base in bases:
                theirs |= _own_private_names(base) | {k for k in vars(base) if _private(k)}
            clash = _own_private_names(cls) & theirs
            if clash:
                clashes[f"{module.__name__}.{name}"] = sorted(clash)
    assert not clashes, clashes
