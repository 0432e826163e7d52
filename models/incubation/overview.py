"""Headline figures of incubation for the leaders' overview (district-wide, per platform)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from models.incubation import queries
from models.incubation.usage import vacancy_by_platform
from models.overview import OverviewFigure


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    carriers = queries.list_carriers(session, on=on)
    if not carriers:
        return []
    usable = sum((c.usable_area_m2 for c in carriers), Decimal(0))
    occupied = sum((min(c.occupied_m2, c.usable_area_m2) for c in carriers), Decimal(0))
    rate = (occupied / usable * 100).quantize(Decimal("0.1")) if usable else Decimal(0)
    met = sum(1 for c in carriers if c.qualification == "met")
    incubators = sum(1 for c in carriers if c.qualification)
    figures = [
        OverviewFigure(
            "incubation",
            "incubation.overview.occupancy",
            rate,
            "percent",
            emphasis=True,
            fields={"occupied_m2": occupied, "usable_area_m2": usable},
        ),
        OverviewFigure("incubation", "incubation.overview.vacant", usable - occupied, "m2"),
        OverviewFigure(
            "incubation", "incubation.overview.tenants", Decimal(sum(c.tenants for c in carriers)), "count"
        ),
        OverviewFigure("incubation", "incubation.overview.carriers", Decimal(len(carriers)), "count"),
        OverviewFigure(
            "incubation",
            "incubation.overview.qualified",
            Decimal(met),
            "count",
            fields={"incubators": incubators},
        ),
    ]
    names = {c.platform_name: c.platform_id for c in carriers}
    for v in vacancy_by_platform(session, on=on):
        figures.append(
            OverviewFigure(
                "incubation",
                "incubation.overview.vacant_platform",
                v.vacant_m2,
                "m2",
                platform_id=names.get(v.platform_name),
                fields={"platform": v.platform_name},
            )
        )
    return figures
