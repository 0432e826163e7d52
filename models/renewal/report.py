"""Sheets of the annual report: the case list with before/after figures, and area freed per year."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.renewal import queries as Q
from models.renewal.exchange import STAGE_LABELS
from models.units import mu


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    projects = Q.list_projects(session)
    if not projects:
        return []
    cases = ReportSheet(
        title="腾笼换鸟项目",
        heading=Problem("report.renewal.projects", {"year": year}, "info"),
        headers=(
            "项目编号",
            "项目名称",
            "平台",
            "阶段",
            "阶段日期",
            "面积（亩）",
            "改造前亩均税收（万元/亩）",
            "改造后亩均税收（万元/亩）",
            "改造前亩均增加值（万元/亩）",
            "改造后亩均增加值（万元/亩）",
            "腾出能耗（吨标煤）",
            "迁出企业（家）",
            "引进企业（家）",
        ),
        rows=tuple(
            (
                p.code,
                p.name,
                p.platform_name,
                STAGE_LABELS.get(p.stage, p.stage),
                p.stage_date,
                None if p.area_m2 is None else mu(p.area_m2, 2),
                p.tax_per_mu_before,
                p.tax_per_mu_after,
                p.va_per_mu_before,
                p.va_per_mu_after,
                p.energy_freed_tce,
                p.firms_out,
                p.firms_in,
            )
            for p in projects
        ),
    )
    freed = [f for f in Q.area_freed_per_year(session) if f.year <= year]
    per_year = ReportSheet(
        title="腾退面积",
        heading=Problem("report.renewal.freed", {}, "info"),
        headers=("年度", "腾出面积（亩）", "项目（个）", "腾出能耗（吨标煤）"),
        rows=tuple((str(f.year), mu(f.area_m2, 2), f.projects, f.energy_freed_tce) for f in freed),
        total_row=True,
        chart=ReportChart("bar", "逐年腾出面积", 0, (1,), "亩"),
    )
    return [cases, per_year] if freed else [cases]
