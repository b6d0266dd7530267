#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/kinerja -x).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

.venv/bin/python -m pytest --ds=sakip.settings.test "$@"
