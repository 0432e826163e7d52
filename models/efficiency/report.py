"""Sheets of the annual report: class distribution per platform, and the D-class list."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.efficiency import queries as Q
from models.efficiency import rules as R
from models.efficiency.exchange import GROUP_LABELS as GROUP_NAMES
from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet, Text
from models.policy.documents import basis_of


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    dist = Q.class_distribution(session, year=year)
    if not dist:
        return []
    loaded = R.rule_set_for(session, year)
    rule, rs = loaded.ref, loaded.rules
    since = rule.effective_from.isoformat()
    basis: list[Text] = [
        Problem("report.note.efficiency_basis", {"basis": basis_of(rule.citation()), "since": since}, "info")
    ]
    if rs.data_year_to is not None:
        span = {"first": rs.data_year_from or "", "last": rs.data_year_to}
        basis.append(Problem("report.note.efficiency_years_range", span, "info"))
    elif rs.data_year_from is not None:
        basis.append(Problem("report.note.efficiency_years_from", {"first": rs.data_year_from}, "info"))
    else:
        basis.append(Problem("report.note.efficiency_years_all", {}, "info"))
    if rs.industry_groups:  # graded within each industry chain
        groups = tuple(GROUP_NAMES[g] for g in rs.industry_groups)
        basis.append(Problem("report.note.efficiency_by_industry", {"groups": groups}, "info"))
    sheets = [
        ReportSheet(
            title="亩均效益分类",
            heading=Problem("report.efficiency.classes", {"year": year}, "info"),
            headers=(
                "平台",
                "A类（家）",
                "B类（家）",
                "C类（家）",
                "D类（家）",
                "不参与分类（家）",
                "合计（家）",
            ),
            rows=tuple(
                (c.platform_name or "未归属平台", c.a, c.b, c.c, c.d, c.ungraded, c.total) for c in dist
            ),
            total_row=True,
            chart=ReportChart("stacked_bar", "各平台亩均效益分类", 0, (1, 2, 3, 4), "企业数（家）"),
            notes=tuple(basis),
        )
    ]
    d_rows = [r for r in Q.list_results(session, year=year) if r.klass == "D"]
    if d_rows:
        sheets.append(
            ReportSheet(
                title="D类企业",
                heading=Problem("report.efficiency.class_d", {"year": year}, "info"),
                headers=("企业名称", "统一社会信用代码", "平台", "综合得分", "组内排名"),
                rows=tuple((r.name, r.uscc, r.platform_name, r.score, r.rank) for r in d_rows),
                notes=tuple(basis),
            )
        )
    return sheets
