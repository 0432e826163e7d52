"""Bulk insert of new enterprises for large imports.

The ORM's unit of work costs several times the SQL itself at 100,000 rows, so new
records go in by one executemany, given as columns (``insert_enterprise_columns``, what
the table loader has) or as dicts (``insert_enterprises``). The ids are assigned here
(``_new_ids``: ``max(id) + 1 …`` under SQLite's write lock, the table's sequence on PostgreSQL).
The rows go in by Core (one DBAPI executemany on SQLite) and are audited explicitly, in
the same transaction, one entry per record with its id, its USCC and ``row_sha256``, the
SHA-256 of the values the record was created with (``record_insert_digests``; issue 12:
a bulk operation's entries must not copy what its records hold — the record holds the
values, each later change of them is audited with its before and after, and the digest
proves what they were at the import). Nothing bypasses the audit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from models.accounts.audit import record_insert_digests
from models.accounts.permissions import require
from models.enterprises.entities import Enterprise
from models.enterprises.services import EDITABLE

CHUNK = 5_000
# What a new enterprise gets for a column the workbook leaves out (every import path).
DEFAULTS: dict[str, Any] = {
    "platform_id": None,
    "industry_chain": "",
    "is_manufacturing": True,
    "address": "",
    "contact": "",
    "phone": "",
    "note": "",
}
SQLITE_CHUNK = 20_000  # rows inserted and audited at a time on SQLite
AUDIT_KEYS = ("uscc",)  # what each audit entry names a new record by, beside its id and digest


COLUMNS = EDITABLE  # a bulk insert writes what a clerk may edit


def insert_enterprises(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert ``rows`` (column → value; USCCs already validated and unique; a field a row
    lacks takes its default) inside the caller's transaction; returns the new ids in order."""
    return insert_enterprise_columns(
        session, {c: [r[c] if c in r else DEFAULTS[c] for r in rows] for c in COLUMNS}, len(rows)
    )


def _new_ids(session: Session, n: int) -> list[int]:
    """``n`` fresh ids. On SQLite the write transaction holds the database's write lock, so
    ``max(id) + 1 …`` is free; on PostgreSQL they come from the column's own sequence, which
    concurrent clerks' saves draw from too (``max + 1`` would leave the sequence behind and
    make the next ordinary save collide)."""
    if session.connection().dialect.name == "postgresql":
        return list(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence('enterprises', 'id')) FROM generate_series(1, :n)"
                ),
                {"n": n},
            )
        )
    first = (session.scalar(select(func.max(Enterprise.id))) or 0) + 1
    return list(range(first, first + n))


def insert_enterprise_columns(session: Session, columns: Mapping[str, Sequence[Any]], n: int) -> list[int]:
    """The same for ``n`` records given as columns (``COLUMNS`` keys; an absent optional
    column takes its default), as the table loader has them."""
    if not n:
        return []
    # Raw DBAPI rows pass no flush: the role matrix is asked here, as the flush hook would.
    require(session, table="enterprises", operation="insert")
    ids = _new_ids(session, n)
    data: dict[str, Sequence[Any]] = {"id": ids, "version": [1] * n}
    data.update((c, columns[c] if c in columns else [DEFAULTS[c]] * n) for c in COLUMNS)
    names = tuple(data)
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    size = SQLITE_CHUNK if sqlite else CHUNK
    table: Table = Enterprise.__table__  # type: ignore[assignment]
    # In chunks, so the rows and audit entries being built are one chunk's, not the file's.
    for start in range(0, n, size):
        part = {k: v[start : start + size] for k, v in data.items()}
        rows = list(zip(*part.values(), strict=True))
        if sqlite:
            sql = f"INSERT INTO enterprises ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            conn.exec_driver_sql(sql, rows)
        else:  # Core, on the session's connection: no ORM hook, audited below like SQLite
            conn.execute(insert(table), [dict(zip(names, f, strict=True)) for f in rows])
        record_insert_digests(session, entity="enterprises", columns=part, n=len(rows), keys=AUDIT_KEYS)
    return ids
