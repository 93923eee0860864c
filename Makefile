# Two commands on a fresh clone: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
# uv on PATH, else the uv package run as a module (where `pip install --user uv` below puts it).
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
export DAGSTER_HOME := $(CURDIR)
export COMMUNIQUE_RAW_DIR ?= $(CURDIR)/raw
export COMMUNIQUE_WAREHOUSE ?= $(CURDIR)/warehouse/communique.duckdb
RUN := $(UV) run --frozen

.PHONY: setup browser demo test lint ui lab report quality bench clean

# Installs uv itself when missing (from PyPI), then the locked environment, compiled to bytecode at install:
# PYTHONDONTWRITEBYTECODE (set on some machines) would otherwise make every process compile every module it imports.
setup:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --user --quiet "uv>=0.5" \
	  || python3 -m pip install --user --quiet --break-system-packages "uv>=0.5"
	@UV_COMPILE_BYTECODE=1 $(UV) sync --frozen --quiet --compile-bytecode
	@.venv/bin/python -m compileall -q -j 0 pipelines bench >/dev/null || true
	@$(MAKE) --no-print-directory browser


# Headless Chromium (Debian's package) for the test that opens the charts offline; only where it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
	       && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	       || echo "note: chromium not installed (the offline chart test will be skipped)"; }

demo: setup
	@mkdir -p .dagster
	@echo "Materializing every asset on $(COMMUNIQUE_RAW_DIR) (full log: .dagster/demo.log) ..."
	@set -o pipefail; $(RUN) dagster job execute -m pipelines.definitions -j refresh_warehouse 2>&1 \
	  | tee .dagster/demo.log | grep -E "STEP_SUCCESS|STEP_FAILURE|STEP_SKIPPED|ASSET_CHECK_EVALUATION|RUN_SUCCESS|RUN_FAILURE" \
	  | sed -E 's/^.* - (STEP_|ASSET_CHECK|RUN_)/  \1/' || { echo "The run failed; see .dagster/demo.log"; exit 1; }
	@$(RUN) communique status
	@echo
	@echo "Next: make ui (Dagster UI on http://127.0.0.1:3000), make lab (notebooks),"
	@echo "      $(UV) run communique sql \"SELECT kind, count(*) FROM releases GROUP BY kind\""

test: setup
	$(RUN) pytest

ui: setup
	$(RUN) python -m pipelines.ui -m pipelines.definitions -h 127.0.0.1 -p 3000

# Bound to this machine only; --allow-root so it also starts in containers and on CI machines, which run as root.
lab: setup
	$(RUN) jupyter lab --ip 127.0.0.1 --no-browser --allow-root --notebook-dir notebooks

# Executes every notebook against the current warehouse; HTML and chart PNGs under reports/.
report: setup
	$(RUN) python -m pipelines.reporting

# Great Expectations Data Docs for the last validation, as HTML under warehouse/quality/.
quality: setup
	$(RUN) python -m pipelines.quality.docs

# Benchmarks: they print figures and write bench/results/*.json; they are not tests.
bench: setup
	$(RUN) python -m bench

clean:
	rm -rf .dagster warehouse/communique.duckdb warehouse/.communique.duckdb.spare reports

# Formatting, lint (ruff) and types (mypy on the pure extraction code and the warehouse module); CI runs it first.
lint: setup
	$(RUN) ruff format --check .
	$(RUN) ruff check .
	$(RUN) mypy

# Issue 19: the DuckLake setup on raw/'s files (two batches written at once); PostgreSQL if installed, else a
# DuckDB-file catalog under warehouse/lake/. See docs/scaling.md.
.PHONY: demo-lake
demo-lake: setup
	$(RUN) python -m pipelines.lake.demo
