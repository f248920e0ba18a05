#!/bin/sh
# The board over a thin SSH link (issue 14): a throwaway sshd on 127.0.0.1 behind a
# throttling relay (64 kbit/s, 300 ms each way), five duty-officer lookups timed from the
# key press to the answer on screen. Manual / benchmark use only, not CI.
# Installs openssh-server when sshd is missing (needs root and apt).
set -eu
cd "$(dirname "$0")/.."
if [ ! -x /usr/sbin/sshd ] && ! command -v sshd >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "slow_link: not in CI (no sshd)" >&2
        exit 2
    fi
    echo "slow_link: installing openssh-server" >&2
    apt-get install -y -q openssh-server >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q openssh-server >/dev/null; }
fi
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
exec "$PY" scripts/slow_link.py "$@"
