"""What refers to a record: before a delete, name the records that would stop it.

A foreign key without ``ON DELETE CASCADE`` makes the database refuse deleting a record
that others refer to; the clerk should hear which records those are ("3 条入驻记录"), not
see a constraint error. Found from the metadata's foreign keys, so a new table that refers
to enterprises (or anything else) is counted without anyone remembering to add it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from sqlalchemy import ForeignKey, Table, func, select
from sqlalchemy.orm import Session

from models.db.base import Base
from models.errors import DomainError, NotFoundError


def blocking_references(session: Session, table: Table | str, record_id: int) -> list[tuple[str, int]]:
    """(referring table, row count) for every foreign key to ``table.id`` that would refuse
    deleting ``record_id`` (no ``ON DELETE CASCADE`` / ``SET NULL``), in metadata order."""
    return _references(
        session, table, record_id, lambda fk: (fk.ondelete or "").upper() not in ("CASCADE", "SET NULL")
    )


def referring_rows(
    session: Session, table: Table | str, record_id: int, *, ignore: Collection[str] = ()
) -> list[tuple[str, int]]:
    """(referring table, row count) for every foreign key to ``table.id`` whatever its
    ``ON DELETE``, except from the tables in ``ignore`` (the record's own children): what
    another area holds against the record, found without importing that area."""
    return _references(session, table, record_id, lambda fk: fk.parent.table.name not in ignore)


def require_referred(session: Session, column: Any, ids: Iterable[int]) -> None:
    """``record.not_found`` for the smallest of ``ids`` that names no row of the table the
    foreign key ``column`` refers to (a user's carriers, checked without importing incubation)."""
    wanted = set(ids)
    if not wanted:
        return
    [fk] = column.foreign_keys
    target = fk.column
    known = set(session.scalars(select(target).where(target.in_(wanted))))
    if wanted - known:
        raise NotFoundError("record.not_found", entity=target.table.name, key=min(wanted - known))


def _references(
    session: Session, table: Table | str, record_id: int, counts: Callable[[ForeignKey], bool]
) -> list[tuple[str, int]]:
    target = Base.metadata.tables[table] if isinstance(table, str) else table
    found: list[tuple[str, int]] = []
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not target or not counts(fk):
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
        raise DomainError(
            "record.in_use", table=target, name=name, ref_table=first, count=count, others=others
        )
