"""Read-only views of plots for tables, forms and the map: frozen rows, never ORM objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise
from models.land import geometry as geo
from models.land.entities import BoundaryPoint, Plot, PlotIndicator
from models.land.seed import AREA_TOLERANCE_KEY, INDICATOR_NAMES, LAND_USE_NAMES
from models.land.services import CONTRACT_FIELDS as CONTRACT_COLUMNS
from models.land.services import indicator_met
from models.policy.entities import Platform
from models.policy.rules import RuleRef, rule_in_force


@dataclass(frozen=True, slots=True)
class PlotRow:
    id: int
    version: int
    code: str
    name: str
    platform_id: int | None
    platform_name: str
    land_use: str
    land_use_name: str
    geom_area_m2: Decimal | None
    cert_area_m2: Decimal | None
    area_diff_m2: Decimal | None  # computed − certificate
    area_mismatch: bool  # |diff| beyond the tolerance rule in force
    holder_id: int | None
    holder_name: str
    land_source: str  # new | existing
    supply_date: dt.date | None
    supply_method: str
    low_eff_kind: str
    status: str
    note: str
    point_count: int
    # the land contract's agreed dates, investment commitment and progress
    # (models.land.services.CONTRACT_FIELDS, in that order), by field name
    contract: tuple[tuple[str, Any], ...] = ()

    def contract_value(self, name: str) -> Any:
        return dict(self.contract).get(name)


@dataclass(frozen=True, slots=True)
class VertexRow:
    ring: int
    seq: int
    name: str
    x: Decimal  # northing
    y: Decimal  # easting
    edge_m: Decimal  # to the next point of the ring


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    id: int
    plot_id: int
    indicator: str
    name: str
    promised: Decimal | None
    actual: Decimal | None
    comparison: str
    met: bool | None
    promised_max: Decimal | None = None


@dataclass(frozen=True, slots=True)
class MapPlot:
    id: int
    code: str
    status: str
    land_source: str
    low_eff_kind: str
    efficiency_class: str  # A–D of the holder's latest evaluated year, '' when none
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (easting, northing), shell first
    renewal_stage: str = ""  # stage of the newest vacate-and-replace project on the plot, '' when none


@dataclass(frozen=True, slots=True)
class MapPlatform:
    id: int
    code: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


def tolerance_m2(cert_area_m2: Decimal, rule: RuleRef | None) -> Decimal:
    """The allowed |computed − certificate| for a certificate area under the rule (0 without one)."""
    if rule is None:
        return Decimal(0)
    value = rule.value or {}
    relative = Decimal(str(value.get("relative", "0")))
    absolute = Decimal(str(value.get("absolute_m2", "0")))
    return max(absolute, (cert_area_m2 * relative).quantize(Decimal("0.0001")))


def area_rule(session: Session, on: dt.date | None = None) -> RuleRef | None:
    return rule_in_force(session, AREA_TOLERANCE_KEY, on=on or dt.date.today())


def _mismatch(
    geom: Decimal | None, cert: Decimal | None, rule: RuleRef | None
) -> tuple[Decimal | None, bool]:
    if geom is None or cert is None:
        return None, False
    diff = geom - cert
    return diff, abs(diff) > tolerance_m2(cert, rule)


def list_plots(
    session: Session, *, platform_id: int | None = None, on: dt.date | None = None
) -> list[PlotRow]:
    """Every plot (optionally of one platform) ordered by code, with the mismatch flag under
    the area-tolerance rule in force on ``on`` (today)."""
    rule = area_rule(session, on)
    counts = dict(
        session.execute(select(BoundaryPoint.plot_id, func.count()).group_by(BoundaryPoint.plot_id)).all()
    )
    stmt = (
        select(
            Plot.id,
            Plot.version,
            Plot.code,
            Plot.name,
            Plot.platform_id,
            Platform.name,
            Plot.land_use,
            Plot.geom_area_m2,
            Plot.cert_area_m2,
            Plot.holder_id,
            Enterprise.name,
            Plot.land_source,
            Plot.supply_date,
            Plot.supply_method,
            Plot.low_eff_kind,
            Plot.status,
            Plot.note,
            *(getattr(Plot, f) for f in CONTRACT_COLUMNS),
        )
        .outerjoin(Platform, Platform.id == Plot.platform_id)
        .outerjoin(Enterprise, Enterprise.id == Plot.holder_id)
        .order_by(Plot.code)
    )
    if platform_id is not None:
        stmt = stmt.where(Plot.platform_id == platform_id)
    rows: list[PlotRow] = []
    for (
        pid,
        version,
        code,
        name,
        plat_id,
        plat_name,
        use,
        geom,
        cert,
        hid,
        hname,
        source,
        sdate,
        method,
        low,
        status,
        note,
        *contract,
    ) in session.execute(stmt):
        diff, flag = _mismatch(geom, cert, rule)
        rows.append(
            PlotRow(
                pid,
                version,
                code,
                name,
                plat_id,
                plat_name or "",
                use,
                LAND_USE_NAMES.get(use, ""),
                geom,
                cert,
                diff,
                flag,
                hid,
                hname or "",
                source,
                sdate,
                method,
                low,
                status,
                note or "",
                counts.get(pid, 0),
                tuple(zip(CONTRACT_COLUMNS, contract, strict=True)),
            )
        )
    return rows


def get_plot_row(session: Session, plot_id: int) -> PlotRow | None:
    for row in list_plots(session):
        if row.id == plot_id:
            return row
    return None


def plot_vertices(session: Session, plot_id: int) -> list[VertexRow]:
    """The plot's surveyed points in order, ring by ring, with each edge's length."""
    pts = list(
        session.scalars(
            select(BoundaryPoint)
            .where(BoundaryPoint.plot_id == plot_id)
            .order_by(BoundaryPoint.ring, BoundaryPoint.seq)
        )
    )
    survey = [geo.SurveyPoint(p.name, p.x_northing, p.y_easting, p.ring) for p in pts]
    edges = geo.edge_lengths(survey)
    return [
        VertexRow(p.ring, p.seq, p.name, p.x_northing, p.y_easting, e)
        for p, e in zip(pts, edges, strict=True)
    ]


def plot_indicators(session: Session, plot_id: int) -> list[IndicatorRow]:
    rows = session.scalars(
        select(PlotIndicator).where(PlotIndicator.plot_id == plot_id).order_by(PlotIndicator.id)
    )
    return [
        IndicatorRow(
            r.id,
            r.plot_id,
            r.indicator,
            INDICATOR_NAMES.get(r.indicator, r.indicator),
            r.promised,
            r.actual,
            r.comparison,
            indicator_met(r.promised, r.actual, r.comparison, r.promised_max),
            r.promised_max,
        )
        for r in rows
    ]


def _rings(geometry: Any) -> tuple[tuple[tuple[float, float], ...], ...]:
    if geometry is None or geometry.is_empty:
        return ()
    polys = list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]
    out: list[tuple[tuple[float, float], ...]] = []
    for p in polys:
        out.append(tuple((float(x), float(y)) for x, y in p.exterior.coords))
        out.extend(tuple((float(x), float(y)) for x, y in h.coords) for h in p.interiors)
    return tuple(out)


def map_plots(session: Session, *, classes: Mapping[int, str], stages: Mapping[int, str]) -> list[MapPlot]:
    """Every plot with a polygon, as rings ready to draw, with what the map colours by: its
    holder's efficiency class (``classes``: enterprise id → A–D, from
    ``models.efficiency.queries.latest_classes``) and its renewal stage (``stages``: plot id →
    stage, from ``models.renewal.queries.plot_stages``)."""
    stmt = (
        select(
            Plot.id,
            Plot.code,
            Plot.status,
            Plot.land_source,
            Plot.low_eff_kind,
            Plot.holder_id,
            Plot.geometry,
        )
        .where(Plot.geometry.is_not(None))
        .order_by(Plot.id)
    )
    return [
        MapPlot(
            pid,
            code,
            status,
            source,
            low,
            classes.get(hid, "") if hid else "",
            _rings(g),
            stages.get(pid, ""),
        )
        for pid, code, status, source, low, hid, g in session.execute(stmt)
    ]


def map_platforms(session: Session) -> list[MapPlatform]:
    stmt = select(Platform.id, Platform.code, Platform.name, Platform.boundary).order_by(Platform.priority)
    return [
        MapPlatform(pid, code, name, _rings(b))
        for pid, code, name, b in session.execute(stmt)
        if b is not None
    ]


def plot_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "code name") of every plot, by code: what a plot picker offers."""
    return [
        (int(pid), f"{code} {name}".strip())
        for pid, code, name in session.execute(select(Plot.id, Plot.code, Plot.name).order_by(Plot.code))
    ]


def plot_id_by_code(session: Session, code: str) -> int | None:
    """The plot with exactly this code, if any."""
    found = session.scalar(select(Plot.id).where(Plot.code == code))
    return None if found is None else int(found)


def holder_options(session: Session) -> list[tuple[int, str, str]]:
    return [
        (eid, name, uscc)
        for eid, name, uscc in session.execute(
            select(Enterprise.id, Enterprise.name, Enterprise.uscc).order_by(Enterprise.name)
        )
    ]
