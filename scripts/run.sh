#!/usr/bin/env bash
# Installs everything, prepares the SQLite database, loads the demo data and starts SAKIP on http://127.0.0.1:8000/
# with its background worker. Stop with Ctrl+C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-sakip.settings.dev}"
HOST="${SAKIP_HOST:-127.0.0.1}"
PORT="${SAKIP_PORT:-8000}"

.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py sakip_demo

.venv/bin/python manage.py db_worker --queue-name "*" &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo
echo "SAKIP berjalan di http://$HOST:$PORT/  (pengguna demo dan kata sandi: lihat README.md)"
.venv/bin/python manage.py runserver "$HOST:$PORT"
