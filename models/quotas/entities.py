"""The new construction-land quota ledger (新增建设用地计划指标台账).

Entries are dated and never overwritten: a balance as of any past date is the
sum of the entries dated on or before it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import AreaM2, Base, Note, Versioned


class UseStage(StrEnum):
    RESERVED = "reserved"  # 预安排
    DEDUCTED = "deducted"  # 报批核销
    APPROVED = "approved"  # 批准
    SUPPLIED = "supplied"  # 供地


class LandSource(StrEnum):
    NEW = "new"  # 新增
    EXISTING = "existing"  # 存量


class DecisionLevel(StrEnum):
    DISTRICT = "district"  # 区政府
    SCIENCE_CITY = "science_city"  # 科技城管委会


class DemandStatus(StrEnum):
    PENDING = "pending"  # 待安排 (open, partly or not yet allocated)
    MET = "met"  # 已安排 (fully allocated)
    WITHDRAWN = "withdrawn"  # 撤回


class Purpose(StrEnum):
    """What the quota is for: 六(十) gives new *industrial* land (新增产业用地) to the main
    platforms first; other quota (infrastructure, public services …) has no such order."""

    INDUSTRIAL = "industrial"  # 产业用地
    OTHER = "other"  # 其他用地


class DisposalKind(StrEnum):
    UNSUPPLIED = "unsupplied"  # 批而未供
    IDLE = "idle"  # 闲置


STAGE_ORDER: tuple[UseStage, ...] = (
    UseStage.RESERVED,
    UseStage.DEDUCTED,
    UseStage.APPROVED,
    UseStage.SUPPLIED,
)


class QuotaGrant(Versioned, Base):
    """Quota granted for a year from a source (区年度计划/切块, 省级预留 …); the 文号 identifies it."""

    __tablename__ = "quota_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    source: Mapped[str] = mapped_column(String(50))
    document_no: Mapped[str] = mapped_column(String(120), unique=True)
    granted_on: Mapped[dt.date]
    area_m2: Mapped[AreaM2]
    expires_on: Mapped[dt.date | None]
    carried_over_from_id: Mapped[int | None] = mapped_column(ForeignKey("quota_grants.id"))
    major_project: Mapped[str] = mapped_column(String(200), default="")
    # 预支: quota taken in advance for a provincial major project (``major_project``), repaid
    # from later grants (``QuotaRepayment``); the grant's 文号 is the approval of the advance.
    is_advance: Mapped[bool] = mapped_column(default=False, server_default="0")
    note: Mapped[Note]


class QuotaAllocation(Versioned, Base):
    """Part of a grant allotted to a platform (optionally to a project)."""

    __tablename__ = "quota_allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("quota_grants.id", ondelete="RESTRICT"), index=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("platforms.id", ondelete="RESTRICT"), index=True)
    project: Mapped[str] = mapped_column(String(200), default="")
    area_m2: Mapped[AreaM2]
    allocated_on: Mapped[dt.date]
    document_no: Mapped[str] = mapped_column(String(120), default="")
    demand_id: Mapped[int | None] = mapped_column(
        ForeignKey("quota_demands.id", ondelete="SET NULL"), index=True
    )
    purpose: Mapped[str] = mapped_column(
        String(12), default=Purpose.INDUSTRIAL.value, server_default=Purpose.INDUSTRIAL.value
    )
    note: Mapped[Note]


class QuotaRepayment(Versioned, Base):
    """Part of a later grant (``grant_id``) that repays an advance (``advance_id``, 预支):
    it leaves the later grant's remainder and reduces what the advance still owes."""

    __tablename__ = "quota_repayments"

    id: Mapped[int] = mapped_column(primary_key=True)
    advance_id: Mapped[int] = mapped_column(ForeignKey("quota_grants.id", ondelete="RESTRICT"), index=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("quota_grants.id", ondelete="RESTRICT"), index=True)
    area_m2: Mapped[AreaM2]
    repaid_on: Mapped[dt.date]
    document_no: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[Note]


class QuotaUse(Versioned, Base):
    """An allocation consumed by a land supply; stock land (存量) has no allocation but is recorded."""

    __tablename__ = "quota_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("quota_allocations.id", ondelete="RESTRICT"), index=True
    )
    platform_id: Mapped[int] = mapped_column(ForeignKey("platforms.id", ondelete="RESTRICT"), index=True)
    plot_id: Mapped[int | None] = mapped_column(ForeignKey("plots.id", ondelete="SET NULL"), index=True)
    project: Mapped[str] = mapped_column(String(200), default="")
    area_m2: Mapped[AreaM2]
    land_source: Mapped[str] = mapped_column(String(10), default=LandSource.NEW.value)
    stage: Mapped[str] = mapped_column(String(12), default=UseStage.RESERVED.value)
    reserved_on: Mapped[dt.date]
    deducted_on: Mapped[dt.date | None]
    approved_on: Mapped[dt.date | None]
    supplied_on: Mapped[dt.date | None]
    approval_no: Mapped[str] = mapped_column(String(120), default="")
    decision_level: Mapped[str] = mapped_column(String(20), default=DecisionLevel.DISTRICT.value)
    cancelled_on: Mapped[dt.date | None]
    note: Mapped[Note]


class QuotaReturn(Versioned, Base):
    """Quota given back to an allocation (use cancelled, land reclaimed), with the reason."""

    __tablename__ = "quota_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(
        ForeignKey("quota_allocations.id", ondelete="RESTRICT"), index=True
    )
    use_id: Mapped[int | None] = mapped_column(ForeignKey("quota_uses.id", ondelete="SET NULL"))
    area_m2: Mapped[AreaM2]
    returned_on: Mapped[dt.date]
    reason: Mapped[str] = mapped_column(String(300))
    document_no: Mapped[str] = mapped_column(String(120), default="")


class LandDisposal(Versioned, Base):
    """增存挂钩: a year's disposal of 批而未供 / 闲置 land against its target."""

    __tablename__ = "land_disposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))  # unsupplied (批而未供) | idle (闲置)
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id"))
    target_m2: Mapped[AreaM2]
    disposed_m2: Mapped[AreaM2]
    note: Mapped[Note]


class QuotaDemand(Versioned, Base):
    """A project of a platform awaiting quota in a year (the planner's input).

    ``is_major`` marks a provincial/municipal major project (a reserved grant whose
    ``major_project`` equals ``project`` goes to it); ``priority`` orders demands within a
    platform (1 first). What has been allocated is the sum of allocations with this
    ``demand_id``; ``status`` records only whether it is still open.
    """

    __tablename__ = "quota_demands"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("platforms.id", ondelete="RESTRICT"), index=True)
    project: Mapped[str] = mapped_column(String(200))
    area_m2: Mapped[AreaM2]
    is_major: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int] = mapped_column(default=5)
    requested_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(12), default=DemandStatus.PENDING.value)
    purpose: Mapped[str] = mapped_column(
        String(12), default=Purpose.INDUSTRIAL.value, server_default=Purpose.INDUSTRIAL.value
    )
    note: Mapped[Note]
