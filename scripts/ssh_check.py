#!/usr/bin/env python3
"""The board through a real SSH session to localhost (manual check; not run in CI).

    python scripts/ssh_check.py [--cols 80 --rows 24] [--term xterm-256color]

Starts a throwaway sshd on 127.0.0.1 (free port, host key and authorized key made in a
temp dir, nothing of the system's ssh config used), then runs `ssh -tt ... sitboard` in
a pty read by a terminal emulator (pyte) and checks:

* the first screen is right (title, marking, the five panes, rows of the last pane);
* keys work over SSH: 2 focuses Evacuations, ? opens help and escape closes it,
  / opens the search, escape leaves it, q quits and ssh exits 0;
* and prints the bytes sent for the first paint (from the first byte to the complete
  first screen) and what they are made of.

Needs /usr/sbin/sshd (scripts/ssh_check.sh installs openssh-server when it is missing).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pty_support import PtyApp  # noqa: E402

TITLE = "Ukrainian incursion into Russia"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"sshd did not listen on 127.0.0.1:{port}")


def first_screen(app: PtyApp) -> bool:
    t = app.text()
    return TITLE in t and "5 Events" in t and "Convoy" in t


@dataclass(frozen=True)
class SshServer:
    port: int
    user: str
    key: Path  # the client's private key
    tmp: Path  # the server's temp dir (removed with it)


@contextlib.contextmanager
def throwaway_sshd() -> Iterator[SshServer]:
    """A throwaway sshd on 127.0.0.1 (free port, host key and authorized key made in a temp
    dir, nothing of the system's ssh config used), stopped and removed on exit. Exits 2
    when there is no sshd. Shared with scripts/slow_link.py."""
    sshd = shutil.which("sshd") or "/usr/sbin/sshd"
    if not os.path.exists(sshd):
        print("no sshd: install openssh-server (scripts/ssh_check.sh does)", file=sys.stderr)
        raise SystemExit(2)
    tmp = Path(tempfile.mkdtemp(prefix="sitboard-ssh-"))
    sshd_proc = None
    try:
        for name in ("host", "user"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / name)], check=True)
        (tmp / "authorized_keys").write_text((tmp / "user.pub").read_text())
        os.chmod(tmp / "authorized_keys", 0o600)
        port = free_port()
        user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
        (tmp / "sshd_config").write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp / 'host'}\n"
            f"AuthorizedKeysFile {tmp / 'authorized_keys'}\nPidFile {tmp / 'sshd.pid'}\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
            "StrictModes no\nPermitRootLogin yes\nPermitUserEnvironment no\nAcceptEnv LANG LC_*\n"
            f"AllowUsers {user}\nLogLevel ERROR\n"
        )
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # privilege separation dir
        sshd_log = open(tmp / "sshd.log", "w")  # noqa: SIM115 - open while sshd runs
        sshd_proc = subprocess.Popen(
            [sshd, "-D", "-e", "-f", str(tmp / "sshd_config")], stdout=subprocess.DEVNULL, stderr=sshd_log
        )
        wait_port(port)
        yield SshServer(port=port, user=user, key=tmp / "user", tmp=tmp)
    finally:
        if sshd_proc is not None:
            sshd_proc.terminate()
            try:
                sshd_proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                sshd_proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def ssh_argv(server: SshServer, remote: str, port: int | None = None, options: Sequence[str] = ()) -> list[str]:
    """`ssh -tt` to the throwaway server running `remote`; `port`: connect there instead (a relay in front)."""
    return [
        "ssh",
        "-tt",
        "-i",
        str(server.key),
        "-p",
        str(port or server.port),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        "-F",
        "/dev/null",
        *options,
        f"{server.user}@127.0.0.1",
        remote,
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--term", default="xterm-256color")
    args = ap.parse_args()

    with throwaway_sshd() as server:
        remote = f"cd {ROOT} && exec {sys.executable} -m tui"
        ssh = ssh_argv(server, remote)
        print(
            f"sshd on 127.0.0.1:{server.port}; ssh -tt {server.user}@127.0.0.1 '{remote}'"
            f" (TERM={args.term}, {args.cols}x{args.rows})"
        )
        app = PtyApp([], argv=ssh, env={"TERM": args.term}, cols=args.cols, rows=args.rows)
        ok = True
        try:
            t0 = time.monotonic()
            app.wait_for(lambda a: len(a.raw) > 0, 30, "the first byte")
            t_first_byte = time.monotonic() - t0
            start = len(app.raw)  # nothing before the board's own output
            app.wait_for(first_screen, 60, "the first screen")
            t_paint = time.monotonic() - t0
            paint = bytes(app.raw[: len(app.raw)])
            app.wait_quiet(1.0)
            settled = len(app.raw)
            lines = app.text().splitlines()
            print(f"first byte after {t_first_byte * 1000:.0f} ms; first screen complete after {t_paint * 1000:.0f} ms")
            print(
                f"bytes for the first paint: {len(paint):,} (first byte to complete first screen);"
                f" {settled:,} once settled (1 s quiet)"
            )
            sgr = len(re.findall(rb"\x1b\[[0-9;:]*m", paint))
            moves = len(re.findall(rb"\x1b\[\d+;\d+H", paint))
            text = len(re.sub(rb"\x1b\[[0-9;:?<>=$]*[A-Za-z~]|\x1b\][^\x07]*\x07", b"", paint))
            print(
                f"  made of {sgr} SGR (colour) sequences, {moves} cursor moves, {text:,} bytes of text;"
                f" first 120 bytes: {paint[:120]!r}"
            )
            print("screen:")
            for line in lines:
                print("  |" + line)
            checks = [
                ("title on the first line", lines[0].lstrip().startswith(TITLE)),
                ("marking shown", "TLP:CLEAR" in lines[0]),
                (
                    "five panes",
                    all(
                        p in app.text()
                        for p in ("1 Fronts", "2 Evacuations", "3 Statements", "4 Infrastructure", "5 Events")
                    ),
                ),
            ]
            app.send("2")
            app.wait_for(lambda a: "┏━ 2 Evacuations" in a.text(), 15, "2 focuses Evacuations")
            checks.append(("key 2 focuses Evacuations", True))
            app.send("?")
            app.wait_for(lambda a: "Help" in a.text() and "┏━ 2 Evacuations" not in a.text(), 15, "? opens help")
            checks.append(("? opens help", True))
            app.send("\x1b")
            app.wait_for(lambda a: "┏━ 2 Evacuations" in a.text(), 15, "escape closes help")
            checks.append(("escape closes help", True))
            app.send("/")
            app.wait_for(lambda a: "search all panes" in a.text(), 15, "/ opens the search")
            for ch in "Belarus":  # typed, not pasted: a burst right after / loses keys (see the report)
                app.send(ch)
                app.read(0.05)
            app.wait_for(lambda a: "1 Fronts 1/2" in a.text() and "Kursk r" not in a.text(), 15, "typed query filters")
            checks.append(("/ opens the search, the typed query filters the panes", True))
            app.send("\x1b")
            app.wait_quiet(0.5)
            app.send("q")
            code = app.finish(30)
            checks.append((f"q quits, ssh exits {code}", code == 0))
        except AssertionError as exc:
            print(f"FAILED: {exc}")
            ok = False
            checks = locals().get("checks", [])
        finally:
            app.close()
        for name, passed in checks:
            print(f"  {'ok  ' if passed else 'FAIL'} {name}")
            ok = ok and passed
        print("SSH check:", "OK" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
