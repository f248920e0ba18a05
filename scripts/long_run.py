#!/usr/bin/env python3
"""Long run: an open board (the real program in a pty) under a save every second.

    python scripts/long_run.py [--minutes 10] [--interval 1.0] [--items 40]

A situation directory with two parts is opened with `sitboard DIR`; every `--interval`
seconds one part is saved again (atomically, as editors do: write a temp file, rename)
with a changed figure, so every save is a real change the board must reload and show.
Reported at the start (after the first paint) and at the end: RSS (VmRSS) and peak RSS
(VmHWM) of the board, its threads (/proc/PID/task) and open file descriptors
(/proc/PID/fd), plus how many saves reached the screen. A leak of watchers or workers
shows as threads/fds growing; a memory leak as RSS growing.

Exit status 0 when the board is still answering at the end (the last save is on screen,
q quits with 0), threads and fds did not grow, and RSS grew by less than 20 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from live_support import save  # noqa: E402  (an atomic save, as editors do)
from pty_support import PtyApp  # noqa: E402

HEADER = "situation:\n  id: long-run\n  title: Long run\n  as_of: 2024-08-09T12:00:00+03:00\n"


def part(n: int, items: int) -> str:
    lines = ["situation:\n  id: long-run\n", "evacuations:\n"]
    for i in range(items):
        lines.append(f"  - area: District {i}\n    people: {{value: {1000 + n + i}, qualifier: over}}\n")
    lines.append(f"  - area: Save counter\n    people: {n}\n")
    return "".join(lines)


def proc_stats(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = {line.split(":")[0]: line.split(":")[1].strip() for line in status.splitlines() if ":" in line}
    return {
        "rss_kb": int(fields["VmRSS"].split()[0]),
        "hwm_kb": int(fields["VmHWM"].split()[0]),
        "threads": len(os.listdir(f"/proc/{pid}/task")),
        "fds": len(os.listdir(f"/proc/{pid}/fd")),
    }


def board_pid(app: PtyApp) -> int:
    return app.proc.pid  # `python -m tui` runs the board in the process itself


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--interval", type=float, default=1.0)
    ap.add_argument("--items", type=int, default=40, help="items in the part that is saved")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "sit"
        d.mkdir()
        (d / "main.yaml").write_text(HEADER + "fronts:\n  - name: North\n    status: holding\n", encoding="utf-8")
        target = d / "evacuations.yaml"
        save(target, part(0, args.items))
        app = PtyApp([str(d)], env={"XDG_STATE_HOME": str(Path(tmp) / "state")}, cols=120, rows=40)
        try:
            app.wait_text("Long run", 60)
            app.wait_text("Evacuations (", 60)
            app.wait_quiet(1.0)
            pid = board_pid(app)
            start = proc_stats(pid)
            t0 = time.monotonic()
            print(
                f"start: RSS {start['rss_kb'] / 1024:.1f} MB (peak {start['hwm_kb'] / 1024:.1f} MB),"
                f" {start['threads']} threads, {start['fds']} fds",
                flush=True,
            )
            n = 0
            next_save = time.monotonic()
            end = t0 + args.minutes * 60
            samples = []
            while time.monotonic() < end:
                now = time.monotonic()
                if now >= next_save:
                    n += 1
                    save(target, part(n, args.items))
                    next_save += args.interval
                app.read(min(0.05, max(0.0, next_save - time.monotonic())))
                if n and n % 60 == 0 and (not samples or samples[-1][0] != n):
                    s = proc_stats(pid)
                    samples.append((n, s))
                    print(
                        f"  {n:5d} saves, {(time.monotonic() - t0) / 60:4.1f} min: RSS {s['rss_kb'] / 1024:.1f} MB,"
                        f" {s['threads']} threads, {s['fds']} fds",
                        flush=True,
                    )
            # the last save reaches the screen: the board is still live
            app.wait_for(lambda a: "District 0 " in a.text(), 30, "the board")
            last_value = f"{1000 + n:,}"
            app.wait_text(f"over {last_value}", 30)
            app.wait_quiet(1.0)
            final = proc_stats(pid)
            print(
                f"end:   RSS {final['rss_kb'] / 1024:.1f} MB (peak {final['hwm_kb'] / 1024:.1f} MB),"
                f" {final['threads']} threads, {final['fds']} fds",
                flush=True,
            )
            print(
                f"saves: {n} in {(time.monotonic() - t0) / 60:.1f} min; the last one (over {last_value}) is on screen"
            )
            app.send("q")
            code = app.finish()
            print(f"q: exit {code}")
            # Warm-up (the first minute) may start pool threads and fill caches; after it
            # nothing may grow: compare the end with the first minute's sample.
            base = samples[0][1] if samples else start
            grew = (final["rss_kb"] - start["rss_kb"]) / 1024
            grew_after = (final["rss_kb"] - base["rss_kb"]) / 1024
            ok = (
                code == 0
                and final["threads"] <= base["threads"]
                and final["fds"] <= base["fds"]
                and grew < 20
                and grew_after < 10
            )
            print(
                f"RSS grew {grew:+.1f} MB ({grew_after:+.1f} MB after the first minute);"
                f" threads {start['threads']} -> {base['threads']} -> {final['threads']};"
                f" fds {start['fds']} -> {base['fds']} -> {final['fds']}: {'OK' if ok else 'FAIL'}"
            )
            return 0 if ok else 1
        finally:
            app.close()


if __name__ == "__main__":
    sys.exit(main())
