"""Read-only views for the carriers page and the CLI: frozen rows, already scoped to what
the session's user may see (``access.visible_carrier_ids``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db.records import get_record
from models.enterprises.entities import Enterprise
from models.errors import NotFoundError
from models.incubation import rules as R
from models.incubation import vocab
from models.incubation.access import require_carrier, visible_carrier_ids
from models.incubation.entities import Carrier, Space, Tenancy, TenancySpace
from models.incubation.occupancy import occupied_on, rate
from models.incubation.qualification import NATIONAL_KINDS, in_incubation, qualify, tally
from models.policy.entities import Platform


@dataclass(frozen=True, slots=True)
class CarrierRow:
    """A carrier with its key figures on ``on``. ``qualification`` is "met", "failed" or ""
    (not an incubator); ``failed_criteria`` names the criteria not met."""

    id: int
    code: str
    name: str
    kind: str
    level: str
    recognized_on: dt.date | None
    operator: str
    platform_id: int | None
    platform_name: str
    address: str
    usable_area_m2: Decimal
    incubation_area_m2: Decimal | None
    occupied_m2: Decimal
    occupancy_rate: Decimal | None
    vacant_m2: Decimal
    tenants: int
    graduates: int
    qualification: str
    failed_criteria: tuple[str, ...]
    note: str
    version: int
    public_service_area_m2: Decimal | None = None  # counts toward the tenants' use ratio
    specialty: str = ""  # 专业孵化器: its industry


def _scoped(stmt: Any, session: Session, column: Any) -> Any:
    scope = visible_carrier_ids(session)
    return stmt if scope is None else stmt.where(column.in_(scope))


def carrier_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the carriers the user may see, by name."""
    stmt = _scoped(select(Carrier.id, Carrier.name).order_by(Carrier.name), session, Carrier.id)
    return [(int(i), str(n)) for i, n in session.execute(stmt)]


def list_carriers(session: Session, *, on: dt.date, platform_id: int | None = None) -> list[CarrierRow]:
    stmt = (
        select(Carrier, Platform.name)
        .outerjoin(Platform, Platform.id == Carrier.platform_id)
        .order_by(Platform.priority, Carrier.name)
    )
    stmt = _scoped(stmt, session, Carrier.id)
    if platform_id is not None:
        stmt = stmt.where(Carrier.platform_id == platform_id)
    rows = list(session.execute(stmt))
    ids = [c.id for c, _p in rows]
    if not ids:
        return []
    occupied = occupied_on(session, on, carrier_ids=ids)
    max_months = R.int_value(R.rule(session, R.MAX_MONTHS, on=on))
    tallies = tally(session, on, max_months, ids)
    quals = {q.carrier_id: q for q in qualify(session, ids, on=on)}
    out: list[CarrierRow] = []
    for c, pname in rows:
        occ = occupied.get(c.id, Decimal(0))
        t = tallies.get(c.id)
        q = quals[c.id]
        status = "" if c.kind not in NATIONAL_KINDS else ("met" if q.met else "failed")
        out.append(
            CarrierRow(
                c.id,
                c.code,
                c.name,
                c.kind,
                c.level,
                c.recognized_on,
                c.operator,
                c.platform_id,
                pname or "",
                c.address,
                c.usable_area_m2,
                c.incubation_area_m2,
                occ,
                rate(occ, c.usable_area_m2),
                max(c.usable_area_m2 - occ, Decimal(0)),
                t.tenants if t else 0,
                t.graduates if t else 0,
                status,
                tuple(cr.key for cr in q.failed),
                c.note or "",
                c.version,
                c.public_service_area_m2,
                c.specialty or "",
            )
        )
    return out


def get_carrier(session: Session, carrier_id: int, *, on: dt.date) -> CarrierRow:
    require_carrier(session, carrier_id, "read")
    for row in list_carriers(session, on=on):
        if row.id == carrier_id:
            return row
    raise NotFoundError("record.not_found", entity="carriers", key=carrier_id)


# --- spaces ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpaceRow:
    """``status``: "occupied", "soon" (lease ends within the rule's days), "vacant";
    ``available_on`` is the first free day for "soon" and "vacant" spaces (None: free now)."""

    id: int
    carrier_id: int
    code: str
    floor: int | None
    area_m2: Decimal
    kind: str
    rent: Decimal | None
    status: str
    tenant: str
    lease_end: dt.date | None
    available_on: dt.date | None
    vacant_since: dt.date | None
    version: int


def _space_periods(
    session: Session, space_ids: list[int]
) -> dict[int, list[tuple[dt.date, dt.date | None, str]]]:
    stmt = (
        select(TenancySpace.space_id, Tenancy.start_on, Tenancy.end_on, Enterprise.name)
        .join(Tenancy, Tenancy.id == TenancySpace.tenancy_id)
        .join(Enterprise, Enterprise.id == Tenancy.enterprise_id)
        .where(TenancySpace.space_id.in_(space_ids))
        .order_by(Tenancy.start_on)
    )
    out: dict[int, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
    for sid, start, end, name in session.execute(stmt):
        out[sid].append((start, end, name))
    return out


def _space_state(
    periods: list[tuple[dt.date, dt.date | None, str]], on: dt.date, soon_days: int
) -> tuple[str, str, dt.date | None, dt.date | None, dt.date | None]:
    """(status, tenant, lease_end, available_on, vacant_since) of one space on ``on``."""
    current = next((p for p in periods if p[0] <= on and (p[1] is None or p[1] >= on)), None)
    if current is not None:
        end = current[1]
        if end is not None and (end - on).days <= soon_days:
            booked = any(p[0] > on and p[0] <= end + dt.timedelta(days=1) for p in periods)
            if not booked:
                return "soon", current[2], end, end + dt.timedelta(days=1), None
        return "occupied", current[2], end, None, None
    past_ends = [p[1] for p in periods if p[1] is not None and p[1] < on]
    since = max(past_ends) + dt.timedelta(days=1) if past_ends else None
    return "vacant", "", None, None, since


def list_spaces(session: Session, carrier_id: int, *, on: dt.date) -> list[SpaceRow]:
    require_carrier(session, carrier_id, "read")
    carrier = get_record(session, Carrier, carrier_id)
    soon = R.int_value(R.rule(session, R.SOON_DAYS, on=on, platform_id=carrier.platform_id))
    spaces = list(
        session.scalars(select(Space).where(Space.carrier_id == carrier_id).order_by(Space.floor, Space.code))
    )
    periods = _space_periods(session, [s.id for s in spaces])
    out = []
    for s in spaces:
        status, tenant, end, avail, since = _space_state(periods.get(s.id, []), on, soon)
        out.append(
            SpaceRow(
                s.id,
                s.carrier_id,
                s.code,
                s.floor,
                s.area_m2,
                s.kind,
                s.rent,
                status,
                tenant,
                end,
                avail,
                since,
                s.version,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class VacancyRow:
    """A vacant or soon-free space anywhere in the district (the idle space to revitalise)."""

    carrier_id: int
    carrier_name: str
    platform_name: str
    space_id: int
    code: str
    floor: int | None
    area_m2: Decimal
    kind: str
    rent: Decimal | None
    status: str  # "vacant" | "soon"
    available_on: dt.date | None
    vacant_since: dt.date | None
    vacant_days: int | None


def vacancies(session: Session, *, on: dt.date, include_soon: bool = True) -> list[VacancyRow]:
    """Vacant spaces (and, with ``include_soon``, spaces whose lease ends within the rule's days)
    across the carriers the user may see, by platform, carrier and code."""
    stmt = (
        select(Space, Carrier.name, Carrier.platform_id, Platform.name)
        .join(Carrier, Carrier.id == Space.carrier_id)
        .outerjoin(Platform, Platform.id == Carrier.platform_id)
        .order_by(Platform.priority, Carrier.name, Space.floor, Space.code)
    )
    rows = list(session.execute(_scoped(stmt, session, Carrier.id)))
    periods = _space_periods(session, [s.id for s, *_ in rows])
    soon_by_platform: dict[int | None, int] = {}
    out: list[VacancyRow] = []
    for s, cname, pid, pname in rows:
        if pid not in soon_by_platform:
            soon_by_platform[pid] = R.int_value(R.rule(session, R.SOON_DAYS, on=on, platform_id=pid))
        status, _t, _end, avail, since = _space_state(periods.get(s.id, []), on, soon_by_platform[pid])
        if status == "occupied" or (status == "soon" and not include_soon):
            continue
        days = None if since is None else (on - since).days
        out.append(
            VacancyRow(
                s.carrier_id,
                cname,
                pname or "",
                s.id,
                s.code,
                s.floor,
                s.area_m2,
                s.kind,
                s.rent,
                status,
                avail,
                since,
                days,
            )
        )
    return out


# --- tenancies ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TenancyRow:
    """``clock_months`` counts from the start to the date (or graduation / leaving); ``clock_state``
    is "over" past the limit, "near" within the warning months, "ok", or "" when not incubating."""

    id: int
    carrier_id: int
    carrier_name: str
    enterprise_id: int
    uscc: str
    enterprise_name: str
    start_on: dt.date
    end_on: dt.date | None
    area_m2: Decimal
    status: str
    graduated_on: dt.date | None
    graduation_criterion: str
    space_ids: tuple[int, ...]
    space_codes: str
    clock_months: int
    clock_state: str
    max_months: int
    note: str
    version: int
    sector: str = ""  # the tenant's industry (its incubation limit where the rule sets one)
    founded_on: dt.date | None = None  # the tenant firm's founding date (age on entry)


def list_tenancies(session: Session, *, on: dt.date, carrier_id: int | None = None) -> list[TenancyRow]:
    if carrier_id is not None:
        require_carrier(session, carrier_id, "read")
    stmt = (
        select(Tenancy, Carrier.name, Enterprise.uscc, Enterprise.name, Carrier.kind)
        .join(Carrier, Carrier.id == Tenancy.carrier_id)
        .join(Enterprise, Enterprise.id == Tenancy.enterprise_id)
        .order_by(Carrier.name, Tenancy.start_on, Enterprise.name)
    )
    stmt = _scoped(stmt, session, Carrier.id)
    if carrier_id is not None:
        stmt = stmt.where(Tenancy.carrier_id == carrier_id)
    rows = list(session.execute(stmt))
    general = R.int_value(R.rule(session, R.MAX_MONTHS, on=on))
    sectors, _sector_ref = R.sector_limits(session, on=on)
    warn = R.int_value(R.rule(session, R.WARNING_MONTHS, on=on))
    codes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    ids = [t.id for t, *_ in rows]
    if ids:
        for tid, sid, code in session.execute(
            select(TenancySpace.tenancy_id, Space.id, Space.code)
            .join(Space, Space.id == TenancySpace.space_id)
            .where(TenancySpace.tenancy_id.in_(ids))
            .order_by(Space.code)
        ):
            codes[tid].append((sid, code))
    out = []
    for t, cname, uscc, ename, ckind in rows:
        until = min(d for d in (on, t.graduated_on, t.end_on) if d is not None)
        months = R.months_elapsed(t.start_on, until)
        max_months = R.limit_for(t.sector, general, sectors)  # 60 months for 生物医药 …
        state = ""
        if (
            ckind in vocab.CLOCK_KINDS
            and t.status == vocab.INCUBATING
            and in_incubation(t.start_on, t.end_on, t.graduated_on, on)
        ):
            state = "over" if months > max_months else "near" if months >= max_months - warn else "ok"
        out.append(
            TenancyRow(
                t.id,
                t.carrier_id,
                cname,
                t.enterprise_id,
                uscc,
                ename,
                t.start_on,
                t.end_on,
                t.area_m2,
                t.status,
                t.graduated_on,
                t.graduation_criterion,
                tuple(s for s, _c in codes[t.id]),
                "、".join(c for _s, c in codes[t.id]),
                months,
                state,
                max_months,
                t.note or "",
                t.version,
                t.sector or "",
                t.founded_on,
            )
        )
    return out


def enterprise_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, name, USCC) of every enterprise, by name — for the tenancy form."""
    return [
        (int(i), str(n), str(u))
        for i, n, u in session.execute(
            select(Enterprise.id, Enterprise.name, Enterprise.uscc).order_by(Enterprise.name)
        )
    ]
