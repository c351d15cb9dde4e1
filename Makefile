# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
BUN := $(TOOLS)/node_modules/.bin/bun
AXE := $(TOOLS)/node_modules/axe-core/axe.min.js

export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(CURDIR)/$(BIN):$(PATH)
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false

.PHONY: run test install lint typecheck migrate seed clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# Reflex's own installer downloads bun with a script; the npm registry has it as a package.
$(BUN):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error bun@1.4.4

# axe-core: the accessibility audit the browser tests run on every page they visit.
$(AXE):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error axe-core@4

install: $(BIN)/.installed $(BUN) $(AXE)

migrate: install
	$(BIN)/fxorleans migrate

seed: migrate
	$(BIN)/fxorleans seed

# Demo data only in development: `fxorleans seed` refuses in production anyway.
run: migrate
	@if [ "$${FXO_ENV:-development}" = development ]; then $(BIN)/fxorleans seed; \
	else echo "FXO_ENV=$$FXO_ENV: no demo data"; fi
	$(BIN)/reflex run --env prod --frontend-port 3000 --backend-port 3000

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest

clean:
	rm -rf .web .states $(TOOLS) $(VENV) data test-artifacts
