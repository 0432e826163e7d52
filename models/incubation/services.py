"""Commands on carriers, spaces and monthly usage reports. Take a Session, never commit,
return Changes; every command checks the user's carrier scope first (``access``).

Tenancy commands live in ``tenancy_services`` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.accounts.entities import Role, User, UserCarrier
from models.changes import Changes
from models.db.records import apply_changes, check_version, get_record, get_versioned, require_editable
from models.db.references import refuse_if_referenced
from models.errors import ConflictError, DomainError
from models.incubation import vocab
from models.incubation.access import require_carrier
from models.incubation.entities import Carrier, Space, UsageReport
from models.incubation.occupancy import month_start
from models.incubation.tenancy_services import (
    create_tenancy,
    delete_tenancy,
    end_tenancy,
    graduate_tenancy,
    update_tenancy,
)
from models.policy.entities import Platform

CARRIER_FIELDS = (
    "code",
    "name",
    "kind",
    "level",
    "recognized_on",
    "operator",
    "platform_id",
    "address",
    "usable_area_m2",
    "incubation_area_m2",
    "public_service_area_m2",
    "specialty",
    "note",
)
SPACE_FIELDS = ("code", "floor", "area_m2", "kind", "rent")
__all__ = [
    "create_carrier",
    "update_carrier",
    "delete_carrier",
    "set_carrier_managers",
    "create_space",
    "update_space",
    "delete_space",
    "save_usage_report",
    "delete_usage_report",
    "create_tenancy",
    "update_tenancy",
    "graduate_tenancy",
    "end_tenancy",
    "delete_tenancy",
    "load_carrier",
    "load_space",
]
REPORT_FIELDS = ("occupied_area_m2", "tenants", "new_tenants", "graduated", "left", "employees")


def load_carrier(session: Session, carrier_id: int, version: int | None = None) -> Carrier:
    return get_versioned(session, Carrier, carrier_id, version, key=lambda r: r.name)


def _choice(value: str, known: tuple[str, ...], code: str, *, blank_ok: bool = False) -> None:
    if blank_ok and value == "":
        return
    if value not in known:
        raise DomainError(code, value=value, known="、".join(known))


def _positive(value: Decimal | None, field: str, *, zero_ok: bool = False) -> None:
    if value is None:
        return
    if value < 0 or (value == 0 and not zero_ok):
        raise DomainError("incubation.area_not_positive", field=field, value=value)


def _check_carrier(session: Session, values: dict[str, Any], own_id: int | None) -> None:
    for key in ("name", "code"):
        if key in values:
            values[key] = str(values[key]).strip()
            if not values[key]:
                raise DomainError(f"incubation.{key}_required")
            other = session.scalar(select(Carrier.id).where(getattr(Carrier, key) == values[key]))
            if other is not None and other != own_id:
                raise DomainError("incubation.duplicate_carrier", field=key, value=values[key])
    if "kind" in values:
        _choice(values["kind"], vocab.CARRIER_KINDS, "incubation.unknown_kind")
    if "level" in values:
        _choice(values["level"], vocab.LEVELS, "incubation.unknown_level", blank_ok=True)
    pid = values.get("platform_id")
    if pid is not None and session.get(Platform, pid) is None:
        raise DomainError("incubation.unknown_platform", platform_id=pid)
    _positive(values.get("usable_area_m2"), "usable_area_m2")
    _positive(values.get("incubation_area_m2"), "incubation_area_m2", zero_ok=True)


def _check_areas(carrier: Carrier) -> None:
    if carrier.incubation_area_m2 is not None and carrier.incubation_area_m2 > carrier.usable_area_m2:
        raise DomainError(
            "incubation.incubation_area_exceeds_usable",
            carrier=carrier.name,
            incubation_area_m2=carrier.incubation_area_m2,
            usable_area_m2=carrier.usable_area_m2,
        )


def create_carrier(  # noqa: PLR0913  one keyword per field of a carrier
    session: Session,
    *,
    code: str,
    name: str,
    usable_area_m2: Decimal,
    kind: str = "incubator",
    level: str = "",
    recognized_on: dt.date | None = None,
    operator: str = "",
    platform_id: int | None = None,
    address: str = "",
    incubation_area_m2: Decimal | None = None,
    note: str = "",
    public_service_area_m2: Decimal | None = None,
    specialty: str = "",
) -> Changes:
    """A carrier; ``public_service_area_m2`` counts toward the tenants' use ratio (300号);
    ``specialty`` makes an incubator a 专业孵化器 of that industry."""
    require_carrier(session, None, "create")
    values: dict[str, Any] = dict(
        code=code,
        name=name,
        kind=kind,
        level=level,
        recognized_on=recognized_on,
        operator=operator,
        platform_id=platform_id,
        address=address,
        usable_area_m2=usable_area_m2,
        incubation_area_m2=incubation_area_m2,
        public_service_area_m2=public_service_area_m2,
        specialty=specialty.strip(),
        note=note,
    )
    _check_carrier(session, values, None)
    carrier = Carrier(**values)
    _check_areas(carrier)
    session.add(carrier)
    session.flush()
    return Changes.of("incubation", created=1, ids=(carrier.id,))


def _spaces_total(session: Session, carrier_id: int, exclude_space: int | None = None) -> Decimal:
    stmt = select(Space.area_m2).where(Space.carrier_id == carrier_id)
    if exclude_space is not None:
        stmt = stmt.where(Space.id != exclude_space)
    return sum(session.scalars(stmt), Decimal(0))


def update_carrier(session: Session, *, carrier_id: int, version: int | None, **fields: Any) -> Changes:
    """Change the given fields; ``version`` is the version the user saw (None skips the check)."""
    require_editable(fields, CARRIER_FIELDS)
    require_carrier(session, carrier_id, "update")
    carrier = load_carrier(session, carrier_id, version)
    _check_carrier(session, fields, carrier.id)
    if not apply_changes(carrier, fields):
        return Changes.of("incubation")
    _check_areas(carrier)
    spaces = _spaces_total(session, carrier.id)
    if spaces > carrier.usable_area_m2:
        raise DomainError(
            "incubation.spaces_exceed_usable",
            carrier=carrier.name,
            spaces_m2=spaces,
            usable_area_m2=carrier.usable_area_m2,
        )
    session.flush()
    return Changes.of("incubation", updated=1, ids=(carrier.id,))


def delete_carrier(session: Session, *, carrier_id: int, version: int | None) -> Changes:
    require_carrier(session, None, "delete")
    carrier = load_carrier(session, carrier_id, version)
    refuse_if_referenced(session, "carriers", carrier_id, carrier.name)
    session.delete(carrier)
    session.flush()
    return Changes.of("incubation", deleted=1, ids=(carrier_id,))


def set_carrier_managers(session: Session, *, carrier_id: int, user_ids: list[int]) -> Changes:
    """Make exactly ``user_ids`` (each a carrier manager) the managers of the carrier."""
    require_carrier(session, None, "update", table="user_carriers")
    load_carrier(session, carrier_id)
    for uid in user_ids:
        role = session.scalar(select(User.role).where(User.id == uid))
        if role != Role.CARRIER_MANAGER.value:
            raise DomainError("incubation.not_a_carrier_manager", user_id=uid, role=role or "")
    session.execute(delete(UserCarrier).where(UserCarrier.carrier_id == carrier_id))
    session.add_all(UserCarrier(user_id=uid, carrier_id=carrier_id) for uid in sorted(set(user_ids)))
    session.flush()
    return Changes.of("incubation", "accounts", updated=1, ids=(carrier_id,))


# --- spaces -----------------------------------------------------------------------------------


def _check_space(session: Session, carrier: Carrier, values: dict[str, Any], own_id: int | None) -> None:
    if "code" in values:
        values["code"] = str(values["code"]).strip()
        if not values["code"]:
            raise DomainError("incubation.space_code_required")
        other = session.scalar(
            select(Space.id).where(Space.carrier_id == carrier.id, Space.code == values["code"])
        )
        if other is not None and other != own_id:
            raise DomainError("incubation.duplicate_space", carrier=carrier.name, code=values["code"])
    if "kind" in values:
        _choice(values["kind"], vocab.SPACE_KINDS, "incubation.unknown_space_kind")
    _positive(values.get("area_m2"), "area_m2")
    rent = values.get("rent")
    if rent is not None and rent < 0:
        raise DomainError("incubation.rent_negative", value=rent)
    if "area_m2" in values:
        total = _spaces_total(session, carrier.id, own_id) + values["area_m2"]
        if total > carrier.usable_area_m2:
            raise DomainError(
                "incubation.spaces_exceed_usable",
                carrier=carrier.name,
                spaces_m2=total,
                usable_area_m2=carrier.usable_area_m2,
            )


def create_space(
    session: Session,
    *,
    carrier_id: int,
    code: str,
    area_m2: Decimal,
    floor: int | None = None,
    kind: str = "office",
    rent: Decimal | None = None,
) -> Changes:
    require_carrier(session, carrier_id, "create", table="spaces")
    carrier = load_carrier(session, carrier_id)
    values: dict[str, Any] = dict(code=code, floor=floor, area_m2=area_m2, kind=kind, rent=rent)
    _check_space(session, carrier, values, None)
    space = Space(carrier_id=carrier_id, **values)
    session.add(space)
    session.flush()
    return Changes.of("incubation", created=1, ids=(space.id,))


def load_space(session: Session, space_id: int, version: int | None = None) -> Space:
    return get_versioned(session, Space, space_id, version, key=lambda r: r.code)


def update_space(session: Session, *, space_id: int, version: int | None, **fields: Any) -> Changes:
    require_editable(fields, SPACE_FIELDS)
    space = load_space(session, space_id)
    require_carrier(session, space.carrier_id, "update", table="spaces")
    load_space(session, space_id, version)
    _check_space(session, load_carrier(session, space.carrier_id), fields, space.id)
    if not apply_changes(space, fields):
        return Changes.of("incubation")
    session.flush()
    return Changes.of("incubation", updated=1, ids=(space.id,))


def delete_space(session: Session, *, space_id: int, version: int | None) -> Changes:
    space = load_space(session, space_id)
    require_carrier(session, space.carrier_id, "delete", table="spaces")
    load_space(session, space_id, version)
    code = space.code
    try:
        with session.begin_nested():
            session.delete(space)
            session.flush()
    except IntegrityError as exc:
        raise DomainError("incubation.space_in_use", code=code) from exc
    return Changes.of("incubation", deleted=1, ids=(space_id,))


# --- monthly usage reports -------------------------------------------------------------------------


def save_usage_report(
    session: Session,
    *,
    carrier_id: int,
    month: dt.date,
    occupied_area_m2: Decimal,
    tenants: int,
    new_tenants: int = 0,
    graduated: int = 0,
    left: int = 0,
    employees: int = 0,
    version: int | None = None,
    replace: bool = False,
    today: dt.date | None = None,
) -> Changes:
    """Create the carrier's report for ``month`` (any day of it), or change it. ``version`` is
    the version of the report the user saw when they edited an existing one; ``None`` means they
    entered a NEW report, and if someone else has saved one for that month meanwhile this is a
    conflict (``incubation.report_exists``), never a silent overwrite. ``replace=True`` (an
    import, which reconciles by carrier and month) updates whatever is there."""
    require_carrier(session, carrier_id, "update", table="usage_reports")
    carrier = load_carrier(session, carrier_id)
    month = month_start(month)
    if month > month_start(today or dt.date.today()):
        raise DomainError("incubation.report_in_future", month=month)
    counts = dict(
        tenants=tenants, new_tenants=new_tenants, graduated=graduated, left=left, employees=employees
    )
    for key, value in counts.items():
        if value < 0:
            raise DomainError("incubation.report_negative", field=key, value=value)
    _positive(occupied_area_m2, "occupied_area_m2", zero_ok=True)
    if occupied_area_m2 > carrier.usable_area_m2:
        raise DomainError(
            "incubation.report_exceeds_usable",
            carrier=carrier.name,
            month=month,
            occupied_area_m2=occupied_area_m2,
            usable_area_m2=carrier.usable_area_m2,
        )
    report = session.scalar(
        select(UsageReport).where(UsageReport.carrier_id == carrier_id, UsageReport.month == month)
    )
    values: dict[str, Any] = dict(occupied_area_m2=occupied_area_m2, **counts)
    if report is None:
        report = UsageReport(carrier_id=carrier_id, month=month, **values)
        try:
            with session.begin_nested():  # a concurrent first entry (PostgreSQL) hits the unique key
                session.add(report)
                session.flush()
        except IntegrityError as exc:
            raise ConflictError("incubation.report_exists", carrier=carrier.name, month=month) from exc
        return Changes.of("incubation", created=1, ids=(report.id,))
    if version is None and not replace:
        raise ConflictError("incubation.report_exists", carrier=carrier.name, month=month)
    check_version(report, version, entity="usage_reports", key=f"{carrier.name} {month:%Y-%m}")
    if not apply_changes(report, values):
        return Changes.of("incubation", ids=(report.id,))
    session.flush()
    return Changes.of("incubation", updated=1, ids=(report.id,))


def delete_usage_report(session: Session, *, report_id: int, version: int | None) -> Changes:
    report = get_record(session, UsageReport, report_id)
    require_carrier(session, report.carrier_id, "delete", table="usage_reports")
    check_version(report, version, entity="usage_reports", key=report_id)
    session.delete(report)
    session.flush()
    return Changes.of("incubation", deleted=1, ids=(report_id,))


def carrier_count(session: Session) -> int:
    return int(session.scalar(select(func.count(Carrier.id))) or 0)
