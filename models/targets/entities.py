"""Figures only the statistics bureau has (制造业投资 …), imported by the ``statistics`` kind.

The targets themselves are ``models.policy.entities.Target`` (the ``targets`` table)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import Base, Note, Quantity, Versioned


class Statistic(Versioned, Base):
    """One official figure: ``indicator`` (e.g. 规上工业总产值, 制造业投资) for ``year``, for the
    district (``platform_id`` NULL), a platform, or an industry ``chain`` within either."""

    __tablename__ = "statistics"
    __table_args__ = (Index("ix_statistics_indicator_year", "indicator", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id", ondelete="RESTRICT"))
    chain: Mapped[str] = mapped_column(String(50), default="")
    indicator: Mapped[str] = mapped_column(String(80))
    value: Mapped[Quantity]
    unit: Mapped[str] = mapped_column(String(20), default="")
    source_department: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[Note]
