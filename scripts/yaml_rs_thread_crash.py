"""Reproduce yaml-rs 0.1.6's crash: called after the thread that first imported it has
exited, it kills the process (SIGSEGV) — most runs, not every one, so this is a script and
not a test (a test of it failed CI once by surviving). Run it after moving the pin: if no
run crashes, the bug may be fixed upstream and tui.model.yamlread.ensure_parser() (the
import on the main thread) may go.

    python scripts/yaml_rs_thread_crash.py [RUNS]
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

CODE = textwrap.dedent(
    """
    import threading
    def first():
        import yaml_rs
        yaml_rs.loads("a: 1\\n")
    t = threading.Thread(target=first); t.start(); t.join()
    import yaml_rs
    for _ in range(20):
        t = threading.Thread(target=yaml_rs.loads, args=("a: [1, 2]\\n",)); t.start(); t.join()
    print("survived")
    """
)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    crashed = 0
    for _ in range(max(1, min(runs, 1000))):
        proc = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
        crashed += proc.returncode == -signal.SIGSEGV
    print(f"{crashed} of {runs} runs crashed (SIGSEGV)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
