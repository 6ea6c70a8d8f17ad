# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# Both create .venv when missing and install the locked versions (requirements.lock for the bot,
# requirements-dev.lock with the dev tools), hash-checked, then the tutor itself without dependencies;
# they reinstall only when a lock file, pyproject.toml or setup.py changed. `make lock` refreshes the locks.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.stamp-run
STAMP_DEV := $(VENV)/.stamp-dev
LOCK_RUN := requirements.lock
LOCK_DEV := requirements-dev.lock
# The locks are resolved for the Python of CI and of the Docker image.
LOCK_PYTHON := 3.11

.PHONY: run test bench lint check lock clean

$(PY):
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip >&2

$(STAMP_RUN): $(LOCK_RUN) pyproject.toml setup.py | $(PY)
	@$(PY) -m pip install -q -r $(LOCK_RUN) >&2
	@PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install -q --no-deps -e . >&2
	@touch $@

$(STAMP_DEV): $(LOCK_DEV) $(LOCK_RUN) pyproject.toml setup.py | $(PY)
	@$(PY) -m pip install -q -r $(LOCK_DEV) >&2
	@PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install -q --no-deps -e . >&2
	@touch $@ $(STAMP_RUN)

# The newest versions pyproject.toml allows, with hashes: the dev lock resolves everything together,
# the runtime lock takes the same versions (constrained by the dev lock), so the two never disagree.
lock: $(STAMP_DEV)
	@$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version $(LOCK_PYTHON) --generate-hashes \
		--upgrade --quiet --custom-compile-command 'make lock' -o $(LOCK_DEV)
	@$(VENV)/bin/uv pip compile pyproject.toml --python-version $(LOCK_PYTHON) --generate-hashes \
		--upgrade --quiet --custom-compile-command 'make lock' -c $(LOCK_DEV) -o $(LOCK_RUN)

run: $(STAMP_RUN)
	@$(PY) -m bot

lint: $(STAMP_DEV)
	@$(VENV)/bin/ruff check .

check: $(STAMP_RUN)
	@$(PY) -m bot check

# ruff, hadolint on the Dockerfile, mypy (settings in pyproject.toml), the content check, then pytest:
# SQLite always, PostgreSQL too (scripts/pg.sh installs it with apt-get when missing and runs a
# throwaway cluster).
test: $(STAMP_DEV)
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/hadolint Dockerfile
	@$(VENV)/bin/mypy
	@$(PY) -m bot check
	@bash scripts/run-tests.sh

bench: $(STAMP_DEV)
	@$(PY) -m bench

clean:
	rm -rf $(VENV) .venv-lowest .venv-newest build dist *.egg-info .pytest_cache .ruff_cache
