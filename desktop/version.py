"""The application's version: written once, in ``pyproject.toml``; read here from the installed
distribution's metadata (the frozen build carries it: ``copy_metadata`` in the spec)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "landspace"


def app_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree that was never installed (pip install -e .)
        return "0+unknown"
