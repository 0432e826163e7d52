"""New test databases as copies of one migrated, seeded template, made once per process.

Migrating a new file takes most of a second; copying a file a few milliseconds. The
template is what ``open_database`` makes of a new file (schema at head, defaults seeded),
then copied by SQLite's backup API into one self-contained, verified file: every WAL
frame checkpointed into it, rollback journal mode, no -wal/-shm beside it. It is made
read-only, so no test can change it. ``open_database`` on a copy does what it does on
any existing file — checks LandSpace's application_id, ``quick_check`` and the revision
(head: no migration, no pre-migration backup) — and re-runs the idempotent seeding.

The ``db`` fixture (tests/conftest.py) uses it; so can code without fixtures, such as a
hypothesis state machine that needs a fresh database per example (``new_database``).
``load_prepared`` does the same for a database that many tests fill the same way (a
demonstration data set). With pytest-xdist each worker process makes its own templates.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from models.database import Database, open_database
from models.db.backup import backup_file

_PREPARED: dict[tuple[str, str], Path] = {}


def _folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _freeze(built: Path, path: Path) -> Path:
    """``built`` (closed) as one verified, read-only file at ``path``; ``built`` removed."""
    backup_file(built, path)
    for leftover in built.parent.glob(built.name + "*"):
        leftover.unlink()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # one file, nothing in a WAL beside it
    path.chmod(0o444)
    return path


@functools.cache
def template(actor: str = "tester") -> Path:
    """The template file for databases opened as ``actor`` (seeding audits as that actor)."""
    folder = _folder("landspace-template-")
    open_database(folder / "built.sqlite3", actor=actor).dispose()
    return _freeze(folder / "built.sqlite3", folder / "template.sqlite3")


def new_database(path: Path, *, actor: str = "tester") -> Database:
    """A new database at ``path``, as ``open_database`` would create it, from the template."""
    shutil.copyfile(template(actor), path)
    return open_database(path, actor=actor)


def load_prepared(db: Database, key: str, build: Callable[[Session], object]) -> Database:
    """Fill ``db`` — a new database from ``new_database``, nothing written to it yet — with
    what ``build(session)`` writes in one transaction. The first call per ``key`` runs
    ``build`` on a fresh copy of the template and keeps the result as a read-only file; later
    calls copy that file over ``db``'s (its connections closed first; the engine reconnects
    on next use). ``key`` must name the build exactly (which data, which random seed)."""
    path = db.path
    assert path is not None
    cached = _PREPARED.get((key, db.actor))
    if cached is None:
        folder = _folder("landspace-prepared-")
        source = new_database(folder / "built.sqlite3", actor=db.actor)
        try:
            with source.write() as session:
                build(session)
        finally:
            source.dispose()
        cached = _PREPARED[(key, db.actor)] = _freeze(folder / "built.sqlite3", folder / "prepared.sqlite3")
    db.dispose()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(cached, path)
    return db
