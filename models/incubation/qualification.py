"""The national incubator criteria (国科发区〔2018〕300号) applied to a carrier on a date.

Each criterion is a dated policy rule; the result says, per criterion, the figure measured,
the figure required, whether it is met, and the rule's citation. Figures come from the
tenancy register, not from the carrier's own monthly report:

* area — the carrier's usable area (可自主支配孵化场地面积);
* tenants' share — (area of tenancies in force of firms still incubating + public-service
  area) ÷ usable area;
* tenants — firms incubating on the date; density — tenants per 1,000 ㎡ of usable area;
* graduates — firms graduated on or before the date (cumulative);
* incubation period — incubating firms whose clock exceeds the limit (must be none).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.incubation import rules as R
from models.incubation.entities import Carrier, Tenancy

NATIONAL_KINDS = ("incubator",)


@dataclass(frozen=True, slots=True)
class Criterion:
    """``key`` names the criterion (area, use_ratio, tenants, density, graduates, clock);
    ``comparison`` is ">=" or "<="; ``citation`` is the rule's ``RuleRef.citation()``."""

    key: str
    actual: Decimal
    required: Decimal
    comparison: str
    met: bool
    citation: dict[str, Any]
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Qualification:
    carrier_id: int
    carrier_name: str
    on: dt.date
    criteria: tuple[Criterion, ...]
    # 卓越级 (工信部科〔2025〕131号), where its rules are in force: area, tenants, density and
    # graduates against the higher level; the other criteria are the 标准级 ones above
    excellent: tuple[Criterion, ...] = ()

    @property
    def met(self) -> bool:
        return all(c.met for c in self.criteria)

    @property
    def excellent_met(self) -> bool | None:
        """None where no 卓越级 rule is in force; else whether every criterion of both levels holds."""
        if not self.excellent:
            return None
        return self.met and all(c.met for c in self.excellent)

    @property
    def failed(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.met)


@dataclass(frozen=True, slots=True)
class _Tally:
    tenants: int
    tenant_area_m2: Decimal
    graduates: int
    over_limit: int
    longest_months: int
    too_old_on_entry: int = 0
    by_sector: tuple[tuple[str, int], ...] = ()

    def sector_count(self, sector: str) -> int:
        return dict(self.by_sector).get(sector, 0)


def in_incubation(t_start: dt.date, t_end: dt.date | None, graduated_on: dt.date | None, on: dt.date) -> bool:
    """A firm is incubating on ``on`` when its tenancy is in force and it has not yet graduated."""
    return t_start <= on and (t_end is None or t_end >= on) and (graduated_on is None or graduated_on > on)


def tally(
    session: Session,
    on: dt.date,
    max_months: int,
    carrier_ids: Iterable[int] | None = None,
    *,
    sector_months: dict[str, int] | None = None,
    max_age_months: int | None = None,
) -> dict[int, _Tally]:
    """Per carrier: firms incubating, their area, graduates, firms over their incubation limit
    (``sector_months`` gives longer limits by sector: 60 for 生物医药, 现代农业, 集成电路), firms
    older than ``max_age_months`` when they entered, and incubating firms per sector."""
    stmt = select(
        Tenancy.carrier_id,
        Tenancy.start_on,
        Tenancy.end_on,
        Tenancy.graduated_on,
        Tenancy.area_m2,
        Tenancy.sector,
        Tenancy.founded_on,
    )
    if carrier_ids is not None:
        stmt = stmt.where(Tenancy.carrier_id.in_(set(carrier_ids)))
    sectors = sector_months or {}
    acc: dict[int, list[Any]] = defaultdict(lambda: [0, Decimal(0), 0, 0, 0, 0, defaultdict(int)])
    for cid, start, end, grad, area, sector, founded in session.execute(stmt):
        a = acc[cid]
        if grad is not None and grad <= on:
            a[2] += 1
        if in_incubation(start, end, grad, on):
            a[0] += 1
            a[1] += area
            months = R.months_elapsed(start, on)
            a[4] = max(a[4], months)
            if months > R.limit_for(sector, max_months, sectors):
                a[3] += 1
            if (
                max_age_months is not None
                and founded is not None
                and R.months_elapsed(founded, start) > max_age_months
            ):
                a[5] += 1
            a[6][sector or ""] += 1
    return {
        cid: _Tally(a[0], a[1], a[2], a[3], a[4], a[5], tuple(sorted(a[6].items()))) for cid, a in acc.items()
    }


def _criterion(
    key: str, actual: Decimal, ref: Any, comparison: str, places: str | None = None, **detail: Any
) -> Criterion:
    """Compare the exact ``actual``; show it rounded half-even to ``places`` when given."""
    required = R.decimal_value(ref)
    met = actual >= required if comparison == ">=" else actual <= required
    if places is not None:
        actual = actual.quantize(Decimal(places), rounding=ROUND_HALF_EVEN)
    return Criterion(key, actual, required, comparison, met, ref.citation(), detail)


def qualify(
    session: Session, carrier_ids: Iterable[int] | None = None, *, on: dt.date
) -> list[Qualification]:
    """The criteria for each carrier (all, or ``carrier_ids``), in carrier-name order. A
    carrier with a ``specialty`` is judged as a 专业孵化器 (≥ 75 % of tenants in its industry,
    ≥ 30 tenants, ≥ 2 per 1,000 ㎡, ≥ 15 graduates) where those rules are in force."""
    stmt = select(
        Carrier.id,
        Carrier.name,
        Carrier.platform_id,
        Carrier.usable_area_m2,
        Carrier.public_service_area_m2,
        Carrier.specialty,
    ).order_by(Carrier.name)
    ids = None if carrier_ids is None else set(carrier_ids)
    if ids is not None:
        stmt = stmt.where(Carrier.id.in_(ids))
    carriers = list(session.execute(stmt))
    max_ref = R.rule(session, R.MAX_MONTHS, on=on)
    sector_months, _sector_ref = R.sector_limits(session, on=on)
    age_ref = R.optional_rule(session, R.MAX_AGE_ON_ENTRY, on=on)
    max_age = R.int_value(age_ref) if age_ref is not None else None
    tallies = tally(
        session, on, R.int_value(max_ref), ids, sector_months=sector_months, max_age_months=max_age
    )
    empty = _Tally(0, Decimal(0), 0, 0, 0)
    out: list[Qualification] = []
    cache: dict[tuple[str, int | None], Any] = {}
    # read once, not once per carrier with a specialty (hundreds of queries at ten times the district)
    professional_rules = R.optional_rule(session, R.PRO_MIN_TENANTS, on=on) is not None
    excellent_rules: dict[tuple[str, int | None], Any] = {}
    for cid, name, pid, usable, public, specialty in carriers:
        t = tallies.get(cid, empty)

        def ref(key: str, pid: int | None = pid) -> Any:
            if (key, pid) not in cache:
                cache[key, pid] = R.rule(session, key, on=on, platform_id=pid)
            return cache[key, pid]

        professional = bool(specialty) and professional_rules
        per_1000 = Decimal(0) if not usable else Decimal(t.tenants) * 1000 / usable
        used = t.tenant_area_m2 + (public or Decimal(0))
        use = Decimal(0) if not usable else used / usable
        crits = [
            _criterion("area", usable, ref(R.MIN_AREA), ">="),
            _criterion(
                "use_ratio",
                use,
                ref(R.MIN_USE_RATIO),
                ">=",
                "0.0001",
                tenant_area_m2=t.tenant_area_m2,
                public_service_area_m2=public or Decimal(0),
                usable_area_m2=usable,
            ),
            _criterion(
                "tenants", Decimal(t.tenants), ref(R.PRO_MIN_TENANTS if professional else R.MIN_TENANTS), ">="
            ),
            _criterion(
                "density",
                per_1000,
                ref(R.PRO_MIN_DENSITY if professional else R.MIN_DENSITY),
                ">=",
                "0.01",
                tenants=t.tenants,
                usable_area_m2=usable,
            ),
            _criterion(
                "graduates",
                Decimal(t.graduates),
                ref(R.PRO_MIN_GRADUATES if professional else R.MIN_GRADUATES),
                ">=",
            ),
            Criterion(
                "clock",
                Decimal(t.over_limit),
                Decimal(0),
                "<=",
                t.over_limit == 0,
                max_ref.citation(),
                {
                    "max_months": R.int_value(max_ref),
                    "longest_months": t.longest_months,
                    "sector_months": sector_months,
                },
            ),
        ]
        if professional:
            share = Decimal(0) if not t.tenants else Decimal(t.sector_count(specialty)) / t.tenants
            crits.append(
                _criterion(
                    "industry_share",
                    share,
                    ref(R.PRO_INDUSTRY_SHARE),
                    ">=",
                    "0.0001",
                    specialty=specialty,
                    in_industry=t.sector_count(specialty),
                )
            )
        if age_ref is not None:
            crits.append(
                Criterion(
                    "entry_age",
                    Decimal(t.too_old_on_entry),
                    Decimal(0),
                    "<=",
                    t.too_old_on_entry == 0,
                    age_ref.citation(),
                    {"max_age_months": R.int_value(age_ref)},
                )
            )
        excellent: tuple[Criterion, ...] = ()
        if (R.EXC_MIN_AREA, pid) not in excellent_rules:  # once per platform, not per carrier
            excellent_rules[R.EXC_MIN_AREA, pid] = R.optional_rule(
                session, R.EXC_MIN_AREA, on=on, platform_id=pid
            )
        if excellent_rules[R.EXC_MIN_AREA, pid] is not None:
            excellent = (
                _criterion("area", usable, ref(R.EXC_MIN_AREA), ">="),
                _criterion("tenants", Decimal(t.tenants), ref(R.EXC_MIN_TENANTS), ">="),
                _criterion(
                    "density",
                    per_1000,
                    ref(R.EXC_MIN_DENSITY),
                    ">=",
                    "0.01",
                    tenants=t.tenants,
                    usable_area_m2=usable,
                ),
                _criterion("graduates", Decimal(t.graduates), ref(R.EXC_MIN_GRADUATES), ">="),
            )
        out.append(Qualification(cid, name, on, tuple(crits), excellent))
    return out


def qualify_one(session: Session, carrier_id: int, *, on: dt.date) -> Qualification:
    from models.errors import NotFoundError

    found = qualify(session, [carrier_id], on=on)
    if not found:
        raise NotFoundError("record.not_found", entity="carriers", key=carrier_id)
    return found[0]
