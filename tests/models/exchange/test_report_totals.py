"""The annual report's 合计 rows compute ratios from the totals, never sum them; numbers
carry formats fit for their quantity; line charts are not smoothed; sheets print whole
(issue 14)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.reporting import total_row, write_sheets

D = Decimal
# the shape that showed it: 利用率 summed to 1.1607, 空置率 to 73.8
QUOTA = ReportSheet(
    "余额",
    Problem("report.quotas.balances", {}, "info"),
    ("平台", "分配（亩）", "已用（亩）", "剩余（亩）", "利用率（%）"),
    (
        ("科技城", D("300"), D("100.07"), D("199.93"), D("33.4")),
        ("经开区", D("140"), D("47"), D("93"), D("33.6")),
    ),
    total_row=True,
    total_ratios={4: (2, 1)},
)
VACANCY = ReportSheet(
    "空置",
    Problem("report.incubation.vacancy", {}, "info"),
    ("平台", "可使用面积（㎡）", "空置面积（㎡）", "空置率（%）", "每千㎡在孵企业（家）"),
    (("甲", D("1000"), D("300"), D("30.0"), D("5")), ("乙", D("4000"), D("760"), D("19.0"), D("2"))),
    total_row=True,
    total_ratios={3: (2, 1)},
    chart=ReportChart("line", "空置", 0, (2,), "㎡"),
)


def test_ratios_on_the_total_row_come_from_the_totals() -> None:
    totals = total_row(QUOTA)
    assert totals[1] == D("440") and totals[2] == D("147.07")
    assert totals[4] == D("33.4")  # 147.07 / 440, not 33.4 + 33.6
    v = total_row(VACANCY)
    assert v[3] == D("21.2")  # 1060 / 5000
    assert 4 not in v  # a per-thousand ratio without numerator/denominator is not summed


def test_the_workbook_formats_prints_and_does_not_smooth(tmp_path: Path) -> None:
    path = tmp_path / "年报.xlsx"
    write_sheets([QUOTA, VACANCY], path, 2024, text=lambda p: p.code)
    wb = openpyxl.load_workbook(path)
    ws = wb["余额"]
    last = ws.max_row
    assert ws.cell(last, 1).value == "合计" and ws.cell(last, 5).value == 33.4
    assert ws.cell(3, 2).number_format == "#,##0.0000" and ws.cell(3, 5).number_format == "0.0"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert "第 &P 页" in (ws.oddFooter.center.text or "")
    vs = wb["空置"]
    assert vs.cell(3, 2).number_format == "#,##0.00"
    xml = _chart_xml(path)
    assert b'<smooth val="1"' not in xml and b'<smooth val="0"' in xml


def _chart_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/charts/chart"))
