# Two commands on a fresh machine: `make run` builds the graph from seeds/, `make test` runs the tests.
# Each creates .venv and installs the pinned dependencies (requirements.lock) when they are missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared
# the tests run in this many processes (pytest-xdist), one file per process at a time
TEST_WORKERS ?= 2

.PHONY: run test test-fast score bench clean lexicon web-assets

# Independent readers the tests check the outputs with (Raptor's rapper, Rasqal's roqet, the OWL API,
# poppler), and the WordNet database (wordnet-base) the shipped lexicon is regenerated from and
# checked against, and the browser the web view's tests drive (chromium with chromedriver): Debian
# packages, installed when missing and the machine allows it (root with apt-get). Re-checked when this
# file changes the list.
DEBIAN_TOOLS := raptor2-utils rasqal-utils libowlapi-java poppler-utils wordnet-base chromium chromium-driver
SYSTEM := $(VENV)/.system-tools

$(SYSTEM): Makefile
	@mkdir -p $(VENV)
	@missing=$$(for p in $(DEBIAN_TOOLS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done | tr "\n" " "); \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $$missing (Debian)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null 2>&1 || \
	  echo "could not install $$missing: the tests that need them are skipped"; \
	elif [ -n "$$missing" ]; then echo "not installed: $$missing (the tests that need them are skipped)"; fi
	@touch $(SYSTEM)

# The KGX validator in an environment of its own: kgx cannot share the project's (it needs python-dateutil < 3,
# numpy < 2 through pyarrow). Only the KGX export's tests use it; they are skipped when it cannot be installed.
KGX_VENV := .venv-kgx
KGX_STAMP := $(KGX_VENV)/.installed

$(KGX_STAMP): requirements-kgx.lock
	@test -x $(KGX_VENV)/bin/python || $(PYTHON) -m venv $(KGX_VENV)
	@$(KGX_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-kgx.lock >/dev/null 2>&1 && touch $(KGX_STAMP) || \
	  echo "could not install the KGX validator (requirements-kgx.lock): its tests are skipped"

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The browser view's third-party scripts and styles (YASGUI, Cytoscape.js): the npm packages of
# web/package.json, installed from the registry into web/node_modules (git-ignored) as its
# package-lock.json pins them. Without npm the pages still work, as plain HTML.
WEB_ASSETS := web/node_modules/.installed

$(WEB_ASSETS): web/package.json web/package-lock.json
	@if command -v npm >/dev/null; then \
	  (cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) && touch $(WEB_ASSETS); \
	else echo "npm not found: spasmkg serve runs without its SPARQL editor and network drawing"; fi

web-assets: $(WEB_ASSETS)

run: $(STAMP) $(WEB_ASSETS)
	$(VENV)/bin/spasmkg build seeds --out out

test: $(STAMP) $(SYSTEM) $(WEB_ASSETS) $(KGX_STAMP)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

# the edit loop: leaves out what is marked slow (builds of the seeds or a corpus, servers, Java)
test-fast: $(STAMP) $(WEB_ASSETS)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not slow"

score: run
	$(PYTHON) $(SHARED)/eval/score.py out/annotations.json $(SHARED)/gold/seeds.gold.json

clean:
	rm -rf out .pytest_cache

bench: $(STAMP)
	$(PY) bench/run.py

# regenerates the shipped lexicon (ontology/lexicon/wordnet_lexicon.tsv) from Debian's wordnet-base
lexicon: $(STAMP) $(SYSTEM)
	$(PY) -m spasmkg.ontology.wordnet /usr/share/wordnet
