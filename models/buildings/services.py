"""Commands on buildings, units, transfers and buy-back offers.

Take a Session first, keyword-only arguments, never commit, return ``Changes``;
refusals are ``DomainError(code, **fields)`` with the numbers and the rule citation.
``record_transfer`` runs every check of ``compliance.check_transfer``; an error blocks
it unless an administrator overrides with a reason and a document number (audited).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.accounts.audit import record_override
from models.accounts.entities import Role
from models.accounts.permissions import current_role, denied
from models.buildings import compliance
from models.buildings.entities import (
    Building,
    BuyBackOffer,
    Transfer,
    TransferUnit,
    Unit,
    UnitStatus,
    UnitUse,
)
from models.buildings.ratio import ONE, ZERO, pct
from models.buildings.seed import CLAUSE, MAX_TRANSFER_RATIO
from models.changes import Changes
from models.db.records import apply_changes, get_record, get_versioned, require_editable
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.land.entities import Plot
from models.policy.entities import Platform
from models.policy.services import add_rule_version

BUILDING_FIELDS = (
    "code",
    "name",
    "plot_id",
    "platform_id",
    "owner_id",
    "total_floor_area_m2",
    "floors",
    "accepted_on",
    "registered_on",
    "land_price_paid",
    "has_lien",
    "lien_consent",
    "idle_land_finding",
    "note",
)
UNIT_FIELDS = ("floor", "number", "floor_area_m2", "use", "status", "owner_id", "acquired_on")
BUYBACK_STATUSES = ("offered", "accepted", "declined")


@dataclass(frozen=True)
class Override:
    """An administrator's decision to record a transfer despite failed checks."""

    reason: str
    document_no: str


# --- buildings ------------------------------------------------------------------------------------
def _get_building(session: Session, building_id: int, version: int | None = None) -> Building:
    return get_versioned(session, Building, building_id, version, key=lambda r: r.code)


def _validate_building(session: Session, values: dict[str, Any], own_id: int | None) -> None:
    if "code" in values:
        values["code"] = str(values["code"]).strip()
        if not values["code"]:
            raise DomainError("building.code_required")
        other = session.scalar(select(Building.id).where(Building.code == values["code"]))
        if other is not None and other != own_id:
            raise DomainError("building.duplicate_code", code=values["code"])
    if "name" in values and not str(values["name"]).strip():
        raise DomainError("building.name_required")
    area = values.get("total_floor_area_m2")
    if area is not None and Decimal(area) <= 0:
        raise DomainError("building.area_not_positive", total_m2=Decimal(area))
    floors = values.get("floors")
    if floors is not None and int(floors) < 1:
        raise DomainError("building.floors_not_positive", floors=floors)
    for key, entity in (("plot_id", Plot), ("platform_id", Platform), ("owner_id", Enterprise)):
        if values.get(key) is not None:
            get_record(session, entity, values[key])
    if values.get("plot_id") is not None and values.get("platform_id") is None:
        plot = session.get(Plot, values["plot_id"])
        if plot is not None:
            values["platform_id"] = plot.platform_id
    accepted, registered = values.get("accepted_on"), values.get("registered_on")
    if accepted is not None and registered is not None and registered < accepted:
        raise DomainError(
            "building.registered_before_accepted", accepted_on=accepted, registered_on=registered
        )


def create_building(
    session: Session, *, code: str, name: str, total_floor_area_m2: Decimal, floors: int = 1, **fields: Any
) -> Changes:
    values: dict[str, Any] = dict(
        code=code, name=name, total_floor_area_m2=total_floor_area_m2, floors=floors, **fields
    )
    require_editable(values, BUILDING_FIELDS)
    _validate_building(session, values, None)
    b = Building(**values)
    session.add(b)
    session.flush()
    return Changes.of("buildings", created=1, ids=(b.id,))


def update_building(session: Session, *, building_id: int, version: int | None, **fields: Any) -> Changes:
    require_editable(fields, BUILDING_FIELDS)
    b = _get_building(session, building_id, version)
    _validate_building(session, fields, b.id)
    if "accepted_on" in fields or "registered_on" in fields:
        merged = {
            "accepted_on": fields.get("accepted_on", b.accepted_on),
            "registered_on": fields.get("registered_on", b.registered_on),
        }
        _validate_building(session, merged, b.id)
    changed = apply_changes(b, fields)
    session.flush()
    return Changes.of("buildings", updated=1 if changed else 0, ids=(b.id,))


def delete_building(session: Session, *, building_id: int, version: int | None) -> Changes:
    b = _get_building(session, building_id, version)
    if session.scalar(select(Transfer.id).where(Transfer.building_id == b.id).limit(1)) is not None:
        raise DomainError("building.has_transfers", code=b.code)
    session.delete(b)
    session.flush()
    return Changes.of("buildings", deleted=1, ids=(building_id,))


# --- units ----------------------------------------------------------------------------------------
def _validate_unit(session: Session, b: Building, values: dict[str, Any], own_id: int | None) -> None:
    if "number" in values:
        values["number"] = str(values["number"]).strip()
        if not values["number"]:
            raise DomainError("building.unit_number_required")
        other = session.scalar(
            select(Unit.id).where(Unit.building_id == b.id, Unit.number == values["number"])
        )
        if other is not None and other != own_id:
            raise DomainError("building.duplicate_unit", building=b.code, number=values["number"])
    if "floor" in values and (int(values["floor"]) == 0 or int(values["floor"]) > b.floors):
        raise DomainError("building.floor_out_of_range", floor=values["floor"], floors=b.floors)
    if "floor_area_m2" in values and Decimal(values["floor_area_m2"]) <= 0:
        raise DomainError("building.unit_area_not_positive", area_m2=values["floor_area_m2"])
    if "use" in values and values["use"] not in {u.value for u in UnitUse}:
        raise DomainError("building.unknown_use", value=values["use"])
    if "status" in values and values["status"] not in {s.value for s in UnitStatus}:
        raise DomainError("building.unknown_status", value=values["status"])
    if values.get("owner_id") is not None:
        get_record(session, Enterprise, values["owner_id"])


def create_unit(
    session: Session,
    *,
    building_id: int,
    floor: int,
    number: str,
    floor_area_m2: Decimal,
    use: str = UnitUse.PRODUCTION.value,
    status: str = UnitStatus.HELD.value,
    owner_id: int | None = None,
    acquired_on: dt.date | None = None,
) -> Changes:
    b = _get_building(session, building_id)
    values: dict[str, Any] = dict(
        floor=floor,
        number=number,
        floor_area_m2=floor_area_m2,
        use=use,
        status=status,
        owner_id=owner_id if owner_id is not None else b.owner_id,
        acquired_on=acquired_on,
    )
    _validate_unit(session, b, values, None)
    u = Unit(building_id=b.id, **values)
    session.add(u)
    session.flush()
    return Changes.of("buildings", created=1, ids=(u.id,))


def update_unit(session: Session, *, unit_id: int, version: int | None, **fields: Any) -> Changes:
    require_editable(fields, UNIT_FIELDS)
    u = get_versioned(session, Unit, unit_id, version, key=lambda r: r.number)
    if (
        "status" in fields
        and fields["status"] != u.status
        and UnitStatus.TRANSFERRED.value in (fields["status"], u.status)
    ):
        raise DomainError(
            "building.status_change_needs_transfer", number=u.number, before=u.status, after=fields["status"]
        )
    _validate_unit(session, _get_building(session, u.building_id), fields, u.id)
    changed = apply_changes(u, fields)
    session.flush()
    return Changes.of("buildings", updated=1 if changed else 0, ids=(u.id,))


def create_units_for_floors(
    session: Session,
    *,
    building_id: int,
    first_floor: int,
    last_floor: int,
    per_floor: int,
    floor_area_m2: Decimal,
    use: str = UnitUse.PRODUCTION.value,
) -> Changes:
    """Units numbered ``{floor}{nn}`` (301, 302 …; B101 below ground) on every floor from
    ``first_floor`` to ``last_floor`` — how a clerk registers a new building quickly."""
    if per_floor < 1 or per_floor > 99:
        raise DomainError("building.per_floor_out_of_range", per_floor=per_floor)
    ids: list[int] = []
    for floor in range(min(first_floor, last_floor), max(first_floor, last_floor) + 1):
        if floor == 0:
            continue
        for k in range(1, per_floor + 1):
            number = f"B{-floor}{k:02d}" if floor < 0 else f"{floor}{k:02d}"
            ids.extend(
                create_unit(
                    session,
                    building_id=building_id,
                    floor=floor,
                    number=number,
                    floor_area_m2=floor_area_m2,
                    use=use,
                ).ids
            )
    return Changes.of("buildings", created=len(ids), ids=tuple(ids))


def delete_unit(session: Session, *, unit_id: int, version: int | None) -> Changes:
    u = get_versioned(session, Unit, unit_id, version, key=lambda r: r.number)
    session.delete(u)
    try:
        session.flush()
    except IntegrityError as exc:
        raise DomainError("building.unit_in_transfer", number=u.number) from exc
    return Changes.of("buildings", deleted=1, ids=(unit_id,))


# --- the Science City's own ratio ----------------------------------------------------------------
def set_building_ratio(
    session: Session,
    *,
    building_id: int,
    max_ratio: Decimal,
    document_no: str,
    effective_from: dt.date,
    clause: str = CLAUSE,
    note: str = "",
) -> Changes:
    """A building-scoped ``building.max_transfer_ratio`` recording its approving document
    (seed 三(三): the Science City may adjust the subdivision ratio itself). A new dated
    version (``models.policy.services.add_rule_version``): the building's previous own
    ratio ends the day before, so earlier checks keep citing it. Administrators only."""
    b = _get_building(session, building_id)
    ratio = Decimal(max_ratio)
    if not ZERO < ratio <= ONE:
        raise DomainError("building.ratio_out_of_range", ratio_pct=pct(ratio))
    if not document_no.strip():
        raise DomainError("building.ratio_document_required", building=b.code)
    changes = add_rule_version(
        session,
        key=MAX_TRANSFER_RATIO,
        value=str(ratio),
        effective_from=effective_from,
        document_no=document_no,
        clause=clause,
        title=f"{b.name} 分割转让比例上限",
        platform_id=b.platform_id,
        building_id=b.id,
        note=note,
    )
    return changes | Changes.of("buildings")


# --- transfers ------------------------------------------------------------------------------------
def _require_admin(session: Session) -> str:
    """The overriding administrator's name. Without a logged-in user (single-user database,
    no accounts) the operating-system user recorded as actor is taken as administrator."""
    role = current_role(session)
    if role is not None and role != Role.ADMIN.value:
        raise denied(role, "override", "transfers")
    return str(session.info.get("actor", ""))


def _audit_override(session: Session, transfer: Transfer, failed: list[compliance.CheckResult]) -> None:
    rules = sorted({f"{r.fields.get('document_no', '')} {r.fields.get('clause', '')}" for r in failed})
    record_override(
        session,
        entity="transfers",
        record_id=transfer.id,
        reason=transfer.override_reason,
        document_no=transfer.override_document,
        facts={"failed_checks": [r.code for r in failed], "rules": rules},
    )


def record_transfer(
    session: Session,
    *,
    building_id: int,
    unit_ids: Sequence[int],
    buyer_id: int,
    transfer_date: dt.date,
    price: Decimal | None = None,
    approval_no: str = "",
    is_resale: bool = False,
    override: Override | None = None,
) -> Changes:
    """Check and record a sale of units. Errors raise ``DomainError`` carrying every failed
    check (codes and fields) unless ``override`` is given by an administrator with a
    reason and a document number. Units become 已转让, owned by the buyer from the date."""
    # The building's row lock first (FOR UPDATE on PostgreSQL; BEGIN IMMEDIATE serialises
    # SQLite): two sales checked against the same ratio cap cannot both pass on old figures.
    session.execute(select(Building.id).where(Building.id == building_id).with_for_update())
    results = compliance.check_transfer(
        session,
        building_id=building_id,
        unit_ids=unit_ids,
        buyer_id=buyer_id,
        transfer_date=transfer_date,
        is_resale=is_resale,
    )
    failed = compliance.errors(results)
    structural = [r for r in failed if not r.rule_key]
    if structural:
        raise DomainError.from_problems([r.problem() for r in structural])
    by = ""
    if failed:
        if override is None:
            raise DomainError.from_problems([r.problem() for r in failed])
        if not override.reason.strip() or not override.document_no.strip():
            raise DomainError("building.override_incomplete")
        by = _require_admin(session)
    if price is not None and price < 0:
        raise DomainError("building.price_negative", price=price)
    b = _get_building(session, building_id)
    units = list(session.scalars(select(Unit).where(Unit.id.in_(list(unit_ids)))))
    seller = units[0].owner_id if is_resale else b.owner_id
    t = Transfer(
        building_id=b.id,
        seller_id=seller,
        buyer_id=buyer_id,
        transfer_date=transfer_date,
        area_m2=sum((u.floor_area_m2 for u in units), ZERO),
        price=price,
        approval_no=approval_no.strip(),
        is_resale=is_resale,
        checks=compliance.dumps(results),
        override_reason=override.reason.strip() if failed and override else "",
        override_document=override.document_no.strip() if failed and override else "",
        override_by=by,
    )
    session.add(t)
    session.flush()
    for u in units:
        session.add(TransferUnit(transfer_id=t.id, unit_id=u.id))
        u.status, u.owner_id, u.acquired_on = UnitStatus.TRANSFERRED.value, buyer_id, transfer_date
    session.flush()
    if failed:
        _audit_override(session, t, failed)
    return Changes.of("buildings", created=1, updated=len(units), ids=(t.id,))


# --- buy-back -------------------------------------------------------------------------------------
def record_buyback_offer(
    session: Session,
    *,
    building_id: int,
    offered_on: dt.date,
    unit_id: int | None = None,
    price: Decimal | None = None,
    note: str = "",
) -> Changes:
    """The government's priority buy-back offer on a unit (or the whole building when
    ``unit_id`` is None). An open offer blocks transfers of the units it covers."""
    b = _get_building(session, building_id)
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None or unit.building_id != b.id:
            raise DomainError("building.unit_not_in_building", unit_ids=str(unit_id), building=b.code)
    offer = BuyBackOffer(building_id=b.id, unit_id=unit_id, offered_on=offered_on, price=price, note=note)
    session.add(offer)
    session.flush()
    return Changes.of("buildings", created=1, ids=(offer.id,))


def decide_buyback_offer(
    session: Session, *, offer_id: int, status: str, version: int | None = None
) -> Changes:
    if status not in BUYBACK_STATUSES:
        raise DomainError("building.unknown_buyback_status", value=status)
    offer = get_versioned(session, BuyBackOffer, offer_id, version)
    offer.status = status
    session.flush()
    return Changes.of("buildings", updated=1, ids=(offer.id,))
