# wsparcie: `make run` (install, migrate, demo data, serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo serve worker lint clean-db messages

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "wsparcie needs Python 3.11+"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	WSPARCIE_ENV=$${WSPARCIE_ENV:-development} DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

demo: migrate
	WSPARCIE_ENV=$${WSPARCIE_ENV:-development} DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_demo

run: demo
	WSPARCIE_ENV=$${WSPARCIE_ENV:-development} DEBUG=$${DEBUG:-1} $(BIN)/python manage.py serve_demo --port $(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=bench --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv
