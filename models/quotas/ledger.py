"""Remainders of one grant or one allocation, as of a date or at the worst later date.

Shared by the services (to refuse) and the queries (to show the remainder as the clerk
types). All sums are SQL aggregates over the scaled-integer columns, so they are exact.

Definitions (documented in docs/guide/quotas.md):
- grant remainder(D) = area − Σ allocations(allocated_on ≤ D) − Σ carried-over grants(granted_on ≤ D)
  − Σ repayments of advances made from it (repaid_on ≤ D)
- advance outstanding(D) = advance area − Σ repayments to it (repaid_on ≤ D)
- allocation remainder(D) = area − Σ uses(reserved_on ≤ D) + Σ returns(returned_on ≤ D)
  (every stage from 预安排 on holds quota; a cancelled use gives it back through its return)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.db.records import get_record
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaRepayment, QuotaReturn, QuotaUse

ZERO = Decimal("0.0000")


def _sum(session: Session, stmt: object) -> Decimal:
    value = session.scalar(stmt)  # type: ignore[call-overload]
    return ZERO if value is None else Decimal(value)


def get_grant(session: Session, grant_id: int) -> QuotaGrant:
    return get_record(session, QuotaGrant, grant_id)


def get_allocation(session: Session, allocation_id: int) -> QuotaAllocation:
    return get_record(session, QuotaAllocation, allocation_id)


def get_use(session: Session, use_id: int) -> QuotaUse:
    return get_record(session, QuotaUse, use_id)


def grant_remaining_m2(session: Session, grant: QuotaGrant, as_of: dt.date | None = None) -> Decimal:
    """The unallocated part of ``grant`` as of ``as_of`` (None: counting every entry)."""
    alloc = select(func.sum(QuotaAllocation.area_m2)).where(QuotaAllocation.grant_id == grant.id)
    carried = select(func.sum(QuotaGrant.area_m2)).where(QuotaGrant.carried_over_from_id == grant.id)
    repaid = select(func.sum(QuotaRepayment.area_m2)).where(QuotaRepayment.grant_id == grant.id)
    if as_of is not None:
        if grant.granted_on > as_of:
            return ZERO
        alloc = alloc.where(QuotaAllocation.allocated_on <= as_of)
        carried = carried.where(QuotaGrant.granted_on <= as_of)
        repaid = repaid.where(QuotaRepayment.repaid_on <= as_of)
    return grant.area_m2 - _sum(session, alloc) - _sum(session, carried) - _sum(session, repaid)


def advance_outstanding_m2(session: Session, advance: QuotaGrant, as_of: dt.date | None = None) -> Decimal:
    """What an advance (预支) still owes as of ``as_of`` (None: counting every repayment)."""
    if not advance.is_advance:
        return ZERO
    repaid = select(func.sum(QuotaRepayment.area_m2)).where(QuotaRepayment.advance_id == advance.id)
    if as_of is not None:
        repaid = repaid.where(QuotaRepayment.repaid_on <= as_of)
    return advance.area_m2 - _sum(session, repaid)


def allocation_events(session: Session, allocation_id: int) -> list[tuple[dt.date, Decimal]]:
    """(date, net signed ㎡ of that day) of the entries moving the allocation's remainder, by date."""
    uses = session.execute(
        select(QuotaUse.reserved_on, func.sum(QuotaUse.area_m2))
        .where(QuotaUse.allocation_id == allocation_id)
        .group_by(QuotaUse.reserved_on)
    ).all()
    rets = session.execute(
        select(QuotaReturn.returned_on, func.sum(QuotaReturn.area_m2))
        .where(QuotaReturn.allocation_id == allocation_id)
        .group_by(QuotaReturn.returned_on)
    ).all()
    days: dict[dt.date, Decimal] = {}
    for day, area in uses:
        days[day] = days.get(day, ZERO) - Decimal(area)
    for day, area in rets:
        days[day] = days.get(day, ZERO) + Decimal(area)
    return sorted(days.items())


def allocation_remaining_m2(
    session: Session, alloc: QuotaAllocation, as_of: dt.date | None = None
) -> Decimal:
    """The allocation's remainder as of ``as_of`` (None: counting every entry)."""
    if as_of is not None and alloc.allocated_on > as_of:
        return ZERO
    total = alloc.area_m2
    for day, delta in allocation_events(session, alloc.id):
        if as_of is None or day <= as_of:
            total += delta
    return total


def allocation_min_remaining_from(session: Session, alloc: QuotaAllocation, start: dt.date) -> Decimal:
    """The smallest remainder on any date ≥ ``start``: what a use dated ``start`` may take
    without making a later balance negative (a later use may already count on it)."""
    running = alloc.area_m2
    lowest: Decimal | None = None
    for day, delta in allocation_events(session, alloc.id):
        if day > start and lowest is None:
            lowest = running  # the remainder on ``start`` itself
        running += delta
        if day >= start and lowest is not None:
            lowest = min(lowest, running)
        elif day == start:
            lowest = running
    if lowest is None:
        lowest = running
    return min(lowest, running)


def returned_on_use_m2(session: Session, use_id: int) -> Decimal:
    return _sum(session, select(func.sum(QuotaReturn.area_m2)).where(QuotaReturn.use_id == use_id))


def with_mu(**fields: object) -> dict[str, object]:
    """Problem fields with each ``x_m2`` area also given as ``x_mu`` (亩, 2 places), the unit
    Zhejiang practice counts in, so a message can say "120.00 亩" without arithmetic."""
    from models.units import mu

    out: dict[str, object] = dict(fields)
    for key, value in fields.items():
        if key.endswith("_m2") and isinstance(value, Decimal):
            out[key[:-3] + "_mu"] = mu(value, 2)
    return out
