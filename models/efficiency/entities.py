"""Per-mu efficiency (亩均效益): yearly enterprise records and their evaluated results."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import AreaM2, Base, Money, Note, Quantity, Versioned


class EfficiencyRecord(Versioned, Base):
    """One enterprise-year of figures. Money in 万元, energy in tce, emissions in t,
    electricity in MWh (兆瓦时), land in ㎡ (shown in 亩)."""

    __tablename__ = "efficiency_records"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "year", name="uq_efficiency_records_enterprise_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    above_scale: Mapped[bool] = mapped_column(default=True)  # 规上
    land_area_m2: Mapped[AreaM2 | None]
    tax: Mapped[Money | None]
    value_added: Mapped[Money | None]
    output: Mapped[Money | None]
    main_revenue: Mapped[Money | None]
    energy_tce: Mapped[Quantity | None]
    emissions_t: Mapped[Quantity | None]
    electricity_mwh: Mapped[Quantity | None]
    rd_spending: Mapped[Money | None]
    employees: Mapped[int | None]
    status: Mapped[str] = mapped_column(
        String(20), default="normal"
    )  # normal | exempt 免评 | protected 保护期 | leasing
    protection_from: Mapped[dt.date | None]
    protection_to: Mapped[dt.date | None]
    rented_out_plants: Mapped[int] = mapped_column(
        default=0, server_default="0"
    )  # 出租厂房（处）: deductions
    major_incident: Mapped[bool] = mapped_column(default=False, server_default="0")  # 安全/环保事故: veto
    note: Mapped[Note]


class EfficiencyResult(Base):
    """The evaluation of one enterprise-year under one rule set; ``breakdown`` is JSON
    (points per indicator, benchmark used, cap applied)."""

    __tablename__ = "efficiency_results"
    # (klass, enterprise_id, year): class streaks read the D results through this index alone
    # instead of every year's rows with their JSON breakdowns
    __table_args__ = (
        UniqueConstraint("enterprise_id", "year", name="uq_efficiency_results_enterprise_year"),
        Index("ix_efficiency_results_klass_enterprise_year", "klass", "enterprise_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("policy_rules.id", ondelete="SET NULL"))
    group: Mapped[str] = mapped_column(String(30))
    # the industry subgroup ranked together where the rule groups by industry ('' otherwise)
    industry: Mapped[str] = mapped_column(String(50), default="", server_default="")
    score: Mapped[Quantity | None]
    rank: Mapped[int | None]
    klass: Mapped[str] = mapped_column(String(4), default="")  # A B C D, or '' when not graded
    breakdown: Mapped[str] = mapped_column(Text, default="{}")
    evaluated_at: Mapped[dt.datetime]
