#!/usr/bin/env bash
# CI: the test suite on the lowest or the newest versions that pyproject.toml allows, not the locked ones.
#
#   scripts/ci-versions.sh lowest [pytest args]   every direct dependency (runtime and dev) at its lower
#                                                 bound (uv's --resolution lowest-direct), in .venv-lowest
#   scripts/ci-versions.sh newest [pytest args]   everything at the newest allowed version, in .venv-newest
#
# `make test` runs the locked versions (requirements*.lock); these two jobs show that the bounds in
# pyproject.toml are true: an install that the bounds allow works, at either end. They resolve from the
# package index each time (no lock), so a new release within the bounds is tried by the next CI run.
#
# What they run: `python -m bot check` and the whole pytest suite through scripts/run-tests.sh, with the
# storage and broadcast tests on SQLite and on PostgreSQL (asyncpg's bounds are among those tested) and
# the Tesseract photo tests. ruff, hadolint and mypy run only in `make test`, at their locked versions:
# their verdicts are the locked tools' business, not the bounds'.
# Time: each job is about as long as the pytest part of `make test` plus a minute of installing; all
# three together stay well under CI's 90 minutes. Should that change, pass pytest arguments (e.g.
# `-m "not postgres"`) from .ci/run and say so there and in the README.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
    lowest) resolution=lowest-direct ;;
    newest) resolution=highest ;;
    *) echo "usage: $0 lowest|newest [pytest arguments]" >&2; exit 2 ;;
esac
shift

venv=.venv-$mode
requirements=$venv/requirements.txt
make -s .venv/.stamp-dev >&2  # uv comes from the dev lock
uv=.venv/bin/uv

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
echo "== $mode: resolving pyproject.toml ($resolution) into $requirements" >&2
"$uv" pip compile pyproject.toml --extra dev --python "$venv/bin/python" --resolution "$resolution" \
    --upgrade --quiet --no-header -o "$requirements"
# sync: exactly these versions, whatever the venv held before
"$uv" pip sync --quiet --python "$venv/bin/python" "$requirements"
"$uv" pip install --quiet --python "$venv/bin/python" --no-deps -e .

echo "== $mode: versions under test (direct dependencies)" >&2
"$venv/bin/python" - <<'PY' >&2
import re
import tomllib
from importlib.metadata import version

project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
    name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
    print(f"   {name} {version(name)}  ({requirement})")
PY

"$venv/bin/python" -m bot check
echo "== $mode: test suite" >&2
TEST_PYTHON=$venv/bin/python bash scripts/run-tests.sh "$@"
