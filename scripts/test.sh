#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/kinerja -x).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# The browser tests (tests/browser) drive Debian's chromium package through Playwright; Playwright's own browser
# download is not used. Install it when this machine allows (root, or sudo without a password); otherwise those
# tests skip.
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
    AS_ROOT=()
    CAN_INSTALL=0
    if command -v apt-get >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then
            CAN_INSTALL=1
        elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            AS_ROOT=(sudo -n)
            CAN_INSTALL=1
        fi
    fi
    LOG="$(mktemp)"
    if [ "$CAN_INSTALL" -eq 1 ] && echo "Installing chromium for the browser tests (apt-get)" \
        && "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$LOG" 2>&1 \
        && "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >>"$LOG" 2>&1 \
        && [ -x "$CHROMIUM" ]; then
        :
    else
        [ -s "$LOG" ] && tail -n 5 "$LOG" >&2
        echo "Notice: $CHROMIUM is missing and could not be installed (it needs apt-get and root or passwordless" \
            "sudo: 'apt-get install chromium'). The browser tests in tests/browser will be skipped." >&2
    fi
    rm -f "$LOG"
fi

.venv/bin/python -m pytest --ds=sakip.settings.test "$@"
