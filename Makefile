# Two commands on a fresh machine: `make run` builds the graph from seeds/, `make test` runs the tests.
# Each creates .venv and installs the pinned dependencies (requirements.lock) when they are missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test test-fast score bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/spasmkg build seeds --out out

test: $(STAMP)
	$(PY) -m pytest -q

# the edit loop: leaves out what is marked slow (builds of the seeds or a corpus, servers, Java)
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

score: run
	$(PYTHON) $(SHARED)/eval/score.py out/annotations.json $(SHARED)/gold/seeds.gold.json

clean:
	rm -rf out .pytest_cache

bench: $(STAMP)
	$(PY) bench/run.py
