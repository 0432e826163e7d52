"""Opening a database: create or upgrade the schema, then seed defaults.

(Foundation in progress: Alembic migrations, backups before migrating, refusal of
foreign/newer files, network-share refusal land here; the API stays ``open_database``.)
"""

from __future__ import annotations

import os

from models.db.engine import Database, normalize_url, sqlite_path
from models.db.schema import metadata
from models.seed import seed_defaults


def open_database(target: str | os.PathLike[str] | None = None, *, actor: str = "") -> Database:
    """Open (creating if needed) the database at ``target`` (URL, path, or None for the
    default file), bring its schema up to date and seed the defaults."""
    url = normalize_url(target)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(url, actor=actor)
    metadata.create_all(db.engine)
    with db.write() as session:
        seed_defaults(session)
    return db
