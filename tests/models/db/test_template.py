"""The test suite's database template (tests/template_db.py) is a faithful new database:
a copy opens without migrating and holds exactly what a freshly migrated file holds."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from models.database import open_database
from models.db.backup import integrity_ok
from models.db.engine import APPLICATION_ID
from models.db.migrate import alembic_config, head_revision
from models.enterprises.entities import Enterprise
from tests.template_db import load_prepared, new_database, template

SKIP_COLUMNS = {"created_at", "updated_at", "at", "hash", "prev_hash"}  # times differ, so do hashes over them


def contents(path: Path) -> tuple[list[tuple[str, str]], dict[str, list[tuple[object, ...]]]]:
    con = sqlite3.connect(path)
    try:
        schema = sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
        rows = {}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            columns = ", ".join(
                f'"{c[1]}"' for c in con.execute(f'PRAGMA table_info("{table}")') if c[1] not in SKIP_COLUMNS
            )
            rows[table] = sorted(con.execute(f'SELECT {columns} FROM "{table}"').fetchall(), key=repr)
        return schema, rows
    finally:
        con.close()


def test_the_template_is_one_verified_read_only_file() -> None:
    path = template()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert not os.access(path, os.W_OK) or os.geteuid() == 0  # root may write anything
    assert not path.stat().st_mode & 0o222
    assert integrity_ok(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision(
            alembic_config()
        )
    finally:
        con.close()


def test_a_copy_holds_what_a_fresh_database_holds(tmp_path: Path) -> None:
    fresh = open_database(tmp_path / "fresh.sqlite3", actor="tester")
    fresh.dispose()
    copy = new_database(tmp_path / "copy.sqlite3", actor="tester")
    copy.dispose()
    assert contents(tmp_path / "copy.sqlite3") == contents(tmp_path / "fresh.sqlite3")
    assert not any(
        p.name.endswith(".bak") or "before-" in p.name for p in tmp_path.iterdir()
    )  # nothing migrated


def test_a_prepared_database_holds_what_its_build_writes(tmp_path: Path) -> None:
    import random

    from models.enterprises.demo import seed_demo

    def build(session: object) -> None:
        seed_demo(session, random.Random(5))  # type: ignore[arg-type]

    direct = new_database(tmp_path / "direct.sqlite3")
    with direct.write() as s:
        build(s)
    direct.dispose()
    for name in ("first", "second"):  # built once, then copied
        db = new_database(tmp_path / f"{name}.sqlite3")
        assert load_prepared(db, "test-enterprises-5", build) is db
        with db.read() as s:  # the same handle reads the prepared file
            assert s.scalar(select(func.count()).select_from(Enterprise)) == 60
        db.dispose()
        assert contents(tmp_path / f"{name}.sqlite3") == contents(tmp_path / "direct.sqlite3")
