# Vantor: `make run` serves the demo store on SQLite; `make test` runs ruff and the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench stack stack-smoke stack-down install install-dev demo clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_store

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev lint
	$(BIN)/pytest

# Throwaway PostgreSQL (+ Redis if installed), gunicorn, wrk: see bench/__main__.py.
# `make bench BENCH_ARGS=--quick` for a smoke run; needs `apt-get install -y wrk`.
bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)

# The production stack on this machine (nginx, PostgreSQL, Redis, gunicorn x2, the task worker,
# S3 and SMTP fakes), all on loopback: see deploy/stack.py. Needs Debian's nginx, redis-server,
# postgresql and openssl. `make stack` serves it until Ctrl-C; `make stack-smoke` starts it,
# runs the end-to-end checks with their faults (deploy/smoke.py) and stops it.
stack: install-dev
	$(PY) -m deploy.stack up

stack-smoke: install-dev
	$(PY) -m deploy.stack smoke

stack-down:
	$(PY) -m deploy.stack down

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles
