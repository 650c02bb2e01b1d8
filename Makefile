# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo demo-data test bench install migrate messages clean
BENCH_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/finsam_bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

## Run the app with the demo data on the embedded SQLite database, at http://127.0.0.1:8000/
demo: demo-data
	$(BIN)/python manage.py runserver 127.0.0.1:8000

demo-data: migrate
	$(BIN)/python manage.py load_demo

## Install and run the whole test suite (on PostgreSQL when DATABASE_URL points at one)
test: install
	$(BIN)/python -m pytest

## Time the report figures and PDFs on a large dataset in a scratch PostgreSQL database (prints figures)
bench: install
	$(BIN)/python -c "import psycopg; c = psycopg.connect('$(BENCH_DATABASE_URL)'.rsplit('/', 1)[0] + '/postgres', autocommit=True); c.execute('CREATE DATABASE finsam_bench') if not c.execute(\"SELECT 1 FROM pg_database WHERE datname = 'finsam_bench'\").fetchone() else None"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench

## Compile the translations after editing locale/*/LC_MESSAGES/django.po
messages: install
	$(BIN)/python manage.py makemessages --locale sv --ignore "$(VENV)/*" --ignore "var/*"
	$(BIN)/python manage.py compilemessages --ignore "$(VENV)/*"

clean:
	rm -rf $(VENV) var
