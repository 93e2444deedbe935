# Two commands for a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# A real Learning Record Store (Ralph) for the xAPI export test, in a venv of its own: its
# pinned web stack is not ours to share. The test starts it on loopback.
LRS_VENV := .venv-lrs
LRS_STAMP := $(LRS_VENV)/.installed-stamp
SCENARIO ?= first-call-zhang

.PHONY: play test lint bench clean

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

test: $(STAMP) $(LRS_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/collectsim validate personas scenarios

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) $(LRS_VENV) build dist *.egg-info .pytest_cache
