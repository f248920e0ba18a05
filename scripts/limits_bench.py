#!/usr/bin/env python3
"""How long each resource limit takes to trip, and the peak memory of the process.

    python scripts/limits_bench.py [--bound SECONDS]

Each case runs `sitboard check FILE` in a fresh interpreter (in-process `tui.cli.main`,
timed around the call, so interpreter start-up is not counted) and reports the time,
the exit code, VmHWM (peak RSS) and the first line printed. Exit status 1 when a case
takes longer than --bound (default 1 s: "well under a second") or is not a clear error.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"

PROBE = r"""
import contextlib, io, json, sys, time
from tui.cli import main
out = io.StringIO()
t = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    code = main(["check", sys.argv[1]])
elapsed = time.perf_counter() - t
hwm = next(int(l.split()[1]) // 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"code": code, "s": elapsed, "hwm_mb": hwm, "first": out.getvalue().splitlines()[0]}))
"""


def cases(d: Path) -> dict[str, Path]:
    out = {}
    p = d / "size.yaml"
    with open(p, "wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(20 * 1024 * 1024)
    out["size: 20 MB file (limit 16 MB)"] = p
    p = d / "bomb.yaml"
    lines = [HEADER + "x-bomb:"]
    lines.append('  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]')
    for i in range(1, 10):
        lines.append(f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out["aliases: billion laughs"] = p
    p = d / "deep.yaml"
    p.write_text(HEADER + "x-deep: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    out["depth: 100,000 nested lists"] = p
    p = d / "deep65.yaml"
    p.write_text(HEADER + "x-deep: " + "[" * 65 + "]" * 65 + "\n", encoding="utf-8")
    out["depth: 65 levels (limit 64)"] = p
    p = d / "items.yaml"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(HEADER + "events:\n")
        fh.writelines(f"  - {{what: e{i}}}\n" for i in range(200_001))
    out["items: 200,001 (limit 200,000)"] = p
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bound", type=float, default=1.0, help="seconds a case may take (default 1)")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITBOARD_MAX_")}
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':36} {'time':>8} {'peak RSS':>9}  first line")
        for name, path in cases(Path(tmp)).items():
            proc = subprocess.run(
                [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
            )
            r = json.loads(proc.stdout)
            first = r["first"].replace(str(path), path.name)
            ok = r["code"] == 1 and r["s"] < args.bound
            bad += not ok
            print(f"{name:36} {r['s'] * 1000:6.0f}ms {r['hwm_mb']:6d} MB  {first[:90]}{'' if ok else '  <-- FAIL'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
