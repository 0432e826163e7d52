"""Bulk insert of new enterprises for large imports.

The ORM's unit of work costs several times the SQL itself at 100,000 rows, so new
records go in as one ORM-enabled ``insert(Enterprise)`` executemany. The ids are
assigned here (the write transaction holds SQLite's write lock, so ``max(id) + 1 …`` is
free). On SQLite the rows go in by one DBAPI executemany and are audited explicitly
(``record_inserts``: one entry per record with its id and values, the same entries the
ORM bulk hook writes); elsewhere through an ORM-enabled ``insert`` that the hook audits.
Either way in the same transaction — nothing bypasses the audit.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise

CHUNK = 5_000


COLUMNS = ("uscc", "name", "platform_id", "industry_chain", "is_manufacturing", "address", "contact", "phone",
           "note")
_ALL = frozenset(COLUMNS)
DEFAULTS: dict[str, Any] = {"platform_id": None, "industry_chain": "", "is_manufacturing": True, "address": "",
                            "contact": "", "phone": "", "note": ""}


def insert_enterprises(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (column → value; USCCs already validated and unique) inside the
    caller's transaction; returns the new ids in order."""
    first = (session.scalar(select(func.max(Enterprise.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        from models.accounts.audit import record_inserts

        names = ("id", "version", *COLUMNS)
        values = operator.itemgetter(*COLUMNS)  # one C call a row; rows lacking a column get DEFAULTS
        full = [(i, 1, *values(r if r.keys() == _ALL else {**DEFAULTS, **r}))
                for r, i in zip(rows, ids, strict=True)]
        sql = f"INSERT INTO enterprises ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        conn.exec_driver_sql(sql, full)
        record_inserts(session, entity="enterprises", columns=names, rows=full)
        return ids
    for start in range(0, len(rows), CHUNK):
        chunk = [{**r, "id": i, "version": 1} for r, i in zip(rows[start:start + CHUNK], ids[start:start + CHUNK],
                                                             strict=True)]
        session.execute(insert(Enterprise), chunk)
    return ids
