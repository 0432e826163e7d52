"""Headline land figures for the leaders' overview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.land.checks import overlap_findings
from models.land.entities import Plot
from models.overview import OverviewFigure


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    area = func.coalesce(Plot.geom_area_m2, Plot.cert_area_m2)
    count, total = session.execute(select(func.count(Plot.id), func.sum(area))).one()
    low_n, low_area = session.execute(
        select(func.count(Plot.id), func.sum(area)).where(Plot.low_eff_kind != "")
    ).one()
    return [
        OverviewFigure("land", "land.overview.plots", Decimal(count or 0), "count"),
        OverviewFigure("land", "land.overview.area", total or Decimal(0), "m2", emphasis=True),
        OverviewFigure(
            "land",
            "land.overview.low_eff_area",
            low_area or Decimal(0),
            "m2",
            fields={"plots": int(low_n or 0)},
        ),
        OverviewFigure("land", "land.overview.overlaps", Decimal(len(overlap_findings(session))), "count"),
    ]
