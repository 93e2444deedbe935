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

# The suite runs on TEST_WORKERS processes (pytest-xdist): 2, the cores of the machines CI
# runs on, takes it from ~14 min to ~8. TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= 2
test: $(STAMP) $(LRS_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/collectsim validate personas scenarios

# The loader's fuzz target (tests/fuzzing.py) at length: `make test` runs 60 mutants with
# lint's checks too; this runs FUZZ_EXAMPLES (default 100,000) through the loader alone.
FUZZ_EXAMPLES ?= 100000
fuzz: $(STAMP)
	COLLECTSIM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) COLLECTSIM_FUZZ_LINT=0 \
		$(BIN)/python -m pytest tests/test_fuzz_loader.py -q -s -p no:cacheprovider

# Mutants of the rubric and the turn step ([tool.mutmut] in pyproject.toml: scoring/checks.py,
# compliance.py, fold.py, scorer.py, simulator/engine/step.py), each run against the fast
# tests that reach it (the selection there), fastest first (tools/mutation_order.py), at the
# lowest priority: the two cores are shared. Measured here under a load of 5-10 from other
# work: mutants and the stats pass ~3 min, then a mutant takes 0.6 s (median; 5 s p90, up to
# 160 s; 2 at a time): a sample of 300 about 45 min (12-20 min on a quieter day, 2026-12-01),
# all ~2,150 about 2 hours. So
# `make mutation SAMPLE=300` runs a fixed random sample (seed 12; SEED=13 draws another, one
# nobody wrote tests against yet) and prints the sample's figure; a rerun runs only the
# sample's mutants not yet killed. Survivors are
# listed at the end (`.venv/bin/mutmut show NAME` shows one); tools/mutation_equivalent.md
# lists those no test can kill, and why. Results stay in mutants/ (kept out of git).
SAMPLE ?=
SEED ?= 12
MUTMUT := nice -n 19 $(BIN)/mutmut run --max-children 2
mutation: $(STAMP)
ifeq ($(SAMPLE),)
	$(MUTMUT) || true
	$(BIN)/python tools/mutation_score.py
else
	@# first (re)generate the mutants and the stats, running only seen_of's few mutants: a
	@# file edited since the last run gets its mutants renumbered, and the sample must be
	@# picked from the current ones
	$(MUTMUT) 'scoring.fold.x_seen_of*' || true
	names="$$($(BIN)/python tools/mutation_score.py --pick $(SAMPLE) --seed $(SEED) --todo)"; \
		if [ -n "$$names" ]; then $(MUTMUT) $$names || true; fi
	$(BIN)/python tools/mutation_score.py --sample $(SAMPLE) --seed $(SEED)
endif

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) $(LRS_VENV) build dist *.egg-info .pytest_cache mutants
