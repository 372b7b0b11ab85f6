# Everyday commands. `make site` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check schema bench lint clean

NODE_STAMP := node_modules/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

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

clean:
	rm -rf site .site-new-* .site-old-* .pytest_cache
	$(BIN)/lertrat clean
