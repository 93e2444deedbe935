# Commands for a fresh machine: `make play`, `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# A real Learning Record Store (Ralph) for the xAPI export test, in a venv of its own: its
# pinned web stack is not ours to share. The test starts it on loopback.
LRS_VENV := .venv-lrs
LRS_STAMP := $(LRS_VENV)/.installed-stamp
SCENARIO ?= first-call-zhang
PORT ?= 8000

.PHONY: play serve test lint bench fuzz mutation clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(LRS_STAMP):
	@test -x $(LRS_VENV)/bin/python || $(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet 'ralph-malph[backend-fs,lrs,cli]==5.1.0' requests
	@touch $(LRS_STAMP)

play: $(STAMP)
	$(BIN)/collectsim play $(SCENARIO)

serve: $(STAMP)
	$(BIN)/collectsim serve --port $(PORT)

test: $(STAMP) $(LRS_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/collectsim validate personas scenarios

# The loader's fuzz target (tests/fuzzing.py) at length: `make test` runs 60 mutants with
# lint's checks too; this runs FUZZ_EXAMPLES (default 100,000) through the loader alone.
FUZZ_EXAMPLES ?= 100000
fuzz: $(STAMP)
	COLLECTSIM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) COLLECTSIM_FUZZ_LINT=0 \
		$(BIN)/python -m pytest tests/test_fuzz_loader.py -q -s -p no:cacheprovider

# Mutants of the rubric and the turn step ([tool.mutmut] in pyproject.toml); survivors are
# listed at the end (`.venv/bin/mutmut show NAME` shows one). All ~2,000 take hours on two
# cores: `make mutation SAMPLE=200` runs a fixed sample of them (once the first run has
# generated the mutants). Results are kept in mutants/: a rerun only redoes what changed.
SAMPLE ?=
mutation: $(STAMP)
	$(BIN)/mutmut run --max-children 2 $(if $(SAMPLE),$$($(BIN)/python tools/mutation_score.py --pick $(SAMPLE))) || true
	$(BIN)/python tools/mutation_score.py

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) $(LRS_VENV) build dist *.egg-info .pytest_cache mutants
