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

# WeasyPrint (the LKjIP PDF) needs Pango and HarfBuzz from the system, and the report uses the DejaVu and
# Liberation fonts (Liberation Sans Narrow for the wide annex). Install Debian's packages when they are missing and
# this machine allows it.
FONTS="$(fc-list 2>/dev/null || true)"
if ! .venv/bin/python -c "import weasyprint" >/dev/null 2>&1 || [[ "$FONTS" != *"DejaVu Serif"* ]] \
    || [[ "$FONTS" != *"Liberation Sans Narrow"* ]]; then
    AS_ROOT=()
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        AS_ROOT=(sudo -n)
    fi
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ "${#AS_ROOT[@]}" -gt 0 ]; }; then
        echo "Installing Pango, HarfBuzz and fonts for WeasyPrint (apt-get)"
        APT_LOG="$(mktemp)"
        if ! { "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
            && "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 \
                libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-dejavu-core fonts-dejavu-extra \
                fonts-liberation fonts-liberation2; } >"$APT_LOG" 2>&1; then
            tail -n 5 "$APT_LOG" >&2
        fi
        rm -f "$APT_LOG"
    fi
    if ! .venv/bin/python -c "import weasyprint" >/dev/null 2>&1; then
        echo "Notice: WeasyPrint cannot load Pango (install libpango-1.0-0 and libpangoft2-1.0-0);" \
            "the LKjIP PDF will not be generated on this machine." >&2
    fi
fi
