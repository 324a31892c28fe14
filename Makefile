# `make`       builds .venv, runs the pipeline on seeds/ into outputs/, runs it on the
#              development corpus and scores everything against the gold files.
# `make test`  builds the same .venv and runs the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN := $(PY) -m pipeline run --quiet

.PHONY: all run eval corpus test lint bench test-browser clean

all: run eval

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(RUN) --input seeds --output outputs

corpus: $(STAMP)
	$(RUN) --no-report --input corpus/dev --output outputs/corpus/dev
	$(RUN) --no-report --input corpus/test --output outputs/corpus/test

eval: run corpus
	$(PY) -m pipeline eval --gold seeds --pred outputs --output outputs/eval/seeds --name seeds --readme README.md
	$(PY) -m pipeline eval --gold corpus/dev --pred outputs/corpus/dev --output outputs/eval/dev --name dev --readme README.md
	$(PY) -m pipeline eval --gold corpus/test --pred outputs/corpus/test --output outputs/eval/test --name test --readme README.md
	$(PY) -m pipeline eval --gold corpus/dev --pred outputs/corpus/dev --output outputs/eval/dev-realistic --name dev-realistic --select 'r_*' --no-baseline --readme README.md
	$(PY) -m pipeline eval --gold corpus/test --pred outputs/corpus/test --output outputs/eval/test-realistic --name test-realistic --select 'r_*' --no-baseline --readme README.md

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests scripts

# The report of the seeds in headless Chromium (Debian's package, installed when missing):
# fails on any console error, checks the receptions show, saves outputs/report.png.
test-browser: $(STAMP)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else \
	    echo "error: /usr/bin/chromium missing; as root: apt-get update && apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; \
	fi
	@test -f outputs/report.html || $(MAKE) run
	$(PY) tests/browser/check_report.py --self-test
	$(PY) tests/browser/check_report.py outputs/report.html outputs/report.png \
	  --expect "Zaid Hoshi Khalaf Wadi" --expect "Al-Moghidi"

bench: $(STAMP)
	$(PY) -m pipeline.bench --corpus corpus/dev --corpus corpus/test --output outputs/bench.md

clean:
	rm -rf $(VENV)
	find outputs -name stages -type d -prune -exec rm -rf {} +
