#!/bin/sh
# The board through a real SSH session to localhost: a throwaway sshd on 127.0.0.1
# (temp host key and authorized key), `ssh -tt ... sitboard` in a pty, keys and screen
# checked, bytes of the first paint printed. Manual / benchmark use only, not CI.
# Installs openssh-server when sshd is missing (needs root and apt).
set -eu
cd "$(dirname "$0")/.."
if [ ! -x /usr/sbin/sshd ] && ! command -v sshd >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "ssh_check: not in CI (no sshd)" >&2
        exit 2
    fi
    echo "ssh_check: installing openssh-server" >&2
    apt-get install -y -q openssh-server >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q openssh-server >/dev/null; }
fi
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
exec "$PY" scripts/ssh_check.py "$@"
