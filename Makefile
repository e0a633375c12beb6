# Two commands set everything up: `make brief` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: brief test bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --no-index -e .
	touch $(STAMP)

brief: $(STAMP)
	$(BIN)/briefing run --config config.yaml

test: $(STAMP)
	$(BIN)/python -m pytest -q

$(VENV)/.bench-installed: $(STAMP) benchmarks/requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r benchmarks/requirements.lock
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/summarise.py
	$(BIN)/python benchmarks/editorial.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/actors.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/scale.py

# Regenerate the lock files after changing dependencies (needs pip-tools).
lock:
	pip-compile --generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url --no-emit-find-links --extra model --extra test -o requirements.lock pyproject.toml
	pip-compile --generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url --no-emit-find-links -c requirements.lock -o benchmarks/requirements.lock benchmarks/requirements.in

clean:
	rm -rf $(VENV)
