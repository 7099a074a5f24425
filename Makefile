# tocsin developer commands. `make run` and `make test` install everything they need first.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint typecheck bench eval eval-gate train clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv and install tocsin with its dev extras

run: setup  ## ingest the bundled sample articles into tocsin.db and list the events
	$(BIN)/tocsin demo --db sqlite:///tocsin.db

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

eval: setup  ## score tocsin on every gold set in ../shared/data (tables; see eval/gate.py)
	$(BIN)/python eval/gate.py --data ../shared/data

eval-gate: setup  ## fail when a metric falls below its floor in eval/baseline.json (CI runs this)
	$(BIN)/python eval/gate.py --data ../shared/data

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache tocsin.db
