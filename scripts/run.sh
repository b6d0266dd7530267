#!/usr/bin/env bash
# Installs everything, prepares the SQLite database, loads the demo data and starts SAKIP on http://127.0.0.1:8000/
# with its background workers (one per queue). Stop with Ctrl+C: the server and the workers stop together.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-sakip.settings.dev}"
HOST="${SAKIP_HOST:-127.0.0.1}"
PORT="${SAKIP_PORT:-8000}"

.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py sakip_demo

# One worker per queue, so a long PDF never holds up an import (ENGINEERING.md §5). Each is started again when it
# exits: the PDF worker after 20 files (WeasyPrint keeps the memory it used), any worker after a crash.
worker() {
    local child=""
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait; exit 0' TERM
    while true; do
        .venv/bin/python manage.py db_worker --no-reload "$@" &
        child=$!
        wait "$child" || sleep 1
    done
}
worker --queue-name default &
WORKERS=($!)
worker --queue-name pdf --max-tasks 20 &
WORKERS+=($!)
stop() {
    trap - EXIT INT TERM
    kill -TERM "${WORKERS[@]}" ${SERVER:+"$SERVER"} 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

echo
echo "SAKIP berjalan di http://$HOST:$PORT/  (pengguna demo dan kata sandi: lihat README.md)"
.venv/bin/python manage.py runserver "$HOST:$PORT" &
SERVER=$!
wait "$SERVER"
