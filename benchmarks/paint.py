"""Quick first-paint / peak-RSS comparison: board vs bare app, interleaved; optionally against
another checkout of the board (the "before" of a change), on the same files.

    python benchmarks/paint.py [--sizes default,10000] [--runs 5] [--size 80x24]
                               [--against DIR] [--file PATH ...]

`--against DIR`: a checkout of sitboard (e.g. `git worktree add /tmp/before <commit>`) run
with its own `.venv/bin/python` if it has one, else this interpreter with DIR first on
PYTHONPATH; both are byte-compiled first. `default` opens each checkout's own embedded
default; `--file` adds files both open (an older checkout may not read newer fields).
Besides the time to the first full screen it prints the process's CPU time at that moment
(user + system, all threads: steadier than the clock on a busy machine).

A development tool for the start-up work (the full table is benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import run_in_pty  # noqa: E402
from benchmarks.run import (  # noqa: E402
    Situation,
    bare_ready,
    board_ready,
    compile_board,
    labels_and_title,
    prepare,
)


def board(tree: Path, sit: Situation) -> tuple[list[str], dict[str, str]]:
    """argv and environment to open `sit` with the checkout `tree`."""
    venv = tree / ".venv" / "bin" / "python"
    python = str(venv) if venv.exists() else sys.executable
    env = dict(os.environ, PYTHONPATH=str(tree))
    return [python, "-m", "tui"] + ([sit.board_path] if sit.board_path else []), env


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="default")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--work", default=None, help="directory for generated files (kept)")
    ap.add_argument("--against", type=Path, default=None, help="another checkout to compare with")
    ap.add_argument("--file", type=Path, action="append", default=[], help="a situation file both open")
    a = ap.parse_args(argv)
    cols, rows = (int(x) for x in a.size.split("x"))
    keys = [k for k in a.sizes.split(",") if k]
    sizes = [int(k) for k in keys if k != "default"]
    work = Path(a.work or tempfile.mkdtemp(prefix="sitboard-paint-"))
    compile_board()
    trees = [("", ROOT)]
    if a.against is not None:
        compileall.compile_dir(str(a.against / "tui"), quiet=1)
        trees.insert(0, (f"{a.against.name}:", a.against.resolve()))
    sits = prepare(sizes, work)
    for f in a.file:
        title, prefixes, n = labels_and_title([f])
        sits[f.name] = Situation(f.name, n, str(f.resolve()), f, [f], title, prefixes)
        keys.append(f.name)
    cases = [("bare", [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")], None, bare_ready, ROOT)]
    for prefix, tree in trees:
        for k in keys:
            argv_, env = board(tree, sits[k])
            cases.append((prefix + k, argv_, env, board_ready(sits[k]), tree))
    times: dict[str, list[float]] = {c[0]: [] for c in cases}
    cpu: dict[str, list[float]] = {c[0]: [] for c in cases}
    rss: dict[str, list[int]] = {c[0]: [] for c in cases}
    for _ in range(a.runs):
        for name, argv_, env, ready, tree in cases:
            res = run_in_pty(argv_, size=(cols, rows), ready=ready, timeout=180, settle=0.3, env=env, cwd=str(tree))
            if not res.ok or res.first_paint is None:
                print(name, "FAILED", res.why, *res.screen[:5], sep="\n", file=sys.stderr)
                continue
            times[name].append(res.first_paint)
            if res.first_paint_cpu is not None:
                cpu[name].append(res.first_paint_cpu)
            if res.peak_rss:
                rss[name].append(res.peak_rss)
    bare = statistics.median(times["bare"]) if times["bare"] else None
    for name, *_ in cases:
        t = times[name]
        if not t:
            print(f"{name:>24}: n/a")
            continue
        m = statistics.median(t)
        ratio = f"{m / bare:.2f}x" if bare else ""
        mem = f"rss {statistics.median(rss[name]) / 1e6:.0f} MB" if rss[name] else ""
        used = f"cpu {statistics.median(cpu[name]) * 1000:.0f} ms" if cpu[name] else ""
        spread = f"[{min(t) * 1000:.0f}-{max(t) * 1000:.0f}]"
        print(f"{name:>24}: {m * 1000:7.0f} ms {ratio:>6}  {spread:>12}  {used:>12}  {mem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
