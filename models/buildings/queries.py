"""Read-only views of buildings, units and transfers: frozen rows for tables, the floor
grid and charts. Never returns ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models.buildings import compliance
from models.buildings.entities import Building, BuyBackOffer, Transfer, TransferUnit, Unit
from models.buildings.ratio import BuildingStatus, check_all_buildings
from models.enterprises.entities import Enterprise
from models.errors import NotFoundError
from models.land.entities import Plot
from models.land.idle import idle_plots
from models.policy.documents import basis_of
from models.policy.entities import Platform


@dataclass(frozen=True, slots=True)
class BuildingRow:
    id: int
    code: str
    name: str
    platform_id: int | None
    platform_name: str
    plot_code: str
    owner_id: int | None
    owner_name: str
    total_m2: Decimal
    floors: int
    unit_count: int
    held_m2: Decimal
    transferred_m2: Decimal
    leased_m2: Decimal
    ratio: Decimal
    cap: Decimal | None
    cap_document: str
    cap_is_own: bool  # the building has its own (Science City) ratio
    cap_is_example: bool
    severity: str  # ok | warning | error | unknown
    accepted_on: dt.date | None
    registered_on: dt.date | None
    land_price_paid: bool
    has_lien: bool
    lien_consent: bool
    idle_land_finding: bool
    note: str
    version: int
    # the plot is idle by its land contract's dates (models.land.idle): since when, else None
    idle_land_since: dt.date | None = None

    @property
    def headroom_m2(self) -> Decimal | None:
        return None if self.cap is None else self.cap * self.total_m2 - self.transferred_m2


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    building_id: int
    floor: int
    number: str
    area_m2: Decimal
    use: str
    status: str
    owner_id: int | None
    owner_name: str
    acquired_on: dt.date | None
    open_buyback: bool
    version: int


@dataclass(frozen=True, slots=True)
class TransferRow:
    id: int
    building_id: int
    building_code: str
    building_name: str
    transfer_date: dt.date
    seller_name: str
    buyer_id: int
    buyer_name: str
    area_m2: Decimal
    price: Decimal | None
    approval_no: str
    is_resale: bool
    unit_numbers: str
    overridden: bool
    override_reason: str
    override_document: str
    override_by: str
    checks: tuple[compliance.CheckResult, ...]


@dataclass(frozen=True, slots=True)
class BuyerChoice:
    id: int
    name: str
    uscc: str
    industry_chain: str
    is_manufacturing: bool


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    transfers: int
    area_m2: Decimal
    overridden: int


def list_buildings(session: Session, *, on: dt.date, platform_id: int | None = None) -> list[BuildingRow]:
    """Every building with its areas by status and its position against the cap on ``on``."""
    statuses: dict[int, BuildingStatus] = {s.building_id: s for s in check_all_buildings(session, on)}
    idle = {f.plot_id: f.since for f in idle_plots(session, on=on)}
    owner = aliased(Enterprise)
    stmt = (
        select(Building, Platform.name, Plot.code, owner.name)
        .outerjoin(Platform, Platform.id == Building.platform_id)
        .outerjoin(Plot, Plot.id == Building.plot_id)
        .outerjoin(owner, owner.id == Building.owner_id)
        .order_by(Building.code)
    )
    if platform_id is not None:
        stmt = stmt.where(Building.platform_id == platform_id)
    rows: list[BuildingRow] = []
    for b, pname, plot_code, owner_name in session.execute(stmt):
        st = statuses[b.id]
        cap = st.cap
        rows.append(
            BuildingRow(
                b.id,
                b.code,
                b.name,
                b.platform_id,
                pname or "",
                plot_code or "",
                b.owner_id,
                owner_name or "",
                b.total_floor_area_m2,
                b.floors,
                st.unit_count,
                st.held_m2,
                st.transferred_m2,
                st.leased_m2,
                st.ratio,
                None if cap is None else cap.value,
                "" if cap is None else basis_of(cap.rule.citation()),
                cap is not None and cap.rule.building_id is not None,
                cap is not None and cap.rule.is_example,
                st.severity,
                b.accepted_on,
                b.registered_on,
                b.land_price_paid,
                b.has_lien,
                b.lien_consent,
                b.idle_land_finding,
                b.note or "",
                b.version,
                idle.get(b.plot_id) if b.plot_id is not None else None,
            )
        )
    return rows


def get_building(session: Session, building_id: int, *, on: dt.date) -> BuildingRow:
    for row in list_buildings(session, on=on):
        if row.id == building_id:
            return row
    raise NotFoundError("record.not_found", entity="buildings", key=building_id)


def list_units(session: Session, building_id: int) -> list[UnitRow]:
    """A building's units, top floor first, then by number."""
    open_offer = (
        select(BuyBackOffer.id)
        .where(
            BuyBackOffer.building_id == building_id,
            BuyBackOffer.status == "offered",
            (BuyBackOffer.unit_id == Unit.id) | BuyBackOffer.unit_id.is_(None),
        )
        .exists()
    )
    stmt = (
        select(Unit, Enterprise.name, open_offer)
        .outerjoin(Enterprise, Enterprise.id == Unit.owner_id)
        .where(Unit.building_id == building_id)
        .order_by(Unit.floor.desc(), Unit.number)
    )
    return [
        UnitRow(
            u.id,
            u.building_id,
            u.floor,
            u.number,
            u.floor_area_m2,
            u.use,
            u.status,
            u.owner_id,
            name or "",
            u.acquired_on,
            bool(offer),
            u.version,
        )
        for u, name, offer in session.execute(stmt)
    ]


def list_transfers(session: Session, *, building_id: int | None = None) -> list[TransferRow]:
    """Transfers, newest first, with the check results kept at recording time."""
    seller, buyer = aliased(Enterprise), aliased(Enterprise)
    numbers: dict[int, list[str]] = {}
    unit_stmt = select(TransferUnit.transfer_id, Unit.number).join(Unit, Unit.id == TransferUnit.unit_id)
    if building_id is not None:
        unit_stmt = unit_stmt.where(Unit.building_id == building_id)
    for tid, number in session.execute(unit_stmt.order_by(Unit.floor, Unit.number)):
        numbers.setdefault(tid, []).append(number)
    stmt = (
        select(Transfer, Building.code, Building.name, seller.name, buyer.name)
        .join(Building, Building.id == Transfer.building_id)
        .outerjoin(seller, seller.id == Transfer.seller_id)
        .join(buyer, buyer.id == Transfer.buyer_id)
        .order_by(Transfer.transfer_date.desc(), Transfer.id.desc())
    )
    if building_id is not None:
        stmt = stmt.where(Transfer.building_id == building_id)
    return [
        TransferRow(
            t.id,
            t.building_id,
            code,
            name,
            t.transfer_date,
            sname or "",
            t.buyer_id,
            bname,
            t.area_m2,
            t.price,
            t.approval_no,
            t.is_resale,
            "、".join(numbers.get(t.id, [])),
            bool(t.override_reason),
            t.override_reason,
            t.override_document,
            t.override_by,
            tuple(compliance.loads(t.checks)),
        )
        for t, code, name, sname, bname in session.execute(stmt)
    ]


def transfer_unit_ids(session: Session, transfer_id: int) -> list[int]:
    """The units a recorded transfer sold."""
    return list(
        session.scalars(
            select(TransferUnit.unit_id)
            .where(TransferUnit.transfer_id == transfer_id)
            .order_by(TransferUnit.unit_id)
        )
    )


def transfers_per_year(session: Session, *, platform_id: int | None = None) -> list[YearCount]:
    year = (
        func.strftime("%Y", Transfer.transfer_date)
        if session.get_bind().dialect.name == "sqlite"
        else func.extract("year", Transfer.transfer_date)
    )
    stmt = (
        select(
            year,
            func.count(),
            func.sum(Transfer.area_m2),
            func.sum(func.length(Transfer.override_reason) > 0),
        )
        .join(Building, Building.id == Transfer.building_id)
        .group_by(year)
        .order_by(year)
    )
    if platform_id is not None:
        stmt = stmt.where(Building.platform_id == platform_id)
    return [
        YearCount(int(y), int(n), area if isinstance(area, Decimal) else Decimal(0), int(o or 0))
        for y, n, area, o in session.execute(stmt)
    ]


def buyer_choices(session: Session) -> list[BuyerChoice]:
    stmt = select(
        Enterprise.id,
        Enterprise.name,
        Enterprise.uscc,
        Enterprise.industry_chain,
        Enterprise.is_manufacturing,
    ).order_by(Enterprise.name)
    return [BuyerChoice(int(i), n, u, c, bool(m)) for i, n, u, c, m in session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class BuyBackRow:
    id: int
    unit_number: str  # "" for the whole building
    offered_on: dt.date
    price: Decimal | None
    status: str  # offered | accepted | declined
    note: str
    version: int


def buyback_offers(session: Session, building_id: int) -> list[BuyBackRow]:
    """The building's priority buy-back offers, newest first."""
    stmt = (
        select(BuyBackOffer, Unit.number)
        .outerjoin(Unit, BuyBackOffer.unit_id == Unit.id)
        .where(BuyBackOffer.building_id == building_id)
        .order_by(BuyBackOffer.offered_on.desc(), BuyBackOffer.id.desc())
    )
    return [
        BuyBackRow(o.id, number or "", o.offered_on, o.price, o.status, o.note, o.version)
        for o, number in session.execute(stmt)
    ]
