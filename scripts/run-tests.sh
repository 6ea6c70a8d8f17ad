#!/usr/bin/env bash
# Runs the whole test suite. PostgreSQL support is added by scripts/pg.sh (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -q "$@"
