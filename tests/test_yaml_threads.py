"""yaml-rs 0.1.6 crashes the process (SIGSEGV) when it is called after the thread that
first imported it has exited. The loader imports it once on the main thread
(`tui.model.yamlread.ensure_parser()`, called by the preload and the reload controller)
instead of parking a thread for ever. Each case runs in its own interpreter: a crash
must not take the test run with it. The bug's own reproduction is scripts/yaml_rs_thread_crash.py
(it crashes most runs, not every one: a test of it failed CI once by surviving)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEXT = "situation: {id: s, title: T, as_of: 2024-08-07}\nevents:\n  - what: x\n"


def run(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_ensure_parser_on_the_main_thread_keeps_workers_safe() -> None:
    proc = run(
        f"""
        import threading, warnings
        warnings.simplefilter("error")
        from tui.model.yamlread import ensure_parser, parse_text
        ensure_parser()
        out = []
        for _ in range(30):
            t = threading.Thread(target=lambda: out.append(parse_text({TEXT!r}, "f.yaml").data is not None))
            t.start(); t.join()
        print(all(out), len(out))
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "30"]


def test_first_import_on_a_worker_thread_warns() -> None:
    proc = run(
        """
        import threading, warnings
        from tui.model import yamlread
        caught = []
        def first():
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                yamlread.ensure_parser()
            caught.extend(str(x.message) for x in w)
        t = threading.Thread(target=first); t.start(); t.join()
        print(caught[0] if caught else "no warning")
        """
    )
    assert "call tui.model.yamlread.ensure_parser() on the main thread" in proc.stdout, proc.stdout + proc.stderr


def test_preload_thread_ends_and_later_reloads_in_workers_survive(tmp_path: Path) -> None:
    """The board's path: the first load in the preload thread (which now ends instead of
    parking for ever), then reloads in short-lived workers, as the app's thread workers do."""
    f = tmp_path / "s.yaml"
    f.write_text(TEXT, encoding="utf-8")
    proc = run(
        """
        import sys, threading
        from tui.runtime import preload
        pre = preload.start([sys.argv[1]])
        result = pre.wait(60)
        for t in threading.enumerate():
            if t.name == "sitboard-preload":
                t.join(30)
        alive = any(t.name == "sitboard-preload" for t in threading.enumerate())
        counts = []
        def reload(i):
            with open(sys.argv[1], "a", encoding="utf-8") as fh:
                fh.write(f"  - what: more {i}\\n")  # new bytes: parsed again
            counts.append(pre.controller.reload([sys.argv[1]]).situations[0].item_count)
        for i in range(20):
            t = threading.Thread(target=reload, args=(i,)); t.start(); t.join()
        print(len(result.situations), alive, counts == list(range(2, 22)))
        """,
        str(f),
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr)
    assert proc.stdout.split() == ["1", "False", "True"]


def test_apps_run_one_after_another_with_reloads_in_workers() -> None:
    """scripts/repro_worker_segfault.py: boards run one after another (asyncio.run each),
    reloads in thread workers; it crashed within ~15 runs before the parser was imported
    on the main thread."""
    proc = subprocess.run(
        [sys.executable, "scripts/repro_worker_segfault.py", "nowatch", "8"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout.strip().endswith("ok")
