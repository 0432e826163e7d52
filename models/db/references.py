"""What refers to a record: before a delete, name the records that would stop it.

A foreign key without ``ON DELETE CASCADE`` makes the database refuse deleting a record
that others refer to; the clerk should hear which records those are ("3 条入驻记录"), not
see a constraint error. Found from the metadata's foreign keys, so a new table that refers
to enterprises (or anything else) is counted without anyone remembering to add it.
"""

from __future__ import annotations

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from models.db.base import Base
from models.errors import DomainError


def blocking_references(session: Session, table: Table | str, record_id: int) -> list[tuple[str, int]]:
    """(referring table, row count) for every foreign key to ``table.id`` that would refuse
    deleting ``record_id`` (no ``ON DELETE CASCADE`` / ``SET NULL``), in metadata order."""
    target = Base.metadata.tables[table] if isinstance(table, str) else table
    found: list[tuple[str, int]] = []
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not target or (fk.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                continue
            count = session.scalar(select(func.count()).select_from(other).where(fk.parent == record_id)) or 0
            if count:
                found.append((other.name, int(count)))
    return found


def refuse_if_referenced(session: Session, table: Table | str, record_id: int, name: str) -> None:
    """Raise ``record.in_use`` (the record, the first kind of record referring to it and how
    many, and how many others) when a delete would be refused; the session stays usable."""
    refs = blocking_references(session, table, record_id)
    if refs:
        target = table if isinstance(table, str) else table.name
        (first, count), others = refs[0], sum(n for _t, n in refs[1:])
        raise DomainError("record.in_use", table=target, name=name, ref_table=first, count=count, others=others)
