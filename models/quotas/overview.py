"""The leader's first figure: "科技城 2025 年剩余指标 X 亩" (the top-priority platform's
remainder this year; ``emphasis``, district-level so it is a card), then each platform's
remainder and use (the overview's platform table), the unallocated quota and the year's
utilisation — all as of ``on``."""

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
    if rows:  # platforms come in priority order: the Science City first — the leader's figure
        head = rows[0]
        figures.append(
            OverviewFigure(
                "quotas",
                "quotas.overview.platform_remaining",
                head.figures.remaining,
                "m2",
                None,
                {
                    "platform": head.platform.label,
                    "platform_name": head.platform.name,
                    "year": year,
                    "allocated_m2": head.figures.allocated,
                    "used_m2": head.figures.used,
                },
                emphasis=True,
            )
        )
    for pb in rows:  # every platform's row of the overview table (and its chart)
        fields = {"platform": pb.platform.label, "year": year}
        figures.append(
            OverviewFigure(
                "quotas", "quotas.overview.remaining", pb.figures.remaining, "m2", pb.platform.id, fields
            )
        )
        figures.append(
            OverviewFigure("quotas", "quotas.overview.used", pb.figures.used, "m2", pb.platform.id, fields)
        )
    figures.append(
        OverviewFigure(
            "quotas",
            "quotas.overview.unallocated",
            totals.unallocated,
            "m2",
            fields={"year": year, "granted_m2": totals.granted},
        )
    )
    rate = totals.utilisation()
    if rate is not None:
        figures.append(
            OverviewFigure(
                "quotas",
                "quotas.overview.utilisation",
                (rate * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN),
                "percent",
                fields={"year": year},
            )
        )
    return figures
