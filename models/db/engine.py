"""Engine factory: LandSpace's connection settings (the ``Database`` handle built on it is
``models.database``).

SQLite connections get: WAL, ``synchronous=FULL``, ``foreign_keys=ON``, a busy
timeout, and write transactions begun with ``BEGIN IMMEDIATE`` (SQLAlchemy's
documented pysqlite BEGIN hook). Without the last one, 8 processes doing
read-modify-write on one file silently lost 1,984 of 2,400 updates
(docs/reliability.md). Read-only sessions begin DEFERRED so they never block writers.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from models.db.location import default_db_path
from models.errors import DomainError, Problem

BUSY_TIMEOUT_MS = 10_000
APPLICATION_ID = 0x4C53504B  # 'LSPK': marks a LandSpace SQLite file
READ_ONLY_OPTION = "landspace_read_only"


def normalize_url(target: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from a URL, a file path, or None (the default file)."""
    if target is None:
        target = default_db_path()
    text = os.fspath(target)
    for bare in ("postgresql://", "postgres://"):  # no driver named: the one LandSpace ships (psycopg 3)
        if text.startswith(bare):
            return "postgresql+psycopg://" + text[len(bare) :]
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


# Linux/macOS file systems on which SQLite's locking (and WAL's shared memory) is unsafe.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.davfs2",
        "fuse.s3fs",
        "fuse.glusterfs",
        "fuse.cephfs",
        "webdav",
    }
)
# Folder names of desktop sync clients: the file may be uploaded half-written.
SYNC_FOLDER_NAMES = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "icloud drive",
    "iclouddrive",
    "nutstore",
    "坚果云",
    "百度网盘",
    "baidunetdisk",
    "wpsdrive",
    "wps云盘",
    "box sync",
)
DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape_mount(field: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal (\040 …).
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and len(field[i + 1 : i + 4]) == 3 and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_fstype(path: Path, mounts_text: str) -> str | None:
    """The file-system type of the mount holding ``path`` (longest mount-point prefix)."""
    best: tuple[int, str] | None = None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape_mount(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), fstype)
    return None if best is None else best[1]


def _windows_drive_type(root: str) -> int | None:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
    except Exception:  # not Windows, or no kernel32
        return None


def network_location(
    path: str | os.PathLike[str],
    *,
    platform: str | None = None,
    mounts_text: str | None = None,
    drive_type: int | None = None,
) -> dict[str, str] | None:
    """Why ``path`` is on a network share (``{"reason": ..., "detail": ...}``), or None if local.

    SQLite's documentation: WAL "does not work over a network filesystem", and file
    locking on network shares is unreliable, so a writable LandSpace file must be local.
    ``platform``, ``mounts_text`` and ``drive_type`` exist so tests can pose as another OS.
    """
    platform = platform or sys.platform
    text = os.fspath(path)
    if platform.startswith("win"):
        norm = text.replace("/", "\\")
        if norm.upper().startswith("\\\\?\\UNC\\") or (
            norm.startswith("\\\\") and not norm.startswith(("\\\\?\\", "\\\\.\\"))
        ):
            return {"reason": "unc", "detail": text}
        if norm.startswith("\\\\?\\"):
            norm = norm[4:]
        if len(norm) >= 2 and norm[1] == ":":
            root = norm[:2] + "\\"
            kind = drive_type if drive_type is not None else _windows_drive_type(root)
            if kind == DRIVE_REMOTE:
                return {"reason": "network_drive", "detail": root}
        return None
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    fstype = mount_fstype(Path(text), mounts_text)
    if fstype is not None and (fstype in NETWORK_FS_TYPES or fstype.split(".")[-1] in NETWORK_FS_TYPES):
        return {"reason": "network_mount", "detail": fstype}
    return None


def sync_folder(path: str | os.PathLike[str]) -> str | None:
    """The sync client folder ``path`` lies in (OneDrive, Dropbox, 坚果云 …), or None."""
    parts = [p.lower() for p in Path(os.fspath(path).replace("\\", "/")).parts]
    for part in parts:
        for name in SYNC_FOLDER_NAMES:
            if part == name or part.startswith(name + " -") or part.startswith(name + "-"):
                return part
    return None


def location_warnings(path: str | os.PathLike[str]) -> list[Problem]:
    """Warnings about where a (local) database file lives: a sync folder (OneDrive, 坚果云 …)
    may upload the file half-written. Shown, not refused."""
    folder = sync_folder(path)
    if folder is None:
        return []
    return [Problem("database.sync_folder", {"path": os.fspath(path), "folder": folder}, "warning")]


def ensure_local_file(path: str | os.PathLike[str], **probe: Any) -> None:
    """Refuse (``database.network_share``) a database file that is not on a local disk."""
    found = network_location(path, **probe)
    if found is not None:
        raise DomainError("database.network_share", path=os.fspath(path), **found)


PAGE_SIZE = 8192
CACHE_KIB = 32 * 1024


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite's own is broken for SAVEPOINT).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        # New files get 8 KiB pages (a no-op on an existing file): audit entries carry a
        # few hundred bytes of JSON each, and at 4 KiB a 100,000-row import spent ~20 %
        # more time in SQLite (tests/benchmarks/bench_exchange.py). Must precede WAL.
        cur.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        # A page cache of up to 32 MiB (SQLite's default is 2 MiB), taken only as used: a
        # large import then rewrites its index pages in memory instead of spilling them to
        # the WAL again and again (~0.1 s of 3 s on 100,000 rows, bench_exchange).
        cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cur.close()


def _on_begin(conn: Any) -> None:
    if conn.get_execution_options().get(READ_ONLY_OPTION):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with LandSpace's connection settings applied."""
    if not url.startswith("sqlite"):
        # A server restart or a dropped network link leaves dead connections in the pool:
        # test each one before use instead of handing the clerk a raw OperationalError.
        kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
    return engine
