"""增存挂钩 as data: the next year's new quota in proportion to the stock land disposed of
(批而未供 and 闲置), and no new quota where the five-year supply rate is below the set
threshold — both parameters of the dated rule ``quota.stock_linkage`` (自然资规〔2018〕1号,
[L]; the proportion and the 60 % threshold are entered as examples with their source).
No fixed "−20 % of next year's quota" is applied: no document for it was found.

Disposed = the disposals recorded for the year (``LandDisposal.disposed_m2``), where the
stock land (存量) supplied through the ledger that year counts toward 批而未供 once: the
larger of the recorded 批而未供 disposal and the ledger's stock supply, never their sum.
Supply rate = area supplied ÷ area approved, over the uses approved in the five years
ending with ``year`` (not cancelled).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.errors import Problem
from models.policy.rules import RuleRef, rule_in_force
from models.quotas.entities import DisposalKind, LandDisposal, QuotaUse
from models.quotas.ledger import ZERO, with_mu
from models.quotas.queries import stock_supply_m2
from models.quotas.seed import LINKAGE_RULE

Q4 = Decimal("0.0001")


@dataclass(frozen=True)
class Linkage:
    year: int
    target_m2: Decimal
    recorded_m2: dict[str, Decimal]  # by DisposalKind value
    stock_supplied_m2: Decimal
    ratio: Decimal  # new quota per ㎡ disposed
    linked_quota_m2: Decimal  # next year's quota earned by disposal (zero when blocked)
    supply_rate: Decimal | None  # five-year supplied ÷ approved; None without approvals
    threshold: Decimal | None
    rate_years: int
    blocked: bool  # supply rate below the threshold: no new quota
    rule: RuleRef | None
    problem: Problem

    @property
    def disposed_m2(self) -> Decimal:
        unsupplied = max(self.recorded_m2.get(DisposalKind.UNSUPPLIED.value, ZERO), self.stock_supplied_m2)
        others = sum((v for k, v in self.recorded_m2.items() if k != DisposalKind.UNSUPPLIED.value), ZERO)
        return unsupplied + others

    @property
    def met(self) -> bool:
        return self.disposed_m2 >= self.target_m2


def supply_rate(session: Session, *, year: int, years: int, as_of: dt.date) -> Decimal | None:
    """Supplied ÷ approved over uses approved in the ``years`` years ending with ``year``."""
    U = QuotaUse
    first = dt.date(year - years + 1, 1, 1)
    last = min(dt.date(year, 12, 31), as_of)
    live = (U.cancelled_on.is_(None)) | (U.cancelled_on > as_of)
    approved = session.scalar(
        select(func.sum(U.area_m2)).where(U.approved_on >= first, U.approved_on <= last, live)
    )
    if not approved:
        return None
    supplied = session.scalar(
        select(func.sum(U.area_m2)).where(
            U.approved_on >= first,
            U.approved_on <= last,
            U.supplied_on.is_not(None),
            U.supplied_on <= as_of,
            live,
        )
    )
    return (Decimal(supplied or 0) / Decimal(approved)).quantize(Q4, rounding=ROUND_HALF_EVEN)


def linkage_for_year(session: Session, *, year: int, on: dt.date | None = None) -> Linkage:
    """The 增存挂钩 figures of ``year`` under the rule in force at the year's end (or ``on``)."""
    on = on or dt.date(year, 12, 31)
    rule = rule_in_force(session, LINKAGE_RULE, on=on)
    value = rule.value if rule is not None and isinstance(rule.value, dict) else {}
    ratio = Decimal(str(value.get("quota_per_disposed", "0")))
    raw_threshold = value.get("supply_rate_threshold")
    threshold = None if raw_threshold in (None, "") else Decimal(str(raw_threshold))
    rate_years = int(value.get("supply_rate_years", 5))
    rows = session.execute(
        select(LandDisposal.kind, func.sum(LandDisposal.target_m2), func.sum(LandDisposal.disposed_m2))
        .where(LandDisposal.year == year)
        .group_by(LandDisposal.kind)
    ).all()
    target = sum((Decimal(t) for _, t, _ in rows), ZERO)
    recorded = {k.value: ZERO for k in DisposalKind}
    for kind, _, disposed in rows:
        recorded[kind] = Decimal(disposed)
    as_of = max(on, dt.date(year, 12, 31))
    stock = sum(stock_supply_m2(session, year=year, as_of=as_of).values(), ZERO)
    rate = supply_rate(session, year=year, years=rate_years, as_of=as_of)
    blocked = threshold is not None and rate is not None and rate < threshold
    link = Linkage(
        year,
        target,
        recorded,
        stock,
        ratio,
        ZERO,
        rate,
        threshold,
        rate_years,
        blocked,
        rule,
        Problem("quota.linkage.no_target", {"year": year}, "info"),
    )
    disposed = link.disposed_m2
    linked = ZERO if blocked else (disposed * ratio).quantize(Q4, rounding=ROUND_HALF_EVEN)
    cite = rule.citation() if rule is not None else {}
    rate_pct = None if rate is None else (rate * 100).quantize(Decimal("0.1"))
    threshold_pct = None if threshold is None else (threshold * 100).quantize(Decimal("0.1"))
    if blocked:
        problem = Problem(
            "quota.linkage.blocked",
            with_mu(
                year=year,
                disposed_m2=disposed,
                years=rate_years,
                rate_pct=rate_pct,
                threshold_pct=threshold_pct,
                **cite,
            ),
            "warning",
        )
    elif target == 0 and disposed == 0:
        problem = Problem("quota.linkage.no_target", {"year": year}, "info")
    else:
        problem = Problem(
            "quota.linkage.linked",
            with_mu(year=year, disposed_m2=disposed, target_m2=target, linked_m2=linked, ratio=ratio, **cite),
            "info",
        )
    return Linkage(
        year, target, recorded, stock, ratio, linked, rate, threshold, rate_years, blocked, rule, problem
    )
