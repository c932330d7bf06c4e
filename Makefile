# Two commands on a fresh machine:  make run   |   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
ADDRESS ?= localhost   # ADDRESS=0.0.0.0 to serve other machines on the network
ORG    ?= BTGDV-TU    # make admin: the administrator's body (today's monitoring body after init)
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test init admin port-free demo cluster clean help
.DEFAULT_GOAL := help

help:
	@echo "make run   - install, migrate + seed the SQLite database in ./data, serve http://localhost:$(PORT)"
	@echo "make admin NAME=... - create an administrator account (asks for the password)"
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

# The first administrator (or another one), with the project's own Python: make admin NAME=ten.dang.nhap
admin: $(VENV)/.runtime-installed
	@[ -n "$(NAME)" ] || { echo "Thiếu tên đăng nhập: make admin NAME=ten.dang.nhap [ORG=$(strip $(ORG))]" >&2; exit 2; }
	@$(BIN)/python -m tracker init >/dev/null
	$(BIN)/python -m tracker user add $(NAME) --role admin --org $(strip $(ORG))

# Stops before anything starts when ADDRESS:PORT is taken (Streamlit would only log "Port … is not available").
port-free: | $(BIN)/python
	@$(BIN)/python -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], int(sys.argv[2])))' \
		$(ADDRESS) $(PORT) 2>/dev/null || { echo "Cổng $(PORT) trên $(strip $(ADDRESS)) đang được dùng (tracker đã chạy ở cửa sổ khác?). Dừng chương trình đó, hoặc chọn cổng khác: make $(MAKECMDGOALS) PORT=8502" >&2; exit 1; }

# One reminder worker runs beside the app (stopped with it); the app itself starts no scheduler.
run: port-free init
	@$(BIN)/python -m tracker worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python -m streamlit run tracker_app.py --server.port $(PORT) --server.address $(ADDRESS) \
		--server.headless true --browser.gatherUsageStats false

# A separate database in ./data/demo: one account per role (password printed), sample activity.
demo: port-free $(VENV)/.runtime-installed
	TRACKER_DATA_DIR=$(CURDIR)/data/demo TRACKER_DATABASE_URL= $(BIN)/python -m tracker demo
	TRACKER_DATA_DIR=$(CURDIR)/data/demo TRACKER_DATABASE_URL= $(BIN)/python -m streamlit run tracker_app.py \
		--server.port $(PORT) --server.address $(ADDRESS) --server.headless true

# The multi-instance deployment on loopback from one configuration (data/cluster/tracker.env):
# PostgreSQL, app instances on APP_PORTS, one reminder worker, nginx on PROXY_PORT (docs/deploy.md).
cluster: $(VENV)/.runtime-installed
	PYTHON=$(BIN)/python deploy/local-cluster

# Starts a throw-away PostgreSQL on loopback when its server is installed and no URL is given,
# so that every database test runs on both engines; stops it after the suite if it started it.
test: $(VENV)/.dev-installed
	@if [ -z "$$TRACKER_TEST_POSTGRES_URL" ] && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then \
		pg_dir=$${PG_DIR:-/tmp/tracker-pg}; \
		[ -e "$$pg_dir/postmaster.pid" ] || trap 'PG_DIR="$$pg_dir" deploy/start-postgres --stop' EXIT; \
		eval "$$(.ci/start-postgres)"; fi; \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
