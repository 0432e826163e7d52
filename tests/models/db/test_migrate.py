from __future__ import annotations

import shutil
import sqlite3
import textwrap
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from models import database
from models.database import Database, open_database
from models.db import migrate
from models.db.backup import backups_of
from models.db.engine import APPLICATION_ID
from models.db.migrate import MIGRATIONS, alembic_config
from models.errors import DomainError
from models.policy.entities import Platform
from models.schema import metadata
from tests.models.db.helpers import snapshot


def test_fresh_database_matches_the_metadata_exactly(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_baseline_file_is_current() -> None:
    from models.db.migrations.baseline import BASELINE, render_baseline
    from models.schema import metadata

    assert BASELINE.read_text(encoding="utf-8") == render_baseline(metadata), "run: python -m models.schema"


def test_new_file_is_stamped_ours_and_at_head(db: Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    finally:
        con.close()


def test_reopening_is_idempotent_and_makes_no_backup(db: Database, db_path: Path) -> None:
    db.dispose()
    before = snapshot(db_path)
    again = open_database(db_path, actor="tester")
    again.dispose()
    after = snapshot(db_path)
    assert before["schema"] == after["schema"]
    assert before["rows"]["platforms"] == after["rows"]["platforms"]
    assert backups_of(db_path) == []


def test_a_text_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"hello, this is not a database" * 10)
    with pytest.raises(DomainError) as info:
        open_database(path)
    assert info.value.code == "database.not_landspace"
    assert path.read_bytes() == b"hello, this is not a database" * 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_someone_elses_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers VALUES (1, 'x')")
    con.commit()
    con.close()
    data = path.read_bytes()
    with pytest.raises(DomainError) as info:
        open_database(path)
    assert info.value.code == "database.not_landspace"
    assert info.value.fields["reason"] == "application_id"
    assert path.read_bytes() == data


def test_an_empty_sqlite_file_becomes_a_landspace_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()
    db = open_database(path)
    with db.read() as s:
        assert s.scalar(select(Platform.code).where(Platform.priority == 1)) == "QSH"
    db.dispose()


def test_a_database_from_a_newer_landspace_is_refused_unchanged(db: Database, db_path: Path) -> None:
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = snapshot(db_path)
    with pytest.raises(DomainError) as info:
        open_database(db_path)
    assert info.value.code == "database.newer_version"
    assert info.value.fields["revision"] == "9999_future"
    assert snapshot(db_path) == before


def test_a_corrupt_file_is_refused_and_the_newest_verified_backup_named(db: Database, db_path: Path) -> None:
    from models.database import backup_database
    from models.db.backup import backup_name

    good = backup_name(db_path, "manual")
    backup_database(db, good)
    with db.write() as s:  # make the file bigger than a few pages
        for i in range(300):
            s.add(Platform(code=f"P{i}", name=f"平台{i}" * 5, note="x" * 500))
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):  # trash some interior pages
        data[offset] = 0x5A
    db_path.write_bytes(bytes(data))
    with pytest.raises(DomainError) as info:
        open_database(db_path)
    assert info.value.code == "database.corrupt"
    assert info.value.fields["backup"] == str(good)
    assert db_path.read_bytes() == bytes(data)


# --- failing migrations ---------------------------------------------------------------------


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


class InjectedFailure(Exception):
    pass


@pytest.mark.parametrize("revision", _revisions())
def test_failure_inside_each_migration_leaves_the_file_as_it_was(tmp_path: Path, revision: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    down = script.get_revision(revision).down_revision
    path = tmp_path / "db.sqlite3"
    if down is not None:  # bring a database to the revision before, with data
        cfg = alembic_config()
        db = Database(f"sqlite:///{path}")
        with db.engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            from alembic import command

            command.upgrade(cfg, str(down))
        db.dispose()
    else:
        sqlite3.connect(path).close()
    before = snapshot(path)

    def fail(*, step: Any, **_kw: object) -> None:
        if step.up_revision_id == revision:
            raise InjectedFailure(revision)

    with pytest.raises(InjectedFailure):
        database._open(path, actor="t", user_id=None, cfg=alembic_config(on_version_apply=fail))
    if down is None:  # a new file keeps only LandSpace's stamp, so the retry knows it as its own
        before = {**before, "application_id": APPLICATION_ID}
    assert snapshot(path) == before
    db = open_database(path)  # the retry is clean
    db.dispose()
    assert "platforms" in snapshot(path)["rows"]


def test_a_batch_migration_failing_halfway_rolls_back_and_retries_clean(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    with db.write() as s:
        s.add(Platform(code="XX", name="测试平台", priority=9))
    db.dispose()
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    step = textwrap.dedent(f'''
        from alembic import op
        import sqlalchemy as sa

        revision = "9001_test"
        down_revision = "{head}"
        branch_labels = None
        depends_on = None


        def upgrade():
            with op.batch_alter_table("platforms") as batch:
                batch.add_column(sa.Column("extra", sa.String(20), nullable=True))
                batch.alter_column("short_name", type_=sa.String(80))
            op.execute("UPDATE platforms SET extra = code")
            FAIL

        def downgrade():
            pass
        ''')
    target = scripts / "versions" / "9001_test.py"
    target.write_text(step.replace("FAIL", 'raise RuntimeError("halfway")'), encoding="utf-8")
    before = snapshot(db_path)
    with pytest.raises(RuntimeError, match="halfway"):
        database._open(db_path, actor="t", user_id=None, cfg=alembic_config(scripts))
    after = snapshot(db_path)
    assert after == before
    assert not [n for _t, n, _s in after["schema"] if n.startswith("_alembic_tmp")]
    backups = backups_of(db_path)
    assert len(backups) == 1  # a verified backup was taken before migrating
    assert snapshot(backups[0])["rows"]["platforms"] == before["rows"]["platforms"]

    target.write_text(step.replace("FAIL", "pass"), encoding="utf-8")
    again = database._open(db_path, actor="t", user_id=None, cfg=alembic_config(scripts))
    again.dispose()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT extra FROM platforms WHERE code = 'XX'").fetchone() == ("XX",)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("9001_test",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    # this build does not know 9001_test: the file is now "newer"
    with pytest.raises(DomainError) as info:
        open_database(db_path)
    assert info.value.code == "database.newer_version"


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as info:
        open_database(tmp_path)
    assert info.value.code == "database.not_landspace"


def test_an_empty_sqlite_file_of_another_program_is_refused_unchanged(tmp_path: Path) -> None:
    """A SQLite file with a header but no tables and no LandSpace stamp (e.g. made by another
    program's first start) is not silently adopted: LandSpace stamps its own new files."""
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 7")  # writes the header; no tables
    con.commit()
    con.close()
    data = path.read_bytes()
    assert data.startswith(b"SQLite format 3\x00")
    with pytest.raises(DomainError) as info:
        open_database(path)
    assert info.value.code == "database.not_landspace"
    assert info.value.fields["reason"] == "foreign_empty"
    assert path.read_bytes() == data


def test_a_new_file_is_stamped_at_creation_so_an_interrupted_first_start_is_still_ours(
    tmp_path: Path,
) -> None:

    path = tmp_path / "new.sqlite3"
    real = migrate.upgrade

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut during the first migration")

    migrate.upgrade = fail
    try:
        with pytest.raises(RuntimeError):
            open_database(path)
    finally:
        migrate.upgrade = real
    db = open_database(path)  # the retry adopts its own half-created file
    with db.read() as s:
        assert s.scalar(select(Platform.code).where(Platform.priority == 1)) == "QSH"
    db.dispose()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_is_reported_as_read_only_not_corrupt(
    tmp_path: Path, what: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "landspace.sqlite3"
    open_database(path).dispose()
    before = snapshot(path)
    import os

    real_access = os.access
    target = path if what == "file" else folder

    def access(p: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(p)) == target:
            return False  # as for a non-root account on a read-only file or folder
        return real_access(p, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    with pytest.raises(DomainError) as info:
        open_database(path)
    assert info.value.code == f"database.read_only_{what}"
    assert snapshot(path) == before


def test_sqlite_unable_to_open_is_not_called_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a read-only folder SQLite cannot create the ``-shm`` of a WAL file and says "unable
    to open database file": that says nothing about the contents, so it is not "damaged"."""
    from models.db.migrate import inspect_sqlite_file

    path = tmp_path / "x.sqlite3"
    open_database(path).dispose()

    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr("models.db.migrate.sqlite3.connect", refuse)
    with pytest.raises(DomainError) as info:
        inspect_sqlite_file(path, set())
    assert info.value.code == "database.unreadable"


def test_partial_files_of_killed_backups_are_removed_at_the_next_start(tmp_path: Path) -> None:
    from models.db.backup import backup_name

    path = tmp_path / "landspace.sqlite3"
    open_database(path).dispose()
    stale = backup_name(path, "before-import").with_name(backup_name(path, "before-import").name + ".partial")
    stale.write_bytes(b"half a backup")
    unrelated = tmp_path / "report.xlsx.partial"
    unrelated.write_bytes(b"not ours")
    open_database(path).dispose()
    assert not stale.exists()
    assert unrelated.exists()


def test_a_database_in_a_sync_folder_opens_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - 临安区" / "用地"
    folder.mkdir(parents=True)
    db = open_database(folder / "landspace.sqlite3")
    assert [w.code for w in db.warnings] == ["database.sync_folder"]
    db.dispose()
    db = open_database(tmp_path / "local.sqlite3")
    assert db.warnings == []
    db.dispose()
