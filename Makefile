# tocsin developer commands. `make run` and `make test` install everything they need first.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup chromium serve run test lint typecheck bench eval eval-gate train clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	@touch $(STAMP)

DASHBOARD := tocsin/api/dashboard
NPM_STAMP := $(DASHBOARD)/node_modules/.installed

$(NPM_STAMP): $(DASHBOARD)/package.json
	@command -v npm >/dev/null 2>&1 || { echo "need npm for the dashboard's map libraries"; exit 1; }
	cd $(DASHBOARD) && npm install --no-audit --no-fund
	@touch $(NPM_STAMP)

# Chromium for the browser test (tests/test_dashboard.py): Debian's, installed only when
# missing and only as root; never `playwright install`.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium (apt-get)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

setup: $(STAMP) $(NPM_STAMP) chromium  ## create .venv, install tocsin with its dev extras, the dashboard's npm packages and Chromium

run: setup  ## ingest the bundled sample articles into tocsin.db, list the events, serve the dashboard
	$(BIN)/tocsin demo --db sqlite:///tocsin.db

serve: setup  ## the API and dashboard over tocsin.db at http://127.0.0.1:8000/
	$(BIN)/tocsin serve --db sqlite:///tocsin.db

test: setup  ## the whole test suite; PostgreSQL tests run when a server can be started here
	@url=$$(bash scripts/start-postgres.sh 2>/dev/null | tail -n 1); \
	case "$$url" in postgresql*) export TOCSIN_TEST_PG_URL="$$url";; \
	*) echo "PostgreSQL could not be started here: its tests will be skipped";; esac; \
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy tocsin

bench: setup  ## throughput and peak memory on the sample corpus (figures, not pass/fail)
	$(BIN)/python scripts/bench.py

train: setup  ## rebuild the shipped models (tocsin/data/models) from training/ and ../shared/data
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python scripts/distill.py
	$(BIN)/python scripts/train.py --data ../shared/data
	$(BIN)/python scripts/train_places.py --data ../shared/data

eval: setup  ## score tocsin on every gold set in ../shared/data (tables; see eval/gate.py)
	$(BIN)/python eval/gate.py --data ../shared/data --report

eval-gate: setup  ## fail when a metric falls below its floor in eval/baseline.json (CI runs this)
	$(BIN)/python eval/gate.py --data ../shared/data

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache tocsin.db
