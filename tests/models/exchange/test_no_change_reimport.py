"""A re-import that changes nothing writes nothing: no audit entry, no version bump, no
backup, not one byte of data different; and no import copies the database first."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from models.database import Database
from models.db.backup import backups_of
from models.demo import seed_demo
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind
from tests.template_db import new_database


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = new_database(tmp_path_factory.mktemp("reimport") / "demo.sqlite3")
    with db.write() as s:
        seed_demo(s)
    yield db
    db.dispose()


def _state(db: Database) -> tuple[int, str]:
    """The audit log's length and a digest of every row of every table (versions included)."""
    digest = hashlib.sha256()
    with db.read() as s:
        count = int(s.execute(text("SELECT count(*) FROM audit_entries")).scalar_one())
        tables = s.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        for table in list(tables):
            for row in s.execute(text(f'SELECT * FROM "{table}" ORDER BY rowid')):  # noqa: S608 - our own names
                digest.update(repr(tuple(row)).encode())
    return count, digest.hexdigest()


@pytest.mark.parametrize(
    "kind_name",
    [
        "enterprises",
        "platforms",
        "plots",
        "buildings",
        "units",
        "carriers",
        "quota-grants",
        "renewal-projects",
    ],
)
def test_reimporting_an_export_writes_nothing(demo_db: Database, tmp_path: Path, kind_name: str) -> None:
    kind = get_kind(kind_name)
    path = tmp_path / f"{kind_name}.xlsx"
    assert export_kind(demo_db, kind, path) > 0
    before = _state(demo_db)
    report = run_import(demo_db, kind, path)
    assert report.ok, [p.problem for p in report.errors]
    assert (report.created, report.updated) == (0, 0) and report.unchanged == report.rows_read
    assert _state(demo_db) == before  # not one audit entry, not one changed value or version
    assert demo_db.path is not None and backups_of(demo_db.path) == []


def test_an_import_that_changes_takes_no_copy_of_the_database(db: Database, tmp_path: Path) -> None:
    from tests.models.exchange.helpers import TEST_KIND, write_xlsx

    report = run_import(db, TEST_KIND, write_xlsx(tmp_path / "a.xlsx", [["名称", "序号"], ["甲", 1]]))
    assert report.committed and report.created == 1
    assert db.path is not None and backups_of(db.path) == []
    assert "exchange.backup_taken" not in [n.code for n in report.notes]
