"""Error-path position finders compared: ours (PyYAML's C event parser + a YAML 1.2 key
resolver, tui/model/yamlpos.py) against ruamel.yaml's round-trip loader (YAML 1.2,
line/column built in). Not a dependency: `pip install ruamel.yaml` to run this.

    python scripts/locator_compare.py            # corpus + a 10,000-item file

Prints, for tests/corpora/yaml-test-suite (the inputs yaml-rs reads) and a generated
10,000-item situation with one error at the end: time to place every path, the inputs
each cannot read, and where the two disagree on a position."""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402
from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: E402

from tui.model.yamlpos import Locator  # noqa: E402
from tui.model.yamlread import ensure_parser  # noqa: E402


def ruamel_positions(text: str) -> dict[tuple, tuple[int, int]]:
    """path -> (line, column) of every value, from ruamel's round-trip tree."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = True
    data = yaml.load(io.StringIO(text))
    out: dict[tuple, tuple[int, int]] = {(): (1, 1)}
    stack = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, CommentedMap):
            for k, v in node.items():
                try:
                    line, col = node.lc.value(k)
                except (KeyError, TypeError):
                    continue
                p = path + (k if isinstance(k, (str, int)) else str(k),)
                out[p] = (line + 1, col + 1)
                stack.append((p, v))
        elif isinstance(node, CommentedSeq):
            for i, v in enumerate(node):
                try:
                    line, col = node.lc.item(i)
                except (KeyError, TypeError, IndexError):
                    continue
                out[path + (i,)] = (line + 1, col + 1)
                stack.append((path + (i,), v))
    return out


def ours(text: str) -> tuple[dict, str | None]:
    loc = Locator(text)
    loc.has(())
    return loc._values, loc.failed  # noqa: SLF001 - our own class, measured from outside


def big(n: int) -> str:
    lines = ["situation: {id: big, title: Big, as_of: 2024-08-09T12:00:00+03:00}", "events:"]
    for i in range(n):
        lines += [f"  - id: e{i}", f"    what: event number {i}", "    date: 2024-08-07", f"    count: {i}"]
    lines += ["  - what: last", "    status: winning"]
    return "\n".join(lines) + "\n"


def timed(fn, text: str, runs: int = 3) -> float:
    best = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(text)
        best.append(time.perf_counter() - t)
    return statistics.median(best)


def main() -> None:
    rs = ensure_parser()
    corpus = sorted((ROOT / "tests/corpora/yaml-test-suite").glob("*.yaml"))
    readable = []
    for p in corpus:
        text = p.read_text("utf-8", errors="replace")
        try:
            rs.loads(text, parse_datetime=False)
        except Exception:  # noqa: BLE001 - only what yaml-rs reads can reach the locator
            continue
        readable.append((p.name, text))
    t_ours = t_ruamel = 0.0
    fail_ours, fail_ruamel, differ = [], [], []
    for name, text in readable:
        t = time.perf_counter()
        values, failed = ours(text)
        t_ours += time.perf_counter() - t
        if failed:
            fail_ours.append(name)
        t = time.perf_counter()
        try:
            theirs = ruamel_positions(text)
        except Exception:  # noqa: BLE001
            fail_ruamel.append(name)
            theirs = None
        t_ruamel += time.perf_counter() - t
        if theirs is not None and not failed:
            common = set(values) & set(theirs)
            if any(values[k] != theirs[k] for k in common if k):
                differ.append(name)
    print(f"yaml-test-suite: {len(readable)} of {len(corpus)} inputs read by yaml-rs")
    print(f"  ours   : {t_ours * 1000:.0f} ms in all, cannot read {len(fail_ours)}: {' '.join(fail_ours)}")
    print(f"  ruamel : {t_ruamel * 1000:.0f} ms in all, cannot read {len(fail_ruamel)}: {' '.join(fail_ruamel)}")
    print(f"  positions differ on {len(differ)}: {' '.join(differ)}")
    text = big(10_000)
    print(f"10,000 items ({len(text) / 1e6:.1f} MB), every path placed:")
    print(f"  ours   : {timed(ours, text) * 1000:.0f} ms")
    print(f"  ruamel : {timed(ruamel_positions, text, 1) * 1000:.0f} ms")
    print(f"  yaml-rs alone (the fast path): {timed(lambda s: rs.loads(s, parse_datetime=False), text) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
