"""The database handle every command and page goes through, and opening a database.

``Database`` (an engine from ``models.db.engine`` plus session factories) installs the
accounts area's role matrix and audit log on every session it makes; ``open_database``
refuses what is not ours, backs up, migrates (``models.db.migrate``) and seeds every
area's defaults (``models.seed``); ``backup_database`` backs up and audits the backup.
These know the areas, so they sit at the top of ``models``, above the areas; the
building blocks they use (``models.db``) know none.

``open_database`` on a SQLite file, in order:

1. a file on a network share is refused (``database.network_share``): SQLite's WAL does
   not work over a network file system; a file or folder this account may not write is
   refused as read-only (``database.read_only_file`` / ``database.read_only_folder``), never called damaged;
   ``.partial`` files left by killed backups are removed; a sync folder (OneDrive, 坚果云 …)
   becomes a warning in ``Database.warnings``;
2. an existing file is inspected read-only before anything writes to it
   (``models.db.migrate.inspect_sqlite_file``): not ours, damaged or newer is refused with
   the file unchanged;
3. if the schema is behind, a verified online backup is written next to the file;
4. Alembic upgrades to head inside ONE transaction (``models.db.migrate.upgrade``);
5. defaults are seeded (``models.seed.seed_defaults``, idempotent).

A file already at this build's head and seeded by this build skips 3–5 and never imports
Alembic (``models.db.fastpath``: plain SQL reads ``alembic_version`` and ``user_version``).

PostgreSQL URLs take steps 2 (revision only), 4 and 5.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from models.db import fastpath, migrate
from models.db.backup import backup_before, backup_file
from models.db.engine import (
    BUSY_TIMEOUT_MS,
    READ_ONLY_OPTION,
    ensure_local_file,
    location_warnings,
    make_engine,
    normalize_url,
    sqlite_path,
)
from models.errors import ConflictError, DomainError, Problem
from models.progress import Progress

if TYPE_CHECKING:  # Alembic is imported only when migrations run
    from alembic.config import Config


class Database:
    """One database: an engine plus session factories. ``actor`` is recorded in the audit log.

    ``write()`` yields a session inside one transaction (BEGIN IMMEDIATE on SQLite)
    that commits on success and rolls back on any exception; services never commit.
    ``read()`` yields a session whose transaction never blocks writers.
    """

    def __init__(
        self, url: str, *, actor: str = "", user_id: int | None = None, engine: Engine | None = None
    ) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.actor = actor or _os_user()
        self.user_id = user_id  # the logged-in user (None: single-user database, no login)
        self.clean_close_path: Path | None = None  # set by open_database for a SQLite file
        # Set when the file may be read but not written (corrupt, on a network share …).
        self.read_only_reason: str | None = None
        # Said once to the user after opening (e.g. the file lies in a sync folder).
        self.warnings: list[Problem] = []
        # PostgreSQL mode: the server authenticated the person (``user_id``/``actor`` are theirs).
        self.server_login = False
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(
            self.engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False
        )
        from models.accounts.audit import install_audit
        from models.accounts.enforcement import install_enforcement
        from models.db.text_limits import install_text_limits

        install_enforcement(self._writer)  # the role matrix first: a refused write is never audited
        install_enforcement(self._reader)
        install_audit(self._writer)
        install_audit(self._reader)
        install_text_limits(self._writer)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def _tag(self, session: Session) -> Session:
        session.info["actor"] = self.actor
        session.info["user_id"] = self.user_id
        session.info["database"] = self
        return session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction. A stale versioned UPDATE/DELETE (someone else saved the
        record since it was read) becomes ``ConflictError("record.changed_by_other")``."""
        if self.read_only_reason is not None:
            raise DomainError(
                "database.read_only", path=str(self.path or self.url), reason=self.read_only_reason
            )
        try:
            with self._tag(self._writer()) as session, session.begin():
                yield session
        except StaleDataError as exc:
            raise ConflictError("record.changed_by_other", entity=_stale_entity(exc), key="") from exc
        except OperationalError as exc:
            plain = _plain_operational_error(exc, self.path)
            if plain is None:
                raise
            raise plain from exc
        except DBAPIError as exc:  # anything else the database refused: a sentence, never a traceback
            raise _refused(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._tag(self._reader()) as session, session.begin():
                yield session
                # Detach first: loaded objects stay readable (a rollback would expire them);
                # anything a read session changed by mistake is discarded.
                session.expunge_all()
                session.rollback()
        except OperationalError as exc:
            plain = _plain_operational_error(exc, self.path)
            if plain is None:
                raise
            raise plain from exc

    def dispose(self) -> None:
        self.engine.dispose()
        if self.clean_close_path is not None:  # closed cleanly: the next open may skip quick_check
            from models.db.clean_close import end_session

            end_session(self.clean_close_path)
            self.clean_close_path = None


def _plain_operational_error(exc: OperationalError, path: Path | None) -> DomainError | None:
    """SQLite's "disk full", "still locked after the busy timeout" and "read-only", and a lost
    server connection, as problems people can act on. The transaction has rolled back:
    everything acknowledged before is intact."""
    text = str(getattr(exc, "orig", exc)).lower()
    where = str(path) if path is not None else ""
    if "disk is full" in text or "database or disk is full" in text:
        return DomainError("database.disk_full", path=where)
    if "database is locked" in text or "database is busy" in text:
        return DomainError("database.busy", path=where, seconds=BUSY_TIMEOUT_MS // 1000)
    if "readonly database" in text or "read-only" in text:
        return DomainError("database.read_only_file", path=where)
    if exc.connection_invalidated or any(m in text for m in _CONNECTION_LOST):
        return DomainError("database.connection_lost", path=where)
    return None


# What drivers say when the server went away (psycopg, libpq); pre-ping catches most of
# these before a statement runs, this catches the ones lost mid-transaction.
_CONNECTION_LOST = (
    "server closed the connection",
    "connection is closed",
    "terminating connection",
    "could not connect",
    "connection refused",
    "the connection is lost",
    "consuming input failed",
    "ssl connection has been closed",
)


def _refused(exc: DBAPIError) -> DomainError:
    """A statement the database refused, as a problem: the server's own permission checks
    (PostgreSQL mode) or a constraint. The transaction has rolled back; nothing was saved."""
    first = str(getattr(exc, "orig", exc)).strip().splitlines()
    detail = (first[0] if first else type(exc).__name__)[:300]
    lower = detail.lower()
    if "permission denied" in lower or "row-level security" in lower:
        return DomainError("permission.denied_by_server", detail=detail)
    return DomainError("database.refused", detail=detail)


def _stale_entity(exc: StaleDataError) -> str:
    # "UPDATE statement on table 'enterprises' expected to update 1 row(s); 0 were matched."
    text = str(exc)
    start = text.find("table '")
    if start >= 0:
        end = text.find("'", start + 7)
        return text[start + 7 : end]
    return ""


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name available (some service accounts)
        return "unknown"


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
        migrate.ensure_writable(path)
        migrate.remove_stale_partials(path)
        new_file = not path.exists() or path.stat().st_size == 0
        current_file = cfg is None and seed and not new_file and fastpath.is_current(path)
    cfg, known, head = _revisions(None if current_file else cfg or _config())
    if path is not None:
        check = integrity_check if integrity_check is not None else not clean_close.closed_cleanly(path)
        had_tables, _rev = migrate.inspect_sqlite_file(path, known, integrity=check)
        warnings = location_warnings(path)
        clean_close.begin_session(path)
    db = Database(url, actor=actor, user_id=user_id)
    db.warnings = warnings
    db.clean_close_path = path
    try:
        if path is None:
            _first_connection(db)
        if new_file:
            migrate.stamp_new_file(db.engine)
        if current_file:
            return db
        assert cfg is not None
        current = migrate.current_revision(db.engine)
        if current is not None and current not in known:
            raise DomainError("database.newer_version", path=str(path or url), revision=current)
        if current != head:
            if path is not None and had_tables:
                backup_before(path, str(head))
            migrate.upgrade(db.engine, cfg)
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


def _config() -> Config:
    """This build's migrations, with the whole schema as the environment's metadata."""
    from models.schema import metadata

    return migrate.alembic_config(metadata=metadata)


def _revisions(cfg: Config | None) -> tuple[Config | None, set[str], str | None]:
    """(cfg, known revisions, head); None: the file is current (``models.db.fastpath``)."""
    if cfg is None:
        return None, {fastpath.HEAD_REVISION}, fastpath.HEAD_REVISION
    return cfg, migrate.known_revisions(cfg), migrate.head_revision(cfg)


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


def backup_database(db: Database, dest: Path, progress: Progress | None = None) -> None:
    """Back up ``db`` (SQLite only) to ``dest``; refuse other databases with ``backup.not_sqlite``."""
    from models.accounts.audit import record_file_event

    path = db.path
    if path is None:
        raise DomainError("backup.not_sqlite", url=db.engine.url.render_as_string(hide_password=True))
    backup_file(path, Path(dest), progress)
    record_file_event(db, action="backup", path=Path(dest), facts={})
