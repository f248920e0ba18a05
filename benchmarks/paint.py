"""Quick first-paint / peak-RSS comparison: board vs bare app, interleaved.

    python benchmarks/paint.py [--sizes default,10000] [--runs 5] [--size 80x24]

A development tool for the start-up work (the full table is benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import run_in_pty  # noqa: E402
from benchmarks.run import bare_ready, board_argv, board_ready, compile_board, prepare  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="default")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--work", default=None, help="directory for generated files (kept)")
    a = ap.parse_args(argv)
    cols, rows = (int(x) for x in a.size.split("x"))
    keys = a.sizes.split(",")
    sizes = [int(k) for k in keys if k != "default"]
    work = Path(a.work or tempfile.mkdtemp(prefix="sitboard-paint-"))
    compile_board()
    sits = prepare(sizes, work)
    cases = [("bare", [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")], bare_ready)]
    for k in keys:
        sit = sits[k]
        cases.append((k, board_argv(sit), board_ready(sit)))
    times: dict[str, list[float]] = {c[0]: [] for c in cases}
    rss: dict[str, list[int]] = {c[0]: [] for c in cases}
    for _ in range(a.runs):
        for name, argv_, ready in cases:
            res = run_in_pty(argv_, size=(cols, rows), ready=ready, timeout=120, settle=0.3)
            if not res.ok:
                print(name, "FAILED", res.why, *res.screen[:5], sep="\n", file=sys.stderr)
                continue
            times[name].append(res.first_paint)
            if res.peak_rss:
                rss[name].append(res.peak_rss)
    bare = statistics.median(times["bare"]) if times["bare"] else None
    for name, _, _ in cases:
        t = times[name]
        if not t:
            print(f"{name:>8}: n/a")
            continue
        m = statistics.median(t)
        ratio = f"{m / bare:.2f}x" if bare else ""
        mem = f"{statistics.median(rss[name]) / 1e6:.0f} MB" if rss[name] else ""
        print(f"{name:>8}: {m * 1000:7.0f} ms {ratio:>6}  [{min(t) * 1000:.0f}-{max(t) * 1000:.0f}]  rss {mem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
