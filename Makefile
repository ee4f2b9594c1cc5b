PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 2
FLASK := $(BIN)/flask --app community

.PHONY: install checkers run test test-quick lint bench screenshot

install: $(VENV)/.installed

# axe-core and the Nu Html Checker for the page checks; without npm those tests skip.
checkers: node_modules/.package-lock.json

node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "npm is missing: the axe-core and Nu Html Checker tests will skip"; fi

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@echo "Serving the demo on http://127.0.0.1:$(PORT)"
	WORKERS=$(WORKERS) $(BIN)/gunicorn -c gunicorn_config.py --bind 127.0.0.1:$(PORT) wsgi:app

test: install checkers
	$(BIN)/pytest

# Everything but the slow tests (markers in setup.cfg); make test runs them all.
QUICK := not browser and not concurrency and not crash and not nu_checker and not naughty_strings
test-quick: install
	$(BIN)/pytest -m "$(QUICK)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -c pyproject.toml -r . -q

# make bench BENCH_ARGS="--database postgresql --dataset 10k --dataset 1m"; see python -m bench --help
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

# The demo's question page on a phone and on a desktop, whole; make run must be serving.
SCREENSHOT_URL := http://127.0.0.1:$(PORT)/conditions/primary-immunodeficiency/questions/what-causes-primary-immunodeficiency
screenshot: install
	$(BIN)/python scripts/screenshot.py $(SCREENSHOT_URL) docs/question-page-390.png --width 390 --full-page
	$(BIN)/python scripts/screenshot.py $(SCREENSHOT_URL) docs/question-page-1280.png --full-page
