"""The ledger's entries as one table (grants, allocations, uses, returns) and the options
the forms offer (grants and allocations with their remainders). Frozen rows only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.land.entities import Plot
from models.policy.entities import Platform
from models.quotas.entities import (
    QuotaAllocation,
    QuotaDemand,
    QuotaGrant,
    QuotaRepayment,
    QuotaReturn,
    QuotaUse,
)
from models.quotas.ledger import ZERO

KIND_GRANT, KIND_ALLOCATION, KIND_USE, KIND_RETURN = "grant", "allocation", "use", "return"


@dataclass(frozen=True)
class LedgerEntry:
    """One dated entry. ``area_m2`` is signed as it moves quota: grants and returns +,
    allocations and new-land uses as recorded (the kind says what they do)."""

    kind: str
    id: int
    on: dt.date
    year: int
    source: str
    grant_document_no: str
    platform_id: int | None
    platform: str
    project: str
    area_m2: Decimal
    stage: str = ""
    land_source: str = ""
    document_no: str = ""  # the entry's own document (allocation 文号, approval number, return 文号)
    detail: str = ""  # note or return reason
    cancelled_on: dt.date | None = None


def ledger_entries(session: Session, *, year: int | None = None) -> list[LedgerEntry]:
    """Every entry (of ``year`` when given), newest first. Columns only, no ORM objects."""
    G, A, U, R, P = QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn, Platform
    pname = func.coalesce(func.nullif(P.short_name, ""), P.name)
    out: list[LedgerEntry] = []

    def yf(stmt: Any) -> Any:
        return stmt if year is None else stmt.where(G.year == year)

    for r in session.execute(
        yf(select(G.id, G.granted_on, G.year, G.source, G.document_no, G.area_m2, G.major_project, G.note))
    ):
        detail = r.major_project if r.major_project else r.note
        out.append(
            LedgerEntry(
                KIND_GRANT,
                r.id,
                r.granted_on,
                r.year,
                r.source,
                r.document_no,
                None,
                "",
                r.major_project,
                r.area_m2,
                document_no=r.document_no,
                detail=detail,
            )
        )
    for r in session.execute(
        yf(
            select(
                A.id,
                A.allocated_on,
                G.year,
                G.source,
                G.document_no,
                A.platform_id,
                pname,
                A.project,
                A.area_m2,
                A.document_no.label("own"),
                A.note,
            )
            .join(G, A.grant_id == G.id)
            .join(P, A.platform_id == P.id)
        )
    ):
        out.append(
            LedgerEntry(
                KIND_ALLOCATION,
                r.id,
                r.allocated_on,
                r.year,
                r.source,
                r.document_no,
                r.platform_id,
                r[6],
                r.project,
                r.area_m2,
                document_no=r.own,
                detail=r.note,
            )
        )
    new_uses = (
        select(
            U.id,
            U.reserved_on,
            G.year,
            G.source,
            G.document_no,
            U.platform_id,
            pname,
            U.project,
            U.area_m2,
            U.stage,
            U.land_source,
            U.approval_no,
            U.note,
            U.cancelled_on,
        )
        .join(A, U.allocation_id == A.id)
        .join(G, A.grant_id == G.id)
        .join(P, U.platform_id == P.id)
    )
    for r in session.execute(yf(new_uses)):
        out.append(
            LedgerEntry(
                KIND_USE,
                r.id,
                r.reserved_on,
                r.year,
                r.source,
                r.document_no,
                r.platform_id,
                r[6],
                r.project,
                r.area_m2,
                r.stage,
                r.land_source,
                r.approval_no,
                r.note,
                r.cancelled_on,
            )
        )
    stock = (
        select(
            U.id,
            U.reserved_on,
            U.platform_id,
            pname,
            U.project,
            U.area_m2,
            U.stage,
            U.land_source,
            U.approval_no,
            U.note,
            U.cancelled_on,
        )
        .join(P, U.platform_id == P.id)
        .where(U.allocation_id.is_(None))
    )
    if year is not None:
        stock = stock.where(func.extract("year", U.reserved_on) == year)
    for r in session.execute(stock):
        out.append(
            LedgerEntry(
                KIND_USE,
                r.id,
                r.reserved_on,
                r.reserved_on.year,
                "",
                "",
                r.platform_id,
                r[3],
                r.project,
                r.area_m2,
                r.stage,
                r.land_source,
                r.approval_no,
                r.note,
                r.cancelled_on,
            )
        )
    for r in session.execute(
        yf(
            select(
                R.id,
                R.returned_on,
                G.year,
                G.source,
                G.document_no,
                A.platform_id,
                pname,
                U.project,
                R.area_m2,
                R.document_no.label("own"),
                R.reason,
            )
            .join(A, R.allocation_id == A.id)
            .join(G, A.grant_id == G.id)
            .join(P, A.platform_id == P.id)
            .outerjoin(U, R.use_id == U.id)
        )
    ):
        out.append(
            LedgerEntry(
                KIND_RETURN,
                r.id,
                r.returned_on,
                r.year,
                r.source,
                r.document_no,
                r.platform_id,
                r[6],
                r.project or "",
                r.area_m2,
                document_no=r.own,
                detail=r.reason,
            )
        )
    out.sort(key=lambda e: (e.on, e.kind, e.id), reverse=True)
    return out


@dataclass(frozen=True)
class GrantOption:
    id: int
    document_no: str
    year: int
    source: str
    granted_on: dt.date
    area_m2: Decimal
    remaining_m2: Decimal  # counting every entry
    expires_on: dt.date | None
    major_project: str
    is_advance: bool = False  # 预支


def grant_options(session: Session, *, year: int | None = None) -> list[GrantOption]:
    G, A = QuotaGrant, QuotaAllocation
    child = (
        select(QuotaGrant.carried_over_from_id.label("gid"), func.sum(QuotaGrant.area_m2).label("c"))
        .where(QuotaGrant.carried_over_from_id.is_not(None))
        .group_by(QuotaGrant.carried_over_from_id)
        .subquery()
    )
    alloc = select(A.grant_id.label("gid"), func.sum(A.area_m2).label("a")).group_by(A.grant_id).subquery()
    repaid = (
        select(QuotaRepayment.grant_id.label("gid"), func.sum(QuotaRepayment.area_m2).label("r"))
        .group_by(QuotaRepayment.grant_id)
        .subquery()
    )
    stmt = (
        select(
            G.id,
            G.document_no,
            G.year,
            G.source,
            G.granted_on,
            G.area_m2,
            alloc.c.a,
            child.c.c,
            G.expires_on,
            G.major_project,
            repaid.c.r,
            G.is_advance,
        )
        .outerjoin(alloc, alloc.c.gid == G.id)
        .outerjoin(child, child.c.gid == G.id)
        .outerjoin(repaid, repaid.c.gid == G.id)
        .order_by(G.year.desc(), G.granted_on, G.id)
    )
    if year is not None:
        stmt = stmt.where(G.year == year)
    scale = QuotaGrant.__table__.c.area_m2.type
    out = []
    for r in session.execute(stmt):
        used = _dec(scale, r[6]) + _dec(scale, r[7]) + _dec(scale, r[10])
        out.append(
            GrantOption(
                r.id,
                r.document_no,
                r.year,
                r.source,
                r.granted_on,
                r.area_m2,
                r.area_m2 - used,
                r.expires_on,
                r.major_project,
                bool(r.is_advance),
            )
        )
    return out


def _dec(type_: Any, raw: Any) -> Decimal:
    """A raw scaled integer from a subquery sum as ㎡ (subquery labels lose the column type)."""
    if raw is None:
        return ZERO
    if isinstance(raw, Decimal):
        return raw
    return Decimal(int(raw)).scaleb(-int(type_.scale)).quantize(ZERO)


@dataclass(frozen=True)
class AllocationOption:
    id: int
    grant_id: int
    grant_document_no: str
    year: int
    source: str
    platform_id: int
    platform: str
    project: str
    allocated_on: dt.date
    area_m2: Decimal
    remaining_m2: Decimal  # counting every entry


def allocation_options(
    session: Session, *, year: int | None = None, platform_id: int | None = None
) -> list[AllocationOption]:
    G, A, U, R, P = QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn, Platform
    used = (
        select(U.allocation_id.label("aid"), func.sum(U.area_m2).label("u"))
        .where(U.allocation_id.is_not(None))
        .group_by(U.allocation_id)
        .subquery()
    )
    rets = (
        select(R.allocation_id.label("aid"), func.sum(R.area_m2).label("r"))
        .group_by(R.allocation_id)
        .subquery()
    )
    stmt = (
        select(
            A.id,
            A.grant_id,
            G.document_no,
            G.year,
            G.source,
            A.platform_id,
            func.coalesce(func.nullif(P.short_name, ""), P.name),
            A.project,
            A.allocated_on,
            A.area_m2,
            used.c.u,
            rets.c.r,
        )
        .join(G, A.grant_id == G.id)
        .join(P, A.platform_id == P.id)
        .outerjoin(used, used.c.aid == A.id)
        .outerjoin(rets, rets.c.aid == A.id)
        .order_by(G.year.desc(), P.priority, A.allocated_on, A.id)
    )
    if year is not None:
        stmt = stmt.where(G.year == year)
    if platform_id is not None:
        stmt = stmt.where(A.platform_id == platform_id)
    t = QuotaAllocation.__table__.c.area_m2.type
    return [
        AllocationOption(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[9] - _dec(t, r[10]) + _dec(t, r[11])
        )
        for r in session.execute(stmt)
    ]


@dataclass(frozen=True)
class UseRow:
    id: int
    version: int
    allocation_id: int | None
    grant_document_no: str
    platform_id: int
    platform: str
    project: str
    plot_code: str
    area_m2: Decimal
    returned_m2: Decimal
    land_source: str
    stage: str
    reserved_on: dt.date
    deducted_on: dt.date | None
    approved_on: dt.date | None
    supplied_on: dt.date | None
    approval_no: str
    decision_level: str
    cancelled_on: dt.date | None


def use_rows(session: Session, *, year: int | None = None) -> list[UseRow]:
    G, A, U, R, P = QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn, Platform
    rets = (
        select(R.use_id.label("uid"), func.sum(R.area_m2).label("r"))
        .where(R.use_id.is_not(None))
        .group_by(R.use_id)
        .subquery()
    )
    stmt = (
        select(
            U.id,
            U.version,
            U.allocation_id,
            func.coalesce(G.document_no, ""),
            U.platform_id,
            func.coalesce(func.nullif(P.short_name, ""), P.name),
            U.project,
            func.coalesce(Plot.code, ""),
            U.area_m2,
            rets.c.r,
            U.land_source,
            U.stage,
            U.reserved_on,
            U.deducted_on,
            U.approved_on,
            U.supplied_on,
            U.approval_no,
            U.decision_level,
            U.cancelled_on,
        )
        .join(P, U.platform_id == P.id)
        .outerjoin(A, U.allocation_id == A.id)
        .outerjoin(G, A.grant_id == G.id)
        .outerjoin(Plot, U.plot_id == Plot.id)
        .outerjoin(rets, rets.c.uid == U.id)
        .order_by(U.reserved_on.desc(), U.id.desc())
    )
    if year is not None:
        stmt = stmt.where(func.coalesce(G.year, func.extract("year", U.reserved_on)) == year)
    t = QuotaUse.__table__.c.area_m2.type
    return [UseRow(*r[:9], _dec(t, r[9]), *r[10:]) for r in session.execute(stmt)]  # type: ignore[call-arg]


@dataclass(frozen=True)
class DemandRow:
    id: int
    year: int
    platform_id: int
    platform: str
    project: str
    area_m2: Decimal
    allocated_m2: Decimal
    is_major: bool
    priority: int
    requested_on: dt.date
    status: str
    purpose: str = "industrial"

    @property
    def open_m2(self) -> Decimal:
        return self.area_m2 - self.allocated_m2


def demand_rows(session: Session, *, year: int | None = None, open_only: bool = False) -> list[DemandRow]:
    D, A, P = QuotaDemand, QuotaAllocation, Platform
    got = (
        select(A.demand_id.label("did"), func.sum(A.area_m2).label("a"))
        .where(A.demand_id.is_not(None))
        .group_by(A.demand_id)
        .subquery()
    )
    stmt = (
        select(
            D.id,
            D.year,
            D.platform_id,
            func.coalesce(func.nullif(P.short_name, ""), P.name),
            D.project,
            D.area_m2,
            got.c.a,
            D.is_major,
            D.priority,
            D.requested_on,
            D.status,
            D.purpose,
        )
        .join(P, D.platform_id == P.id)
        .outerjoin(got, got.c.did == D.id)
        .order_by(D.year.desc(), P.priority, D.priority, D.id)
    )
    if year is not None:
        stmt = stmt.where(D.year == year)
    if open_only:
        stmt = stmt.where(D.status == "pending")
    t = QuotaDemand.__table__.c.area_m2.type
    return [DemandRow(*r[:6], _dec(t, r[6]), *r[7:]) for r in session.execute(stmt)]  # type: ignore[call-arg]
