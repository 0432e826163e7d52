"""The enterprise register's sheet of the annual report: enterprises per platform and chain."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.enterprises.overview import counts_by_platform_and_chain
from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.policy.queries import platform_choices

CHAINS = ("高端装备", "集成电路", "生命健康", "其他")


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    return [enterprise_sheet(session, year)]


def enterprise_sheet(session: Session, year: int) -> ReportSheet:
    """Enterprises per platform and industry chain, stacked bars per platform."""
    table: dict[str, dict[str, int]] = {name: {} for _, name in platform_choices(session)}
    chains = list(CHAINS)
    for platform, chain, count in counts_by_platform_and_chain(session):
        platform = platform or "未分配平台"
        chain = chain or "未填"
        if chain not in chains:
            chains.append(chain)
        table.setdefault(platform, {})[chain] = table.get(platform, {}).get(chain, 0) + count
    rows = tuple((p, *(cells.get(c, 0) for c in chains), sum(cells.values())) for p, cells in table.items())
    return ReportSheet(
        title="企业库",
        heading=Problem("report.enterprises.by_platform_chain", {"year": year}, "info"),
        headers=("平台", *(f"{c}（家）" for c in chains), "合计（家）"),
        rows=rows,
        total_row=True,
        chart=ReportChart(
            "stacked_bar", "各平台企业数（按产业链）", 0, tuple(range(1, len(chains) + 1)), "家"
        ),
        notes=("数据来源：LandSpace 企业库（统一社会信用代码去重）。",),
    )
