"""增存挂钩: a year's disposal of 批而未供 and 闲置 land against its target, and what the
rule ``quota.linkage_penalty`` says it would cost next year's quota (a what-if figure).

Disposed = the disposals recorded for the year (``LandDisposal.disposed_m2``) plus the
stock land (存量) supplied through the ledger that year (uses with ``land_source`` =
existing and a 供地 date in the year). The base of the deduction is next year's grants
from the rule's ``base_sources`` if any are recorded, else this year's (an estimate).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.errors import Problem
from models.policy.rules import RuleRef, rule_in_force
from models.quotas.entities import DisposalKind, LandDisposal, QuotaGrant
from models.quotas.ledger import ZERO, with_mu
from models.quotas.queries import stock_supply_m2
from models.quotas.seed import LINKAGE_RULE


@dataclass(frozen=True)
class Linkage:
    year: int
    target_m2: Decimal
    recorded_m2: dict[str, Decimal]  # by DisposalKind value
    stock_supplied_m2: Decimal
    base_m2: Decimal
    base_year: int
    ratio: Decimal
    penalty_m2: Decimal  # zero when the target is met
    rule: RuleRef | None
    problem: Problem

    @property
    def disposed_m2(self) -> Decimal:
        return sum(self.recorded_m2.values(), ZERO) + self.stock_supplied_m2

    @property
    def met(self) -> bool:
        return self.disposed_m2 >= self.target_m2

    @property
    def next_year_after_m2(self) -> Decimal:
        return self.base_m2 - self.penalty_m2


def _grants_of(session: Session, year: int, sources: list[str]) -> Decimal:
    value = session.scalar(select(func.sum(QuotaGrant.area_m2)).where(
        QuotaGrant.year == year, QuotaGrant.source.in_(sources), QuotaGrant.carried_over_from_id.is_(None)))
    return ZERO if value is None else Decimal(value)


def linkage_for_year(session: Session, *, year: int, on: dt.date | None = None) -> Linkage:
    """The 增存挂钩 figures of ``year`` under the rule in force at the year's end (or ``on``)."""
    on = on or dt.date(year, 12, 31)
    rule = rule_in_force(session, LINKAGE_RULE, on=on)
    value = rule.value if rule is not None and isinstance(rule.value, dict) else {}
    ratio = Decimal(str(value.get("penalty_ratio", "0")))
    sources = [str(s) for s in value.get("base_sources", [])]
    rows = session.execute(select(LandDisposal.kind, func.sum(LandDisposal.target_m2),
                                  func.sum(LandDisposal.disposed_m2))
                           .where(LandDisposal.year == year).group_by(LandDisposal.kind)).all()
    target = sum((Decimal(t) for _, t, _ in rows), ZERO)
    recorded = {k.value: ZERO for k in DisposalKind}
    for kind, _, disposed in rows:
        recorded[kind] = Decimal(disposed)
    stock = sum(stock_supply_m2(session, year=year, as_of=max(on, dt.date(year, 12, 31))).values(), ZERO)
    base_year = year + 1
    base = _grants_of(session, base_year, sources)
    if base == 0:
        base_year, base = year, _grants_of(session, year, sources)
    disposed = sum(recorded.values(), ZERO) + stock
    missed = target > 0 and disposed < target
    penalty = (base * ratio).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN) if missed else ZERO
    cite = rule.citation() if rule is not None else {}
    if target == 0:
        problem = Problem("quota.linkage.no_target", {"year": year}, "info")
    elif missed:
        problem = Problem("quota.linkage.missed", with_mu(year=year, disposed_m2=disposed, target_m2=target,
                                                          penalty_m2=penalty, base_m2=base, ratio=ratio,
                                                          **cite), "warning")
    else:
        problem = Problem("quota.linkage.met", with_mu(year=year, disposed_m2=disposed, target_m2=target, **cite),
                          "info")
    return Linkage(year, target, recorded, stock, base, base_year, ratio, penalty, rule, problem)
