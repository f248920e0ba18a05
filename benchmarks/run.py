"""The sitboard benchmark: one command, one table.

    python benchmarks/run.py [--quick] [--sizes 100,1000,10000,100000] [--runs N] [--idle S]
                             [--json FILE] [--no-vd] [--no-pilot]

Every figure is measured side by side in the same run on the same machine; the terminal
cases are interleaved run by run (bare app, board, VisiData, then again) so that a noisy
neighbour hurts all of them alike. Each figure is the median of its runs, with the spread
(min-max) and the number of samples; the target of issue 5 and a verdict stand next to it.

What is measured, and how:

* first paint: the program runs in a real pty of a fixed size (80x24, and 200x60 unless
  --quick), byte-compiled first (compile_board); its output goes to a terminal emulator (pyte); the clock runs from spawn to the
  moment the situation title and the first rows are on screen (no "loading" left). The floor
  is benchmarks/bare_app.py, a Textual app that shows one line. The board is
  `python -m tui [PATH]` (the `sitboard` console script without its wrapper).
* peak memory: ru_maxrss of each of those processes (wait4), over its whole life.
* idle: the default board (a temporary copy of the embedded file, so it can be edited) stays
  open after its first paint; CPU seconds of the process over --idle seconds (30; --quick 5)
  and bytes written to the terminal, per minute. Then one item of the file is changed and the
  bytes of that repaint are counted (live reload).
* load: tui.model.load.load() in a fresh interpreter, against the raw parser floor
  (yaml_rs.loads alone on the same text) and PyYAML's CSafeLoader for reference.
* search / cursor / page-down: the board driven in-process with Pilot (headless, 80x24):
  time from the key press to the screen refreshed and the app idle again.
* VisiData (`vd FILE`, the peer) opening the same YAML in the same pty harness, to the
  screen showing its loaded row.
* reload latency: benchmarks/reload_latency.py, when it exists.

The 100,000-item situation is opened by the board as a directory of 10 parts (the loader
refuses single files over 16 MB: SITBOARD_MAX_FILE_MB); the peer and the parser floors read
the same text as one file. A figure that cannot be measured prints "n/a (why)".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PANES = ("fronts", "evacuations", "statements", "infrastructure", "events")
LABEL_KEYS = {
    "fronts": "name",
    "evacuations": "area",
    "statements": "actor",
    "infrastructure": "name",
    "events": "what",
}
SEARCH_QUERY = "koren"  # Korenevo: each keystroke narrows the generated situations
PARTS_AT = 50_000  # from this size the board opens the situation as 10 parts


# ---------------------------------------------------------------------------------------
# small helpers


def fmt_s(x: float | None) -> str:
    if x is None:
        return "n/a"
    if x < 1.0:
        return f"{x * 1000:.0f} ms" if x >= 0.01 else f"{x * 1000:.1f} ms"
    return f"{x:.2f} s"


def fmt_mb(x: float | None) -> str:
    return "n/a" if x is None else f"{x / 1e6:.0f} MB"


def fmt_bytes(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:,.0f} B" if x < 10_000 else f"{x / 1000:,.1f} KB"


def fmt_pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f} %"


@dataclass
class Figure:
    """One row of the table."""

    figure: str
    case: str
    samples: list[float] = field(default_factory=list)
    fmt: Callable[[float | None], str] = fmt_s
    target: str = ""
    verdict: str = ""
    note: str = ""  # "n/a (why)" when nothing was measured, or extra words
    extra: str = ""  # e.g. "1.10× bare"

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    def row(self) -> list[str]:
        if not self.samples:
            med = self.note or "n/a"
            spread, n = "", "0"
        else:
            med = self.fmt(self.median)
            if self.extra:
                med += f" ({self.extra})"
            lo, hi = min(self.samples), max(self.samples)
            spread = f"{self.fmt(lo)} – {self.fmt(hi)}" if len(self.samples) > 1 else ""
            n = str(len(self.samples))
            if self.note:
                med += f"; {self.note}"
        return [self.figure, self.case, med, spread, n, self.target, self.verdict]


def verdict(value: float | None, limit: float, what: str = "") -> str:
    if value is None:
        return "n/a"
    if value <= limit:
        return "met"
    return f"MISSED ({value / limit:.2f}× the target{what})"


def machine() -> dict[str, str]:
    info: dict[str, str] = {"nproc": str(os.cpu_count())}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    info["python"] = platform.python_version()
    info["os"] = f"{platform.system()} {platform.release()}"
    for mod in ("textual", "yaml_rs", "yaml", "pyte", "visidata"):
        try:
            from importlib.metadata import version

            dist = {"yaml_rs": "yaml-rs", "yaml": "pyyaml"}.get(mod, mod)
            info[mod] = version(dist)
        except Exception:
            info[mod] = "not installed"
    info["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


# ---------------------------------------------------------------------------------------
# situations on disk


@dataclass
class Situation:
    key: str  # "default", "100", ...
    n_items: int
    board_path: str | None  # what the board is given (None: embedded default)
    single_file: Path  # the same data as one file (peer, parser floor)
    files: list[Path]  # what the board reads
    title: str
    prefixes: list[str]  # label prefixes that identify rows on screen


def labels_and_title(files: list[Path]) -> tuple[str, list[str], int]:
    import yaml_rs

    title = ""
    prefixes: set[str] = set()
    n = 0
    for f in files:
        data = yaml_rs.loads(f.read_text("utf-8"), parse_datetime=False)
        title = title or (data.get("situation") or {}).get("title") or ""
        for pane in PANES:
            for it in data.get(pane) or []:
                n += 1
                label = it.get(LABEL_KEYS[pane]) if isinstance(it, dict) else None
                if isinstance(label, str) and len(label.strip()) >= 3:
                    prefixes.add(label.strip()[:6])
    return title, sorted(prefixes), n


def default_situation() -> Path | None:
    try:
        from tui.runtime.paths import default_situation_path

        p = Path(default_situation_path())
        if p.exists():
            return p
    except Exception:
        pass
    found = sorted((ROOT / "data").glob("*.yaml"))
    return found[0] if found else None


def prepare(sizes: list[int], work: Path) -> dict[str, Situation]:
    from benchmarks.generate import generate

    out: dict[str, Situation] = {}
    d = default_situation()
    if d is not None:
        files = sorted(d.glob("*.y*ml")) if d.is_dir() else [d]
        title, prefixes, n = labels_and_title(files)
        out["default"] = Situation("default", n, None, files[0], files, title, prefixes)
    for n in sizes:
        single_dir = work / f"single-{n}"
        single_dir.mkdir(parents=True, exist_ok=True)
        for name, text in generate(n).items():
            (single_dir / name).write_text(text, "utf-8")
        single = single_dir / "situation.yaml"
        if n >= PARTS_AT:
            parts_dir = work / f"parts-{n}"
            parts_dir.mkdir(parents=True, exist_ok=True)
            for name, text in generate(n, parts=10).items():
                (parts_dir / name).write_text(text, "utf-8")
            files = sorted(parts_dir.glob("*.yaml"))
            board_path = str(parts_dir)
        else:
            files, board_path = [single], str(single)
        title, prefixes, _ = labels_and_title(files)
        out[str(n)] = Situation(str(n), n, board_path, single, files, title, prefixes)
    return out


# ---------------------------------------------------------------------------------------
# screen predicates


def board_ready(sit: Situation) -> Callable[[list[str]], bool]:
    title = sit.title[:20]
    need = max(1, min(4, sit.n_items))
    prefixes = sit.prefixes

    def ready(lines: list[str]) -> bool:
        text = "\n".join(lines)
        if not title or title not in text or "loading" in text.lower():
            return False
        rows = 0
        for line in lines:
            if title in line:
                continue
            if any(p in line for p in prefixes):
                rows += 1
                if rows >= need:
                    return True
        return False

    return ready


def bare_ready(lines: list[str]) -> bool:
    from benchmarks.bare_app import READY_TEXT

    return any(READY_TEXT in line for line in lines)


def vd_ready(lines: list[str]) -> bool:
    # VisiData loads asynchronously; its first real screen shows the loaded row and "1 rows".
    return (
        bool(lines) and re.search(r"\b1 rows?\b", lines[-1]) is not None and any("situation" in ln for ln in lines[:3])
    )


def text_ready(needle: str) -> Callable[[list[str]], bool]:
    return lambda lines: any(needle in ln for ln in lines)


def edit_one_item(path: Path, marker: str = "UPDATED ") -> Callable[[], None]:
    """Change the label of the first item of `path` (a one-item reload)."""

    def edit() -> None:
        text = path.read_text("utf-8")
        start = re.search(r"^(fronts|evacuations|statements|infrastructure|events):", text, re.M)
        pos = start.end() if start else 0
        m = re.compile(r"^([ \t]*(?:-[ \t]+)?(?:name|area|actor|what):[ \t]*)(\"?)", re.M).search(text, pos)
        if not m:
            text += "\n"
        else:
            at = m.end()
            text = text[:at] + marker + text[at:]
        path.write_text(text, "utf-8")

    return edit


# ---------------------------------------------------------------------------------------
# workers (fresh interpreters): load figures and Pilot figures


def worker_load(paths: list[str], single: str, runs: int, pyyaml_runs: int) -> dict[str, Any]:
    import gc

    res: dict[str, Any] = {"sitboard": [], "yaml_rs": [], "pyyaml": [], "items": None, "errors": None}
    texts = [Path(p).read_text("utf-8") for p in ([single])]
    try:
        from tui.model.load import load
    except Exception as e:
        res["why"] = f"tui.model.load not importable: {type(e).__name__}"
        load = None
    import yaml
    import yaml_rs

    for _ in range(runs):
        if load is not None:
            gc.collect()
            t = time.perf_counter()
            r = load(paths)
            res["sitboard"].append(time.perf_counter() - t)
            res["items"] = sum(s.item_count for s in r.situations)
            res["errors"] = len(r.errors)
            if r.errors:
                res["first_error"] = str(r.errors[0])
            del r
        gc.collect()
        t = time.perf_counter()
        for p in [single]:
            yaml_rs.loads(Path(p).read_text("utf-8"), parse_datetime=False)
        res["yaml_rs"].append(time.perf_counter() - t)
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        res["pyyaml_why"] = "PyYAML without libyaml (no CSafeLoader)"
    else:
        for _ in range(pyyaml_runs):
            gc.collect()
            t = time.perf_counter()
            for text in texts:
                yaml.load(text, Loader=loader)
            res["pyyaml"].append(time.perf_counter() - t)
    return res


async def _pilot(path: str, runs: int, keys: int) -> dict[str, Any]:
    import asyncio

    from tui.ui.app import SitboardApp
    from tui.ui.widgets.table import ItemTable

    out: dict[str, Any] = {"search": [], "cursor": [], "page": [], "notes": []}
    try:
        app = SitboardApp([path], read_user_keymap=False)
    except TypeError:
        app = SitboardApp([path])

    def rows() -> int:
        return sum(t.row_count for t in app.query(ItemTable))

    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.perf_counter() + 180
        while time.perf_counter() < deadline:
            await pilot.pause(0.05)
            if getattr(app, "situation", None) is not None and rows() > 0:
                break
        else:
            out["why"] = "the board never showed rows"
            return out
        await pilot.pause()
        out["rows"] = rows()

        from textual import events

        async def settle() -> None:
            # Pilot's own waits sleep in 20 ms steps (wait_for_idle): fine between samples,
            # never inside the clock.
            await pilot.pause()

        async def timed(key: str) -> float:
            """Key event in -> every message it caused handled -> screen composited."""
            char = key if len(key) == 1 else None
            t = time.perf_counter()
            app.post_message(events.Key(key, char))
            for _ in range(4):  # messages posted while handling the key, and theirs
                await pilot._wait_for_screen()
            app.screen._on_timer_update()  # the refresh the update timer would do next
            spent = time.perf_counter() - t
            await settle()
            return spent

        for _ in range(runs):
            # cursor and page-down in the biggest pane (Statements, key 3)
            await pilot.press("3")
            await pilot.pause()
            table = app.focused
            if not isinstance(table, ItemTable):
                out["notes"].append("key 3 did not focus a table")
                break
            before = table.cursor_row
            for _ in range(keys):
                out["cursor"].append(await timed("j"))
            if table.cursor_row == before:
                out["notes"].append("j did not move the cursor")
            before = table.cursor_row
            for _ in range(keys):
                out["page"].append(await timed("pagedown"))
            if table.cursor_row == before:
                out["notes"].append("pagedown did not move the cursor")
            await pilot.press("g")
            # search as you type
            await pilot.press("slash")
            await pilot.pause()
            total = rows()
            for ch in SEARCH_QUERY:
                t = time.perf_counter()
                spent = await timed(ch)
                if rows() == total:
                    # the filter may be applied off the UI thread or after a debounce:
                    # then the clock runs until the rows change (bounded)
                    w_deadline = time.perf_counter() + 2.0
                    while rows() == total and time.perf_counter() < w_deadline:
                        await asyncio.sleep(0.001)
                        app.screen._on_timer_update()
                    if rows() != total:
                        spent = time.perf_counter() - t
                total = rows()
                out["search"].append(spent)
            out["filtered_rows"] = total
            if total == out["rows"]:
                out["notes"].append("typing did not filter the rows")
            await pilot.press("escape")
            await pilot.press("escape")
            await pilot.pause()
    return out


def worker_pilot(path: str, runs: int, keys: int) -> dict[str, Any]:
    import asyncio

    return asyncio.run(_pilot(path, runs, keys))


def run_worker(args: list[str], timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_worker", *args]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"why": f"timed out after {timeout:g} s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        last = (p.stderr.strip().splitlines() or ["no output"])[-1]
        return {"why": f"worker failed: {last[:120]}"}
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------
# the run


def compile_board() -> None:
    """Byte-compile tui/ first: the board is measured as an installed program starts (pip
    compiles what it installs; an editable install compiles on its first run). Where
    PYTHONDONTWRITEBYTECODE is set (as on the machine these figures were first taken on),
    every run would otherwise compile all of tui/ from source, a cost no user pays."""
    import compileall

    compileall.compile_dir(str(ROOT / "tui"), quiet=1)


def board_argv(sit: Situation) -> list[str]:
    return [sys.executable, "-m", "tui"] + ([sit.board_path] if sit.board_path else [])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="2 runs, 5 s idle window, 80x24 only")
    ap.add_argument("--sizes", default="100,1000,10000,100000", help="generated sizes (items), comma-separated")
    ap.add_argument("--runs", type=int, default=None, help="runs of every figure (default 5; --quick 2)")
    ap.add_argument("--idle", type=float, default=None, help="idle window in seconds (default 30; --quick 5)")
    ap.add_argument("--json", type=Path, default=None, help="also write every sample to this file")
    ap.add_argument("--no-vd", action="store_true", help="skip the VisiData peer")
    ap.add_argument("--no-pilot", action="store_true", help="skip search/cursor/page (Pilot)")
    ap.add_argument("--_worker", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a._worker:
        kind, *rest = a._worker
        if kind == "load":
            paths_json, single, runs, pyyaml_runs = rest
            print(json.dumps(worker_load(json.loads(paths_json), single, int(runs), int(pyyaml_runs))))
        elif kind == "pilot":
            path, runs, keys = rest
            print(json.dumps(worker_pilot(path, int(runs), int(keys))))
        return 0

    try:
        sizes = sorted({int(s.replace("_", "").replace(",", "")) for s in a.sizes.split(",") if s.strip()})
    except ValueError:
        print(f"run.py: --sizes expects numbers such as 100,1000: {a.sizes!r}", file=sys.stderr)
        return 2
    runs = a.runs or (2 if a.quick else 5)
    idle = a.idle if a.idle is not None else (5.0 if a.quick else 30.0)
    term_sizes = [(80, 24)] if a.quick else [(80, 24), (200, 60)]
    info = machine()
    t_start = time.perf_counter()
    print(
        f"sitboard benchmark: sizes {sizes}, {runs} runs, idle window {idle:g} s; load average {info['load']}",
        file=sys.stderr,
    )

    work = Path(tempfile.mkdtemp(prefix="sitboard-bench-"))
    try:
        return _run(a, sizes, runs, idle, term_sizes, info, work, t_start)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(a, sizes, runs, idle, term_sizes, info, work: Path, t_start: float) -> int:
    if not _importable("pyte"):
        print("run.py: pyte is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    from benchmarks.harness import run_in_pty

    compile_board()
    sits = prepare(sizes, work)
    vd = shutil.which("vd") if not a.no_vd else None
    vd_home = work / "vd-home"
    (vd_home / ".local" / "share" / "visidata").mkdir(parents=True, exist_ok=True)
    board_landed = (ROOT / "tui" / "ui" / "app.py").exists() and (ROOT / "tui" / "__main__.py").exists()

    paint: dict[tuple[str, tuple[int, int]], list[float]] = {}
    rss: dict[str, list[float]] = {}
    fails: dict[tuple[str, tuple[int, int]], str] = {}
    timed_out: dict[tuple[str, tuple[int, int]], float] = {}  # a lower bound: not ready after N s
    idle_cpu: list[float] = []
    idle_bytes: list[float] = []
    reload_bytes: list[float] = []
    reload_why = ""
    idle_why = ""
    raw: dict[str, Any] = {"machine": info, "pty": [], "load": {}, "pilot": {}}

    def record(case: str, size: tuple[int, int], res) -> None:
        raw["pty"].append({"case": case, "size": size, **{k: v for k, v in res.__dict__.items() if k != "screen"}})
        if res.ok:
            paint.setdefault((case, size), []).append(res.first_paint)
            if res.peak_rss and size == (80, 24):
                rss.setdefault(case, []).append(res.peak_rss)
        else:
            why = res.why
            m = re.match(r"not ready after ([\d.]+) s", why)
            if m:
                timed_out[(case, size)] = float(m.group(1))
            if res.exit_status not in (None, 0) or "exited" in why:
                tail = [ln.strip() for ln in res.screen if ln.strip()]
                why = f"{why}; last screen line: {tail[-1][:80]!r}" if tail else why
            fails[(case, size)] = why

    cases: list[tuple[str, list[str], Callable, float, dict | None]] = [
        ("bare", [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")], bare_ready, 30.0, None)
    ]
    for key, sit in sits.items():
        cases.append(
            (f"board:{key}", board_argv(sit), board_ready(sit), 120.0 if sit.n_items >= PARTS_AT else 60.0, None)
        )
    if vd:
        for key, sit in sits.items():
            if key != "default":
                cases.append((f"vd:{key}", [vd, str(sit.single_file)], vd_ready, 150.0, {"HOME": str(vd_home)}))

    for r in range(runs):
        for case, argv_, ready, timeout, env in cases:
            for size in term_sizes:
                if case.startswith("vd:") and size != (80, 24):
                    continue
                if not board_landed and case.startswith("board:"):
                    fails[(case, size)] = "the board has not landed (tui/ui/app.py)"
                    continue
                if (case, size) in fails and r > 0:
                    continue  # it failed or timed out once: do not spend the time again
                res = run_in_pty(
                    argv_,
                    size=size,
                    ready=ready,
                    timeout=timeout,
                    env=env,
                    settle=0.3,
                    quit_keys=(b"q",) if not case.startswith("vd:") else (b"q", b"q"),
                )
                record(case, size, res)
                print(
                    f"  run {r + 1}/{runs} {case} {size[0]}x{size[1]}: "
                    f"{fmt_s(res.first_paint) if res.ok else 'n/a (' + res.why + ')'}",
                    file=sys.stderr,
                )
        # idle and one-item reload: the default board on an editable copy
        if "default" in sits and board_landed:
            sit = sits["default"]
            copy_dir = work / f"default-copy-{r}"
            copy_dir.mkdir()
            for f in sit.files:
                shutil.copy2(f, copy_dir / f.name)
            target = copy_dir / sit.files[0].name
            res = run_in_pty(
                [sys.executable, "-m", "tui", str(copy_dir)],
                size=(80, 24),
                ready=board_ready(sit),
                timeout=60.0,
                settle=2.0,
                idle=idle,
                edit=edit_one_item(target),
                reload_ready=text_ready("UPDATED"),
            )
            raw["pty"].append(
                {"case": "idle+reload:default", **{k: v for k, v in res.__dict__.items() if k != "screen"}}
            )
            if res.ok and res.idle_cpu_percent is not None:
                idle_cpu.append(res.idle_cpu_percent)
                idle_bytes.append(res.idle_bytes_per_min)
                if res.reload_bytes and res.reload_bytes > 0:
                    reload_bytes.append(res.reload_bytes)
                else:
                    reload_why = "n/a (no repaint within 5 s of the save: live reload not landed?)"
            else:
                idle_why = f"n/a ({res.why or 'exited during the idle window'})"
            print(
                f"  run {r + 1}/{runs} idle {idle:g} s: cpu {fmt_pct(res.idle_cpu_percent)}, "
                f"{fmt_bytes(res.idle_bytes_per_min)}/min, reload {fmt_bytes(res.reload_bytes)}",
                file=sys.stderr,
            )

    # load figures: fresh interpreter per size
    loads: dict[str, dict[str, Any]] = {}
    for key, sit in sits.items():
        board_paths = [str(sit.single_file)] if sit.board_path is None else [sit.board_path]
        pyyaml_runs = runs if sit.n_items <= 10_000 else 1
        loads[key] = run_worker(
            ["load", json.dumps(board_paths), str(sit.single_file), str(runs), str(pyyaml_runs)], timeout=600
        )
        print(f"  load {key}: {loads[key].get('why') or 'done'}", file=sys.stderr)
    raw["load"] = loads

    # Pilot figures at 10,000 and 100,000 (or the largest sizes given)
    pilots: dict[str, dict[str, Any]] = {}
    if not a.no_pilot:
        for key in [k for k in sits if k != "default"][-2:]:
            if not board_landed:
                pilots[key] = {"why": "the board has not landed (tui/ui/app.py)"}
                continue
            pilots[key] = run_worker(["pilot", sits[key].board_path, str(runs), "5"], timeout=900)
            print(f"  pilot {key}: {pilots[key].get('why') or 'done'}", file=sys.stderr)
    raw["pilot"] = pilots

    # reload latency from the live-reload engineer's module
    reload_rows = reload_latency_figures(a.quick)

    # ---- the table
    rows: list[Figure] = []
    bare = {s: statistics.median(v) for (c, s), v in paint.items() if c == "bare"}

    for size in term_sizes:
        label = f"{size[0]}x{size[1]}"
        f = Figure("first paint", f"bare Textual app (floor), {label}", paint.get(("bare", size), []))
        f.note = "" if f.samples else f"n/a ({fails.get(('bare', size), 'not run')})"
        rows.append(f)
        for key, sit in sits.items():
            name = (
                "embedded default"
                if key == "default"
                else f"{sit.n_items:,} items" + (" (10 parts)" if sit.board_path and sit.n_items >= PARTS_AT else "")
            )
            f = Figure("first paint", f"board, {name}, {label}", paint.get((f"board:{key}", size), []))
            if not f.samples:
                f.note = f"n/a ({fails.get((f'board:{key}', size), 'not run')})"
            b = bare.get(size)
            if f.median is not None and b:
                f.extra = f"{f.median / b:.2f}× bare"
            if key == "default":
                f.target = "≤ 1.2× bare"
                f.verdict = verdict(f.median / b if f.median and b else None, 1.2)
            elif sit.n_items == 10_000:
                f.target = "≤ 2× bare"
                f.verdict = verdict(f.median / b if f.median and b else None, 2.0)
            elif sit.n_items == 100_000:
                f.target = "≤ 5 s"
                f.verdict = verdict(f.median, 5.0)
            if size == (80, 24) and key != "default":
                v = paint.get((f"vd:{key}", size))
                vd_time = statistics.median(v) if v else timed_out.get((f"vd:{key}", size))
                if vd_time is not None and f.median is not None:
                    faster = f.median < vd_time
                    f.target += ("; " if f.target else "") + "< VisiData"
                    f.verdict += ("; " if f.verdict else "") + (
                        "faster than VisiData" if faster else "MISSED: slower than VisiData"
                    )
            rows.append(f)
    for key, sit in sits.items():
        if key == "default":
            continue
        f = Figure(
            "first paint", f"peer: VisiData `vd`, {sit.n_items:,} items, 80x24", paint.get((f"vd:{key}", (80, 24)), [])
        )
        if not f.samples:
            if not vd:
                f.note = "n/a (vd not installed or --no-vd)"
            elif (f"vd:{key}", (80, 24)) in timed_out:
                f.note = (
                    f"> {timed_out[(f'vd:{key}', (80, 24))]:g} s (its screen never showed the loaded row; not retried)"
                )
            else:
                f.note = f"n/a ({fails.get((f'vd:{key}', (80, 24)), 'not run')})"
        rows.append(f)

    for key, sit in sits.items():
        ld = loads.get(key, {})
        name = "embedded default" if key == "default" else f"{sit.n_items:,} items"
        f = Figure("load", f"sitboard load(), {name}", ld.get("sitboard", []))
        if not f.samples:
            f.note = f"n/a ({ld.get('why', 'not run')})"
        elif ld.get("errors"):
            f.note = f"{ld['errors']} errors, e.g. {ld.get('first_error', '')[:60]}"
        rs = ld.get("yaml_rs", [])
        if f.median is not None and rs:
            f.extra = f"{f.median / statistics.median(rs):.2f}× yaml_rs"
        rows.append(f)
        f = Figure("load", f"floor: yaml_rs.loads, {name}", rs)
        if not rs:
            f.note = f"n/a ({ld.get('why', 'not run')})"
        rows.append(f)
        f = Figure("load", f"reference: PyYAML CSafeLoader, {name}", ld.get("pyyaml", []))
        if not f.samples:
            f.note = f"n/a ({ld.get('pyyaml_why') or ld.get('why', 'not run')})"
        rows.append(f)

    rows.extend(reload_rows)

    for key, pl in pilots.items():
        n = sits[key].n_items
        for what, label in (
            ("search", f"search keystroke ('{SEARCH_QUERY}' typed)"),
            ("cursor", "cursor move (j), Statements"),
            ("page", "page-down, Statements"),
        ):
            f = Figure(what if what != "page" else "page", f"{label}, {n:,} items", pl.get(what, []))
            f.figure = {"search": "search", "cursor": "cursor", "page": "page-down"}[what]
            if not f.samples:
                f.note = f"n/a ({pl.get('why', 'not run')})"
            elif pl.get("notes"):
                f.note = "; ".join(sorted(set(pl["notes"])))
            if n >= 10_000:
                f.target = "≤ 50 ms"
                f.verdict = verdict(f.median, 0.050)
            rows.append(f)
    if a.no_pilot:
        rows.append(Figure("search", "search / cursor / page", note="n/a (--no-pilot)"))

    bare_rss = statistics.median(rss["bare"]) if rss.get("bare") else None
    f = Figure("memory", "bare Textual app (peak RSS)", rss.get("bare", []), fmt=fmt_mb)
    rows.append(f)
    for key, sit in sits.items():
        name = "embedded default" if key == "default" else f"{sit.n_items:,} items"
        f = Figure("memory", f"board, {name} (peak RSS)", rss.get(f"board:{key}", []), fmt=fmt_mb)
        if not f.samples:
            f.note = f"n/a ({fails.get((f'board:{key}', (80, 24)), 'not run')})"
        if f.median is not None and bare_rss:
            f.extra = f"{f.median / bare_rss:.2f}× bare"
        if key == "default":
            f.target = "≤ 1.5× bare"
            f.verdict = verdict(f.median / bare_rss if f.median and bare_rss else None, 1.5)
        elif sit.n_items == 100_000:
            f.target = "≤ 400 MB"
            f.verdict = verdict(f.median, 400e6)
        rows.append(f)
    for key, sit in sits.items():
        if key != "default" and rss.get(f"vd:{key}"):
            rows.append(
                Figure("memory", f"peer: VisiData, {sit.n_items:,} items (peak RSS)", rss[f"vd:{key}"], fmt=fmt_mb)
            )

    f = Figure("idle", f"CPU, embedded default board open {idle:g} s", idle_cpu, fmt=fmt_pct, target="≤ 0.5 %")
    f.note = "" if idle_cpu else (idle_why or "n/a (the board has not landed)")
    f.verdict = verdict(f.median, 0.5)
    rows.append(f)
    f = Figure("idle", "bytes to the terminal per idle minute", idle_bytes, fmt=fmt_bytes, target="≤ 1 KB")
    f.note = "" if idle_bytes else (idle_why or "n/a (the board has not landed)")
    f.verdict = verdict(f.median, 1000)
    rows.append(f)
    f = Figure("idle", "bytes to the terminal per one-item reload", reload_bytes, fmt=fmt_bytes)
    f.note = "" if reload_bytes else (reload_why or idle_why or "n/a (the board has not landed)")
    rows.append(f)

    print_report(rows, info, runs, idle, time.perf_counter() - t_start)
    if a.json:
        raw["rows"] = [r.row() for r in rows]
        a.json.write_text(json.dumps(raw, indent=1, default=str), "utf-8")
    return 0


def reload_latency_figures(quick: bool) -> list[Figure]:
    """Figures from benchmarks/reload_latency.py (the live-reload engineer's), if present."""
    path = ROOT / "benchmarks" / "reload_latency.py"
    if not path.exists():
        return [
            Figure(
                "reload",
                "save of one part -> screen updated",
                note="n/a (benchmarks/reload_latency.py not landed)",
                target="≤ 100 ms default; ≤ 300 ms at 10,000",
            )
        ]
    try:
        import importlib

        mod = importlib.import_module("benchmarks.reload_latency")
        fn = getattr(mod, "measure", None) or getattr(mod, "run", None)
        if fn is None:
            raise AttributeError("no measure()/run() in benchmarks/reload_latency.py")
        import inspect

        results = fn(quick=quick) if "quick" in inspect.signature(fn).parameters else fn()
    except Exception as e:  # their module, their bugs: report, do not crash the table
        return [Figure("reload", "save of one part -> screen updated", note=f"n/a ({type(e).__name__}: {str(e)[:80]})")]
    rows = []
    for case, samples in _reload_cases(results):
        f = Figure("reload", f"save -> screen updated, {case}", list(samples))
        if "default" in case:
            f.target, f.verdict = "≤ 100 ms", verdict(f.median, 0.100)
        elif "10,000" in case or "10000" in case:
            f.target, f.verdict = "≤ 300 ms", verdict(f.median, 0.300)
        rows.append(f)
    return rows


def _reload_cases(results: Any) -> list[tuple[str, list[float]]]:
    """Accept {case: [seconds...]} or [(case, [seconds...])]."""
    if isinstance(results, dict):
        items = list(results.items())
    else:
        items = list(results)
    out = []
    for case, samples in items:
        if isinstance(samples, dict):
            samples = samples.get("samples") or samples.get("seconds") or []
        out.append((str(case), [float(x) for x in samples]))
    return out


def print_report(rows: list[Figure], info: dict[str, str], runs: int, idle: float, elapsed: float) -> None:
    print(f"## sitboard benchmark ({time.strftime('%Y-%m-%d %H:%M')})")
    print()
    print(
        f"Machine: {info.get('nproc')} cores, {info.get('cpu', '?')}, {info.get('ram', '?')} RAM, {info.get('os')}; "
        f"Python {info['python']}, textual {info['textual']}, yaml-rs {info['yaml_rs']}, PyYAML {info['yaml']}, "
        f"pyte {info['pyte']}, VisiData {info['visidata']}."
    )
    print(
        f"Load average before: {info['load']}; after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}. "
        f"{runs} runs per figure; idle window {idle:g} s; whole run {elapsed:.0f} s."
    )
    print()
    header = ["figure", "case", "median", "spread (min – max)", "n", "target", "verdict"]
    table = [header] + [r.row() for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    raise SystemExit(main())
