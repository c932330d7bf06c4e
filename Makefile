# Two commands on a fresh machine:  make run   |   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
ADDRESS ?= localhost   # ADDRESS=0.0.0.0 to serve other machines on the network
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test init demo cluster clean help
.DEFAULT_GOAL := help

help:
	@echo "make run   - install, migrate + seed the SQLite database in ./data, serve http://localhost:$(PORT)"
	@echo "make test  - install the test requirements and run the whole suite (SQLite + PostgreSQL if present)"
	@echo "make demo  - a separate demo database (./data/demo) with one account per role and sample activity"
	@echo "make cluster - on loopback: PostgreSQL, two app instances (8501, 8502), one worker, nginx on 8080"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

init: $(VENV)/.runtime-installed
	$(BIN)/python -m tracker init

# One reminder worker runs beside the app (stopped with it); the app itself starts no scheduler.
run: init
	@$(BIN)/python -m tracker worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python -m streamlit run tracker_app.py --server.port $(PORT) --server.address $(ADDRESS) \
		--server.headless true --browser.gatherUsageStats false

# A separate database in ./data/demo: one account per role (password printed), sample activity.
demo: $(VENV)/.runtime-installed
	TRACKER_DATA_DIR=$(CURDIR)/data/demo TRACKER_DATABASE_URL= $(BIN)/python -m tracker demo
	TRACKER_DATA_DIR=$(CURDIR)/data/demo TRACKER_DATABASE_URL= $(BIN)/python -m streamlit run tracker_app.py \
		--server.port $(PORT) --server.address $(ADDRESS) --server.headless true

# The multi-instance deployment on loopback from one configuration (data/cluster/tracker.env):
# PostgreSQL, app instances on APP_PORTS, one reminder worker, nginx on PROXY_PORT (docs/deploy.md).
cluster: $(VENV)/.runtime-installed
	PYTHON=$(BIN)/python deploy/local-cluster

# Starts a throw-away PostgreSQL on loopback when its server is installed and no URL is given,
# so that every database test runs on both engines.
test: $(VENV)/.dev-installed
	@if [ -z "$$TRACKER_TEST_POSTGRES_URL" ] && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then \
		eval "$$(.ci/start-postgres)"; fi; \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
