# youjun — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := build/demo

.PHONY: demo test install lint unit bench clean serve

$(STAMP): pyproject.toml requirements.lock scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh --with-browser
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	bash scripts/fetch-static.sh
	touch $(STAMP)

install: $(STAMP)

## The main job on the embedded default: sample district S -> validate -> import -> assess -> reports.
demo: install
	@mkdir -p $(DEMO)
	$(BIN)/youjun sample S --seed 2023 --out $(DEMO)/district-S.xlsx
	$(BIN)/youjun validate $(DEMO)/district-S.xlsx
	$(BIN)/youjun import $(DEMO)/district-S.xlsx --db $(DEMO)/youjun.duckdb --replace
	$(BIN)/youjun assess $(DEMO)/youjun.duckdb --rules cn-2017 --out $(DEMO)/report
	$(BIN)/youjun web-demo --data-dir $(DEMO)/web

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

## Two lanes side by side, one per core. Main: pytest on SQLite, every test but the slow ones
## outside tests/web. Side: the web suite again on a throw-away PostgreSQL server on loopback,
## then those slow tests (Spark agreement, PDFs in parallel, killed processes...); its output is
## kept in build/test-postgresql.log and build/test-slow.log and printed when both are done.
## The real-Chromium tests run once, on SQLite: what they check (layout, scripts, what a person
## sees) does not depend on the database, and every page they open is also rendered on
## PostgreSQL by the web suite's other tests. Every run lists its slowest tests.
unit: install
	@mkdir -p build
	@( bash scripts/with-postgres.sh $(BIN)/pytest -p no:cacheprovider -m "not browser" --durations=25 tests/web \
	     > build/test-postgresql.log 2>&1; pg=$$?; \
	   YOUJUN_TEST_LANE=side $(BIN)/pytest -p no:cacheprovider --durations=15 > build/test-slow.log 2>&1; slow=$$?; \
	   exit $$(( (pg != 0) + 2 * (slow != 0) )) ) & side=$$!; \
	YOUJUN_TEST_LANE=main $(BIN)/pytest --durations=40; sqlite=$$?; \
	wait $$side; lanes=$$?; \
	echo "== the web suite on PostgreSQL =="; tail -n 80 build/test-postgresql.log; \
	echo "== the slow tests outside tests/web =="; tail -n 40 build/test-slow.log; \
	echo "SQLite suite: exit $$sqlite; PostgreSQL web suite and slow tests: exit $$lanes"; \
	test $$sqlite -eq 0 -a $$lanes -eq 0

serve: install
	$(BIN)/youjun serve

## ruff, mypy, import-linter and pytest.
test: lint unit

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
