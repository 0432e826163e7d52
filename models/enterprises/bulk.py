"""Bulk insert of new enterprises for large imports.

The ORM's unit of work costs several times the SQL itself at 100,000 rows, so new
records go in by one executemany, given as columns (``insert_enterprise_columns``, what
the table loader has) or as dicts (``insert_enterprises``). The ids are assigned here
(``_new_ids``: ``max(id) + 1 …`` under SQLite's write lock, the table's sequence on PostgreSQL).
On SQLite the rows go in by one DBAPI executemany and are audited explicitly
(``record_insert_columns``: one entry per record with its id and values, the same
entries the ORM bulk hook writes); elsewhere (PostgreSQL) through an ORM-enabled
``insert`` that the hook audits. Either way in the same transaction — nothing bypasses
the audit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

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
    # In chunks, so the rows and audit entries being built are one chunk's, not the file's.
    for start in range(0, n, SQLITE_CHUNK if sqlite else CHUNK):
        part = {k: v[start : start + (SQLITE_CHUNK if sqlite else CHUNK)] for k, v in data.items()}
        rows = list(zip(*part.values(), strict=True))
        if sqlite:
            from models.accounts.audit import record_insert_columns

            sql = f"INSERT INTO enterprises ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            conn.exec_driver_sql(sql, rows)
            record_insert_columns(session, entity="enterprises", columns=part, n=len(rows))
        else:
            session.execute(insert(Enterprise), [dict(zip(names, f, strict=True)) for f in rows])
    return ids
