# untm - the two set-up commands on a fresh machine are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
DEMO_DB ?= .demo/untm.db

.PHONY: demo test lint bench clean glossary

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

demo: $(STAMP)
	DEMO_DB=$(DEMO_DB) UNTM=$(VENV)/bin/untm sh demo.sh

test: $(TSTAMP)
	$(PY) -m pytest -q

# mypy does not follow setuptools package-dir mappings, so it checks a tree of links
# that has the installed layout (untm/termbase -> termbase, ...).
lint: $(TSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	rm -rf build/typecheck && mkdir -p build/typecheck/untm
	for f in untm/*.py untm/py.typed; do ln -s "$(CURDIR)/$$f" build/typecheck/untm/; done
	for d in text termbase tm align lint cli glossaries; do ln -s "$(CURDIR)/$$d" build/typecheck/untm/$$d; done
	cd build/typecheck && ../../$(VENV)/bin/mypy --config-file ../../pyproject.toml -p untm

bench: $(TSTAMP)
	$(PY) bench/termbase_bench.py
	$(PY) bench/tm_lookup.py
	$(PY) bench/tmx_memory.py

glossary: $(STAMP)
	mkdir -p dist
	$(VENV)/bin/untm --db dist/glossary.db termbase export --format tbx dist/untm-un-glossary.tbx
	$(VENV)/bin/untm --db dist/glossary.db termbase export --format tbx2 dist/untm-un-glossary-tbx2.tbx

clean:
	rm -rf build dist .demo .pytest_cache .mypy_cache .ruff_cache
