"""Consistent online backups through SQLite's backup API.

``backup_database`` copies page by page (reporting progress, honouring cancel) from a
connection that holds one read transaction, so every page comes from the same
snapshot even while other connections keep writing (WAL). The copy is written to a
temporary file beside ``dest``, verified with ``PRAGMA integrity_check`` and only then
renamed onto ``dest``: a backup that exists is a good one.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import DomainError
from models.progress import CancelledError, Progress

if TYPE_CHECKING:
    pass

PAGES_PER_STEP = 1024
BACKUP_MARK = ".bak"


def _connect_ro(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 10000")
    return con


def integrity_ok(path: Path, *, quick: bool = False) -> bool:
    """``PRAGMA integrity_check`` (or ``quick_check``) of the file says ``ok``."""
    try:
        con = _connect_ro(path)
        try:
            rows = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def backup_file(source: Path, dest: Path, progress: Progress | None = None) -> None:
    """Online backup of the SQLite file ``source`` into ``dest`` (replaced), verified."""
    source, dest = Path(source), Path(dest)
    if dest.exists() and source.exists() and os.path.samefile(source, dest):
        raise DomainError("backup.same_file", path=str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    progress = progress or Progress()
    src = _connect_ro(source)
    try:
        out = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            # One read transaction for the whole copy: every step reads the same snapshot,
            # so concurrent writers neither restart the backup nor tear it.
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()

            def step(_status: int, remaining: int, total: int) -> None:
                progress.set(total - remaining, total, stage="backup")

            src.backup(out, pages=PAGES_PER_STEP, progress=step)
            src.execute("COMMIT")
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    except CancelledError:
        tmp.unlink(missing_ok=True)
        raise
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise DomainError("backup.failed", path=str(dest), reason=str(exc)) from exc
    finally:
        src.close()
    if not integrity_ok(tmp):
        tmp.unlink(missing_ok=True)
        raise DomainError("backup.verify_failed", path=str(dest))
    os.replace(tmp, dest)


def backup_name(path: Path, label: str, when: dt.datetime | None = None) -> Path:
    """``landspace.20261125-214500.before-0002.bak.sqlite3`` next to ``path``."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{stamp}.{label}{BACKUP_MARK}{path.suffix}")


def backups_of(path: Path) -> list[Path]:
    """Backups made next to ``path`` by LandSpace, newest first."""
    found = [p for p in path.parent.glob(f"{path.stem}.*{BACKUP_MARK}{path.suffix}") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def partial_backups_of(path: Path) -> list[Path]:
    """Unfinished backup copies (``<backup>.partial``) of ``path`` in its folder."""
    return [p for p in path.parent.glob(f"{path.stem}.*{BACKUP_MARK}{path.suffix}.partial") if p.is_file()]


def newest_verified_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` that passes ``integrity_check``."""
    for candidate in backups_of(path):
        if integrity_ok(candidate):
            return candidate
    return None


AUTOMATIC_KEEP = 10  # automatic backups (before migrations/imports) kept per database


def backup_before(path: Path, label: str, progress: Progress | None = None) -> Path | None:
    """A verified backup beside the SQLite file ``path`` before a risky operation (a
    migration), named ``<stem>.<time>.before-<label>.bak<suffix>``; older automatic backups
    beyond ``AUTOMATIC_KEEP`` are removed. None when there is no file yet."""
    if not path.exists():
        return None
    dest = backup_name(path, f"before-{label}")
    backup_file(path, dest, progress)
    prune_automatic_backups(path)
    return dest


def prune_automatic_backups(path: Path, keep: int = AUTOMATIC_KEEP) -> list[Path]:
    """Remove all but the ``keep`` newest automatic (``before-…``) backups of ``path``."""
    automatic = [p for p in backups_of(path) if ".before-" in p.name]
    removed = automatic[keep:]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed
