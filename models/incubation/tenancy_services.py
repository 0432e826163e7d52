"""Commands on tenancies (入驻): an enterprise occupying spaces of a carrier from/to a date.

A tenancy covers ``start_on`` .. ``end_on`` inclusive (open-ended when None). Its area is
the sum of its spaces' areas unless given (a tenancy may have no spaces recorded, only an
area). Refused: a space of another carrier, a space already let for an overlapping period,
a carrier occupied beyond its usable area on any day, graduation or leaving without a date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from models.changes import Changes
from models.db.records import apply_changes, get_record, get_versioned, require_editable
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.incubation import vocab
from models.incubation.access import require_carrier
from models.incubation.entities import Carrier, Space, Tenancy, TenancySpace

TENANCY_FIELDS = (
    "enterprise_id",
    "start_on",
    "end_on",
    "area_m2",
    "status",
    "graduated_on",
    "graduation_criterion",
    "note",
    "space_ids",
    "sector",
    "founded_on",
)


def load_tenancy(session: Session, tenancy_id: int, version: int | None = None) -> Tenancy:
    return get_versioned(session, Tenancy, tenancy_id, version)


def space_ids_of(session: Session, tenancy_id: int) -> list[int]:
    return list(
        session.scalars(
            select(TenancySpace.space_id)
            .where(TenancySpace.tenancy_id == tenancy_id)
            .order_by(TenancySpace.space_id)
        )
    )


def _overlaps(start: dt.date, end: dt.date | None) -> Any:
    """SQL condition: a tenancy overlapping [start, end]."""
    cond = or_(Tenancy.end_on.is_(None), Tenancy.end_on >= start)
    if end is not None:
        cond = cond & (Tenancy.start_on <= end)
    return cond


def _check_spaces(
    session: Session,
    carrier: Carrier,
    space_ids: list[int],
    start: dt.date,
    end: dt.date | None,
    own_id: int | None,
) -> Decimal:
    """Refuse foreign or already-let spaces; return the spaces' total area."""
    total = Decimal(0)
    for sid in space_ids:
        space = session.get(Space, sid)
        if space is None or space.carrier_id != carrier.id:
            raise DomainError("incubation.space_not_in_carrier", space_id=sid, carrier=carrier.name)
        total += space.area_m2
        stmt = (
            select(Enterprise.name, Tenancy.start_on, Tenancy.end_on)
            .join(TenancySpace, TenancySpace.tenancy_id == Tenancy.id)
            .join(Enterprise, Enterprise.id == Tenancy.enterprise_id)
            .where(TenancySpace.space_id == sid, _overlaps(start, end))
        )
        if own_id is not None:
            stmt = stmt.where(Tenancy.id != own_id)
        clash = session.execute(stmt.limit(1)).first()
        if clash is not None:
            raise DomainError(
                "incubation.space_already_let",
                carrier=carrier.name,
                space=space.code,
                enterprise=clash[0],
                start_on=clash[1],
                end_on=clash[2] or "",
            )
    return total


def peak_occupied(
    session: Session, carrier_id: int, start: dt.date, end: dt.date | None, exclude_id: int | None = None
) -> tuple[Decimal, dt.date]:
    """The highest area occupied by other tenancies on any day of [start, end], and that day."""
    stmt = select(Tenancy.start_on, Tenancy.end_on, Tenancy.area_m2).where(
        Tenancy.carrier_id == carrier_id, _overlaps(start, end)
    )
    if exclude_id is not None:
        stmt = stmt.where(Tenancy.id != exclude_id)
    rows = list(session.execute(stmt))
    events: list[tuple[dt.date, Decimal]] = []
    for s, e, a in rows:
        events.append((max(s, start), a))
        if e is not None and (end is None or e < end):
            events.append((e + dt.timedelta(days=1), -a))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    cur, peak, peak_day = Decimal(0), Decimal(0), start
    for day, delta in events:
        cur += delta
        if cur > peak:
            peak, peak_day = cur, day
    return peak, peak_day


def _validate(session: Session, carrier: Carrier, v: dict[str, Any], own_id: int | None) -> None:  # noqa: C901  one branch per tenancy field rule
    if session.get(Enterprise, v["enterprise_id"]) is None:
        raise DomainError("incubation.unknown_enterprise", enterprise_id=v["enterprise_id"])
    start, end = v["start_on"], v["end_on"]
    if end is not None and end < start:
        raise DomainError("incubation.end_before_start", start_on=start, end_on=end)
    founded = v.get("founded_on")
    if founded is not None and founded > start:
        raise DomainError("incubation.founded_after_entry", founded_on=founded, start_on=start)
    if v["status"] not in vocab.STATUSES:
        raise DomainError("incubation.unknown_status", value=v["status"], known="、".join(vocab.STATUSES))
    grad = v["graduated_on"]
    if v["status"] == vocab.GRADUATED and grad is None:
        raise DomainError("incubation.graduation_needs_date")
    if grad is not None and (grad < start or (end is not None and grad > end)):
        raise DomainError(
            "incubation.graduation_outside_tenancy", graduated_on=grad, start_on=start, end_on=end or ""
        )
    if v["status"] == vocab.LEFT and end is None:
        raise DomainError("incubation.left_needs_end")
    if v["status"] != vocab.GRADUATED and grad is not None:
        raise DomainError("incubation.graduation_needs_status", status=v["status"])
    spaces_area = _check_spaces(session, carrier, v["space_ids"], start, end, own_id)
    if v["area_m2"] is None:
        if not v["space_ids"]:
            raise DomainError("incubation.tenancy_area_required")
        v["area_m2"] = spaces_area
    if v["area_m2"] <= 0:
        raise DomainError("incubation.area_not_positive", field="area_m2", value=v["area_m2"])
    if v["space_ids"] and v["area_m2"] > spaces_area:
        raise DomainError(
            "incubation.tenancy_area_exceeds_spaces", area_m2=v["area_m2"], spaces_m2=spaces_area
        )
    peak, day = peak_occupied(session, carrier.id, start, end, own_id)
    if peak + v["area_m2"] > carrier.usable_area_m2:
        raise DomainError(
            "incubation.occupied_exceeds_usable",
            carrier=carrier.name,
            day=day,
            occupied_m2=peak + v["area_m2"],
            usable_area_m2=carrier.usable_area_m2,
        )


def _set_spaces(session: Session, tenancy_id: int, space_ids: list[int]) -> None:
    session.execute(delete(TenancySpace).where(TenancySpace.tenancy_id == tenancy_id))
    session.add_all(TenancySpace(tenancy_id=tenancy_id, space_id=sid) for sid in space_ids)


def create_tenancy(  # noqa: PLR0913  one keyword per field of a tenancy
    session: Session,
    *,
    carrier_id: int,
    enterprise_id: int,
    start_on: dt.date,
    end_on: dt.date | None = None,
    space_ids: list[int] | tuple[int, ...] = (),
    area_m2: Decimal | None = None,
    status: str = vocab.INCUBATING,
    graduated_on: dt.date | None = None,
    graduation_criterion: str = "",
    note: str = "",
    sector: str = "",
    founded_on: dt.date | None = None,
) -> Changes:
    """A tenancy; ``sector`` (生物医药 …) sets the tenant's incubation limit where the rule has
    one for it, ``founded_on`` the tenant firm's age on entry."""
    require_carrier(session, carrier_id, "create", table="tenancies")
    carrier = get_record(session, Carrier, carrier_id)
    v: dict[str, Any] = dict(
        enterprise_id=enterprise_id,
        start_on=start_on,
        end_on=end_on,
        space_ids=sorted(set(space_ids)),
        area_m2=area_m2,
        status=status,
        graduated_on=graduated_on,
        graduation_criterion=graduation_criterion.strip(),
        note=note,
        sector=sector.strip(),
        founded_on=founded_on,
    )
    _validate(session, carrier, v, None)
    spaces = v.pop("space_ids")
    tenancy = Tenancy(carrier_id=carrier_id, **v)
    session.add(tenancy)
    session.flush()
    _set_spaces(session, tenancy.id, spaces)
    session.flush()
    return Changes.of("incubation", created=1, ids=(tenancy.id,))


def update_tenancy(session: Session, *, tenancy_id: int, version: int | None, **fields: Any) -> Changes:
    require_editable(fields, TENANCY_FIELDS)
    tenancy = load_tenancy(session, tenancy_id)
    require_carrier(session, tenancy.carrier_id, "update", table="tenancies")
    load_tenancy(session, tenancy_id, version)
    current: dict[str, Any] = {k: getattr(tenancy, k) for k in TENANCY_FIELDS if k != "space_ids"}
    current["space_ids"] = space_ids_of(session, tenancy_id)
    merged = current | fields
    if "space_ids" in fields:
        merged["space_ids"] = sorted(set(fields["space_ids"]))
        if "area_m2" not in fields:
            merged["area_m2"] = None  # follow the new spaces
    carrier = session.get(Carrier, tenancy.carrier_id)
    assert carrier is not None
    _validate(session, carrier, merged, tenancy.id)
    spaces = merged.pop("space_ids")
    spaces_changed = spaces != current["space_ids"]
    changed = apply_changes(tenancy, merged)
    if not changed and not spaces_changed:
        return Changes.of("incubation")
    if spaces_changed:
        _set_spaces(session, tenancy.id, spaces)
        if not changed:
            flag_modified(tenancy, "note")  # bump the version: the spaces are part of the record
    session.flush()
    return Changes.of("incubation", updated=1, ids=(tenancy.id,))


def graduate_tenancy(
    session: Session,
    *,
    tenancy_id: int,
    version: int | None,
    graduated_on: dt.date,
    criterion: str,
    moved_out_on: dt.date | None = None,
) -> Changes:
    """Mark the firm graduated (毕业) on ``graduated_on`` by ``criterion``; it may stay on as a
    tenant (``moved_out_on`` None keeps the tenancy's end)."""
    if not criterion.strip():
        raise DomainError("incubation.graduation_needs_criterion")
    fields: dict[str, Any] = dict(
        status=vocab.GRADUATED, graduated_on=graduated_on, graduation_criterion=criterion
    )
    if moved_out_on is not None:
        fields["end_on"] = moved_out_on
    return update_tenancy(session, tenancy_id=tenancy_id, version=version, **fields)


def end_tenancy(session: Session, *, tenancy_id: int, version: int | None, left_on: dt.date) -> Changes:
    """The firm left (退出) without graduating; its last day is ``left_on``."""
    return update_tenancy(
        session, tenancy_id=tenancy_id, version=version, status=vocab.LEFT, end_on=left_on, graduated_on=None
    )


def delete_tenancy(session: Session, *, tenancy_id: int, version: int | None) -> Changes:
    tenancy = load_tenancy(session, tenancy_id)
    require_carrier(session, tenancy.carrier_id, "delete", table="tenancies")
    load_tenancy(session, tenancy_id, version)
    session.delete(tenancy)
    session.flush()
    return Changes.of("incubation", deleted=1, ids=(tenancy_id,))
