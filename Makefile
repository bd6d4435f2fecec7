# Two commands: `make run` and `make test`. Everything else is a helper of theirs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSTEM_STAMP := var/.system-packages
MANAGE := $(PY) manage.py
SYSTEM_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core poppler-utils
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test setup system-packages venv messages compilemessages lint check e2e bench clean

$(SYSTEM_STAMP):
	@mkdir -p var
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install: $$missing (apt-get install $$missing)"; exit 1; fi; \
	fi
	@touch $@

system-packages: $(SYSTEM_STAMP)

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(STAMP)

setup: $(SYSTEM_STAMP) $(STAMP) compilemessages

compilemessages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv -v0

messages: $(STAMP)
	$(PY) -m hub.messages

run: setup
	$(MANAGE) createcachetable
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) seed_demo
	@# One background worker beside the dev server (emails, PDFs, the schedule); Ctrl+C stops both.
	$(MANAGE) run_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check . || true

check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

test: setup lint check
	$(PY) -m pytest -n 2 -m "not e2e" --ignore=tests/e2e $(PYTEST_ARGS)

E2E_STAMP := var/.e2e-tools

$(E2E_STAMP): package-lock.json
	@mkdir -p var
	@test -x /usr/lib/chromium/chromium || { \
	  echo "Installing Debian's Chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; }
	@command -v java >/dev/null || { \
	  echo "Installing Java for the W3C Nu HTML checker"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; fi; }
	@# --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used instead.
	npm ci --no-audit --no-fund --silent --ignore-scripts
	@touch $@

e2e: setup $(E2E_STAMP)
	$(PY) -m pytest tests/e2e -m e2e -p no:xdist $(PYTEST_ARGS)

bench: setup
	@command -v wrk >/dev/null || { echo "Installing wrk (load generator)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi; }
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf var/static var/test*
