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
With pytest-xdist each worker process makes its own template.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from models.db.backup import backup_file
from models.db.engine import Database
from models.db.migrate import open_database


@functools.cache
def template(actor: str = "tester") -> Path:
    """The template file for databases opened as ``actor`` (seeding audits as that actor)."""
    folder = Path(tempfile.mkdtemp(prefix="landspace-template-"))
    atexit.register(shutil.rmtree, folder, True)
    built = folder / "built.sqlite3"
    open_database(built, actor=actor).dispose()
    path = folder / "template.sqlite3"
    backup_file(built, path)
    for leftover in folder.glob("built.sqlite3*"):
        leftover.unlink()
    assert [p.name for p in folder.iterdir()] == [path.name]  # one file, nothing in a WAL beside it
    path.chmod(0o444)
    return path


def new_database(path: Path, *, actor: str = "tester") -> Database:
    """A new database at ``path``, as ``open_database`` would create it, from the template."""
    shutil.copyfile(template(actor), path)
    return open_database(path, actor=actor)
