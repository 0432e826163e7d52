"""Headline figures: cases under way, area and energy freed, firms dealt with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from models.overview import OverviewFigure
from models.renewal import queries as Q
from models.renewal.entities import Stage


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    projects = Q.list_projects(session)
    if not projects:
        return []
    active = sum(1 for p in projects if p.stage not in (Stage.STOPPED, Stage.CHECKED))
    freed = [f for f in Q.area_freed_per_year(session) if f.year <= on.year]
    t = Q.totals(session)
    return [
        OverviewFigure("renewal", "renewal.overview.active", Decimal(active), "count"),
        OverviewFigure(
            "renewal",
            "renewal.overview.area_freed",
            sum((f.area_m2 for f in freed), Decimal(0)),
            "m2",
            emphasis=True,
        ),
        OverviewFigure(
            "renewal",
            "renewal.overview.energy_freed",
            sum((f.energy_freed_tce for f in freed), Decimal(0)),
            "tce",
        ),
        OverviewFigure("renewal", "renewal.overview.firms_out", Decimal(t.firms_out), "count"),
    ]
