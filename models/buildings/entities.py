"""Industrial buildings (工业楼宇), their divisible units and transfers (分割转让)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import AreaM2, Base, Code, Money, Name, Note, Versioned


class UnitStatus(StrEnum):
    HELD = "held"  # 自持
    TRANSFERRED = "transferred"  # 已转让
    LEASED = "leased"  # 出租


class UnitUse(StrEnum):
    PRODUCTION = "production"  # 生产
    RESEARCH = "research"  # 研发
    OFFICE = "office"  # 办公
    DORMITORY = "dormitory"  # 宿舍
    CANTEEN = "canteen"  # 食堂
    GARAGE = "garage"  # 车库
    SHARED = "shared"  # 公共


class Building(Versioned, Base):
    __tablename__ = "buildings"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    plot_id: Mapped[int | None] = mapped_column(ForeignKey("plots.id", ondelete="SET NULL"), index=True)
    platform_id: Mapped[int | None] = mapped_column(
        ForeignKey("platforms.id", ondelete="RESTRICT"), index=True
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="SET NULL"))
    total_floor_area_m2: Mapped[AreaM2]
    floors: Mapped[int] = mapped_column(default=1)
    accepted_on: Mapped[dt.date | None]  # 竣工验收
    registered_on: Mapped[dt.date | None]  # 首次登记
    land_price_paid: Mapped[bool] = mapped_column(default=True)
    has_lien: Mapped[bool] = mapped_column(default=False)
    lien_consent: Mapped[bool] = mapped_column(default=False)
    idle_land_finding: Mapped[bool] = mapped_column(default=False)
    note: Mapped[Note]


class Unit(Versioned, Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("building_id", "number", name="uq_units_building_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id", ondelete="CASCADE"), index=True)
    floor: Mapped[int]
    number: Mapped[str] = mapped_column(String(40))
    floor_area_m2: Mapped[AreaM2]
    use: Mapped[str] = mapped_column(String(20), default=UnitUse.PRODUCTION.value)
    status: Mapped[str] = mapped_column(String(20), default=UnitStatus.HELD.value)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="SET NULL"))
    acquired_on: Mapped[dt.date | None]


class Transfer(Versioned, Base):
    """A sale of units to a buyer; ``checks`` keeps the JSON of the rule results at
    recording time; an override records reason, document and administrator."""

    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id", ondelete="RESTRICT"), index=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="SET NULL"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="RESTRICT"))
    transfer_date: Mapped[dt.date]
    area_m2: Mapped[AreaM2]
    price: Mapped[Money | None]
    approval_no: Mapped[str] = mapped_column(String(120), default="")
    is_resale: Mapped[bool] = mapped_column(default=False)
    checks: Mapped[str] = mapped_column(Text, default="[]")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    override_document: Mapped[str] = mapped_column(String(120), default="")
    override_by: Mapped[str] = mapped_column(String(120), default="")


class TransferUnit(Base):
    __tablename__ = "transfer_units"

    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfers.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True)


class BuyBackOffer(Versioned, Base):
    """The government's priority buy-back (优先回购) offer on units."""

    __tablename__ = "buyback_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    offered_on: Mapped[dt.date]
    price: Mapped[Money | None]
    status: Mapped[str] = mapped_column(String(20), default="offered")  # offered | accepted | declined
    note: Mapped[Note]
