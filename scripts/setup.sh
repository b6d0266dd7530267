#!/usr/bin/env bash
# Installs what SAKIP needs into .venv (Python 3.12 or newer). Sourced by run.sh and test.sh; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
    local candidate
    for candidate in python3.12 python3.13 python3.14; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    if command -v pyenv >/dev/null 2>&1; then
        candidate="$(pyenv which python3.12 2>/dev/null || true)"
        if [ -n "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    fi
    return 1
}

if [ ! -x .venv/bin/python ]; then
    if ! PYTHON="$(find_python)"; then
        echo "SAKIP needs Python 3.12 or newer (Django 6.1 supports 3.12-3.14)." >&2
        echo "Install it (e.g. 'apt-get install python3.12 python3.12-venv' or 'pyenv install 3.12') and run this again." >&2
        exit 1
    fi
    echo "Creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi

# Reinstall only when the declared dependencies changed.
STAMP=".venv/.sakip-deps"
WANT="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
    echo "$WANT" > "$STAMP"
fi
