# flopbase: `make run` builds the warehouse offline; `make test` runs every test.
# Everything installs from uv.lock; uv itself is installed with pip when missing.

PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 3000

export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1

.PHONY: run test ui summary bench lint clean

run: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml  ## build every asset into data/flopbase.duckdb ($$FLOPBASE_DB)
	$(BIN)/flopbase build

test: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml  ## the whole test suite
	$(BIN)/pytest

ui: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml  ## the Dagster UI on http://127.0.0.1:3000
	$(BIN)/dagster dev -h $(HOST) -p $(PORT) -w workspace.yaml

summary: $(VENV)/.synced  ## what the warehouse holds now
	$(BIN)/flopbase summary

bench: $(VENV)/.synced  ## benchmarks, each against a floor measured in the same run -> benchmarks/results/*.json
	$(BIN)/python -m benchmarks.bench_build
	$(BIN)/python -m benchmarks.bench_ticks
	$(BIN)/python -m benchmarks.bench_trends

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:  ## remove the environment, the warehouse and the local Dagster history
	rm -rf $(VENV) $(DAGSTER_HOME) data/flopbase.duckdb data/flopbase.duckdb.wal

$(VENV)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

$(DAGSTER_HOME)/dagster.yaml: config/dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp $< $@
