"""The land sheets of the annual report: plots and area by platform and source, and
low-efficiency land by kind. Areas in 亩 (Zhejiang practice) from exact ㎡ sums."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.land.entities import Plot
from models.land.seed import LOW_EFF_KINDS
from models.policy.entities import Platform
from models.units import mu


def _area(plot_area: Decimal | None) -> Decimal:
    return mu(plot_area or Decimal(0), 2)


def area_by_platform(session: Session) -> list[tuple[str, int, Decimal, Decimal, Decimal]]:
    """(platform, plots, new ㎡, existing ㎡, total ㎡) in priority order; plots without a
    platform last. Area is the computed area, else the certificate area."""
    area = func.coalesce(Plot.geom_area_m2, Plot.cert_area_m2)
    stmt = (
        select(Platform.name, Plot.land_source, func.count(Plot.id), func.sum(area))
        .select_from(Plot)
        .outerjoin(Platform, Platform.id == Plot.platform_id)
        .group_by(Platform.name, Platform.priority, Plot.land_source)
        .order_by(Platform.priority)
    )
    acc: dict[str, list[Decimal | int]] = {}
    for name, source, count, total in session.execute(stmt):
        row = acc.setdefault(name or "（未归属平台）", [0, Decimal(0), Decimal(0)])
        row[0] = int(row[0]) + int(count)
        row[1 if source == "new" else 2] = Decimal(row[1 if source == "new" else 2]) + (total or Decimal(0))
    return [
        (k, int(v[0]), Decimal(v[1]), Decimal(v[2]), Decimal(v[1]) + Decimal(v[2])) for k, v in acc.items()
    ]


def low_eff_by_kind(session: Session) -> list[tuple[str, int, Decimal]]:
    area = func.coalesce(Plot.geom_area_m2, Plot.cert_area_m2)
    got = {
        kind: (int(n), total or Decimal(0))
        for kind, n, total in session.execute(
            select(Plot.low_eff_kind, func.count(Plot.id), func.sum(area))
            .where(Plot.low_eff_kind != "")
            .group_by(Plot.low_eff_kind)
        )
    }
    return [(k, *got.get(k, (0, Decimal(0)))) for k in LOW_EFF_KINDS]


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    by_platform = area_by_platform(session)
    low = low_eff_by_kind(session)
    return [
        ReportSheet(
            title="地块",
            heading=Problem("report.land.plots", {"year": year}, "info"),
            headers=("平台", "地块数", "新增（亩）", "存量（亩）", "合计（亩）"),
            # the total is the sum of the two shown figures, so every row adds up on paper
            rows=tuple((n, c, _area(a), _area(b), _area(a) + _area(b)) for n, c, a, b, _t in by_platform),
            total_row=True,
            chart=ReportChart("stacked_bar", "各平台地块面积（亩）", 0, (2, 3), "亩"),
            notes=("面积取测绘计算面积，无图形的地块取证载面积；1 亩 = 10000/15 ㎡。",),
        ),
        ReportSheet(
            title="低效用地",
            heading=Problem("report.land.low_efficiency", {"year": year}, "info"),
            headers=("类型", "地块数", "面积（亩）"),
            rows=tuple((k, n, _area(a)) for k, n, a in low),
            total_row=True,
            chart=ReportChart("bar", "低效用地面积（亩）", 0, (2,), "亩"),
        ),
    ]
