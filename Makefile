# The two commands: `make run` (serve the app on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

VNU := node_modules/vnu-jar/build/dist/vnu.jar
# The interface's Spanish: the .po files are kept in git, compiled here (gettext's msgfmt).
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: run serve test test-sqlite messages test-postgres validate install install-test clean load cluster-load bench install-bench audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed-app

install: $(VENV)/.installed-app $(MESSAGES)
install-test: $(VENV)/.installed-test $(MESSAGES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed-app
	@command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not found: install gettext (sudo apt-get install gettext)"; exit 1; }
	$(BIN)/python manage.py compilemessages --locale $* --ignore "$(VENV)" --ignore node_modules -v0

## Set up, load the content and serve the app on http://127.0.0.1:8000 (SQLite).
# migrate skips the system checks: they include the content checks, and the content in an
# older database may not pass this release's; load_content replaces and validates it next.
run: install
	$(BIN)/python manage.py migrate --noinput --skip-checks
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The HTML checker comes from npm; without npm the HTML test says how to get it.
$(VNU): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the HTML validity test will be skipped"; fi

## Set up and run the whole test suite: on SQLite, then on a throwaway PostgreSQL
## cluster where PostgreSQL is installed (browser tests need Debian's chromium; see README).
test: test-sqlite test-postgres

# The suite runs on every core (pytest-xdist), each worker with its own test database.
TEST_WORKERS ?= auto

test-sqlite: install-test $(VNU)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# scripts/with-postgres exits 77 when PostgreSQL is not installed; CI sets
# IMMUNOGUIDE_NO_SKIP=1, which makes that a failure.
# On PostgreSQL, the tests that reach the database through the ORM: the models and their
# migrations, loading and diffing content, the admin and its lockouts, the commands, the
# system checks, the query budget, the clinic's profile, the health check, and the browser
# tests marked every_database. The rest gives the same answer on any database.
POSTGRES_TESTS ?= tests/test_admin.py tests/test_checks.py tests/test_commands.py tests/test_content.py \
	tests/test_content_diff.py tests/test_migrations.py tests/test_query_budget.py tests/test_security.py \
	tests/test_validation.py tests/test_views_clinic.py tests/test_views_service.py tests/e2e

test-postgres: install-test $(VNU)
	@status=0; scripts/with-postgres $(BIN)/python -m pytest -n $(TEST_WORKERS) $(POSTGRES_TESTS) $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 77 ]; then \
	  if [ "$$IMMUNOGUIDE_NO_SKIP" = 1 ]; then echo "PostgreSQL is required (IMMUNOGUIDE_NO_SKIP=1)"; exit 1; fi; \
	  echo "PostgreSQL not installed: the PostgreSQL run was skipped (sudo apt-get install postgresql)"; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

## The production setup on this machine: gunicorn, WhiteNoise, production settings,
## at http://localhost:8000 (set DATABASE_URL for PostgreSQL; SQLite otherwise).
serve: install
	DJANGO_ENV=production $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_ENV=production $(BIN)/python manage.py migrate --noinput --skip-checks
	DJANGO_ENV=production $(BIN)/python manage.py load_content
	DJANGO_ENV=production $(BIN)/gunicorn --config gunicorn.conf.py

## Check the content in fixtures/ on a throwaway database.
validate: install
	IMMUNOGUIDE_SQLITE_PATH=$$(mktemp -d)/validate.sqlite3 sh -c '\
	  $(BIN)/python manage.py migrate --noinput --skip-checks -v0 && \
	  $(BIN)/python manage.py load_content && \
	  $(BIN)/python manage.py validate_content'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache node_modules test-artifacts

# The load test and the benchmark need Locust too (requirements-bench.txt).
$(VENV)/.installed-bench: requirements.txt requirements-bench.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@ $(VENV)/.installed-app

install-bench: $(VENV)/.installed-bench

## Load test: 100 people complete the flow at once for 60 s against gunicorn and a
## throwaway PostgreSQL, all on 127.0.0.1 (Locust headless). Fails on any error or
## session mix-up. LOAD_USERS, LOAD_SECONDS, LOAD_THINK_SECONDS change it; see bench/run_load.py.
## 100 people through HAProxy to 3 gunicorn nodes and one PostgreSQL; one node is killed half way.
cluster-load: install-bench
	@status=0; scripts/with-postgres $(BIN)/python bench/cluster_load.py || status=$$?; \
	if [ $$status -eq 77 ]; then echo "make cluster-load needs PostgreSQL and HAProxy (sudo apt-get install postgresql haproxy)"; exit 1; fi; \
	exit $$status

load: install-bench
	@status=0; scripts/with-postgres $(BIN)/python bench/run_load.py || status=$$?; \
	if [ $$status -eq 77 ]; then echo "make load needs PostgreSQL (sudo apt-get install postgresql)"; exit 1; fi; \
	exit $$status

## Benchmark: req/s and latency of every page against /healthz (gunicorn, SQLite and
## PostgreSQL), page weight and rules-engine scaling; tables in bench/results/.
bench: install-bench
	$(BIN)/python bench/bench.py

## Dependency audit: the pinned requirements against published advisories, with pip-audit in
## its own environment. Needs the network to reach the advisory database (docs/operations.md).
audit:
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --quiet pip-audit
	.venv-audit/bin/pip-audit --requirement requirements.txt --requirement requirements-test.txt
