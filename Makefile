# Two commands set everything up: `make brief` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every package comes from a lock that lists all of them, each pinned with its hashes, so pip is
# told not to resolve anything (--no-deps): what the venv's pip version makes of extras and of
# ranges that later releases upstream satisfy cannot change the install. `pip check` then proves
# the locked set complete. -qq keeps pip to its errors.
PIP := $(BIN)/python -m pip -qq --disable-pip-version-check --no-input

.PHONY: brief test lint bench lock clean

$(STAMP): requirements.lock pyproject.toml scripts/preflight.py
	@$(PYTHON) scripts/preflight.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --no-deps --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation --no-index -e .
	$(BIN)/python -m pip check --disable-pip-version-check
	touch $(STAMP)

brief: $(STAMP)
	$(BIN)/briefing run --config config.yaml

test: $(STAMP)
	$(BIN)/python -m pytest -q

$(VENV)/.bench-installed: $(STAMP) benchmarks/requirements.lock
	$(PIP) install --no-deps --require-hashes -r benchmarks/requirements.lock
	$(BIN)/python -m pip check --disable-pip-version-check
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/summarise.py
	$(BIN)/python benchmarks/editorial.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/actors.py
	$(BIN)/python benchmarks/quotes.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/scale.py

# Regenerate the lock files after changing dependencies (needs pip-tools). Extras are stripped:
# the packages they bring are listed in the lock themselves, installed with --no-deps.
LOCK := pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	$(LOCK) --extra model --extra test -o requirements.lock pyproject.toml
	$(LOCK) -c requirements.lock -o benchmarks/requirements.lock benchmarks/requirements.in

clean:
	rm -rf $(VENV)
