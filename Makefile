# flopbase: `make run` builds the warehouse offline; `make test` runs every test.
# Everything installs from uv.lock; uv itself is installed with pip when missing.

PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 3000
EXPORT_DIR ?= data/exports
REPORT_DIR ?= data/report

export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1

.PHONY: run refresh test ui serve serve-check postgresql summary export report query bench lint clean

run: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml  ## build every asset into data/flopbase.duckdb ($$FLOPBASE_DB)
	$(BIN)/flopbase build

refresh: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml  ## rebuild only what depends on a new snapshot (LIVE=1: fetch upstream first)
	$(BIN)/flopbase refresh $(if $(LIVE),--live)

test: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml /usr/bin/chromium postgresql  ## the whole test suite
	$(BIN)/pytest -n auto --maxprocesses 4 --dist loadfile

ui: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml  ## the Dagster UI on http://127.0.0.1:3000 (the history of $$FLOPBASE_DB's warehouse)
	DAGSTER_HOME="$$($(BIN)/python -m pipelines.runs)" $(BIN)/dagster dev -h $(HOST) -p $(PORT) -w workspace.yaml

serve: $(VENV)/.synced  ## webserver + daemon on http://127.0.0.1:3000 (schedules, sensors, automation); FLOPBASE_DAGSTER_PG_URL=postgresql://... keeps the run history in PostgreSQL
	$(BIN)/python -m pipelines.serve --host $(HOST) --port $(PORT)

serve-check: $(VENV)/.synced postgresql  ## the service on a PostgreSQL server of its own: a run through the daemon, a restart, the history kept
	$(BIN)/pytest -q tests/e2e/test_postgres_service.py

summary: $(VENV)/.synced  ## what the warehouse holds now
	$(BIN)/flopbase summary

export: $(VENV)/.synced  ## Parquet + CSV of every core and analysis table and view, with a README of licences -> $(EXPORT_DIR)
	$(BIN)/flopbase export --dir $(EXPORT_DIR)

report: $(VENV)/.synced  ## a static page to share (HTML + PNG charts, offline), each figure with its query -> $(REPORT_DIR)/index.html
	$(BIN)/flopbase report --dir $(REPORT_DIR)

query: $(VENV)/.synced  ## one read-only query: make query SQL="SELECT * FROM analysis.trend_summary"
	@test -n "$$SQL" || { echo 'make query: no SQL given; try make query SQL="SELECT * FROM analysis.trend_summary"' >&2; exit 2; }
	@$(BIN)/flopbase query "$$SQL"

bench: $(VENV)/.synced /usr/bin/chromium  ## benchmarks, each against a floor measured in the same run -> benchmarks/results/*.json
	FLOPBASE_CACHE_DIR=off $(BIN)/python -m benchmarks.bench_build
	$(BIN)/python -m benchmarks.bench_build
	$(BIN)/python -m benchmarks.bench_run
	$(BIN)/python -m benchmarks.bench_ticks
	$(BIN)/python -m benchmarks.bench_trends
	$(BIN)/python -m benchmarks.bench_refresh
	$(BIN)/python -m benchmarks.bench_queries
	$(BIN)/python -m benchmarks.bench_ui

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:  ## remove the environment, the warehouse, the local Dagster history and the caches of parses, fits and plots
	rm -rf $(VENV) $(DAGSTER_HOME) data/flopbase.duckdb data/flopbase.duckdb.wal .cache/flopbase

$(VENV)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

# Debian's Chromium for the real-browser test (tests/e2e/test_browser.py) and `bench_ui`:
# installed once, with sudo when not root.
/usr/bin/chromium:
	sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	$$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

# PostgreSQL's initdb and pg_ctl for the service test (tests/e2e/test_postgres_service.py):
# Debian's server package, installed once (with sudo when not root) when initdb is missing.
postgresql:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; }

$(DAGSTER_HOME)/dagster.yaml: config/dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp $< $@
