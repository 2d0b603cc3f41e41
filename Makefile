# Điều Hành — the two commands of the README, and a few more.
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
STAMP   = $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS  ?= redis://127.0.0.1:6379/0
PYTEST_WORKERS ?= 2

.PHONY: run install migrate demo serve test test-sqlite test-postgres test-e2e lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/dieuhanh compiletranslations

## make run: install, migrate SQLite under var/, load the demo city, serve on :8000
run: install
	$(BIN)/dieuhanh migrate --noinput
	$(BIN)/dieuhanh load_demo
	$(BIN)/dieuhanh serve

## make test: install, then every test on SQLite, again on PostgreSQL + Redis, browser tests once
test: install test-sqlite test-postgres test-e2e

test-sqlite: install
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not e2e" --dist loadfile

test-postgres: install
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) $(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not e2e" --dist loadfile

test-e2e: install
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) $(BIN)/pytest -q -m e2e tests/e2e

lint: install
	$(BIN)/ruff check src tests bench

bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) var
