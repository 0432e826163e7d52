# LandSpace — make run · make test · make bench · make package
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
PY := $(BIN)/python

# Installs come from the committed lock files (exact versions and hashes for every platform),
# never from pyproject's open ranges: `make upgrade` refreshes the locks and runs the suite.
LOCK := requirements-dev.lock
UV_VERSION := 0.13.9
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --no-header --annotation-style line

.PHONY: run test test-models bench lint package sysdeps screenshots clean upgrade lock

sysdeps:
	@bash scripts/sysdeps.sh

$(BIN)/.installed: pyproject.toml $(LOCK)
	@echo "Installing LandSpace and its locked dependencies into $(VENV) (first run: a few minutes; pip lists each package as it goes)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --progress-bar on --require-hashes -r $(LOCK)
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@
	@echo "Installed."

run: sysdeps $(BIN)/.installed
	$(BIN)/landspace $(ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check models desktop tests
	$(BIN)/mypy models desktop
	$(BIN)/lint-imports

test: sysdeps $(BIN)/.installed lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider

# The Qt-free tests alone: quick feedback on the core.
test-models: $(BIN)/.installed
	$(BIN)/pytest -q -p no:cacheprovider tests/models

# `make lock` after editing pyproject's dependencies (keeps every other pin);
# `make upgrade` takes the newest releases pyproject allows and runs the whole suite on them.
lock: $(BIN)/.installed
	$(PY) -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml packaging/build-requirements.in $(LOCK_FLAGS) $(UV_UPGRADE) -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml packaging/build-requirements.in --extra test $(LOCK_FLAGS) $(UV_UPGRADE) -o requirements-dev.lock

upgrade: UV_UPGRADE := --upgrade
upgrade: lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r $(LOCK)
	@touch $(BIN)/.installed
	$(MAKE) test

bench: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

screenshots: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.screenshots docs

package: $(BIN)/.installed
	$(PY) -m pip install -q pyinstaller
	$(BIN)/pyinstaller --noconfirm packaging/landspace.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache
