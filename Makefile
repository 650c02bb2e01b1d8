# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo demo-data test bench load install lock migrate messages clean
BENCH_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/finsam_bench
LOAD_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/finsam_load
LOAD_USERS ?= 20
LOAD_SECONDS ?= 30
LOAD_PORT ?= 8777
# Background workers (manage.py db_worker) rendering the PDFs under load.
LOAD_PDF_WORKERS ?= 1
PORT ?= 8000

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

## Install exactly the versions in requirements.lock (what CI tested), then finsam itself
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Pin the dependencies again after changing pyproject.toml's (rewrites requirements.lock)
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --upgrade --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

## Run the app with the demo data on the embedded SQLite database, at http://127.0.0.1:$(PORT)/
demo: demo-data
	$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; trap "kill $$worker" EXIT; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo-data: migrate
	$(BIN)/python manage.py load_demo

## Install and run the whole test suite (on PostgreSQL when DATABASE_URL points at one), one
## worker per core, each test module in one worker (its demo copy loaded once)
test: install
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not services"
	FINSAM_RESTART_SERVICES=1 $(BIN)/python -m pytest -p no:xdist -m services

## Time the report figures and PDFs on a large dataset in a scratch PostgreSQL database (prints figures;
## production settings but for two-factor login, which the generated users have not set up)
bench: install
	$(BIN)/python scripts/scratch_database.py keep $(BENCH_DATABASE_URL)
	DATABASE_URL=$(BENCH_DATABASE_URL) TASKS_BACKEND=immediate DEBUG=0 REQUIRE_2FA=0 SECRET_KEY=bench-only-$$$$-not-a-secret-0123456789abcdefghijklmnop ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	  $(BIN)/python manage.py bench $(BENCH_ARGS)

## Many simulated users on a fresh demo in PostgreSQL, served by gunicorn on 127.0.0.1, for LOAD_SECONDS (prints figures)
load: install
	$(BIN)/python scripts/scratch_database.py fresh $(LOAD_DATABASE_URL)
	DATABASE_URL=$(LOAD_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(LOAD_DATABASE_URL) $(BIN)/python manage.py createcachetable
	DATABASE_URL=$(LOAD_DATABASE_URL) $(BIN)/python manage.py load_demo >/dev/null
	DATABASE_URL=$(LOAD_DATABASE_URL) CONN_MAX_AGE=60 DEBUG=0 REQUIRE_2FA=0 SECRET_KEY=load-test-only-$$$$ ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	  $(BIN)/gunicorn finsam.wsgi --bind 127.0.0.1:$(LOAD_PORT) --workers 2 --threads 4 --timeout 120 --pid var/load-gunicorn.pid --daemon
	rm -f var/load-worker.pid; for n in $$(seq $(LOAD_PDF_WORKERS)); do \
	  DATABASE_URL=$(LOAD_DATABASE_URL) CONN_MAX_AGE=60 DEBUG=0 SECRET_KEY=load-test-only $(BIN)/python manage.py db_worker --interval 1 --no-reload >>var/load-worker.log 2>&1 & echo $$! >>var/load-worker.pid; done
	sleep 3
	$(BIN)/python scripts/load.py http://127.0.0.1:$(LOAD_PORT) --users $(LOAD_USERS) --seconds $(LOAD_SECONDS) --server-pid $$(cat var/load-gunicorn.pid); status=$$?; kill $$(cat var/load-gunicorn.pid) $$(cat var/load-worker.pid); exit $$status

## Compile the translations after editing locale/*/LC_MESSAGES/django.po
messages: install
	$(BIN)/python manage.py makemessages --locale sv --ignore "$(VENV)/*" --ignore "var/*"
	$(BIN)/python manage.py compilemessages --ignore "$(VENV)/*"

clean:
	rm -rf $(VENV) var
