"""The overview as last read, kept to show at start-up before the database layer is loaded.

At ten times the district the window's first page took ~1.5 s to show data after the frame:
SQLAlchemy and the areas' queries are imported (~0.7 s) and every area's figures gathered
(~1.1 s, overlaps of 20,000 plots among them). Each time the 总览 page has read its figures
it keeps them here (a small file beside the user's settings), with the **state key** of the
database it read them from; at the next start the window reads the key of the file with plain
``sqlite3`` (a few milliseconds) and, when it is the same, shows those figures at once, then
reads them again live and replaces them.

The state key is the database's ``PRAGMA user_version`` (this build's migration and seed
stamp, ``models.db.fastpath``), the id and hash of the last audit entry that can change data
(every write is audited, ``models.accounts.audit``; logins, exports and backups change none),
and the day the figures are for. The same data gives the same key; any audited change, a
restored backup, a migration or a new day gives another, and then nothing is shown early.
A snapshot is only kept when the key was the same before and after the read.

The file is read back with an unpickler that accepts only the value classes below (a file
someone else wrote cannot run code), and any doubt — unreadable, other format, other key —
answers None: the page then loads as it always did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from models.overview import OverviewFigure
from models.targets.status import ChainValue, TargetStatus, YearValue

FORMAT = 1
MAX_BYTES = 8 * 1024 * 1024
# audit actions that record an event without changing any data
NON_DATA_ACTIONS = ("login", "login_failed", "export", "backup")
LAST_DATA_ENTRY = (
    "SELECT id, hash FROM audit_entries WHERE action NOT IN ({}) ORDER BY id DESC LIMIT 1".format(
        ", ".join(f"'{a}'" for a in NON_DATA_ACTIONS)
    )
)


@dataclass(frozen=True)
class OverviewSnapshot:
    key: str
    on: dt.date
    figures: tuple[OverviewFigure, ...]
    platform_names: dict[int, str]
    targets: tuple[TargetStatus, ...]
    single_user: bool  # no login asked (``models.accounts.services.needs_login`` was False)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # choice lists' English labels
    reader: int | None = None  # the logged-in user who read it (None: single-user mode)


def state_key(query: Callable[[str], Sequence[Any]], on: dt.date) -> str | None:
    """The state key of a SQLite database, asked through ``query(sql) -> rows`` (a ``sqlite3``
    connection or a session's); None when it has no audit log (a new file)."""
    try:
        version = query("PRAGMA user_version")[0][0]
        last = query(LAST_DATA_ENTRY)
    except (sqlite3.Error, LookupError):
        return None
    entry = f"{last[0][0]}:{last[0][1]}" if last else "none"
    return f"{FORMAT}:{version}:{entry}:{on.isoformat()}"


def file_key(path: Path, on: dt.date) -> str | None:
    """``state_key`` of the SQLite file at ``path``, read only, with plain ``sqlite3``."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA busy_timeout = 2000")
        con.execute("BEGIN")  # both reads from one state of the file
        return state_key(lambda sql: con.execute(sql).fetchall(), on)
    except sqlite3.Error:
        return None
    finally:
        con.close()


def snapshot_file(folder: Path, database: Path) -> Path:
    name = hashlib.sha256(str(database).encode("utf-8")).hexdigest()[:20]
    return folder / f"overview-{name}.snapshot"


def save(folder: Path, database: Path, snapshot: OverviewSnapshot) -> None:
    """Keep ``snapshot`` for ``database`` (written whole, then renamed over the old one)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = snapshot_file(folder, database)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps((FORMAT, snapshot), protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, target)


_ALLOWED = {
    ("decimal", "Decimal"),
    ("datetime", "date"),
    ("models.overview", "OverviewFigure"),
    ("models.overview_snapshot", "OverviewSnapshot"),
    ("models.targets.status", "TargetStatus"),
    ("models.targets.status", "YearValue"),
    ("models.targets.status", "ChainValue"),
}
_CLASSES = {c.__name__: c for c in (OverviewFigure, OverviewSnapshot, TargetStatus, YearValue, ChainValue)}


class _ValuesOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a snapshot value")
        if module in {"decimal", "datetime"}:
            return super().find_class(module, name)
        return _CLASSES[name]


def load(folder: Path, database: Path, key: str) -> OverviewSnapshot | None:
    """The snapshot kept for ``database`` if it was taken in the state ``key``, else None."""
    path = snapshot_file(folder, database)
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        kept = _ValuesOnly(io.BytesIO(path.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == FORMAT):
        return None
    snapshot = kept[1]
    if not isinstance(snapshot, OverviewSnapshot) or snapshot.key != key:
        return None
    return snapshot


def current(folder: Path, database: Path | None, on: dt.date) -> OverviewSnapshot | None:
    """The snapshot of ``database`` as it is now, or None (no file, another state, a server)."""
    if database is None:
        return None
    key = file_key(database, on)
    return None if key is None else load(folder, database, key)
