"""The quota sheets of the annual report (``landspace report YEAR FILE``).

Sheet 1: balances per platform for the year as of 31 December (or today, for the current
year), in 亩 to 4 places, with a stacked bar chart of used / allocated-but-unused.
Sheet 2: the year's grants by source with what is left unallocated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.quotas.queries import balance_tree, platform_balances
from models.units import mu


def _mu(value: Decimal) -> Decimal:
    return mu(value, 4)


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    as_of = min(dt.date(year, 12, 31), dt.date.today())
    totals, rows = platform_balances(session, year=year, as_of=as_of)
    platform_rows = tuple(
        (
            pb.platform.name,
            _mu(f.allocated),
            _mu(f.reserved),
            _mu(f.deducted),
            _mu(f.approved),
            _mu(f.supplied),
            _mu(f.returned),
            _mu(f.used),
            _mu(f.remaining),
            None
            if f.utilisation(of_allocated=True) is None
            else ((f.utilisation(of_allocated=True) or Decimal(0)) * 100).quantize(Decimal("0.1")),
        )
        for pb in rows
        for f in (pb.figures,)
    )
    balances = ReportSheet(
        title=Problem("report.sheet.quota_balances", {"year": year}, "info"),
        heading=Problem("report.quotas.balances", {"year": year, "as_of": as_of}, "info"),
        headers=(
            "平台",
            "分配（亩）",
            "预安排（亩）",
            "报批核销（亩）",
            "批准（亩）",
            "供地（亩）",
            "收回（亩）",
            "已用（亩）",
            "剩余（亩）",
            "利用率（%）",
        ),
        rows=platform_rows,
        total_row=True,
        total_ratios={9: (7, 1)},  # Σ已用 ÷ Σ分配
        chart=ReportChart(
            "stacked_bar", Problem("report.chart.quota_use", {"year": year}, "info"), 0, (7, 8), "亩"
        ),
        notes=(
            Problem(
                "report.note.quota_totals",
                {  # as written (4 places), not as a sentence's figures
                    "granted": str(_mu(totals.granted)),
                    "allocated": str(_mu(totals.allocated)),
                    "unallocated": str(_mu(totals.unallocated)),
                },
                "info",
            ),
            "已用 = 预安排 + 报批核销 + 批准 + 供地（均已扣除收回）；1 亩 = 10000/15 ㎡。",
            "分配顺序依据 临政函〔2023〕74号 六(十)：新增产业用地指标优先保障科技城等主平台。",
        ),
    )
    tree = balance_tree(session, as_of=as_of, year=year)
    yb = tree.year(year)
    source_rows = tuple(
        (
            sb.source,
            _mu(sb.figures.granted),
            _mu(sb.figures.allocated),
            _mu(sb.figures.carried_out),
            _mu(sb.figures.unallocated),
            _mu(sb.figures.used),
        )
        for sb in (yb.sources if yb else ())
    )
    grants = ReportSheet(
        title=Problem("report.sheet.quota_sources", {"year": year}, "info"),
        heading=Problem("report.quotas.sources", {"year": year}, "info"),
        headers=("来源", "下达（亩）", "分配（亩）", "结转转出（亩）", "未分配（亩）", "已用（亩）"),
        rows=source_rows,
        total_row=True,
        chart=ReportChart(
            "bar", Problem("report.chart.quota_sources", {"year": year}, "info"), 0, (1, 4), "亩"
        ),
    )
    return [balances, grants]
