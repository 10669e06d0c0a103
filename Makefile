# The two set-up commands: `make run` and `make test`. Both work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install dev lint typecheck unit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,spark]'
# Spark (tests/batch) needs a Java runtime; Debian ships Java 17.
	command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless)
# Browser tests (tests/browser) drive Debian's chromium with playwright (no browser download).
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

# Code the bundled sample briefs (written for this project) into dyadwatch.duckdb and print
# the dyad summary. Running it again changes nothing: ingest is idempotent.
run: install
	$(BIN)/dyadwatch ingest --samples --db dyadwatch.duckdb
	$(BIN)/dyadwatch dyads --db dyadwatch.duckdb

lint: dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: dev
	$(BIN)/mypy src

unit: dev
	$(BIN)/pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
