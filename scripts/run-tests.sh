#!/usr/bin/env bash
# The whole test suite (`make test` runs this after ruff, hadolint and `python -m bot check`).
# Storage and broadcast tests run on SQLite always and also on a throwaway PostgreSQL (scripts/pg.sh);
# they are skipped on PostgreSQL, with a notice, only when PostgreSQL cannot be installed.
# Extra arguments go to pytest, e.g. scripts/run-tests.sh tests/storage -x
# TEST_PYTHON picks the interpreter (default .venv/bin/python; scripts/ci-versions.sh passes its own venv's).
set -euo pipefail
cd "$(dirname "$0")/.."
TEST_PYTHON=${TEST_PYTHON:-.venv/bin/python}
. scripts/pg.sh
. scripts/ocr.sh
trap pg_stop EXIT
ocr_ensure || true  # the photo tests skip, with the notice above, when Tesseract cannot be had

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
    echo "PostgreSQL tests use the server at TEST_POSTGRES_URL from the environment" >&2
else
    status=0
    pg_start || status=$?
    # 1: PostgreSQL cannot be installed here (skip, noticed); 2: installed but broken (fail loudly).
    [ "$status" -le 1 ] || exit "$status"
fi

status=0
"$TEST_PYTHON" -m pytest -q -rs "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass" >&2
    exit 1
fi
exit "$status"
