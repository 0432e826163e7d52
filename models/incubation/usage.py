"""Monthly usage: the reports as filed beside the figures computed from tenancies, the
prefilled draft of a month's form, and the series the charts draw. Scoped to the user."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.incubation import vocab
from models.incubation.access import require_carrier, visible_carrier_ids
from models.incubation.entities import Carrier, Tenancy, UsageReport
from models.incubation.occupancy import MonthOccupancy, add_months, month_start, monthly_occupancy, rate
from models.incubation.qualification import in_incubation
from models.policy.entities import Platform


@dataclass(frozen=True, slots=True)
class UsageRow:
    """A filed report with the computed figures for the same month."""

    id: int
    carrier_id: int
    month: dt.date
    occupied_area_m2: Decimal
    tenants: int
    new_tenants: int
    graduated: int
    left: int
    employees: int
    usable_area_m2: Decimal
    reported_rate: Decimal | None
    computed_start_m2: Decimal
    computed_prorated_m2: Decimal
    difference_m2: Decimal
    version: int


def list_usage(
    session: Session, carrier_id: int, *, first: dt.date | None = None, last: dt.date | None = None
) -> list[UsageRow]:
    """The carrier's reports from ``first`` to ``last`` (default: all), oldest first."""
    require_carrier(session, carrier_id, "read")
    stmt = select(UsageReport).where(UsageReport.carrier_id == carrier_id).order_by(UsageReport.month)
    if first is not None:
        stmt = stmt.where(UsageReport.month >= month_start(first))
    if last is not None:
        stmt = stmt.where(UsageReport.month <= month_start(last))
    reports = list(session.scalars(stmt))
    if not reports:
        return []
    occ = {
        o.month: o
        for o in monthly_occupancy(
            session, first=reports[0].month, last=reports[-1].month, carrier_ids=[carrier_id]
        )
    }
    out = []
    for r in reports:
        o = occ[r.month]
        out.append(
            UsageRow(
                r.id,
                r.carrier_id,
                r.month,
                r.occupied_area_m2,
                r.tenants,
                r.new_tenants,
                r.graduated,
                r.left,
                r.employees,
                o.usable_area_m2,
                rate(r.occupied_area_m2, o.usable_area_m2),
                o.start_occupied_m2,
                o.prorated_occupied_m2,
                r.occupied_area_m2 - o.prorated_occupied_m2,
                r.version,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """Computed from tenancies: firms incubating at the month's end (not leaving on its last
    day), firms that moved in, graduated, and left (without graduating) during the month — so
    tenants = last month's tenants + new − graduated − left."""

    tenants: int
    new_tenants: int
    graduated: int
    left: int


def month_counts(
    session: Session, carrier_ids: Iterable[int], months: list[dt.date]
) -> dict[tuple[int, dt.date], MonthCounts]:
    ids = set(carrier_ids)
    rows = list(
        session.execute(
            select(
                Tenancy.carrier_id, Tenancy.start_on, Tenancy.end_on, Tenancy.graduated_on, Tenancy.status
            ).where(Tenancy.carrier_id.in_(ids))
        )
    )
    out: dict[tuple[int, dt.date], MonthCounts] = {}
    for cid in ids:
        mine = [r for r in rows if r[0] == cid]
        for m in months:
            nxt = add_months(m, 1)
            last = nxt - dt.timedelta(days=1)
            out[cid, m] = MonthCounts(  # tenants: incubating on the last day and staying on after it
                sum(
                    1 for _c, s, e, g, _st in mine if in_incubation(s, e, g, last) and (e is None or e > last)
                ),
                sum(1 for _c, s, _e, _g, _st in mine if m <= s < nxt),
                sum(1 for _c, _s, _e, g, _st in mine if g is not None and m <= g < nxt),
                sum(1 for _c, _s, e, _g, st in mine if st == vocab.LEFT and e is not None and m <= e < nxt),
            )
    return out


@dataclass(frozen=True, slots=True)
class ReportDraft:
    """What the monthly form opens with. ``source`` is "saved" (the month's report exists),
    "previous" (prefilled from last month's report and the tenancies) or "computed"
    (tenancies only). The computed figures are always there to compare with."""

    carrier_id: int
    month: dt.date
    occupied_area_m2: Decimal
    tenants: int
    new_tenants: int
    graduated: int
    left: int
    employees: int
    source: str
    version: int | None
    usable_area_m2: Decimal
    computed_start_m2: Decimal
    computed_prorated_m2: Decimal
    computed: MonthCounts
    previous: UsageRow | None


def report_draft(session: Session, carrier_id: int, month: dt.date) -> ReportDraft:
    require_carrier(session, carrier_id, "read")
    month = month_start(month)
    occ = monthly_occupancy(session, first=month, last=month, carrier_ids=[carrier_id])[0]
    counts = month_counts(session, [carrier_id], [month])[carrier_id, month]
    prev_rows = list_usage(session, carrier_id, first=add_months(month, -1), last=add_months(month, -1))
    previous = prev_rows[0] if prev_rows else None
    saved = session.scalar(
        select(UsageReport).where(UsageReport.carrier_id == carrier_id, UsageReport.month == month)
    )
    common = dict(
        usable_area_m2=occ.usable_area_m2,
        computed_start_m2=occ.start_occupied_m2,
        computed_prorated_m2=occ.prorated_occupied_m2,
        computed=counts,
        previous=previous,
    )
    if saved is not None:
        return ReportDraft(
            carrier_id,
            month,
            saved.occupied_area_m2,
            saved.tenants,
            saved.new_tenants,
            saved.graduated,
            saved.left,
            saved.employees,
            "saved",
            saved.version,
            **common,  # type: ignore[arg-type]
        )
    area = occ.prorated_occupied_m2.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    employees = previous.employees if previous is not None else 0
    return ReportDraft(
        carrier_id,
        month,
        area,
        counts.tenants,
        counts.new_tenants,
        counts.graduated,
        counts.left,
        employees,
        "previous" if previous is not None else "computed",
        None,
        **common,  # type: ignore[arg-type]
    )


# --- chart series ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a chart: ``label`` (a carrier or platform name), months and ratios (None: no area)."""

    label: str
    months: tuple[dt.date, ...]
    values: tuple[Decimal | None, ...]


def _scope_ids(session: Session) -> list[int]:
    scope = visible_carrier_ids(session)
    stmt = select(Carrier.id)
    if scope is not None:
        stmt = stmt.where(Carrier.id.in_(scope))
    return list(session.scalars(stmt))


def occupancy_series(session: Session, *, first: dt.date, last: dt.date, by: str = "carrier") -> list[Series]:
    """Day-prorated occupancy per carrier (``by="carrier"``) or per platform (area-weighted)."""
    ids = _scope_ids(session)
    occ = monthly_occupancy(session, first=first, last=last, carrier_ids=ids)
    names: dict[int, str] = {
        i: n for i, n in session.execute(select(Carrier.id, Carrier.name).where(Carrier.id.in_(ids)))
    }
    plat: dict[int, str] = {
        i: n
        for i, n in session.execute(
            select(Carrier.id, Platform.name)
            .join(Platform, Platform.id == Carrier.platform_id)
            .where(Carrier.id.in_(ids))
        )
    }
    groups: dict[str, dict[dt.date, list[MonthOccupancy]]] = defaultdict(lambda: defaultdict(list))
    for o in occ:
        label = names[o.carrier_id] if by == "carrier" else plat.get(o.carrier_id, "")
        groups[label][o.month].append(o)
    out = []
    for label in sorted(groups):
        months = tuple(sorted(groups[label]))
        values = tuple(
            rate(
                sum((o.prorated_occupied_m2 for o in groups[label][m]), Decimal(0)),
                sum((o.usable_area_m2 for o in groups[label][m]), Decimal(0)),
            )
            for m in months
        )
        out.append(Series(label, months, values))
    return out


@dataclass(frozen=True, slots=True)
class FlowRow:
    month: dt.date
    new_tenants: int
    graduated: int
    left: int


def tenant_flows(
    session: Session, *, first: dt.date, last: dt.date, carrier_id: int | None = None
) -> list[FlowRow]:
    """Firms moving in, graduating and leaving per month (from tenancies), for one carrier or all visible."""
    if carrier_id is not None:
        require_carrier(session, carrier_id, "read")
    ids = [carrier_id] if carrier_id is not None else _scope_ids(session)
    stmt = select(Tenancy.start_on, Tenancy.end_on, Tenancy.graduated_on, Tenancy.status).where(
        Tenancy.carrier_id.in_(ids)
    )
    new: dict[dt.date, int] = defaultdict(int)
    grad: dict[dt.date, int] = defaultdict(int)
    left: dict[dt.date, int] = defaultdict(int)
    for s, e, g, st in session.execute(stmt):
        new[month_start(s)] += 1
        if g is not None:
            grad[month_start(g)] += 1
        if st == vocab.LEFT and e is not None:
            left[month_start(e)] += 1
    out = []
    m = month_start(first)
    while m <= month_start(last):
        out.append(FlowRow(m, new[m], grad[m], left[m]))
        m = add_months(m, 1)
    return out


@dataclass(frozen=True, slots=True)
class PlatformVacancy:
    platform_name: str
    carriers: int
    usable_area_m2: Decimal
    occupied_m2: Decimal
    vacant_m2: Decimal

    @property
    def vacancy_rate(self) -> Decimal | None:
        return rate(self.vacant_m2, self.usable_area_m2)


def vacancy_by_platform(session: Session, *, on: dt.date) -> list[PlatformVacancy]:
    """Usable, occupied and vacant area per platform on ``on`` (platform priority order)."""
    from models.incubation.occupancy import occupied_on

    ids = _scope_ids(session)
    occupied = occupied_on(session, on, carrier_ids=ids)
    stmt = (
        select(Carrier.id, Carrier.usable_area_m2, Platform.name, Platform.priority)
        .outerjoin(Platform, Platform.id == Carrier.platform_id)
        .where(Carrier.id.in_(ids))
    )
    acc: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    for cid, usable, pname, prio in session.execute(stmt):
        a = acc[(prio if prio is not None else 999, pname or "")]
        occ = min(occupied.get(cid, Decimal(0)), usable)
        a[0] += 1
        a[1] += usable
        a[2] += occ
    return [
        PlatformVacancy(name, int(a[0]), a[1], a[2], a[1] - a[2]) for (_p, name), a in sorted(acc.items())
    ]
