"""Headline figures of the enterprise register for the leaders' overview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise
from models.overview import OverviewFigure
from models.policy.entities import Platform


def overview_figures(session: Session, on: dt.date) -> list[OverviewFigure]:
    """Enterprises in the register (all, manufacturing) and per platform. The register is not
    dated, so ``on`` does not change the figures."""
    total = session.scalar(select(func.count()).select_from(Enterprise)) or 0
    manufacturing = (
        session.scalar(select(func.count()).select_from(Enterprise).where(Enterprise.is_manufacturing)) or 0
    )
    figures = [
        OverviewFigure("enterprises", "enterprises.overview.count", Decimal(total), "count", emphasis=True),
        OverviewFigure("enterprises", "enterprises.overview.manufacturing", Decimal(manufacturing), "count"),
    ]
    per_platform = session.execute(
        select(Platform.id, Platform.name, func.count(Enterprise.id))
        .outerjoin(Enterprise, Enterprise.platform_id == Platform.id)
        .group_by(Platform.id, Platform.name)
        .order_by(Platform.priority, Platform.id)
    )
    for pid, name, count in per_platform:
        figures.append(
            OverviewFigure(
                "enterprises",
                "enterprises.overview.platform_count",
                Decimal(count),
                "count",
                platform_id=pid,
                fields={"platform": name},
            )
        )
    return figures


def counts_by_platform_and_chain(session: Session) -> list[tuple[str, str, int]]:
    """(platform name or "", industry chain or "", count), in platform priority order."""
    rows = session.execute(
        select(Platform.name, Enterprise.industry_chain, func.count(Enterprise.id))
        .select_from(Enterprise)
        .outerjoin(Platform, Platform.id == Enterprise.platform_id)
        .group_by(Platform.name, Platform.priority, Enterprise.industry_chain)
        .order_by(Platform.priority, Enterprise.industry_chain)
    )
    return [(name or "", chain or "", int(count)) for name, chain, count in rows]
