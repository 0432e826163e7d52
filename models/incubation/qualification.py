"""The national incubator criteria (国科发区〔2018〕300号) applied to a carrier on a date.

Each criterion is a dated policy rule; the result says, per criterion, the figure measured,
the figure required, whether it is met, and the rule's citation. Figures come from the
tenancy register, not from the carrier's own monthly report:

* area — the carrier's usable area (可自主支配孵化场地面积);
* tenants' share — area of tenancies in force of firms still incubating ÷ usable area;
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

    @property
    def met(self) -> bool:
        return all(c.met for c in self.criteria)

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


def in_incubation(t_start: dt.date, t_end: dt.date | None, graduated_on: dt.date | None, on: dt.date) -> bool:
    """A firm is incubating on ``on`` when its tenancy is in force and it has not yet graduated."""
    return t_start <= on and (t_end is None or t_end >= on) and (graduated_on is None or graduated_on > on)


def tally(session: Session, on: dt.date, max_months: int,
          carrier_ids: Iterable[int] | None = None) -> dict[int, _Tally]:
    stmt = select(Tenancy.carrier_id, Tenancy.start_on, Tenancy.end_on, Tenancy.graduated_on,
                  Tenancy.area_m2)
    if carrier_ids is not None:
        stmt = stmt.where(Tenancy.carrier_id.in_(set(carrier_ids)))
    acc: dict[int, list[Any]] = defaultdict(lambda: [0, Decimal(0), 0, 0, 0])
    for cid, start, end, grad, area in session.execute(stmt):
        a = acc[cid]
        if grad is not None and grad <= on:
            a[2] += 1
        if in_incubation(start, end, grad, on):
            a[0] += 1
            a[1] += area
            months = R.months_elapsed(start, on)
            a[4] = max(a[4], months)
            if months > max_months:
                a[3] += 1
    return {cid: _Tally(*a) for cid, a in acc.items()}


def _criterion(key: str, actual: Decimal, ref: Any, comparison: str, places: str | None = None,
               **detail: Any) -> Criterion:
    """Compare the exact ``actual``; show it rounded half-even to ``places`` when given."""
    required = R.decimal_value(ref)
    met = actual >= required if comparison == ">=" else actual <= required
    if places is not None:
        actual = actual.quantize(Decimal(places), rounding=ROUND_HALF_EVEN)
    return Criterion(key, actual, required, comparison, met, ref.citation(), detail)


def qualify(session: Session, carrier_ids: Iterable[int] | None = None, *,
            on: dt.date) -> list[Qualification]:
    """The criteria for each carrier (all, or ``carrier_ids``), in carrier-name order."""
    stmt = select(Carrier.id, Carrier.name, Carrier.platform_id, Carrier.usable_area_m2).order_by(Carrier.name)
    ids = None if carrier_ids is None else set(carrier_ids)
    if ids is not None:
        stmt = stmt.where(Carrier.id.in_(ids))
    carriers = list(session.execute(stmt))
    max_ref = R.rule(session, R.MAX_MONTHS, on=on)
    tallies = tally(session, on, R.int_value(max_ref), ids)
    empty = _Tally(0, Decimal(0), 0, 0, 0)
    out: list[Qualification] = []
    cache: dict[tuple[str, int | None], Any] = {}
    for cid, name, pid, usable in carriers:
        t = tallies.get(cid, empty)

        def ref(key: str, pid: int | None = pid) -> Any:
            if (key, pid) not in cache:
                cache[key, pid] = R.rule(session, key, on=on, platform_id=pid)
            return cache[key, pid]

        per_1000 = Decimal(0) if not usable else Decimal(t.tenants) * 1000 / usable
        use = Decimal(0) if not usable else t.tenant_area_m2 / usable
        crits = (
            _criterion("area", usable, ref(R.MIN_AREA), ">="),
            _criterion("use_ratio", use, ref(R.MIN_USE_RATIO), ">=", "0.0001", tenant_area_m2=t.tenant_area_m2,
                       usable_area_m2=usable),
            _criterion("tenants", Decimal(t.tenants), ref(R.MIN_TENANTS), ">="),
            _criterion("density", per_1000, ref(R.MIN_DENSITY), ">=", "0.01", tenants=t.tenants, usable_area_m2=usable),
            _criterion("graduates", Decimal(t.graduates), ref(R.MIN_GRADUATES), ">="),
            Criterion("clock", Decimal(t.over_limit), Decimal(0), "<=", t.over_limit == 0, max_ref.citation(),
                      {"max_months": R.int_value(max_ref), "longest_months": t.longest_months}),
        )
        out.append(Qualification(cid, name, on, crits))
    return out


def qualify_one(session: Session, carrier_id: int, *, on: dt.date) -> Qualification:
    from models.errors import NotFoundError

    found = qualify(session, [carrier_id], on=on)
    if not found:
        raise NotFoundError("record.not_found", entity="carriers", key=carrier_id)
    return found[0]
