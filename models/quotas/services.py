"""Commands on the quota ledger. Each takes a ``Session`` first and keyword-only arguments,
never commits, returns ``Changes`` and refuses with ``DomainError(code, **fields)``
before changing anything (the fields carry the numbers in ㎡ and the grant's 文号).

Entries are dated and never overwritten: a cancelled use keeps its row (``cancelled_on``)
and gives its quota back through a ``QuotaReturn``; a stage advance fills the next stage
date. Areas are rounded half-even to the stored 0.0001 ㎡ on entry, so every check
compares exactly what will be stored.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.db.records import check_version, get_record
from models.errors import DomainError
from models.policy.entities import ChoiceItem, Platform
from models.quotas.entities import (
    STAGE_ORDER,
    DecisionLevel,
    DemandStatus,
    DisposalKind,
    LandDisposal,
    LandSource,
    Purpose,
    QuotaAllocation,
    QuotaDemand,
    QuotaGrant,
    QuotaRepayment,
    QuotaReturn,
    QuotaUse,
    UseStage,
)
from models.quotas.ledger import (
    ZERO,
    advance_outstanding_m2,
    allocation_min_remaining_from,
    get_allocation,
    get_grant,
    get_use,
    grant_remaining_m2,
    returned_on_use_m2,
    with_mu,
)
from models.units import AREA_SCALE

SOURCE_CATEGORY = "quota_source"
_QUANTUM = Decimal(1).scaleb(-AREA_SCALE)
STAGE_DATE = {
    UseStage.RESERVED: "reserved_on",
    UseStage.DEDUCTED: "deducted_on",
    UseStage.APPROVED: "approved_on",
    UseStage.SUPPLIED: "supplied_on",
}


def exact_area(value: Decimal | int | str) -> Decimal:
    """The area as it will be stored (0.0001 ㎡, half-even)."""
    if isinstance(value, float):
        raise TypeError("floats are not accepted for areas")
    return Decimal(value).quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)


# Areas typed in 亩 convert to ㎡ rounded to 0.0001 ㎡ (100 亩 = 66666.6667 ㎡), so three
# "100 亩" allocations of a "300 亩" grant (200000 ㎡) would overshoot by 0.0001 ㎡. A
# request over the remainder by no more than this (10 cm², far below any survey) takes the
# exact remainder instead of being refused; anything more is refused.
ROUNDING_TOLERANCE_M2 = Decimal("0.0010")


def fit_to_remainder(area: Decimal, remaining: Decimal) -> Decimal:
    """``area``, or exactly ``remaining`` when ``area`` exceeds it only by unit-conversion rounding."""
    if remaining > 0 and remaining < area <= remaining + ROUNDING_TOLERANCE_M2:
        return remaining
    return area


def _positive(value: Decimal | int | str) -> Decimal:
    area = exact_area(value)
    if area <= 0:
        raise DomainError("quota.area_not_positive", **with_mu(area_m2=area))
    return area


def _platform(session: Session, platform_id: int) -> Platform:
    return get_record(session, Platform, platform_id)


def _lock_grant(session: Session, grant_id: int) -> None:
    """Take the grant's row lock before checking its remainder, so two clerks cannot both pass
    the check and together take more than the grant: ``SELECT … FOR UPDATE`` on PostgreSQL
    (whose READ COMMITTED would otherwise let both see the old remainder). On SQLite every
    write transaction is ``BEGIN IMMEDIATE``, which already serialises writers; SQLAlchemy
    renders no ``FOR UPDATE`` there."""
    session.execute(select(QuotaGrant.id).where(QuotaGrant.id == grant_id).with_for_update())


def _lock_grant_of_allocation(session: Session, allocation_id: int) -> None:
    grant_id = session.scalar(select(QuotaAllocation.grant_id).where(QuotaAllocation.id == allocation_id))
    if grant_id is not None:
        _lock_grant(session, grant_id)


def quota_sources(session: Session) -> list[str]:
    """The active quota sources (editable choice list ``quota_source``), in their order."""
    return list(
        session.scalars(
            select(ChoiceItem.value)
            .where(ChoiceItem.category == SOURCE_CATEGORY, ChoiceItem.active.is_(True))
            .order_by(ChoiceItem.sort_order)
        )
    )


# ------------------------------------------------------------------ grants
def add_grant(
    session: Session,
    *,
    year: int,
    source: str,
    document_no: str,
    granted_on: dt.date,
    area_m2: Decimal,
    expires_on: dt.date | None = None,
    major_project: str = "",
    carried_over_from_id: int | None = None,
    note: str = "",
    is_advance: bool = False,
) -> Changes:
    """Record a grant (下达). The 文号 is unique: it identifies the grant in every sheet.
    An advance (预支, ``is_advance``) is quota taken ahead for a provincial major project
    (Zhejiang 2024 lets such projects draw quota in advance): it names the project, and
    later grants repay it (``repay_advance``)."""
    if carried_over_from_id is not None:
        _lock_grant(session, carried_over_from_id)
    area = check_grant(
        session,
        source=source,
        document_no=document_no,
        granted_on=granted_on,
        area_m2=area_m2,
        expires_on=expires_on,
        carried_over_from_id=carried_over_from_id,
    )
    if is_advance and not major_project.strip():
        raise DomainError("quota.advance_needs_project", document_no=document_no.strip())
    if is_advance and carried_over_from_id is not None:
        raise DomainError("quota.advance_not_carried_over", document_no=document_no.strip())
    grant = QuotaGrant(
        year=year,
        source=source,
        document_no=document_no.strip(),
        granted_on=granted_on,
        area_m2=area,
        expires_on=expires_on,
        major_project=major_project.strip(),
        carried_over_from_id=carried_over_from_id,
        note=note,
        is_advance=is_advance,
    )
    session.add(grant)
    session.flush()
    return Changes.of("quotas", created=1, ids=(grant.id,))


def check_grant(
    session: Session,
    *,
    source: str,
    document_no: str,
    granted_on: dt.date,
    area_m2: Decimal,
    expires_on: dt.date | None = None,
    carried_over_from_id: int | None = None,
) -> Decimal:
    """Refuse what ``add_grant`` would refuse; else the area it would store (reads only)."""
    area = _positive(area_m2)
    document_no = document_no.strip()
    if not document_no:
        raise DomainError("quota.document_no_required")
    sources = quota_sources(session)
    if source not in sources:
        raise DomainError("quota.unknown_source", source=source, choices="、".join(sources))
    if session.scalar(select(QuotaGrant.id).where(QuotaGrant.document_no == document_no)) is not None:
        raise DomainError("quota.duplicate_document", document_no=document_no)
    if expires_on is not None and expires_on < granted_on:
        raise DomainError(
            "quota.expiry_before_grant", document_no=document_no, granted_on=granted_on, expires_on=expires_on
        )
    if carried_over_from_id is not None:
        origin = get_grant(session, carried_over_from_id)
        remaining = grant_remaining_m2(session, origin)
        area = fit_to_remainder(area, remaining)
        if area > remaining:
            raise DomainError(
                "quota.carry_over_exceeds_remainder",
                **with_mu(requested_m2=area, remaining_m2=remaining, document_no=origin.document_no),
            )
        if granted_on < origin.granted_on:
            raise DomainError(
                "quota.date_before_grant",
                on=granted_on,
                granted_on=origin.granted_on,
                document_no=origin.document_no,
            )
    return area


def check_carry_over(
    session: Session, *, grant_id: int, to_year: int, on: dt.date, document_no: str = ""
) -> Decimal:
    """Refuse what ``carry_over_grant`` would refuse; else the area it would carry (reads only)."""
    origin = get_grant(session, grant_id)
    remaining = grant_remaining_m2(session, origin)
    if remaining <= 0:
        raise DomainError("quota.nothing_to_carry_over", document_no=origin.document_no)
    return check_grant(
        session,
        source=origin.source,
        document_no=_carry_over_document(origin, to_year, document_no),
        granted_on=on,
        area_m2=remaining,
        carried_over_from_id=origin.id,
    )


def _carry_over_document(origin: QuotaGrant, to_year: int, document_no: str = "") -> str:
    """The 文号 of a carried-over grant: the one given, else the origin's marked 结转 and the year."""
    return document_no.strip() or f"{origin.document_no}（结转{to_year}）"


def carry_over_grant(
    session: Session, *, grant_id: int, to_year: int, on: dt.date, document_no: str = "", note: str = ""
) -> Changes:
    """Carry a grant's unallocated remainder into ``to_year`` (结转) as a new grant of the same
    source; the original's remainder drops by the same area from ``on``."""
    _lock_grant(session, grant_id)
    area = check_carry_over(session, grant_id=grant_id, to_year=to_year, on=on, document_no=document_no)
    origin = get_grant(session, grant_id)
    return add_grant(
        session,
        year=to_year,
        source=origin.source,
        document_no=_carry_over_document(origin, to_year, document_no),
        granted_on=on,
        area_m2=area,
        major_project=origin.major_project,
        carried_over_from_id=origin.id,
        note=note,
    )


def check_repayment(
    session: Session, *, advance_id: int, grant_id: int, area_m2: Decimal, repaid_on: dt.date
) -> Decimal:
    """Refuse what ``repay_advance`` would refuse; else the area it would store (reads only)."""
    area = _positive(area_m2)
    advance, grant = get_grant(session, advance_id), get_grant(session, grant_id)
    if not advance.is_advance:
        raise DomainError("quota.not_an_advance", document_no=advance.document_no)
    if grant.is_advance or grant.id == advance.id:
        raise DomainError("quota.repay_from_advance", document_no=grant.document_no)
    if grant.granted_on < advance.granted_on:
        raise DomainError(
            "quota.repay_from_earlier_grant",
            document_no=grant.document_no,
            granted_on=grant.granted_on,
            advance_document_no=advance.document_no,
            advance_on=advance.granted_on,
        )
    if repaid_on < grant.granted_on:
        raise DomainError(
            "quota.date_before_grant",
            on=repaid_on,
            granted_on=grant.granted_on,
            document_no=grant.document_no,
        )
    owed = advance_outstanding_m2(session, advance)
    area = fit_to_remainder(area, owed)
    if area > owed:
        raise DomainError(
            "quota.repayment_exceeds_advance",
            **with_mu(requested_m2=area, owed_m2=owed, document_no=advance.document_no),
        )
    remaining = grant_remaining_m2(session, grant)
    area = fit_to_remainder(area, remaining)
    if area > remaining:
        raise DomainError(
            "quota.allocation_exceeds_grant",
            **with_mu(requested_m2=area, remaining_m2=remaining, document_no=grant.document_no),
        )
    return area


def repay_advance(
    session: Session,
    *,
    advance_id: int,
    grant_id: int,
    area_m2: Decimal,
    repaid_on: dt.date,
    document_no: str = "",
    note: str = "",
) -> Changes:
    """Repay an advance (预支) from a later grant: the area leaves that grant's remainder and
    the advance owes that much less. Never more than the advance still owes, nor more than
    the later grant has left."""
    _lock_grant(session, grant_id)
    _lock_grant(session, advance_id)
    area = check_repayment(
        session, advance_id=advance_id, grant_id=grant_id, area_m2=area_m2, repaid_on=repaid_on
    )
    row = QuotaRepayment(
        advance_id=advance_id,
        grant_id=grant_id,
        area_m2=area,
        repaid_on=repaid_on,
        document_no=document_no.strip(),
        note=note,
    )
    session.add(row)
    session.flush()
    return Changes.of("quotas", created=1, ids=(row.id,))


def _purpose(value: str) -> str:
    try:
        return Purpose(value).value
    except ValueError:
        raise DomainError("quota.bad_value", purpose=value) from None


# ------------------------------------------------------------------ allocations
def check_allocation(
    session: Session,
    *,
    grant_id: int,
    platform_id: int,
    area_m2: Decimal,
    allocated_on: dt.date,
    demand_id: int | None = None,
) -> Decimal:
    """Refuse (``DomainError``) what ``allocate_quota`` would refuse; else the area it would
    store. Reads only: the forms call it as the clerk types."""
    area = _positive(area_m2)
    grant = get_grant(session, grant_id)
    _platform(session, platform_id)
    if allocated_on < grant.granted_on:
        raise DomainError(
            "quota.date_before_grant",
            on=allocated_on,
            granted_on=grant.granted_on,
            document_no=grant.document_no,
        )
    if grant.expires_on is not None and allocated_on > grant.expires_on:
        raise DomainError(
            "quota.grant_expired", document_no=grant.document_no, expires_on=grant.expires_on, on=allocated_on
        )
    # Allocations only ever take from a grant, so the lowest remainder is the one counting all.
    remaining = grant_remaining_m2(session, grant)
    area = fit_to_remainder(area, remaining)
    if area > remaining:
        raise DomainError(
            "quota.allocation_exceeds_grant",
            **with_mu(requested_m2=area, remaining_m2=remaining, document_no=grant.document_no),
        )
    if demand_id is not None:
        demand = _demand(session, demand_id)
        if demand.platform_id != platform_id:
            raise DomainError("quota.demand_platform_mismatch", project=demand.project)
        if demand.status == DemandStatus.WITHDRAWN.value:
            raise DomainError("quota.demand_withdrawn", project=demand.project)
        open_m2 = demand_open_m2(session, demand)
        area = fit_to_remainder(area, open_m2)
        if area > open_m2:
            raise DomainError(
                "quota.allocation_exceeds_demand",
                **with_mu(requested_m2=area, remaining_m2=open_m2, project=demand.project),
            )
    return area


def allocate_quota(
    session: Session,
    *,
    grant_id: int,
    platform_id: int,
    area_m2: Decimal,
    allocated_on: dt.date,
    project: str = "",
    document_no: str = "",
    demand_id: int | None = None,
    note: str = "",
    purpose: str | None = None,
) -> Changes:
    """Allot part of a grant to a platform or another recipient (分配), never more than the
    grant's remainder. ``purpose`` (industrial / other) defaults to the demand's, else industrial."""
    _lock_grant(session, grant_id)
    area = check_allocation(
        session,
        grant_id=grant_id,
        platform_id=platform_id,
        area_m2=area_m2,
        allocated_on=allocated_on,
        demand_id=demand_id,
    )
    demand = _demand(session, demand_id) if demand_id is not None else None
    if demand is not None:
        project = project or demand.project
    chosen = _purpose(
        purpose if purpose is not None else demand.purpose if demand is not None else Purpose.INDUSTRIAL.value
    )
    alloc = QuotaAllocation(
        grant_id=grant_id,
        platform_id=platform_id,
        project=project.strip(),
        area_m2=area,
        allocated_on=allocated_on,
        document_no=document_no.strip(),
        demand_id=demand_id,
        note=note,
        purpose=chosen,
    )
    session.add(alloc)
    session.flush()
    if demand is not None and demand_open_m2(session, demand) == 0:
        demand.status = DemandStatus.MET.value
    return Changes.of("quotas", created=1, ids=(alloc.id,))


# ------------------------------------------------------------------ uses
def _stage_dates_in_order(dates: list[tuple[UseStage, dt.date | None]]) -> UseStage:
    """The latest stage with a date; refuses gaps and dates running backwards."""
    stage = UseStage.RESERVED
    previous: dt.date | None = None
    gap = False
    for st, day in dates:
        if day is None:
            gap = True
            continue
        if gap:
            raise DomainError("quota.stage_skipped", stage=st.value)
        if previous is not None and day < previous:
            raise DomainError("quota.stage_date_backwards", stage=st.value, on=day, previous_on=previous)
        previous, stage = day, st
    return stage


def record_use(  # noqa: PLR0913  one keyword per field of a quota use
    session: Session,
    *,
    area_m2: Decimal,
    reserved_on: dt.date,
    allocation_id: int | None = None,
    platform_id: int | None = None,
    land_source: str = LandSource.NEW.value,
    project: str = "",
    plot_id: int | None = None,
    decision_level: str = DecisionLevel.DISTRICT.value,
    deducted_on: dt.date | None = None,
    approved_on: dt.date | None = None,
    supplied_on: dt.date | None = None,
    approval_no: str = "",
    note: str = "",
) -> Changes:
    """Record a use (使用/核销) of an allocation by a land supply. New land (新增) takes quota
    from the allocation — never more than its remainder on the use's date or any later
    date; stock land (存量) takes none and names its platform."""
    if allocation_id is not None:
        _lock_grant_of_allocation(session, allocation_id)
    area = check_use(
        session,
        area_m2=area_m2,
        reserved_on=reserved_on,
        allocation_id=allocation_id,
        platform_id=platform_id,
        land_source=land_source,
        decision_level=decision_level,
        deducted_on=deducted_on,
        approved_on=approved_on,
        supplied_on=supplied_on,
        project=project,
    )
    source, level = LandSource(land_source), DecisionLevel(decision_level)
    stage = _stage_dates_in_order(
        [
            (UseStage.RESERVED, reserved_on),
            (UseStage.DEDUCTED, deducted_on),
            (UseStage.APPROVED, approved_on),
            (UseStage.SUPPLIED, supplied_on),
        ]
    )
    if allocation_id is not None:
        platform_id = get_allocation(session, allocation_id).platform_id
    use = QuotaUse(
        allocation_id=allocation_id,
        platform_id=platform_id,
        plot_id=plot_id,
        project=project.strip(),
        area_m2=area,
        land_source=source.value,
        stage=stage.value,
        reserved_on=reserved_on,
        deducted_on=deducted_on,
        approved_on=approved_on,
        supplied_on=supplied_on,
        approval_no=approval_no.strip(),
        decision_level=level.value,
        note=note,
    )
    session.add(use)
    session.flush()
    return Changes.of("quotas", created=1, ids=(use.id,))


def check_use(
    session: Session,
    *,
    area_m2: Decimal,
    reserved_on: dt.date,
    allocation_id: int | None = None,
    platform_id: int | None = None,
    land_source: str = LandSource.NEW.value,
    decision_level: str = DecisionLevel.DISTRICT.value,
    deducted_on: dt.date | None = None,
    approved_on: dt.date | None = None,
    supplied_on: dt.date | None = None,
    project: str = "",
) -> Decimal:
    """Refuse what ``record_use`` would refuse; else the area it would store (reads only)."""
    area = _positive(area_m2)
    try:
        source = LandSource(land_source)
        DecisionLevel(decision_level)
    except ValueError:
        raise DomainError("quota.bad_value", land_source=land_source, decision_level=decision_level) from None
    _stage_dates_in_order(
        [
            (UseStage.RESERVED, reserved_on),
            (UseStage.DEDUCTED, deducted_on),
            (UseStage.APPROVED, approved_on),
            (UseStage.SUPPLIED, supplied_on),
        ]
    )
    if source is LandSource.NEW:
        if allocation_id is None:
            raise DomainError("quota.new_use_needs_allocation", project=project)
        alloc = get_allocation(session, allocation_id)
        grant = get_grant(session, alloc.grant_id)
        if platform_id is not None and platform_id != alloc.platform_id:
            raise DomainError("quota.use_platform_mismatch", document_no=grant.document_no, project=project)
        if reserved_on < alloc.allocated_on:
            raise DomainError(
                "quota.date_before_allocation",
                on=reserved_on,
                allocated_on=alloc.allocated_on,
                document_no=grant.document_no,
            )
        remaining = allocation_min_remaining_from(session, alloc, reserved_on)
        area = fit_to_remainder(area, remaining)
        if area > remaining:
            raise DomainError(
                "quota.use_exceeds_allocation",
                **with_mu(
                    requested_m2=area,
                    remaining_m2=remaining,
                    document_no=grant.document_no,
                    project=alloc.project or project,
                    on=reserved_on,
                ),
            )
    else:
        if allocation_id is not None:
            raise DomainError("quota.stock_use_with_allocation", project=project)
        if platform_id is None:
            raise DomainError("quota.platform_required", project=project)
        _platform(session, platform_id)
    return area


def next_stage(stage: str) -> UseStage | None:
    index = STAGE_ORDER.index(UseStage(stage))
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def advance_use(
    session: Session, *, use_id: int, on: dt.date, approval_no: str = "", expected_version: int | None = None
) -> Changes:
    """Move a use to its next stage (预安排 → 报批核销 → 批准 → 供地), dated ``on`` — never
    before the previous stage's date. The earlier stage dates stay as they were."""
    use = get_use(session, use_id)
    check_version(use, expected_version, entity="quota_uses", key=use.id)
    if use.cancelled_on is not None:
        raise DomainError("quota.use_cancelled", project=use.project, cancelled_on=use.cancelled_on)
    target = next_stage(use.stage)
    if target is None:
        raise DomainError("quota.use_already_supplied", project=use.project)
    previous: dt.date = getattr(use, STAGE_DATE[UseStage(use.stage)])
    if on < previous:
        raise DomainError("quota.stage_date_backwards", stage=target.value, on=on, previous_on=previous)
    setattr(use, STAGE_DATE[target], on)
    use.stage = target.value
    if approval_no.strip():
        use.approval_no = approval_no.strip()
    session.flush()
    return Changes.of("quotas", updated=1, ids=(use.id,))


def _last_stage_date(use: QuotaUse) -> dt.date:
    day: dt.date = getattr(use, STAGE_DATE[UseStage(use.stage)])
    return day


def return_quota(
    session: Session,
    *,
    use_id: int,
    area_m2: Decimal,
    returned_on: dt.date,
    reason: str,
    document_no: str = "",
) -> Changes:
    """Give quota back from a use (收回: land reclaimed, project shrunk) — never more than the
    use has not yet given back. Stock-land uses hold no quota and cannot return any."""
    allocation_id = session.scalar(select(QuotaUse.allocation_id).where(QuotaUse.id == use_id))
    if allocation_id is not None:
        _lock_grant_of_allocation(session, allocation_id)
    area = check_return(session, use_id=use_id, area_m2=area_m2, returned_on=returned_on, reason=reason)
    use = get_use(session, use_id)
    ret = QuotaReturn(
        allocation_id=use.allocation_id,
        use_id=use.id,
        area_m2=area,
        returned_on=returned_on,
        reason=reason.strip(),
        document_no=document_no.strip(),
    )
    session.add(ret)
    session.flush()
    return Changes.of("quotas", created=1, ids=(ret.id,))


def check_return(
    session: Session, *, use_id: int, area_m2: Decimal, returned_on: dt.date, reason: str
) -> Decimal:
    """Refuse what ``return_quota`` would refuse; else the area it would store (reads only)."""
    area = _positive(area_m2)
    reason = reason.strip()
    if not reason:
        raise DomainError("quota.return_reason_required")
    use = get_use(session, use_id)
    if use.allocation_id is None:
        raise DomainError("quota.stock_use_holds_no_quota", project=use.project)
    grant = get_grant(session, get_allocation(session, use.allocation_id).grant_id)
    if returned_on < use.reserved_on:
        raise DomainError(
            "quota.return_before_use",
            on=returned_on,
            reserved_on=use.reserved_on,
            document_no=grant.document_no,
        )
    returnable = use.area_m2 - returned_on_use_m2(session, use.id)
    area = fit_to_remainder(area, returnable)
    if area > returnable:
        raise DomainError(
            "quota.return_exceeds_use",
            **with_mu(
                requested_m2=area,
                returnable_m2=returnable,
                document_no=grant.document_no,
                project=use.project,
            ),
        )
    return area


def cancel_use(
    session: Session,
    *,
    use_id: int,
    on: dt.date,
    reason: str,
    document_no: str = "",
    expected_version: int | None = None,
) -> Changes:
    """Cancel a use (项目取消 / 收回): it keeps its row, is marked ``cancelled_on`` and, for new
    land, everything it has not yet given back returns to its allocation on ``on``."""
    use = get_use(session, use_id)
    check_version(use, expected_version, entity="quota_uses", key=use.id)
    if use.cancelled_on is not None:
        raise DomainError("quota.use_cancelled", project=use.project, cancelled_on=use.cancelled_on)
    if not reason.strip():
        raise DomainError("quota.return_reason_required")
    last = _last_stage_date(use)
    if on < last:
        raise DomainError("quota.stage_date_backwards", stage="cancelled", on=on, previous_on=last)
    changes = Changes.of("quotas", updated=1, ids=(use.id,))
    if use.allocation_id is not None:
        returnable = use.area_m2 - returned_on_use_m2(session, use.id)
        if returnable > 0:
            changes = changes | return_quota(
                session,
                use_id=use.id,
                area_m2=returnable,
                returned_on=on,
                reason=reason,
                document_no=document_no,
            )
    use.cancelled_on = on
    session.flush()
    return changes


# ------------------------------------------------------------------ demands (planner input)
def _demand(session: Session, demand_id: int) -> QuotaDemand:
    return get_record(session, QuotaDemand, demand_id)


def demand_open_m2(session: Session, demand: QuotaDemand) -> Decimal:
    got = session.scalar(
        select(func.sum(QuotaAllocation.area_m2)).where(QuotaAllocation.demand_id == demand.id)
    )
    return demand.area_m2 - (ZERO if got is None else Decimal(got))


def add_demand(
    session: Session,
    *,
    year: int,
    platform_id: int,
    project: str,
    area_m2: Decimal,
    requested_on: dt.date,
    is_major: bool = False,
    priority: int = 5,
    note: str = "",
    purpose: str = Purpose.INDUSTRIAL.value,
) -> Changes:
    """A project of a platform (or another recipient) awaiting quota (the planner's input);
    ``purpose`` industrial (产业用地, ordered by 六(十)) or other."""
    area = _positive(area_m2)
    _platform(session, platform_id)
    if not project.strip():
        raise DomainError("quota.project_required")
    demand = QuotaDemand(
        year=year,
        platform_id=platform_id,
        project=project.strip(),
        area_m2=area,
        requested_on=requested_on,
        is_major=is_major,
        priority=priority,
        note=note,
        purpose=_purpose(purpose),
    )
    session.add(demand)
    session.flush()
    return Changes.of("quotas", created=1, ids=(demand.id,))


def withdraw_demand(session: Session, *, demand_id: int) -> Changes:
    demand = _demand(session, demand_id)
    demand.status = DemandStatus.WITHDRAWN.value
    session.flush()
    return Changes.of("quotas", updated=1, ids=(demand.id,))


# ------------------------------------------------------------------ 增存挂钩 disposals
def record_disposal(
    session: Session,
    *,
    year: int,
    kind: str,
    target_m2: Decimal,
    disposed_m2: Decimal,
    platform_id: int | None = None,
    note: str = "",
) -> Changes:
    """Set a year's disposal target and achievement for 批而未供 or 闲置 land (one row per
    year × kind × platform; recording again replaces the figures of that row)."""
    try:
        kind = DisposalKind(kind).value
    except ValueError:
        raise DomainError("quota.bad_value", kind=kind) from None
    target, disposed = exact_area(target_m2), exact_area(disposed_m2)
    if target < 0 or disposed < 0:
        raise DomainError("quota.area_negative", **with_mu(target_m2=target, disposed_m2=disposed))
    if platform_id is not None:
        _platform(session, platform_id)
    row = session.scalar(
        select(LandDisposal).where(
            LandDisposal.year == year,
            LandDisposal.kind == kind,
            LandDisposal.platform_id.is_(None)
            if platform_id is None
            else LandDisposal.platform_id == platform_id,
        )
    )
    if row is None:
        session.add(
            LandDisposal(
                year=year,
                kind=kind,
                platform_id=platform_id,
                target_m2=target,
                disposed_m2=disposed,
                note=note,
            )
        )
        session.flush()
        return Changes.of("quotas", created=1)
    row.target_m2, row.disposed_m2, row.note = target, disposed, note or row.note
    session.flush()
    return Changes.of("quotas", updated=1)
