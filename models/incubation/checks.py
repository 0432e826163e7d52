"""``landspace check`` for incubation: each finding names the rule and the numbers it used.

* firms incubating past the limit (国科发区〔2018〕300号 第十一条（三）) or within the warning months;
* a space let twice for overlapping periods, a carrier occupied beyond its usable area;
* monthly reports whose occupied area differs from the tenancies by more than the tolerance,
  whose tenant counts do not carry over from the month before, and carriers with tenants
  but no report for last month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.checks import Finding
from models.enterprises.entities import Enterprise
from models.errors import Problem
from models.incubation import rules as R
from models.incubation import vocab
from models.incubation.entities import Carrier, Space, Tenancy, TenancySpace, UsageReport
from models.incubation.occupancy import add_months, month_start, monthly_occupancy, occupied_on
from models.incubation.qualification import in_incubation

AREA = "incubation"


def _clock(session: Session, today: dt.date) -> list[Finding]:
    max_ref = R.rule(session, R.MAX_MONTHS, on=today)
    warn_ref = R.rule(session, R.WARNING_MONTHS, on=today)
    general, warn = R.int_value(max_ref), R.int_value(warn_ref)
    sectors, sector_ref = R.sector_limits(session, on=today)
    out = []
    stmt = (
        select(
            Tenancy.id,
            Tenancy.start_on,
            Tenancy.end_on,
            Tenancy.graduated_on,
            Tenancy.sector,
            Carrier.name,
            Enterprise.name,
        )
        .join(Carrier, Carrier.id == Tenancy.carrier_id)
        .join(Enterprise, Enterprise.id == Tenancy.enterprise_id)
        .where(Tenancy.status == vocab.INCUBATING, Carrier.kind.in_(vocab.CLOCK_KINDS))
    )
    for tid, start, end, grad, sector, cname, ename in session.execute(stmt):
        if not in_incubation(start, end, grad, today):
            continue
        months = R.months_elapsed(start, today)
        # a sector with its own limit (生物医药 … 60 months) is judged, and cited, by that rule
        limit = R.limit_for(sector, general, sectors)
        limit_ref = sector_ref if sector_ref is not None and (sector or "") in sectors else max_ref
        if months > limit:
            code, severity, ref = "incubation.clock_over_limit", "warning", limit_ref
        elif months >= limit - warn:
            code, severity, ref = "incubation.clock_near_limit", "info", warn_ref
        else:
            continue
        problem = Problem(
            code,
            {
                "carrier": cname,
                "enterprise": ename,
                "months": months,
                "max_months": limit,
                "start_on": start,
                **ref.citation(),
            },
            severity,
        )
        out.append(Finding(AREA, problem, "tenancies", tid, f"{cname} / {ename}"))
    return out


def _double_let(session: Session) -> list[Finding]:
    a, b = aliased(Tenancy), aliased(Tenancy)
    sa, sb = aliased(TenancySpace), aliased(TenancySpace)
    stmt = (
        select(Space.id, Space.code, Carrier.name, a.id, b.id, a.start_on, b.start_on)
        .join(sa, sa.space_id == Space.id)
        .join(sb, (sb.space_id == Space.id) & (sb.tenancy_id > sa.tenancy_id))
        .join(a, a.id == sa.tenancy_id)
        .join(b, b.id == sb.tenancy_id)
        .join(Carrier, Carrier.id == Space.carrier_id)
        .where(
            (a.end_on.is_(None)) | (a.end_on >= b.start_on), (b.end_on.is_(None)) | (b.end_on >= a.start_on)
        )
    )
    return [
        Finding(
            AREA,
            Problem(
                "incubation.space_double_let",
                {"carrier": cname, "space": code, "first_start": s1, "second_start": s2},
            ),
            "spaces",
            sid,
            f"{cname} {code}",
        )
        for sid, code, cname, _t1, _t2, s1, s2 in session.execute(stmt)
    ]


def _over_occupied(session: Session, today: dt.date) -> list[Finding]:
    occupied = occupied_on(session, today)
    out = []
    for cid, name, usable in session.execute(select(Carrier.id, Carrier.name, Carrier.usable_area_m2)):
        occ = occupied.get(cid, Decimal(0))
        if occ > usable:
            out.append(
                Finding(
                    AREA,
                    Problem(
                        "incubation.over_occupied",
                        {"carrier": name, "on": today, "occupied_m2": occ, "usable_area_m2": usable},
                    ),
                    "carriers",
                    cid,
                    name,
                )
            )
    return out


def _reports(session: Session, today: dt.date) -> list[Finding]:
    tol_ref = R.rule(session, R.TOLERANCE, on=today)
    tolerance = R.decimal_value(tol_ref)
    last = add_months(month_start(today), -1)
    first = add_months(last, -11)
    names = dict(session.execute(select(Carrier.id, Carrier.name)).all())
    out = []
    for o in monthly_occupancy(session, first=first, last=last):
        diff = o.reported_difference_m2
        if diff is not None and abs(diff) > tolerance * o.usable_area_m2:
            out.append(
                Finding(
                    AREA,
                    Problem(
                        "incubation.report_mismatch",
                        {
                            "carrier": names[o.carrier_id],
                            "month": o.month,
                            "reported_m2": o.reported_m2,
                            "computed_m2": o.prorated_occupied_m2,
                            "difference_m2": diff,
                            "tolerance": tolerance,
                            **tol_ref.citation(),
                        },
                        "warning",
                    ),
                    "carriers",
                    o.carrier_id,
                    names[o.carrier_id],
                )
            )
    by_carrier: dict[int, dict[dt.date, UsageReport]] = defaultdict(dict)
    for r in session.scalars(select(UsageReport).where(UsageReport.month >= add_months(first, -1))):
        by_carrier[r.carrier_id][r.month] = r
    for cid, reports in by_carrier.items():
        for month, r in sorted(reports.items()):
            prev = reports.get(add_months(month, -1))
            if prev is None or month < first:
                continue
            expected = prev.tenants + r.new_tenants - r.graduated - r.left
            if expected != r.tenants:
                out.append(
                    Finding(
                        AREA,
                        Problem(
                            "incubation.report_tenants_inconsistent",
                            {
                                "carrier": names[cid],
                                "month": month,
                                "previous": prev.tenants,
                                "new": r.new_tenants,
                                "graduated": r.graduated,
                                "left": r.left,
                                "expected": expected,
                                "reported": r.tenants,
                            },
                            "warning",
                        ),
                        "usage_reports",
                        r.id,
                        names[cid],
                    )
                )
    occupied = occupied_on(session, last)
    for cid, name in names.items():
        if occupied.get(cid) and last not in by_carrier.get(cid, {}):
            out.append(
                Finding(
                    AREA,
                    Problem("incubation.report_missing", {"carrier": name, "month": last}, "info"),
                    "carriers",
                    cid,
                    name,
                )
            )
    return out


def run_checks(session: Session, today: dt.date | None = None) -> list[Finding]:
    day = today or dt.date.today()
    return _clock(session, day) + _double_let(session) + _over_occupied(session, day) + _reports(session, day)
