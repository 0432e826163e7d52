"""Headline figures for the leaders' overview: the latest evaluated year's A and D counts,
and enterprises rated D several years running."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.efficiency import queries as Q
from models.efficiency.entities import EfficiencyResult
from models.overview import OverviewFigure


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    year = session.scalar(select(func.max(EfficiencyResult.year)).where(EfficiencyResult.year < on.year + 1))
    if year is None:
        return []
    dist = Q.class_distribution(session, year=year)
    a = sum(c.a for c in dist)
    d = sum(c.d for c in dist)
    graded = sum(c.a + c.b + c.c + c.d for c in dist)
    streaks = len(Q.d_streaks(session))
    return [
        OverviewFigure(
            "efficiency", "efficiency.overview.a_count", Decimal(a), "count", fields={"year": year}
        ),
        OverviewFigure(
            "efficiency",
            "efficiency.overview.d_count",
            Decimal(d),
            "count",
            fields={"year": year},
            emphasis=True,
        ),
        OverviewFigure(
            "efficiency", "efficiency.overview.graded", Decimal(graded), "count", fields={"year": year}
        ),
        OverviewFigure("efficiency", "efficiency.overview.d_streak", Decimal(streaks), "count"),
    ]
