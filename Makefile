# LandSpace — make run · make test · make bench · make package
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
PY := $(BIN)/python

.PHONY: run test bench lint package sysdeps screenshots clean

sysdeps:
	@bash scripts/sysdeps.sh

$(BIN)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	@touch $@

run: sysdeps $(BIN)/.installed
	$(BIN)/landspace $(ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check models desktop tests
	$(BIN)/mypy models desktop
	$(BIN)/lint-imports

test: sysdeps $(BIN)/.installed lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider

bench: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

screenshots: sysdeps $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.screenshots docs

package: $(BIN)/.installed
	$(PY) -m pip install -q pyinstaller
	$(BIN)/pyinstaller --noconfirm packaging/landspace.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache
