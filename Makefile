# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# Both create .venv when missing and reinstall only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.stamp-run
STAMP_DEV := $(VENV)/.stamp-dev

.PHONY: run test bench lint check clean

$(PY):
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip >&2

$(STAMP_RUN): pyproject.toml setup.py | $(PY)
	@PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install -q -e . >&2
	@touch $@

$(STAMP_DEV): pyproject.toml setup.py | $(PY)
	@$(PY) -m pip install -q -e '.[dev]' >&2
	@touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	@$(PY) -m bot

lint: $(STAMP_DEV)
	@$(VENV)/bin/ruff check .

check: $(STAMP_RUN)
	@$(PY) -m bot check

# ruff, hadolint on the Dockerfile, the content check, then pytest: SQLite always, PostgreSQL too
# (scripts/pg.sh installs it with apt-get when missing and runs a throwaway cluster).
test: $(STAMP_DEV)
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/hadolint Dockerfile
	@$(PY) -m bot check
	@bash scripts/run-tests.sh

bench: $(STAMP_DEV)
	@$(PY) -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
