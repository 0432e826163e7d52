from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from models.database import Database
from models.policy.entities import Platform


def test_every_connection_has_the_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        busy_timeout = conn.execute(text("PRAGMA busy_timeout")).scalar()
        assert busy_timeout is not None and busy_timeout >= 5000
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -32 * 1024  # KiB


def test_new_database_has_the_four_platforms_science_city_first(db: Database) -> None:
    with db.read() as s:
        names = list(s.scalars(select(Platform.name).order_by(Platform.priority)))
    assert names == ["青山湖科技城", "高新技术产业园", "玲珑工业功能区", "於潜工业功能区"]


def test_scaled_decimal_round_trips_exactly(db: Database) -> None:
    import datetime as dt

    from models.quotas.entities import QuotaGrant
    from models.units import AreaUnit, to_m2

    with db.write() as s:
        s.add(
            QuotaGrant(
                year=2025,
                source="区年度计划",
                document_no="X-1",
                granted_on=dt.date(2025, 1, 1),
                area_m2=to_m2(Decimal("85.5"), AreaUnit.MU),
            )
        )
    with db.read() as s:
        g = s.scalar(select(QuotaGrant))
        assert g is not None and g.area_m2 == Decimal("57000.0000")


def test_write_transactions_begin_immediate_and_reads_do_not_block(db: Database) -> None:
    import sqlite3

    assert db.path is not None
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.write() as s:
            s.execute(select(Platform.id)).all()  # only a read so far, but the write lock is held
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                assert "locked" in str(exc)
            else:  # pragma: no cover - the assertion that matters
                other.execute("ROLLBACK")
                raise AssertionError("a write transaction did not take the write lock at BEGIN")
        with db.read() as s:
            s.execute(select(Platform.id)).all()
            other.execute("BEGIN IMMEDIATE")  # a reader never holds the write lock
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_second_editor_of_a_record_gets_changed_by_other(db: Database) -> None:
    import pytest

    from models.errors import ConflictError

    with db.read() as s:
        mine = s.scalar(select(Platform).where(Platform.code == "LL"))
    assert mine is not None
    with db.write() as s:  # someone else saves first
        theirs = s.scalar(select(Platform).where(Platform.code == "LL"))
        assert theirs is not None
        theirs.short_name = "玲珑区块"
    with pytest.raises(ConflictError) as info, db.write() as s:
        s.add(mine)
        mine.short_name = "我的修改"
    assert info.value.code == "record.changed_by_other"
    assert info.value.fields["entity"] == "platforms"
    with db.read() as s:
        assert s.scalar(select(Platform.short_name).where(Platform.code == "LL")) == "玲珑区块"


def test_postgresql_urls_get_no_sqlite_connection_hooks() -> None:
    from types import SimpleNamespace

    from sqlalchemy import event

    from models.db.engine import _on_begin, _on_connect, make_engine, sqlite_path

    fake_dbapi = SimpleNamespace(paramstyle="pyformat", Error=Exception, __version__="3.1.0", version="3.1.0")
    engine = make_engine("postgresql+pg8000://u:p@db.example/landspace", module=fake_dbapi)
    assert engine.dialect.name == "postgresql"
    assert not event.contains(engine, "connect", _on_connect)
    assert not event.contains(engine, "begin", _on_begin)
    assert sqlite_path(str(engine.url)) is None
    db = Database("postgresql+pg8000://u:p@db.example/landspace", engine=engine)
    assert db.path is None


def test_backup_refuses_a_database_that_is_not_sqlite() -> None:
    from pathlib import Path
    from types import SimpleNamespace

    import pytest

    from models.database import backup_database
    from models.db.engine import make_engine
    from models.errors import DomainError

    fake_dbapi = SimpleNamespace(paramstyle="pyformat", Error=Exception, __version__="3.1.0", version="3.1.0")
    engine = make_engine("postgresql+pg8000://u:secret@db.example/landspace", module=fake_dbapi)
    db = Database("postgresql+pg8000://u:secret@db.example/landspace", engine=engine)
    with pytest.raises(DomainError) as info:
        backup_database(db, Path("x.sqlite3"))
    assert info.value.code == "backup.not_sqlite"
    assert "secret" not in info.value.fields["url"]


def test_a_full_disk_is_reported_plainly_and_nothing_half_saved(db: Database) -> None:
    import pytest

    from models.errors import DomainError
    from models.policy.entities import ChoiceItem

    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    from sqlalchemy import event

    def cap(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {int(pages or 0) + 2}")

    db.engine.dispose()
    event.listen(db.engine, "connect", cap)
    with pytest.raises(DomainError) as info, db.write() as s:
        for i in range(2000):
            s.add(ChoiceItem(category="fill", value=f"{i}-" + "x" * 90))
    assert info.value.code == "database.disk_full"
    event.remove(db.engine, "connect", cap)
    db.engine.dispose()
    with db.read() as s:
        assert s.scalar(select(ChoiceItem.id).where(ChoiceItem.category == "fill")) is None
        assert s.scalar(select(Platform.code).where(Platform.priority == 1)) == "QSH"


def test_a_writer_held_past_the_busy_timeout_is_reported_plainly(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import pytest

    from models.errors import DomainError

    assert db.path is not None
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        quick = Database(db.url)
        from sqlalchemy import event

        event.listen(quick.engine, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout = 50"))
        with pytest.raises(DomainError) as info, quick.write() as s:
            s.add(Platform(code="ZZ", name="占用测试"))
        assert info.value.code == "database.busy"
        quick.dispose()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_new_files_get_8k_pages_and_old_files_keep_theirs(db: Database, tmp_path: Path) -> None:
    import sqlite3

    from models.db.engine import PAGE_SIZE, normalize_url

    with db.read() as s:
        assert s.execute(text("PRAGMA page_size")).scalar() == PAGE_SIZE == 8192
    old = tmp_path / "old.sqlite3"
    con = sqlite3.connect(old)
    con.execute("PRAGMA page_size = 4096")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE t (x)")  # a file written with 4 KiB pages
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    other = Database(normalize_url(old))
    try:
        with other.engine.connect() as conn:
            assert conn.execute(text("PRAGMA page_size")).scalar() == 4096
            assert conn.execute(text("SELECT x FROM t")).scalar() == 1
    finally:
        other.dispose()


def test_a_bare_postgresql_url_uses_the_shipped_driver() -> None:
    from models.db.engine import normalize_url

    assert (
        normalize_url("postgresql://clerk@db.example/landspace")
        == "postgresql+psycopg://clerk@db.example/landspace"
    )
    assert (
        normalize_url("postgres://clerk@db.example/landspace")
        == "postgresql+psycopg://clerk@db.example/landspace"
    )
    assert normalize_url("postgresql+pg8000://u@h/x") == "postgresql+pg8000://u@h/x"  # a driver named stays
    assert normalize_url("sqlite:////tmp/a.sqlite3") == "sqlite:////tmp/a.sqlite3"
