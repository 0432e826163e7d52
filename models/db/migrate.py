"""Opening a database: refuse what is not ours, back up, migrate, then seed defaults.

``open_database`` on a SQLite file, in order:

1. a file on a network share is refused (``database.network_share``): SQLite's WAL does
   not work over a network file system; a file or folder this account may not write is
   refused as read-only (``database.read_only_file`` / ``database.read_only_folder``), never called damaged;
   ``.partial`` files left by killed backups are removed; a sync folder (OneDrive, 坚果云 …)
   becomes a warning in ``Database.warnings``;
2. an existing file is inspected read-only before anything writes to it: not SQLite
   or SQLite without LandSpace's ``application_id`` (a new file is stamped at creation,
   so even an empty foreign SQLite file is refused) → ``database.not_landspace``;
   ``quick_check`` fails → ``database.corrupt`` naming the
   newest verified backup; stamped with a revision this build does not know →
   ``database.newer_version``. Each is refused with the file unchanged;
3. if the schema is behind, a verified online backup is written next to the file;
4. Alembic upgrades to head inside ONE transaction (BEGIN IMMEDIATE through the engine's
   BEGIN hook, ``transactional_ddl``): a failing migration leaves schema and data as
   they were, and a retry starts clean. Foreign keys are switched off for the
   migration's connection (SQLite's own procedure for schema changes) and checked
   with ``foreign_key_check`` before commit;
5. defaults are seeded (``models.seed.seed_defaults``, idempotent).

A file already at this build's head and seeded by this build skips 3–5 and never imports
Alembic (``models.db.fastpath``: plain SQL reads ``alembic_version`` and ``user_version``).

PostgreSQL URLs take steps 2 (revision only), 4 and 5.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text

from models.db import fastpath
from models.db.backup import backup_file, backup_name, newest_verified_backup, prune_automatic_backups
from models.db.engine import (
    APPLICATION_ID,
    Database,
    ensure_local_file,
    location_warnings,
    normalize_url,
    sqlite_path,
)
from models.errors import DomainError, Problem

if TYPE_CHECKING:  # Alembic is imported only when a file needs it (``models.db.fastpath``)
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


def alembic_config(
    script_location: Path | None = None, on_version_apply: Callable[..., Any] | None = None
) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS).replace("%", "%%"))
    if on_version_apply is not None:
        cfg.attributes["on_version_apply"] = on_version_apply
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


def _stamp_new_file(db: Database) -> None:
    with db.engine.begin() as conn:
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


def _open(
    target: str | os.PathLike[str] | None,
    *,
    actor: str,
    user_id: int | None,
    cfg: Config | None,
    seed: bool = True,
    integrity_check: bool | None = None,
) -> Database:
    """``cfg`` None: this build's migrations, and a file already at their head and seeded
    by this build opens without Alembic and without seeding (``models.db.fastpath``)."""
    from models.db import clean_close

    url = normalize_url(target)
    path = sqlite_path(url)
    had_tables = False
    new_file = False
    current_file = False
    warnings: list[Problem] = []
    if path is not None:
        ensure_local_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        ensure_writable(path)
        remove_stale_partials(path)
        new_file = not path.exists() or path.stat().st_size == 0
        current_file = cfg is None and seed and not new_file and fastpath.is_current(path)
    cfg, known, head = _revisions(None if current_file else cfg or alembic_config())
    if path is not None:
        check = integrity_check if integrity_check is not None else not clean_close.closed_cleanly(path)
        had_tables, _rev = inspect_sqlite_file(path, known, integrity=check)
        warnings = location_warnings(path)
        clean_close.begin_session(path)
    db = Database(url, actor=actor, user_id=user_id)
    db.warnings = warnings
    db.clean_close_path = path
    try:
        if path is None:
            _first_connection(db)
        if new_file:
            _stamp_new_file(db)
        if current_file:
            return db
        assert cfg is not None
        current = current_revision(db.engine)
        if current is not None and current not in known:
            raise DomainError("database.newer_version", path=str(path or url), revision=current)
        if current != head:
            if path is not None and had_tables:
                backup_file(path, backup_name(path, f"before-{head}"))
                prune_automatic_backups(path)
            upgrade(db.engine, cfg)
        person = _connected_person(db) if path is None else None
        if person is not None:  # PostgreSQL mode, connected as a LandSpace account's own role
            db.user_id, db.actor = person
            db.server_login = True
        elif seed:  # (a person's role may not write defaults: install-server seeded them)
            _seed(db, stamp=path is not None and head == fastpath.HEAD_REVISION)
    except BaseException:
        db.dispose()
        raise
    return db


def _revisions(cfg: Config | None) -> tuple[Config | None, set[str], str | None]:
    """(cfg, known revisions, head); None: the file is current (``models.db.fastpath``)."""
    if cfg is None:
        return None, {fastpath.HEAD_REVISION}, fastpath.HEAD_REVISION
    return cfg, known_revisions(cfg), head_revision(cfg)


def _seed(db: Database, *, stamp: bool) -> None:
    """Seed the defaults; ``stamp``: a SQLite file at this build's head, so the next open
    may skip this (``models.db.fastpath``)."""
    from models.seed import seed_defaults

    with db.write() as session:
        seed_defaults(session)
    if stamp:
        fastpath.mark_seeded(db.engine)


def _first_connection(db: Database) -> None:
    """Connect once, turning a refused login or an unreachable server into a plain problem."""
    from sqlalchemy.exc import OperationalError

    try:
        with db.engine.connect() as conn:
            conn.rollback()
    except OperationalError as exc:
        text_ = str(exc.orig).lower()
        url = db.engine.url
        if "password" in text_ or "authentication failed" in text_:
            raise DomainError("database.login_failed", user=url.username or "") from exc
        raise DomainError(
            "database.unreachable",
            host=f"{url.host or ''}:{url.port or ''}",
            detail=str(exc.orig).strip().splitlines()[0][:200],
        ) from exc


def _connected_person(db: Database) -> tuple[int, str] | None:
    """(user id, name) when this PostgreSQL connection logged in as a LandSpace account."""
    from models.accounts.server_security import connected_user_id

    with db.read() as session:
        user_id = connected_user_id(session)
        name = session.scalar(text("SELECT session_user"))
    return (user_id, str(name)) if user_id is not None else None


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    actor: str = "",
    user_id: int | None = None,
    integrity_check: bool | None = None,
) -> Database:
    """Open (creating if needed) the database at ``target`` (URL, path, or None for the
    default file), bring its schema up to date and seed the defaults. ``integrity_check``:
    True always runs ``quick_check``; None (default) only when the file was not closed
    cleanly last time (``models.db.clean_close``)."""
    return _open(target, actor=actor, user_id=user_id, cfg=None, integrity_check=integrity_check)
