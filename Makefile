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

.PHONY: run test test-models bench lint format package package-smoke sysdeps screenshots clean upgrade lock

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

# The one code layout (ruff format); make lint refuses a file laid out otherwise.
format: $(BIN)/.installed
	$(BIN)/ruff format models desktop tests packaging scripts

lint: $(BIN)/.installed
	$(BIN)/ruff format --check models desktop tests packaging scripts
	$(BIN)/ruff check models desktop tests
	$(BIN)/mypy models desktop packaging tests
	$(BIN)/lint-imports

# -n auto (pytest-xdist): one worker per core; each worker copies its own migrated template
# database (tests/template_db.py). TEST_JOBS=0 runs everything in one process.
TEST_JOBS ?= auto

test: sysdeps $(BIN)/.installed lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider -n $(TEST_JOBS) --dist loadfile

# The Qt-free tests alone: quick feedback on the core. pytest-qt is off and tests/conftest.py
# refuses any import of PySide6, so these tests provably need no Qt.
test-models: $(BIN)/.installed
	LANDSPACE_TESTS_WITHOUT_QT=1 $(BIN)/pytest -q -p no:cacheprovider -p no:pytest-qt -n $(TEST_JOBS) --dist loadfile tests/models

# `make lock` after editing pyproject's dependencies (keeps every other pin);
# `make upgrade` takes the newest releases pyproject allows and runs the whole suite on them.
lock: $(BIN)/.installed
	$(PY) -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml packaging/build-requirements.in $(LOCK_FLAGS) $(UV_UPGRADE) -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml packaging/build-requirements.in --extra test $(LOCK_FLAGS) $(UV_UPGRADE) -o requirements-dev.lock
	$(BIN)/uv pip compile packaging/package-requirements.in -c requirements.lock $(LOCK_FLAGS) -o requirements-package.lock

upgrade: UV_UPGRADE := --upgrade
upgrade: lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r $(LOCK)
	@touch $(BIN)/.installed
	$(MAKE) test

bench: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

screenshots: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.screenshots docs

# The frozen build comes from its own virtualenv: the runtime lock (no test extras, so no
# mypy/ruff/pytest in the bundle) plus the pinned PyInstaller of requirements-package.lock.
BUILD_VENV := .venv-build
ifeq ($(OS),Windows_NT)
BUILD_BIN := $(BUILD_VENV)/Scripts
else
BUILD_BIN := $(BUILD_VENV)/bin
endif

$(BUILD_BIN)/.installed: pyproject.toml requirements.lock requirements-package.lock
	@echo "Installing the build environment into $(BUILD_VENV) (runtime lock + PyInstaller)..."
	@test -x $(BUILD_BIN)/python || $(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_BIN)/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock -r requirements-package.lock
	$(BUILD_BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

package: $(BUILD_BIN)/.installed
	@bash scripts/sysdeps.sh package
	$(BUILD_BIN)/python packaging/landspace_build.py

# Build, then prove the frozen folder: headless commands, every page rendered (packaging/smoke.py).
package-smoke: package
	$(BUILD_BIN)/python packaging/smoke.py dist/LandSpace

clean:
	rm -rf $(VENV) $(BUILD_VENV) build dist *.egg-info .mypy_cache .ruff_cache
