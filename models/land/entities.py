"""Plots (地块), surveyed boundary points (界址点) and standard-land indicators (标准地)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.db.base import AreaM2, Base, Code, Coord, Name, Note, PolygonWkb, Quantity, Versioned


class Plot(Versioned, Base):
    """A land parcel. ``geometry`` is a polygon in the stored frame (EPSG:4549,
    easting/northing metres); ``geom_area_m2`` is its computed area, kept beside
    the certificate area ``cert_area_m2``."""

    __tablename__ = "plots"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name] = mapped_column(default="")
    platform_id: Mapped[int | None] = mapped_column(
        ForeignKey("platforms.id", ondelete="RESTRICT"), index=True
    )
    land_use: Mapped[str] = mapped_column(String(20), default="")  # GB/T 21010 code, e.g. 0601 / M1
    geometry: Mapped[PolygonWkb | None]
    geom_area_m2: Mapped[AreaM2 | None]
    cert_area_m2: Mapped[AreaM2 | None]
    holder_id: Mapped[int | None] = mapped_column(
        ForeignKey("enterprises.id", ondelete="SET NULL"), index=True
    )
    land_source: Mapped[str] = mapped_column(String(10), default="new")  # new 新增 | existing 存量
    supply_date: Mapped[dt.date | None]
    supply_method: Mapped[str] = mapped_column(String(20), default="")  # 出让 划拨 租赁 先租后让 弹性年期
    low_eff_kind: Mapped[str] = mapped_column(
        String(20), default=""
    )  # 批而未供 供而未用 用而未尽 建而未投 投而未达标
    status: Mapped[str] = mapped_column(String(20), default="")
    # The land contract's agreed dates and investment commitment (万元), and what happened:
    # idle land (闲置土地) is derived from them (models.land.idle); 达产复核 ends protection.
    agreed_start_on: Mapped[dt.date | None]
    agreed_completion_on: Mapped[dt.date | None]
    agreed_operation_on: Mapped[dt.date | None]
    agreed_full_production_on: Mapped[dt.date | None]
    committed_investment: Mapped[Quantity | None]
    started_on: Mapped[dt.date | None]
    invested: Mapped[Quantity | None]
    developed_share: Mapped[Quantity | None]  # share of the area developed, 0–1
    halted_since: Mapped[dt.date | None]
    production_reviewed_on: Mapped[dt.date | None]  # 达产复核
    note: Mapped[Note]


class BoundaryPoint(Base):
    """A surveyed vertex: X = northing, Y = easting (surveyors' order), in metres."""

    __tablename__ = "boundary_points"
    __table_args__ = (UniqueConstraint("plot_id", "ring", "seq", name="uq_boundary_points_plot_ring_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plot_id: Mapped[int] = mapped_column(ForeignKey("plots.id", ondelete="CASCADE"), index=True)
    ring: Mapped[int] = mapped_column(default=1)  # 圈号: 1 outer, 2.. holes
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(20))  # J1, J2 …
    x_northing: Mapped[Coord]
    y_easting: Mapped[Coord]


class PlotIndicator(Versioned, Base):
    """A standard-land (标准地) control indicator: promised vs actual, met when
    ``actual`` compares to ``promised`` by ``comparison`` ('>=' or '<=')."""

    __tablename__ = "plot_indicators"
    __table_args__ = (UniqueConstraint("plot_id", "indicator", name="uq_plot_indicators_plot_indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plot_id: Mapped[int] = mapped_column(ForeignKey("plots.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(
        String(40)
    )  # investment_intensity plot_ratio tax_per_mu energy emission …
    promised: Mapped[Quantity | None]
    actual: Mapped[Quantity | None]
    comparison: Mapped[str] = mapped_column(String(2), default=">=")  # >=, <=, or <> (within min..max)
    promised_max: Mapped[Quantity | None]  # the upper bound of a two-sided indicator (容积率, 建筑系数)
