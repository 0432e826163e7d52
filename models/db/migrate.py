"""The steps of opening a database that know no area: refuse what is not ours, migrate.

``models.database.open_database`` runs them in order, with a backup before a migration
and the areas' defaults after:

- an existing file is inspected read-only before anything writes to it
  (``inspect_sqlite_file``): not SQLite or SQLite without LandSpace's ``application_id``
  (a new file is stamped at creation, ``stamp_new_file``, so even an empty foreign SQLite
  file is refused) → ``database.not_landspace``; ``quick_check`` fails →
  ``database.corrupt`` naming the newest verified backup; stamped with a revision this
  build does not know → ``database.newer_version``. Each is refused with the file unchanged;
  a file or folder this account may not write is refused as read-only
  (``ensure_writable``), never called damaged; ``.partial`` files left by killed backups
  are removed (``remove_stale_partials``);
- Alembic upgrades to head inside ONE transaction (``upgrade``; BEGIN IMMEDIATE through
  the engine's BEGIN hook, ``transactional_ddl``): a failing migration leaves schema and
  data as they were, and a retry starts clean. Foreign keys are switched off for the
  migration's connection (SQLite's own procedure for schema changes) and checked with
  ``foreign_key_check`` before commit.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, MetaData

from models.db.backup import newest_verified_backup
from models.db.engine import (
    APPLICATION_ID,
)
from models.errors import DomainError

if TYPE_CHECKING:  # Alembic is imported where it runs: a current file opens without it
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


def alembic_config(
    script_location: Path | None = None,
    on_version_apply: Callable[..., Any] | None = None,
    *,
    metadata: MetaData | None = None,
) -> Config:
    """Alembic's configuration for LandSpace's migrations. ``metadata``: the schema the
    migrations build (the caller's, ``models.schema.metadata``), given to the environment as
    its ``target_metadata``; running migrations does not need it, comparing does."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS).replace("%", "%%"))
    if on_version_apply is not None:
        cfg.attributes["on_version_apply"] = on_version_apply
    if metadata is not None:
        cfg.attributes["metadata"] = metadata
    return cfg


def known_revisions(cfg: Config) -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def head_revision(cfg: Config) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(cfg).get_current_head()


def inspect_sqlite_file(path: Path, known: set[str], *, integrity: bool = True) -> tuple[bool, str | None]:
    """(has LandSpace tables, current revision) of an existing file, read-only; refuses
    foreign, corrupt and newer files with a ``DomainError`` and leaves them unchanged.
    ``integrity=False`` skips ``quick_check`` (a file closed cleanly, see ``clean_close``)."""
    if path.is_dir():
        raise DomainError("database.not_landspace", path=str(path), reason="directory")
    if not path.exists() or path.stat().st_size == 0:
        return False, None
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise DomainError("database.not_landspace", path=str(path), reason="not_sqlite")
    from urllib.parse import quote

    try:
        con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, isolation_level=None)
        try:
            con.execute("PRAGMA busy_timeout = 10000")
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0]
                for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            if app_id != APPLICATION_ID:
                # LandSpace stamps a new file the moment it creates it (``_stamp_new_file``),
                # so a non-empty SQLite file without the stamp is another program's, even
                # when it has no tables yet.
                raise DomainError(
                    "database.not_landspace",
                    path=str(path),
                    reason="application_id" if tables else "foreign_empty",
                )
            check = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()] if integrity else ["ok"]
            if check != ["ok"]:
                raise _corrupt(path, "; ".join(str(c) for c in check[:3]))
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if _cannot_open_for_reading(exc):
            raise DomainError("database.unreadable", path=str(path), detail=str(exc)) from exc
        raise _corrupt(path, str(exc)) from exc
    if revision is not None and revision not in known:
        raise DomainError("database.newer_version", path=str(path), revision=revision)
    return bool(tables), revision


def _cannot_open_for_reading(exc: sqlite3.DatabaseError) -> bool:
    """SQLite could not open the file at all (permissions, a lock it cannot take): that says
    nothing about the file's contents, so it must never be reported as damage."""
    return isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc).lower()


def ensure_writable(path: Path) -> None:
    """Refuse (``database.read_only_file`` / ``database.read_only_folder``) a file, or the
    folder of a new or WAL file,
    that this account may not write: SQLite needs the folder for its ``-wal``/``-shm`` files.
    Said before anything reads the file, so a read-only copy is never called damaged."""
    folder = path.parent if path.parent.exists() else None
    if path.exists() and not os.access(path, os.W_OK):
        raise DomainError("database.read_only_file", path=str(path))
    if folder is not None and not os.access(folder, os.W_OK):
        raise DomainError("database.read_only_folder", path=str(path))


def remove_stale_partials(path: Path) -> list[Path]:
    """Remove ``*.partial`` files that a killed backup of ``path`` left beside it (a finished
    backup renames its ``.partial`` onto the real name, so any left over is garbage)."""
    from models.db.backup import partial_backups_of

    removed = []
    for stale in partial_backups_of(path):
        try:
            stale.unlink()
        except OSError:
            continue  # another process may be writing it right now; next start tries again
        removed.append(stale)
    return removed


def stamp_new_file(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _corrupt(path: Path, detail: str) -> DomainError:
    backup = newest_verified_backup(path)
    return DomainError(
        "database.corrupt", path=str(path), detail=detail, backup=str(backup) if backup else ""
    )


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return rev


def upgrade(engine: Engine, cfg: Config) -> None:
    """Run every pending migration in one transaction (all or nothing)."""
    from alembic import command

    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.dbapi_connection
        if sqlite and raw is not None:
            # Outside any transaction (inside one, SQLite ignores this pragma).
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DomainError(
                            "database.migration_failed", reason="foreign_key_check", table=str(broken[0][0])
                        )
                    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            cfg.attributes.pop("connection", None)
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
