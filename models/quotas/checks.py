"""``landspace check`` for the quota ledger: the whole ledger re-verified from its rows.

Whatever path the rows took (the services, an import, an edit behind the app's back),
this finds: a remainder negative on any date (grant or allocation), returns above what
a use took, stage dates out of order or not matching the recorded stage, entries dated
before the entry they draw on, platform mismatches, cancelled uses not given back, and —
as a warning citing 临政函〔2023〕74号 四(四) — new-land uses recorded as decided by the
Science City alone. Sums are SQL aggregates; Python walks dates per grant/allocation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.checks import Finding
from models.errors import Problem
from models.policy.entities import Platform
from models.policy.rules import rule_in_force
from models.quotas.entities import (
    STAGE_ORDER,
    DecisionLevel,
    LandSource,
    QuotaAllocation,
    QuotaGrant,
    QuotaRepayment,
    QuotaReturn,
    QuotaUse,
    UseStage,
)
from models.quotas.ledger import ZERO, with_mu
from models.quotas.seed import DECISION_RULE

AREA = "quotas"


def _finding(
    code: str, entity: str, record_id: int | None, label: str = "", severity: str = "error", **fields: object
) -> Finding:
    return Finding(AREA, Problem(code, with_mu(**fields), severity), entity, record_id, label)


def _lowest(start: Decimal, events: list[tuple[dt.date, Decimal]]) -> tuple[Decimal, dt.date | None]:
    """The lowest running balance over the dated events (net per day) and its date."""
    running, lowest, when = start, start, None
    for day, delta in sorted(events):
        running += delta
        if running < lowest:
            lowest, when = running, day
    return lowest, when


def _check_grants(session: Session) -> list[Finding]:
    G, A = QuotaGrant, QuotaAllocation
    events: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for gid, day, area in session.execute(
        select(A.grant_id, A.allocated_on, func.sum(A.area_m2)).group_by(A.grant_id, A.allocated_on)
    ):
        events[gid].append((day, -Decimal(area)))
    for origin, day, area in session.execute(
        select(G.carried_over_from_id, G.granted_on, func.sum(G.area_m2))
        .where(G.carried_over_from_id.is_not(None))
        .group_by(G.carried_over_from_id, G.granted_on)
    ):
        if origin is not None:
            events[origin].append((day, -Decimal(area)))
    Rp = QuotaRepayment
    for gid, day, area in session.execute(
        select(Rp.grant_id, Rp.repaid_on, func.sum(Rp.area_m2)).group_by(Rp.grant_id, Rp.repaid_on)
    ):
        events[gid].append((day, -Decimal(area)))
    out = []
    for gid, doc, area, granted_on in session.execute(select(G.id, G.document_no, G.area_m2, G.granted_on)):
        merged: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
        for day, delta in events.get(gid, []):
            merged[day] += delta
            if day < granted_on:
                out.append(
                    _finding(
                        "quota.check.entry_before_parent",
                        "quota_grant",
                        gid,
                        doc,
                        what="分配",
                        what_id=gid,
                        on=day,
                        parent_on=granted_on,
                        document_no=doc,
                    )
                )
        lowest, when = _lowest(area, list(merged.items()))
        if lowest < 0:
            out.append(
                _finding(
                    "quota.check.grant_negative",
                    "quota_grant",
                    gid,
                    doc,
                    document_no=doc,
                    on=when,
                    remaining_m2=lowest,
                )
            )
    return out


def _check_allocations(session: Session) -> list[Finding]:
    G, A, U, R, P = QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn, Platform
    events: dict[int, dict[dt.date, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for use_alloc, day, area in session.execute(
        select(U.allocation_id, U.reserved_on, func.sum(U.area_m2))
        .where(U.allocation_id.is_not(None))
        .group_by(U.allocation_id, U.reserved_on)
    ):
        if use_alloc is not None:
            events[use_alloc][day] -= Decimal(area)
    for aid, day, area in session.execute(
        select(R.allocation_id, R.returned_on, func.sum(R.area_m2)).group_by(R.allocation_id, R.returned_on)
    ):
        events[aid][day] += Decimal(area)
    out = []
    rows = session.execute(
        select(A.id, A.area_m2, A.allocated_on, A.project, G.document_no, G.granted_on, P.name)
        .join(G, A.grant_id == G.id)
        .join(P, A.platform_id == P.id)
    )
    for aid, area, allocated_on, project, doc, granted_on, platform in rows:
        if allocated_on < granted_on:
            out.append(
                _finding(
                    "quota.check.entry_before_parent",
                    "quota_allocation",
                    aid,
                    doc,
                    what="分配",
                    what_id=aid,
                    on=allocated_on,
                    parent_on=granted_on,
                    document_no=doc,
                )
            )
        lowest, when = _lowest(area, list(events.get(aid, {}).items()))
        if lowest < 0:
            out.append(
                _finding(
                    "quota.check.allocation_negative",
                    "quota_allocation",
                    aid,
                    doc,
                    document_no=doc,
                    platform=platform,
                    project=project,
                    on=when,
                    remaining_m2=lowest,
                )
            )
    return out


def _stage_problem(use: QuotaUse) -> tuple[str, str] | None:
    """(code, stage) when the dates skip or run backwards, or the stage does not match them."""
    dates = [use.reserved_on, use.deducted_on, use.approved_on, use.supplied_on]
    last, gap, reached = None, False, UseStage.RESERVED
    for stage, day in zip(STAGE_ORDER, dates, strict=True):
        if day is None:
            gap = True
            continue
        if gap or (last is not None and day < last):
            return "quota.check.dates_out_of_order", stage.value
        last, reached = day, stage
    if use.stage != reached.value:
        return "quota.check.stage_mismatch", reached.value
    return None


def _check_uses(session: Session) -> list[Finding]:
    G, A, U, R = QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn
    returned = dict(
        session.execute(
            select(R.use_id, func.sum(R.area_m2)).where(R.use_id.is_not(None)).group_by(R.use_id)
        ).all()
    )
    allocs = {a.id: a for a in session.scalars(select(A))}
    docs = dict(session.execute(select(G.id, G.document_no)).all())
    out = []
    for use in session.scalars(select(U).order_by(U.id)):
        alloc = allocs.get(use.allocation_id) if use.allocation_id is not None else None
        doc = docs.get(alloc.grant_id, "") if alloc is not None else ""
        label = use.project or f"#{use.id}"
        problem = _stage_problem(use)
        if problem is not None:
            out.append(
                _finding(
                    problem[0],
                    "quota_use",
                    use.id,
                    label,
                    project=label,
                    stage=use.stage,
                    expected=problem[1],
                )
            )
        if alloc is not None:
            if use.land_source == LandSource.EXISTING.value:
                out.append(
                    _finding(
                        "quota.check.stock_use_with_allocation", "quota_use", use.id, label, project=label
                    )
                )
            if use.platform_id != alloc.platform_id:
                out.append(
                    _finding(
                        "quota.check.use_platform_mismatch",
                        "quota_use",
                        use.id,
                        label,
                        project=label,
                        document_no=doc,
                    )
                )
            if use.reserved_on < alloc.allocated_on:
                out.append(
                    _finding(
                        "quota.check.entry_before_parent",
                        "quota_use",
                        use.id,
                        label,
                        what="使用",
                        what_id=use.id,
                        on=use.reserved_on,
                        parent_on=alloc.allocated_on,
                        document_no=doc,
                    )
                )
            back = Decimal(returned.get(use.id, ZERO))
            if back > use.area_m2:
                out.append(
                    _finding(
                        "quota.check.return_exceeds_use",
                        "quota_use",
                        use.id,
                        label,
                        project=label,
                        document_no=doc,
                        returned_m2=back,
                        used_m2=use.area_m2,
                    )
                )
            if use.cancelled_on is not None and back < use.area_m2:
                out.append(
                    _finding(
                        "quota.check.cancelled_not_returned",
                        "quota_use",
                        use.id,
                        label,
                        project=label,
                        document_no=doc,
                        open_m2=use.area_m2 - back,
                    )
                )
        # 四(四): land for a project is decided by the district, whether or not the use draws
        # on an allocation (stock land and uses awaiting one included)
        if use.decision_level == DecisionLevel.SCIENCE_CITY.value:
            rule = rule_in_force(session, DECISION_RULE, on=use.reserved_on)
            if rule is not None and rule.value == DecisionLevel.DISTRICT.value:
                out.append(
                    _finding(
                        "quota.check.land_decided_by_science_city",
                        "quota_use",
                        use.id,
                        label,
                        "warning",
                        project=label,
                        **rule.citation(),
                    )
                )
    return out


def _check_returns(session: Session) -> list[Finding]:
    R, U = QuotaReturn, QuotaUse
    out = []
    for rid, aid, use_id, use_alloc, returned_on, reserved_on in session.execute(
        select(R.id, R.allocation_id, R.use_id, U.allocation_id, R.returned_on, U.reserved_on).outerjoin(
            U, R.use_id == U.id
        )
    ):
        if use_id is None:
            out.append(_finding("quota.check.return_without_use", "quota_return", rid, return_id=rid))
        elif use_alloc != aid:
            out.append(_finding("quota.check.return_allocation_mismatch", "quota_return", rid, return_id=rid))
        elif returned_on < reserved_on:
            out.append(
                _finding(
                    "quota.check.entry_before_parent",
                    "quota_return",
                    rid,
                    what="收回",
                    what_id=rid,
                    on=returned_on,
                    parent_on=reserved_on,
                    document_no="",
                )
            )
    return out


def _check_advances(session: Session) -> list[Finding]:
    """An advance (预支) repaid beyond its area is an error; one still owing is a notice."""
    G, Rp = QuotaGrant, QuotaRepayment
    repaid = dict(session.execute(select(Rp.advance_id, func.sum(Rp.area_m2)).group_by(Rp.advance_id)).all())
    out = []
    for gid, doc, area, project, is_advance in session.execute(
        select(G.id, G.document_no, G.area_m2, G.major_project, G.is_advance).where(
            G.id.in_(select(Rp.advance_id)) | G.is_advance.is_(True)
        )
    ):
        back = Decimal(repaid.get(gid, ZERO))
        if not is_advance:
            out.append(
                _finding("quota.check.repayment_to_non_advance", "quota_grant", gid, doc, document_no=doc)
            )
        elif back > area:
            out.append(
                _finding(
                    "quota.check.advance_overpaid",
                    "quota_grant",
                    gid,
                    doc,
                    document_no=doc,
                    repaid_m2=back,
                    advance_m2=area,
                )
            )
        elif back < area:
            out.append(
                _finding(
                    "quota.check.advance_outstanding",
                    "quota_grant",
                    gid,
                    doc,
                    "info",
                    document_no=doc,
                    project=project,
                    owed_m2=area - back,
                )
            )
    return out


def run_checks(session: Session) -> list[Finding]:
    findings = (
        _check_grants(session) + _check_allocations(session) + _check_uses(session) + _check_returns(session)
    )
    findings += _check_advances(session)
    counts = {
        name: session.scalar(select(func.count()).select_from(entity)) or 0
        for name, entity in (
            ("grants", QuotaGrant),
            ("allocations", QuotaAllocation),
            ("uses", QuotaUse),
            ("returns", QuotaReturn),
        )
    }
    if any(counts.values()) and not any(f.problem.is_error for f in findings):
        findings.append(
            Finding(AREA, Problem("quota.check.ok", counts, "info"))
        )  # an empty ledger says nothing
    return findings
