"""Where a database lives, without the database layer: the default SQLite file, and the file a
target names (a path or a ``sqlite:///`` URL; None for a server). Read at start-up before
SQLAlchemy is imported (``models.overview_snapshot``)."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """The default SQLite file in the user's local (not roaming) data folder."""
    import platformdirs

    folder = Path(platformdirs.user_data_dir("LandSpace", appauthor=False, roaming=False))
    return folder / "landspace.sqlite3"


def target_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file ``target`` opens (None: the default file), or None when ``target`` is a
    server URL or anything but a plain file (``sqlite://`` URLs with options, memory)."""
    if target is None:
        return default_db_path()
    text = os.fspath(target)
    if text.startswith("sqlite:///") and "?" not in text:
        text = text[len("sqlite:///") :]
    elif "://" in text:
        return None
    if not text or text == ":memory:":
        return None
    return Path(text).expanduser().absolute()
