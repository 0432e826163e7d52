"""Read-only views of vacate-and-replace projects: frozen rows for the page, charts and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.enterprises.entities import Enterprise
from models.land.entities import Plot
from models.policy.entities import Platform
from models.renewal.entities import RenewalProject, RenewalProjectPlot, RenewalStageEvent, Stage
from models.renewal.services import ORDER


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: int
    code: str
    name: str
    platform_id: int | None
    platform_name: str
    old_enterprise_id: int | None
    old_uscc: str
    old_name: str
    new_enterprise_id: int | None
    new_uscc: str
    new_name: str
    new_project: str
    low_eff_kind: str
    treatment: str
    compensation: Decimal | None
    stage: str
    stage_date: dt.date | None
    area_m2: Decimal | None
    supply_method: str
    quota_use_id: int | None
    tax_per_mu_before: Decimal | None
    tax_per_mu_after: Decimal | None
    va_per_mu_before: Decimal | None
    va_per_mu_after: Decimal | None
    plot_ratio_before: Decimal | None
    plot_ratio_after: Decimal | None
    floor_area_added_m2: Decimal | None
    investment: Decimal | None
    energy_freed_tce: Decimal | None
    firms_out: int
    firms_in: int
    plot_codes: tuple[str, ...]
    plot_ids: tuple[int, ...]
    note: str
    version: int


def list_projects(
    session: Session,
    *,
    stage: str | None = None,
    platform_id: int | None = None,
    project_id: int | None = None,
) -> list[ProjectRow]:
    p = RenewalProject
    old, new = aliased(Enterprise), aliased(Enterprise)
    stmt = (
        select(p, Platform.name, old.uscc, old.name, new.uscc, new.name)
        .outerjoin(Platform, Platform.id == p.platform_id)
        .outerjoin(old, old.id == p.old_enterprise_id)
        .outerjoin(new, new.id == p.new_enterprise_id)
        .order_by(p.code)
    )
    if stage is not None:
        stmt = stmt.where(p.stage == stage)
    if platform_id is not None:
        stmt = stmt.where(p.platform_id == platform_id)
    if project_id is not None:
        stmt = stmt.where(p.id == project_id)
    rows = list(session.execute(stmt))
    ids = [r[0].id for r in rows]
    plots: dict[int, list[tuple[int, str]]] = {}
    for pid, plot_id, code in session.execute(
        select(RenewalProjectPlot.project_id, Plot.id, Plot.code)
        .join(Plot, Plot.id == RenewalProjectPlot.plot_id)
        .where(RenewalProjectPlot.project_id.in_(ids))
        .order_by(Plot.code)
    ):
        plots.setdefault(pid, []).append((plot_id, code))
    dates: dict[int, dt.date] = {}
    for pid, on in session.execute(
        select(RenewalStageEvent.project_id, RenewalStageEvent.on_date)
        .where(RenewalStageEvent.project_id.in_(ids))
        .order_by(RenewalStageEvent.on_date, RenewalStageEvent.id)
    ):
        dates[pid] = on
    out = []
    for proj, pname, ou, on_, nu, nn in rows:
        pl = plots.get(proj.id, [])
        out.append(
            ProjectRow(
                proj.id,
                proj.code,
                proj.name,
                proj.platform_id,
                pname or "",
                proj.old_enterprise_id,
                ou or "",
                on_ or "",
                proj.new_enterprise_id,
                nu or "",
                nn or "",
                proj.new_project,
                proj.low_eff_kind,
                proj.treatment,
                proj.compensation,
                proj.stage,
                dates.get(proj.id),
                proj.area_m2,
                proj.supply_method,
                proj.quota_use_id,
                proj.tax_per_mu_before,
                proj.tax_per_mu_after,
                proj.va_per_mu_before,
                proj.va_per_mu_after,
                proj.plot_ratio_before,
                proj.plot_ratio_after,
                proj.floor_area_added_m2,
                proj.investment,
                proj.energy_freed_tce,
                proj.firms_out,
                proj.firms_in,
                tuple(c for _, c in pl),
                tuple(i for i, _ in pl),
                proj.note or "",
                proj.version,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class StageEventRow:
    id: int
    stage: str
    on_date: dt.date
    reason: str


def stage_history(session: Session, *, project_id: int) -> list[StageEventRow]:
    e = RenewalStageEvent
    return [
        StageEventRow(i, s, d, r or "")
        for i, s, d, r in session.execute(
            select(e.id, e.stage, e.on_date, e.reason)
            .where(e.project_id == project_id)
            .order_by(e.on_date, e.id)
        )
    ]


@dataclass(frozen=True, slots=True)
class FunnelRow:
    stage: str
    projects: int
    area_m2: Decimal


def funnel(session: Session) -> list[FunnelRow]:
    """Projects and area that reached each stage (a project at 投产 counts in every stage
    before it), in stage order; 终止 last with the stopped projects."""
    reached: dict[str, tuple[int, Decimal]] = {s.value: (0, Decimal(0)) for s in (*ORDER, Stage.STOPPED)}
    for stage, area in session.execute(select(RenewalProject.stage, RenewalProject.area_m2)):
        a = area or Decimal(0)
        if stage == Stage.STOPPED.value:
            n, t = reached[stage]
            reached[stage] = (n + 1, t + a)
            continue
        for s in ORDER[: ORDER.index(Stage(stage)) + 1]:
            n, t = reached[s.value]
            reached[s.value] = (n + 1, t + a)
    return [FunnelRow(s, n, t) for s, (n, t) in reached.items()]


@dataclass(frozen=True, slots=True)
class YearArea:
    year: int
    area_m2: Decimal
    projects: int
    energy_freed_tce: Decimal


FREED_STAGES = frozenset(
    {
        Stage.VACATED.value,
        Stage.RESUPPLIED.value,
        Stage.BUILDING.value,
        Stage.PRODUCING.value,
        Stage.CHECKED.value,
    }
)
"""Stages in which a project's land counts as freed: 腾退收储 and every stage after it."""


def area_freed_per_year(session: Session) -> list[YearArea]:
    """Area (and energy) freed by year of (first) entering 腾退收储, for the projects whose current
    stage is 腾退收储 or later: a project sent back to 谈判协议, or stopped, no longer counts."""
    e = RenewalStageEvent
    first: dict[int, dt.date] = {}
    for pid, on in session.execute(
        select(e.project_id, e.on_date).where(e.stage == Stage.VACATED.value).order_by(e.on_date)
    ):
        first.setdefault(pid, on)
    by_year: dict[int, tuple[Decimal, int, Decimal]] = {}
    for pid, stage, area, energy in session.execute(
        select(
            RenewalProject.id, RenewalProject.stage, RenewalProject.area_m2, RenewalProject.energy_freed_tce
        )
    ):
        if pid not in first or stage not in FREED_STAGES:
            continue
        y = first[pid].year
        a, n, en = by_year.get(y, (Decimal(0), 0, Decimal(0)))
        by_year[y] = (a + (area or 0), n + 1, en + (energy or 0))
    return [YearArea(y, a, n, en) for y, (a, n, en) in sorted(by_year.items())]


@dataclass(frozen=True, slots=True)
class Totals:
    projects: int
    firms_out: int
    firms_in: int
    area_freed_m2: Decimal
    energy_freed_tce: Decimal
    floor_area_added_m2: Decimal
    investment: Decimal


def totals(session: Session) -> Totals:
    freed = area_freed_per_year(session)
    rows = list_projects(session)
    live = [r for r in rows if r.stage != Stage.STOPPED.value]
    return Totals(
        len(rows),
        sum(r.firms_out for r in live),
        sum(r.firms_in for r in live),
        sum((f.area_m2 for f in freed), Decimal(0)),
        sum((f.energy_freed_tce for f in freed), Decimal(0)),
        sum((r.floor_area_added_m2 or Decimal(0) for r in live), Decimal(0)),
        sum((r.investment or Decimal(0) for r in live), Decimal(0)),
    )


def plot_ids(session: Session, codes: list[str]) -> dict[str, int]:
    """Plot ids by code (codes not found are absent)."""
    return {
        str(c): int(i) for c, i in session.execute(select(Plot.code, Plot.id).where(Plot.code.in_(codes)))
    }


def enterprise_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, name, credit code) of every enterprise, by name (the form shows name and code)."""
    return [
        (int(i), str(n), str(u))
        for i, n, u in session.execute(
            select(Enterprise.id, Enterprise.name, Enterprise.uscc).order_by(Enterprise.name)
        )
    ]


def plot_stages(session: Session) -> dict[int, str]:
    """plot id → stage of the newest vacate-and-replace project covering it."""
    stmt = (
        select(RenewalProjectPlot.plot_id, RenewalProject.stage)
        .join(RenewalProject, RenewalProject.id == RenewalProjectPlot.project_id)
        .order_by(RenewalProject.id)
    )
    return {int(pid): str(stage) for pid, stage in session.execute(stmt)}  # newest project wins
