"""Opening a file that is already up to date without Alembic and without seeding.

At every start ``open_database`` used to import Alembic (~0.3 s), parse the migration
scripts, ask the file for its revision and run every area's idempotent seed (0.1–0.16 s at
ten times the district) even when nothing was to be done. A SQLite file whose
``alembic_version`` is this build's head (``HEAD_REVISION``, checked against Alembic's own
head by a test) and whose ``PRAGMA user_version`` holds this build's seed stamp takes the
fast path: nothing is migrated and nothing seeded. Any other file — new, older, seeded by
another build — takes the full path, which stamps it afterwards.

The seed stamp is a CRC of the source files that define the defaults (``SEED_SOURCES``: the
seed modules and the modules they take data from; a test checks the list covers every
``models`` module a seed module imports) and of the head revision, so a build that changes a
default seeds again once. Where the sources are not available (a frozen build without them)
there is no stamp and every open seeds, as before.
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine

HEAD_REVISION = "0001"
MODELS = Path(__file__).resolve().parents[1]
SEED_SOURCES = (
    "seed.py",
    "areas.py",
    "buildings/seed.py",
    "efficiency/seed.py",
    "efficiency/rules.py",
    "efficiency/measures.py",
    "incubation/seed.py",
    "land/seed.py",
    "land/idle.py",
    "policy/seed.py",
    "policy/documents.py",
    "policy/entities.py",
    "quotas/seed.py",
    "targets/seed.py",
    "targets/services.py",
)


def seed_stamp() -> int | None:
    """This build's stamp for a seeded file at ``HEAD_REVISION`` (a positive 31-bit number
    for ``PRAGMA user_version``), or None when a source file cannot be read."""
    crc = zlib.crc32(HEAD_REVISION.encode())
    try:
        for name in SEED_SOURCES:
            crc = zlib.crc32((MODELS / name).read_bytes(), crc)
    except OSError:
        return None
    return (crc & 0x7FFFFFFF) or 1


def is_current(path: Path) -> bool:
    """True when the existing SQLite file ``path`` is at ``HEAD_REVISION`` and was seeded by
    this build (read-only, plain SQL; any doubt answers False and the full path runs)."""
    stamp = seed_stamp()
    if stamp is None or not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, isolation_level=None)
        try:
            con.execute("PRAGMA busy_timeout = 10000")
            if con.execute("PRAGMA user_version").fetchone()[0] != stamp:
                return False
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == HEAD_REVISION


def mark_seeded(engine: Engine) -> None:
    """Stamp a SQLite file just migrated to ``HEAD_REVISION`` and seeded by this build."""
    stamp = seed_stamp()
    if stamp is not None:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA user_version = {stamp}")
