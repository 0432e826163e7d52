"""The leader's first figure: "科技城 2025 年剩余指标 X 亩" (the top-priority platform's
remainder this year), then every other platform's remainder, the unallocated quota and
the year's utilisation — all as of ``on``."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy.orm import Session

from models.overview import OverviewFigure
from models.quotas.queries import platform_balances, years_with_grants


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    years = [y for y in years_with_grants(session) if y <= on.year]
    year = years[0] if years else on.year  # the current year, or the latest year the ledger has
    totals, rows = platform_balances(session, year=year, as_of=on)
    figures = []
    for index, pb in enumerate(rows):  # platforms come in priority order: the Science City first
        figures.append(OverviewFigure(
            "quotas", "quotas.overview.platform_remaining", pb.figures.remaining, "m2", pb.platform.id,
            {"platform": pb.platform.label, "platform_name": pb.platform.name, "year": year,
             "allocated_m2": pb.figures.allocated, "used_m2": pb.figures.used},
            emphasis=index == 0))
    figures.append(OverviewFigure("quotas", "quotas.overview.unallocated", totals.unallocated, "m2",
                                  fields={"year": year, "granted_m2": totals.granted}))
    rate = totals.utilisation()
    if rate is not None:
        figures.append(OverviewFigure("quotas", "quotas.overview.utilisation",
                                      (rate * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN), "percent",
                                      fields={"year": year}))
    return figures
