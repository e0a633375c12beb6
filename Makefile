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

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

# Lint and types (pyproject.toml says which rules and why), run by `make test`.
lint: $(STAMP)
	$(BIN)/ruff check briefing tests benchmarks scripts
	$(BIN)/mypy

$(VENV)/.bench-installed: $(STAMP) benchmarks/requirements.lock
	$(PIP) install --no-deps --require-hashes -r benchmarks/requirements.lock
	$(BIN)/python -m pip check --disable-pip-version-check
	touch $@

# The benchmarks, in the order they run; each prints Markdown.
BENCHMARKS := summarise editorial speed actors rules roles quotes pages dates scale lanes sections lede standalone language
# The large day of scale.py (about 45 minutes at 10,000 on 2 cores): `make bench SCALE_ARTICLES=2000` for a shorter run.
SCALE_ARTICLES ?= 10000
# Writes benchmarks/RESULTS.md: a header saying when and on what machine, then each benchmark's
# output under its name (shown as each one ends). A benchmark that fails stops the target and
# leaves RESULTS.md as it was (the output so far stays in RESULTS.md.new and RESULTS.md.new.part).
HEADER := import datetime, os, platform; \
	print("\# Benchmark results\n\nWritten by `make bench` on", \
	      datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"), "on", platform.platform() + ",", \
	      "Python", platform.python_version() + ",", os.cpu_count(), "cores, load average", \
	      "%.1f" % os.getloadavg()[0], "at the start. Earlier results: `git log -p benchmarks/RESULTS.md`.")
bench: $(VENV)/.bench-installed
	@set -e; new=benchmarks/RESULTS.md.new; \
	$(BIN)/python -c '$(HEADER)' > $$new; \
	for name in $(BENCHMARKS); do \
	  echo "running benchmarks/$$name.py" >&2; \
	  args=; if [ $$name = scale ]; then args="--articles $(SCALE_ARTICLES)"; fi; \
	  $(BIN)/python benchmarks/$$name.py $$args > $$new.part; \
	  printf '\n## `benchmarks/%s.py`\n\n' $$name >> $$new; cat $$new.part >> $$new; cat $$new.part; \
	done; \
	rm -f $$new.part; mv $$new benchmarks/RESULTS.md; echo "wrote benchmarks/RESULTS.md"

# Regenerate the lock files after changing dependencies (needs pip-tools). Extras are stripped:
# the packages they bring are listed in the lock themselves, installed with --no-deps.
LOCK := pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	$(LOCK) --extra model --extra test --extra dask -o requirements.lock pyproject.toml
	$(LOCK) -c requirements.lock -o benchmarks/requirements.lock benchmarks/requirements.in

clean:
	rm -rf $(VENV)
