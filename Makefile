# Two commands for a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SCENARIO ?= first-call-zhang

.PHONY: play test lint bench mutation clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

play: $(STAMP)
	$(BIN)/collectsim play $(SCENARIO)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/collectsim validate personas scenarios

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
	rm -rf $(VENV) build dist *.egg-info .pytest_cache mutants
