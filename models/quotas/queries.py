"""Read-side of the quota ledger: balances as of any date, the entries table, form options.

Everything returns frozen dataclasses (never ORM objects). Balances are SQL aggregates
(``SUM`` over the scaled-integer columns is exact) grouped by year × source × platform;
Python only assembles the few hundred grouped rows into the tree.

What counts as "used" (see docs/guide/quotas.md): a new-land use holds quota from its
预安排 date on, whatever its stage; a return (收回, also made by cancelling) gives quota
back on its own date. The per-stage figures are net of the returns made on those uses,
so a cancelled use counts nowhere and ``used`` = Σ stages = Σ uses − Σ returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session, aliased

from models.policy.entities import ChoiceItem, Platform
from models.quotas.entities import (
    LandSource,
    QuotaAllocation,
    QuotaDemand,
    QuotaGrant,
    QuotaRepayment,
    QuotaReturn,
    QuotaUse,
    UseStage,
)
from models.quotas.ledger import ZERO

STAGES: tuple[str, ...] = tuple(s.value for s in UseStage)


@dataclass(frozen=True)
class Figures:
    """Sums in ㎡ for one node of the balance tree, as of a date.

    ``granted`` and ``carried_out`` are grant-level (zero on platform rows); the stage
    figures are net of returns; ``stock`` is stock-land (存量) supply, which uses no quota."""

    granted: Decimal = ZERO
    carried_out: Decimal = ZERO
    allocated: Decimal = ZERO
    reserved: Decimal = ZERO
    deducted: Decimal = ZERO
    approved: Decimal = ZERO
    supplied: Decimal = ZERO
    returned: Decimal = ZERO

    @property
    def used(self) -> Decimal:
        return self.reserved + self.deducted + self.approved + self.supplied

    @property
    def consumed(self) -> Decimal:
        """报批核销 and later: quota written off at approval."""
        return self.deducted + self.approved + self.supplied

    @property
    def remaining(self) -> Decimal:
        """Allocated but not used (the platform's remainder)."""
        return self.allocated - self.used

    @property
    def unallocated(self) -> Decimal:
        return self.granted - self.carried_out - self.allocated

    @property
    def available(self) -> Decimal:
        """Not used at all: unallocated plus allocated-but-unused."""
        return self.unallocated + self.remaining

    def utilisation(self, *, of_allocated: bool = False) -> Decimal | None:
        """used / granted (or / allocated for a platform), None when the base is zero."""
        base = self.allocated if of_allocated else self.granted - self.carried_out
        return None if base == 0 else self.used / base

    def stage(self, stage: str) -> Decimal:
        value: Decimal = getattr(self, stage)
        return value

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f) + getattr(other, f) for f in _FIELDS))


_FIELDS = ("granted", "carried_out", "allocated", "reserved", "deducted", "approved", "supplied", "returned")


@dataclass(frozen=True)
class PlatformRef:
    id: int
    code: str
    name: str
    short_name: str
    priority: int
    is_main: bool = True  # a main platform; other recipients (is_main false) come after them

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class PlatformBalance:
    platform: PlatformRef
    figures: Figures


@dataclass(frozen=True)
class SourceBalance:
    source: str
    figures: Figures
    platforms: tuple[PlatformBalance, ...]


@dataclass(frozen=True)
class YearBalance:
    year: int
    figures: Figures
    sources: tuple[SourceBalance, ...]
    platforms: tuple[PlatformBalance, ...] = field(default=())  # across sources


@dataclass(frozen=True)
class BalanceTree:
    as_of: dt.date
    years: tuple[YearBalance, ...]

    def year(self, year: int) -> YearBalance | None:
        return next((y for y in self.years if y.year == year), None)


def platforms(session: Session) -> list[PlatformRef]:
    rows = session.execute(
        select(
            Platform.id,
            Platform.code,
            Platform.name,
            Platform.short_name,
            Platform.priority,
            Platform.is_main,
        ).order_by(Platform.priority, Platform.id)
    ).all()
    return [PlatformRef(*r) for r in rows]


def source_order(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(ChoiceItem.value, ChoiceItem.sort_order).where(ChoiceItem.category == "quota_source")
    ).all()
    return {v: o for v, o in rows}


def stage_as_of(as_of: dt.date) -> Any:
    """SQL expression: the stage a use had reached on ``as_of``."""
    return case(
        (QuotaUse.supplied_on <= as_of, UseStage.SUPPLIED.value),
        (QuotaUse.approved_on <= as_of, UseStage.APPROVED.value),
        (QuotaUse.deducted_on <= as_of, UseStage.DEDUCTED.value),
        else_=UseStage.RESERVED.value,
    )


Key = tuple[int, str, int | None]


def ledger_sums(session: Session, as_of: dt.date, year: int | None = None) -> dict[Key, dict[str, Decimal]]:
    """The grouped SQL sums: (year, source, platform_id or None) → {figure: ㎡}."""
    G, A, U, R = QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn
    child = aliased(QuotaGrant)
    out: dict[Key, dict[str, Decimal]] = {}

    def add(key: Key, name: str, value: Any, sign: int = 1) -> None:
        slot = out.setdefault(key, {})
        slot[name] = slot.get(name, ZERO) + sign * Decimal(value)

    def yf(stmt: Any) -> Any:
        return stmt if year is None else stmt.where(G.year == year)

    for y, s, area in session.execute(
        yf(
            select(G.year, G.source, func.sum(G.area_m2))
            .where(G.granted_on <= as_of)
            .group_by(G.year, G.source)
        )
    ):
        add((y, s, None), "granted", area)
    for y, s, area in session.execute(
        yf(
            select(G.year, G.source, func.sum(child.area_m2))
            .select_from(child)
            .join(G, child.carried_over_from_id == G.id)
            .where(child.granted_on <= as_of)
            .group_by(G.year, G.source)
        )
    ):
        add((y, s, None), "carried_out", area)
    # a later grant's part that repays an advance (预支) leaves it like a carry-over
    for y, s, area in session.execute(
        yf(
            select(G.year, G.source, func.sum(QuotaRepayment.area_m2))
            .select_from(QuotaRepayment)
            .join(G, QuotaRepayment.grant_id == G.id)
            .where(QuotaRepayment.repaid_on <= as_of)
            .group_by(G.year, G.source)
        )
    ):
        add((y, s, None), "carried_out", area)
    for y, s, p, area in session.execute(
        yf(
            select(G.year, G.source, A.platform_id, func.sum(A.area_m2))
            .select_from(A)
            .join(G, A.grant_id == G.id)
            .where(A.allocated_on <= as_of)
            .group_by(G.year, G.source, A.platform_id)
        )
    ):
        add((y, s, p), "allocated", area)
    stage = stage_as_of(as_of)
    uses = (
        select(G.year, G.source, A.platform_id, stage, func.sum(U.area_m2))
        .select_from(U)
        .join(A, U.allocation_id == A.id)
        .join(G, A.grant_id == G.id)
        .where(U.reserved_on <= as_of)
        .group_by(G.year, G.source, A.platform_id, stage)
    )
    for y, s, p, st, area in session.execute(yf(uses)):
        add((y, s, p), st, area)
    rets = (
        select(G.year, G.source, A.platform_id, stage, func.sum(R.area_m2))
        .select_from(R)
        .join(U, R.use_id == U.id)
        .join(A, R.allocation_id == A.id)
        .join(G, A.grant_id == G.id)
        .where(R.returned_on <= as_of)
        .group_by(G.year, G.source, A.platform_id, stage)
    )
    for y, s, p, st, area in session.execute(yf(rets)):
        add((y, s, p), st, area, -1)
        add((y, s, p), "returned", area)
    return out


def balance_tree(session: Session, *, as_of: dt.date, year: int | None = None) -> BalanceTree:
    """Balances by year → source → platform as of ``as_of`` (entries dated on or before it)."""
    sums = ledger_sums(session, as_of, year)
    refs = {p.id: p for p in platforms(session)}
    order = source_order(session)
    by_year: dict[int, dict[str, dict[int | None, Figures]]] = {}
    for (y, s, p), values in sums.items():
        by_year.setdefault(y, {}).setdefault(s, {})[p] = Figures(**values)
    years = []
    for y in sorted(by_year, reverse=True):
        sources = []
        per_platform: dict[int, Figures] = {}
        for s in sorted(by_year[y], key=lambda s: (order.get(s, 999), s)):
            cells = by_year[y][s]
            plats = tuple(
                PlatformBalance(refs[p], f)
                for p, f in sorted(
                    ((p, f) for p, f in cells.items() if p is not None),
                    key=lambda pf: (refs[pf[0]].priority, pf[0]),
                )
            )
            for pb in plats:
                per_platform[pb.platform.id] = per_platform.get(pb.platform.id, Figures()) + pb.figures
            sources.append(SourceBalance(s, _total(cells.values()), plats))
        year_plats = tuple(
            PlatformBalance(refs[p], f)
            for p, f in sorted(per_platform.items(), key=lambda pf: (refs[pf[0]].priority, pf[0]))
        )
        years.append(YearBalance(y, _total(sb.figures for sb in sources), tuple(sources), year_plats))
    return BalanceTree(as_of, tuple(years))


def _total(items: Iterable[Figures]) -> Figures:
    total = Figures()
    for f in items:
        total = total + f
    return total


def platform_balances(
    session: Session, *, year: int, as_of: dt.date
) -> tuple[Figures, list[PlatformBalance]]:
    """The year's totals and every platform's figures (platforms without quota show zeros)."""
    tree = balance_tree(session, as_of=as_of, year=year)
    yb = tree.year(year)
    have = {pb.platform.id: pb for pb in yb.platforms} if yb else {}
    rows = [have.get(p.id, PlatformBalance(p, Figures())) for p in platforms(session)]
    return (yb.figures if yb else Figures()), rows


def stock_supply_m2(session: Session, *, year: int, as_of: dt.date) -> dict[int, Decimal]:
    """Stock-land (存量) supply per platform in ``year`` (by 供地 date), not cancelled by ``as_of``."""
    U = QuotaUse
    rows = session.execute(
        select(U.platform_id, func.sum(U.area_m2))
        .where(
            U.land_source == LandSource.EXISTING.value,
            U.supplied_on <= as_of,
            extract("year", U.supplied_on) == year,
            (U.cancelled_on.is_(None)) | (U.cancelled_on > as_of),
        )
        .group_by(U.platform_id)
    ).all()
    return {p: Decimal(a) for p, a in rows}


def years_with_entries(session: Session) -> list[int]:
    return sorted(
        set(session.scalars(select(QuotaGrant.year).distinct()))
        | set(session.scalars(select(QuotaDemand.year).distinct())),
        reverse=True,
    )


def years_with_grants(session: Session) -> list[int]:
    """Years that have grants, newest first."""
    return list(session.scalars(select(QuotaGrant.year).distinct().order_by(QuotaGrant.year.desc())))
