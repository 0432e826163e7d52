"""Headline figures for the leaders' overview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.buildings.entities import Transfer
from models.buildings.ratio import ZERO, check_all_buildings
from models.overview import OverviewFigure


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    statuses = check_all_buildings(session, on)
    if not statuses:
        return []
    total = sum((s.total_m2 for s in statuses), ZERO)
    sold = sum((s.transferred_m2 for s in statuses), ZERO)
    near = sum(1 for s in statuses if s.severity == "warning")
    over = sum(1 for s in statuses if s.severity == "error")
    this_year = (
        session.scalar(
            select(func.count())
            .select_from(Transfer)
            .where(Transfer.transfer_date >= dt.date(on.year, 1, 1), Transfer.transfer_date <= on)
        )
        or 0
    )
    return [
        OverviewFigure("buildings", "buildings.overview.count", Decimal(len(statuses)), "count"),
        OverviewFigure(
            "buildings",
            "buildings.overview.transferred_share",
            (sold / total * 100).quantize(Decimal("0.1")) if total else ZERO,
            "percent",
            fields={"transferred_m2": sold, "total_m2": total},
            emphasis=True,
        ),
        OverviewFigure(
            "buildings",
            "buildings.overview.near_or_over_cap",
            Decimal(near + over),
            "count",
            fields={"near": near, "over": over},
        ),
        OverviewFigure(
            "buildings",
            "buildings.overview.transfers_this_year",
            Decimal(this_year),
            "count",
            fields={"year": on.year},
        ),
    ]
