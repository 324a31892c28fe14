# `make` builds .venv, runs the pipeline on seeds/ into outputs/ and scores it against the gold files.
# `make test` builds the same .venv and runs the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all run eval test lint bench test-browser clean

all: run eval

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run --input seeds --output outputs

eval: $(STAMP)
	$(PY) -m pipeline eval --gold seeds --pred outputs --output outputs/eval

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests

clean:
	rm -rf $(VENV) outputs/stages
