"""Bulk insert of new enterprises for large imports (one INSERT … VALUES batch per chunk).

The ORM's unit of work costs several times the SQL itself at 100,000 rows, so the
importer inserts new records with Core ``insert()`` executemany. Audit rows for those
records are written in the same transaction through ``models.accounts.audit.record_bulk``
when that module provides it (the ORM flush hooks do not see Core inserts).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise

CHUNK = 5_000


COLUMNS = ("uscc", "name", "platform_id", "industry_chain", "is_manufacturing", "address", "contact", "phone",
           "note")


def insert_enterprises(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (column → value, USCCs already validated and unique, inside the caller's
    transaction). Returns the new ids when audit rows are written, else an empty list
    (fetching 100,000 ids back costs as much as inserting them)."""
    table = cast(Table, Enterprise.__table__)
    if session.get_bind().dialect.name == "sqlite":
        # the DBAPI cursor of the session's own connection: same transaction, no per-row
        # parameter processing (every value here is a plain str/int/bool/None)
        cursor = session.connection().connection.cursor()
        sql = (f"INSERT INTO {table.name} ({', '.join(COLUMNS)}, version) "
               f"VALUES ({', '.join('?' * len(COLUMNS))}, 1)")
        try:
            cursor.executemany(sql, [tuple(r[c] for c in COLUMNS) for r in rows])
        finally:
            cursor.close()
    else:
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(table), [{**r, "version": 1} for r in rows[start:start + CHUNK]])
    if not audit_available():
        return []
    usccs = [r["uscc"] for r in rows]
    ids: dict[str, int] = {}
    for start in range(0, len(usccs), 900):
        part = usccs[start:start + 900]
        ids.update((u, i) for u, i in session.execute(
            select(Enterprise.uscc, Enterprise.id).where(Enterprise.uscc.in_(part))))
    id_list = [ids[u] for u in usccs]
    _audit(session, rows, id_list)
    return id_list


def audit_available() -> bool:
    return importlib.util.find_spec("models.accounts.audit") is not None and hasattr(
        importlib.import_module("models.accounts.audit"), "record_bulk")


def _audit(session: Session, rows: Sequence[dict[str, Any]], ids: list[int]) -> None:
    if not audit_available():
        return
    audit = importlib.import_module("models.accounts.audit")
    audit.record_bulk(session, entity="enterprises",
                      rows=[{**r, "id": i} for r, i in zip(rows, ids, strict=True)])
