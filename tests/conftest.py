"""Shared fixtures. Qt runs offscreen; every database is a file in tmp_path (never :memory:)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from models.db.engine import Database  # noqa: E402
from models.db.migrate import open_database  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "landspace.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new database with the schema and the seeded defaults (platforms, rules)."""
    database = open_database(db_path, actor="tester")
    yield database
    database.dispose()
