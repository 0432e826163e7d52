"""Vacate-and-replace (腾笼换鸟) projects with their dated stage history."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import AreaM2, Base, Code, Money, Name, Note, Quantity, Versioned


class Stage(StrEnum):
    IDENTIFIED = "identified"  # 摸排认定
    NEGOTIATED = "negotiated"  # 谈判协议
    VACATED = "vacated"  # 腾退收储
    RESUPPLIED = "resupplied"  # 再供应
    BUILDING = "building"  # 建设
    PRODUCING = "producing"  # 投产
    CHECKED = "checked"  # 达产复核
    STOPPED = "stopped"  # 终止


class RenewalProject(Versioned, Base):
    __tablename__ = "renewal_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    platform_id: Mapped[int | None] = mapped_column(
        ForeignKey("platforms.id", ondelete="RESTRICT"), index=True
    )
    old_enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="SET NULL"))
    new_enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="SET NULL"))
    new_project: Mapped[str] = mapped_column(String(200), default="")
    low_eff_kind: Mapped[str] = mapped_column(String(20), default="")
    treatment: Mapped[str] = mapped_column(
        String(20), default=""
    )  # upgrade 提升 | vacate 腾退 | phase_out 淘汰
    compensation: Mapped[Money | None]
    stage: Mapped[str] = mapped_column(String(20), default=Stage.IDENTIFIED.value)
    area_m2: Mapped[AreaM2 | None]
    supply_method: Mapped[str] = mapped_column(String(20), default="")
    quota_use_id: Mapped[int | None] = mapped_column(ForeignKey("quota_uses.id", ondelete="SET NULL"))
    tax_per_mu_before: Mapped[Money | None]
    tax_per_mu_after: Mapped[Money | None]
    va_per_mu_before: Mapped[Money | None]
    va_per_mu_after: Mapped[Money | None]
    plot_ratio_before: Mapped[Quantity | None]
    plot_ratio_after: Mapped[Quantity | None]
    floor_area_added_m2: Mapped[AreaM2 | None]
    investment: Mapped[Money | None]
    energy_freed_tce: Mapped[Quantity | None]
    firms_out: Mapped[int] = mapped_column(default=0)
    firms_in: Mapped[int] = mapped_column(default=0)
    note: Mapped[Note]


class RenewalProjectPlot(Base):
    __tablename__ = "renewal_project_plots"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("renewal_projects.id", ondelete="CASCADE"), primary_key=True
    )
    plot_id: Mapped[int] = mapped_column(ForeignKey("plots.id", ondelete="CASCADE"), primary_key=True)


class RenewalStageEvent(Base):
    """A dated stage entry; a step back carries a reason."""

    __tablename__ = "renewal_stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("renewal_projects.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[dt.date]
    reason: Mapped[str] = mapped_column(Text, default="")
