"""Fixtures of the data-layer tests: ``shared_db`` runs a test on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from models.database import Database, open_database

ADMIN_URL = os.environ.get("LANDSPACE_TEST_PG_URL", "")


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        database = open_database(tmp_path / "landspace.sqlite3", actor="测试")
        yield database
        database.dispose()
        return
    if not ADMIN_URL:
        pytest.skip(
            "LANDSPACE_TEST_PG_URL not set: no PostgreSQL server (scripts/pg_test_server.sh starts one)"
        )
    name = f"landspace_race_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        database = open_database(
            make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False), actor="测试"
        )
        yield database
        database.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
