# Two commands on a fresh machine: `make run` builds the graph from seeds/, `make test` runs the tests.
# Each creates .venv and installs the pinned dependencies (requirements.lock) when they are missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test score bench clean lexicon wordnet

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/spasmkg build seeds --out out

test: $(STAMP) wordnet
	$(PY) -m pytest -q

score: run
	$(PYTHON) $(SHARED)/eval/score.py out/annotations.json $(SHARED)/gold/seeds.gold.json

clean:
	rm -rf out .pytest_cache

bench: $(STAMP)
	$(PY) bench/run.py

# The WordNet database (Debian's wordnet-base), read only to regenerate the shipped lexicon
# (ontology/lexicon/wordnet_lexicon.tsv) and by the test that checks it; installed when apt-get can.
wordnet:
	@test -f /usr/share/wordnet/data.noun || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] \
		&& apt-get install -y -q --no-install-recommends wordnet-base >/dev/null; } || echo "note: wordnet-base not installed; the lexicon test is skipped"

lexicon: $(STAMP) wordnet
	$(PY) -m spasmkg.ontology.wordnet /usr/share/wordnet
