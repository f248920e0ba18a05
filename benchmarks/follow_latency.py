"""Push-to-picture time on a board following its checkout (`sitboard --follow --every 2`).

    python benchmarks/follow_latency.py [--pushes N] [--every SECONDS]

Real git repositories in a temporary folder: a bare remote, an analyst's clone that
pushes, the board's clone that the board follows (in-process, headless, 120x30, its real
watcher). Each sample: change one event's text in the analyst's clone, commit, push; the
clock runs from the end of `git push` to the board holding the new text (the reload
applied). Pushes come at random moments of the sync period, as they do in life. Then each
failure in turn (server gone, local edits, a diverged branch, a force-pushed remote) and
what the header's sync slot said.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEAD = "situation:\n  id: s\n  title: Follow benchmark\n  as_of: 2024-08-07\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    res = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    if res.returncode:
        raise RuntimeError(f"git {' '.join(args)}: {res.stderr}")
    return res.stdout.strip()


def events(n: int, tag: str) -> str:
    return HEAD + "events:\n" + "".join(f"  - id: e{i}\n    what: event {i} {tag}\n" for i in range(n))


def setup(tmp: Path) -> tuple[Path, Path, Path]:
    remote, hq, field = tmp / "remote.git", tmp / "hq", tmp / "field"
    git(tmp, "init", "-q", "--bare", "-b", "main", str(remote))
    git(tmp, "clone", "-q", str(remote), str(hq))
    git(hq, "checkout", "-q", "-b", "main")
    (hq / "sit").mkdir()
    (hq / "sit" / "s.yaml").write_text(events(20, "v0"))
    git(hq, "add", ".")
    git(hq, "commit", "-q", "-m", "first")
    git(hq, "push", "-q", "-u", "origin", "main")
    git(tmp, "clone", "-q", str(remote), str(field))
    return remote, hq, field


def push(hq: Path, text: str, message: str) -> None:
    (hq / "sit" / "s.yaml").write_text(text)
    git(hq, "commit", "-q", "-am", message)
    git(hq, "push", "-q", "origin", "main")


async def until(cond, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError("not reached")
        await asyncio.sleep(0.005)


async def measure(pushes: int, every: float) -> tuple[list[float], list[tuple[str, str]]]:
    from tui.ui.app import SitboardApp

    samples: list[float] = []
    headers: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="sitboard-follow-") as t:
        tmp = Path(t)
        remote, hq, field = setup(tmp)
        app = SitboardApp([str(field / "sit")], read_user_keymap=False, follow=[field], every=every)
        async with app.run_test(size=(120, 30)):
            await until(
                lambda: app.situation is not None and app.follow.syncs_applied >= 1 and app.live.watcher is not None
            )
            headers.append(("synced", app.follow.text()))
            for n in range(1, pushes + 1):
                await asyncio.sleep(random.uniform(0, every))
                tag = f"v{n}"
                push(hq, events(20, tag), f"push {n}")
                t0 = time.perf_counter()
                await until(lambda tag=tag: app.situation.item("e0").what == f"event 0 {tag}")
                samples.append(time.perf_counter() - t0)
            await until(lambda: "new commit" in app.follow.text() or app.follow.text().startswith("synced"))
            headers.append(("after a push", app.follow.text()))

            gone = tmp / "gone.git"
            remote.rename(gone)
            await until(lambda: "offline" in app.follow.text())
            headers.append(("server gone", app.follow.text()))
            headers.append(("  error bar", next((m for m in app.board.errorbar.messages if m.startswith("git:")), "")))
            gone.rename(remote)
            await until(lambda: app.follow.text().startswith("synced"))

            (field / "sit" / "s.yaml").write_text(events(20, "local draft"))
            push(hq, events(21, "w"), "one more")
            await until(lambda: "local edits" in app.follow.text())
            headers.append(("local edits", app.follow.text()))
            git(field, "checkout", "-q", "--", "sit/s.yaml")

            (field / "sit" / "local.yaml").write_text("situation: {id: s}\nfronts:\n  - {id: f1, name: Local}\n")
            git(field, "add", "sit/local.yaml")
            git(field, "commit", "-q", "-m", "a local commit")
            push(hq, events(22, "x"), "and another")
            await until(lambda: "diverged" in app.follow.text())
            headers.append(("diverged branch", app.follow.text()))
            git(field, "reset", "-q", "--hard", "origin/main")
            await until(lambda: app.follow.text().startswith("synced"))

            (hq / "sit" / "s.yaml").write_text(events(22, "rewritten"))
            git(hq, "commit", "-q", "-a", "--amend", "-m", "rewritten")
            git(hq, "push", "-q", "--force", "origin", "main")
            await until(lambda: "diverged" in app.follow.text())
            headers.append(("force-pushed remote", app.follow.text()))
    return samples, headers


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pushes", type=int, default=12)
    ap.add_argument("--every", type=float, default=2.0)
    args = ap.parse_args()
    samples, headers = asyncio.run(measure(args.pushes, args.every))
    ms = sorted(s * 1000 for s in samples)
    print(f"push to picture, --every {args.every:g}: median {statistics.median(ms):.0f} ms, "
          f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms, n {len(ms)}")  # fmt: skip
    for what, text in headers:
        print(f"{what:22} {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
