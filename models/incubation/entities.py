"""Incubation carriers (孵化载体), their spaces, tenancies and monthly usage reports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import AreaM2, Base, Code, Money, Name, Note, Versioned


class Carrier(Versioned, Base):
    __tablename__ = "carriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(
        String(20), default="incubator"
    )  # incubator maker_space accelerator park building
    level: Mapped[str] = mapped_column(String(20), default="")  # national provincial municipal district
    recognized_on: Mapped[dt.date | None]
    operator: Mapped[str] = mapped_column(String(200), default="")
    platform_id: Mapped[int | None] = mapped_column(
        ForeignKey("platforms.id", ondelete="RESTRICT"), index=True
    )
    address: Mapped[str] = mapped_column(String(300), default="")
    usable_area_m2: Mapped[AreaM2]
    incubation_area_m2: Mapped[AreaM2 | None]
    # Public-service area counts in the tenants' use ratio (国科发区〔2018〕300号).
    public_service_area_m2: Mapped[AreaM2 | None]
    specialty: Mapped[str] = mapped_column(String(50), default="")  # 专业孵化器: its industry, '' = general
    note: Mapped[Note]


class Space(Versioned, Base):
    __tablename__ = "spaces"
    __table_args__ = (UniqueConstraint("carrier_id", "code", name="uq_spaces_carrier_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    floor: Mapped[int | None]
    area_m2: Mapped[AreaM2]
    kind: Mapped[str] = mapped_column(String(20), default="office")  # office lab workshop workstation
    rent: Mapped[Money | None]  # 万元 per month


class Tenancy(Versioned, Base):
    __tablename__ = "tenancies"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date | None]
    area_m2: Mapped[AreaM2]
    status: Mapped[str] = mapped_column(
        String(20), default="incubating"
    )  # incubating 在孵 | graduated 毕业 | left 退出
    graduated_on: Mapped[dt.date | None]
    graduation_criterion: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(20), default="")  # 生物医药 现代农业 集成电路 … (longer limit)
    founded_on: Mapped[dt.date | None]  # the tenant firm's founding date: at most 24 months old on entry
    note: Mapped[Note]


class TenancySpace(Base):
    __tablename__ = "tenancy_spaces"

    tenancy_id: Mapped[int] = mapped_column(ForeignKey("tenancies.id", ondelete="CASCADE"), primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="RESTRICT"), primary_key=True)


class UsageReport(Versioned, Base):
    """A carrier's monthly report; ``month`` is the first day of the month."""

    __tablename__ = "usage_reports"
    __table_args__ = (UniqueConstraint("carrier_id", "month", name="uq_usage_reports_carrier_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"), index=True)
    month: Mapped[dt.date]
    occupied_area_m2: Mapped[AreaM2]
    tenants: Mapped[int] = mapped_column(default=0)
    new_tenants: Mapped[int] = mapped_column(default=0)
    graduated: Mapped[int] = mapped_column(default=0)
    left: Mapped[int] = mapped_column(default=0)
    employees: Mapped[int] = mapped_column(default=0)
