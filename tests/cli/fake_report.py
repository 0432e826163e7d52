"""A stand-in area report module for the report assembler's tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet


def report_sheets(session: Any, year: int) -> list[ReportSheet]:
    return [
        ReportSheet(
            title="指标台账[测试]",
            heading=Problem("report.quotas.sources", {"year": year}, "info"),
            headers=("平台", "下达（亩）", "使用（亩）", "说明"),
            rows=(
                ("青山湖科技城", Decimal("120.5"), Decimal("80.25"), '=HYPERLINK("http://x")'),
                ("玲珑工业功能区", Decimal("30"), None, ""),
            ),
            total_row=True,
            chart=ReportChart("bar", "下达与使用", 0, (1, 2), "亩"),
            notes=("依据：临政函〔2023〕74号 六(十)",),
        )
    ]
