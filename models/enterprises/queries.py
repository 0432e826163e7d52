"""Read-only views of the enterprise register: frozen rows for tables and forms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise
from models.errors import NotFoundError
from models.policy.entities import ChoiceItem, Platform


@dataclass(frozen=True, slots=True)
class EnterpriseRow:
    id: int
    uscc: str
    name: str
    platform_id: int | None
    platform_name: str
    industry_chain: str
    is_manufacturing: bool
    address: str
    contact: str
    phone: str
    note: str
    version: int


def _select() -> Any:
    stmt = select(
        Enterprise.id,
        Enterprise.uscc,
        Enterprise.name,
        Enterprise.platform_id,
        Platform.name,
        Enterprise.industry_chain,
        Enterprise.is_manufacturing,
        Enterprise.address,
        Enterprise.contact,
        Enterprise.phone,
        Enterprise.note,
        Enterprise.version,
    ).outerjoin(Platform, Platform.id == Enterprise.platform_id)
    return stmt


def _row(r: tuple[Any, ...]) -> EnterpriseRow:
    (id_, uscc, name, pid, pname, chain, manuf, addr, contact, phone, note, version) = r
    return EnterpriseRow(
        int(id_),
        str(uscc),
        str(name),
        None if pid is None else int(pid),
        str(pname or ""),
        str(chain),
        bool(manuf),
        str(addr),
        str(contact),
        str(phone),
        str(note or ""),
        int(version),
    )


def list_enterprises(session: Session, *, platform_id: int | None = None) -> list[EnterpriseRow]:
    """All enterprises (optionally of one platform), ordered by name."""
    stmt = _select().order_by(Enterprise.name, Enterprise.id)
    if platform_id is not None:
        stmt = stmt.where(Enterprise.platform_id == platform_id)
    return [_row(tuple(r)) for r in session.execute(stmt)]


def iter_enterprises(session: Session, *, batch: int = 2000) -> Iterator[EnterpriseRow]:
    """Every enterprise, ordered by name, fetched ``batch`` rows at a time: an export of a
    million holds one batch in memory, not the register."""
    stmt = _select().order_by(Enterprise.name, Enterprise.id)
    for r in session.execute(stmt.execution_options(yield_per=batch)):
        yield _row(tuple(r))


def get_enterprise(session: Session, enterprise_id: int) -> EnterpriseRow:
    r = session.execute(_select().where(Enterprise.id == enterprise_id)).first()
    if r is None:
        raise NotFoundError("record.not_found", entity="enterprises", key=enterprise_id)
    return _row(tuple(r))


def industry_chains(session: Session) -> list[str]:
    """The editable list of industry chains (产业链), in their order."""
    return list(
        session.scalars(
            select(ChoiceItem.value)
            .where(ChoiceItem.category == "industry_chain", ChoiceItem.active)
            .order_by(ChoiceItem.sort_order, ChoiceItem.id)
        )
    )
