# Everyday commands. `make site` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check schema bench lint clean lock

NODE_STAMP := node_modules/.installed

LOCK := requirements.lock
LOCKED := $(VENV)/.locked
UV_VERSION := 0.13.9

# Every library and tool at the version and with the hashes in requirements.lock, and nothing
# else: the venv is made anew whenever the lock changes (`make lock` updates it).
$(LOCKED): $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	touch $(LOCKED)

# lertrat itself, editable; its dependencies are already there from the lock.
$(STAMP): $(LOCKED) pyproject.toml
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Resolve requirements.lock again: the newest releases that pyproject.toml allows (its
# dependencies and the test extra), plus pip and setuptools (the build backend), for any
# platform and Python 3.11 or later, with the index's hashes. uv reads only its own default
# index, never pip's configuration, so the hashes are those every machine downloads.
lock:
	test -x .venv-lock/bin/uv || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/python -m pip install --quiet uv==$(UV_VERSION))
	printf 'pip\nsetuptools>=68\n' | UV_NO_CONFIG=1 .venv-lock/bin/uv pip compile --quiet pyproject.toml - --extra test --universal --python-version 3.11 --generate-hashes -o $(LOCK)

site: $(STAMP)          ## validate rubrics/ and build the site into site/
	$(BIN)/lertrat build

serve: $(STAMP)         ## preview on http://127.0.0.1:8000/ with live reload
	$(BIN)/lertrat serve

check: $(STAMP)         ## validate rubrics/ only
	$(BIN)/lertrat check

schema: $(STAMP)        ## regenerate schema/*.json for editors
	$(BIN)/lertrat schema

# axe-core for the accessibility tests, at the version pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

test: $(STAMP) $(NODE_STAMP)  ## lint, then run every test
	$(BIN)/ruff check generator tests tools
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests tools

bench: $(STAMP)         ## print how long generating and building take
	$(BIN)/python -m tools.bench
	$(BIN)/python -m tools.bench_archive   # real content beside a synthetic 20-year archive

# Works on a fresh clone too (before `make site`): the generated pages are removed by a
# standard-library script, not by the installed lertrat. .venv/ and node_modules/ stay.
clean:                  ## remove the built site, the generated pages and the tests' files
	rm -rf site .site-new-* .site-old-* .pytest_cache .pytest-tmp tests/output
	$(PYTHON) generator/pages/generated.py content
