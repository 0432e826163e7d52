"""The economy bureau's yearly workbook, as offices make it, imports exactly; exports and
the 公示 list come out; the year is read from the sheet name or title when not given."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from models.database import Database
from models.efficiency import queries as Q
from models.efficiency import services as S
from models.efficiency.exchange import KINDS, load_records
from models.enterprises.entities import Enterprise
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.spec import ImportContext, SourceRow
from models.exchange.writer import export_kind, write_template
from models.units import AreaUnit, to_m2
from tests.models.efficiency.util import enterprise, uscc

D = Decimal
HEADER = [
    "序号",
    "统一社会信用代码",
    "企业名称",
    "所属平台",
    "是否规上",
    "用地面积",
    "税收",
    "工业增加值",
    "主营业务收入",
    "综合能耗（吨标煤）",
    "主要污染物排放量（吨）",
    "用电量（万千瓦时）",
    "研发经费",
    "年平均职工人数（人）",
    "评价状态",
]
# the unit row names the area and money units (the reader's unit row takes only those)
UNITS = ["", "", "", "", "", "（亩）", "（元）", "（万元）", "（万元）", "", "", "", "（万元）", "", ""]


def office_workbook(path: Path, rows: list[list[object]], sheet: str = "2024年度") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(["2024年度工业企业亩均效益数据"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(
        [
            "填报单位：临安区经济和信息化局",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "填报日期：2025年3月",
        ]
    )
    ws.append(HEADER)
    ws.append(UNITS)
    for r in rows:
        ws.append(r)
    ws.append([])
    ws.append(["合计", "", "", "", "", "51.5", "4,305,000", "2,950.25", "", "", "", "", "", "", ""])
    ws.append(["注：税收为实际入库税收；数据来源：区税务局、统计局。"])
    wb.save(path)
    return path


ROWS: list[list[object]] = [
    [
        1,
        uscc(1),
        "杭州已登记科技有限公司",
        "青山湖科技城",
        "是",
        "２５．５",
        "3,805,000",
        "2,150.25",
        "9,500",
        "1,200",
        "15.2",
        "860",
        "420",
        "１８０",
        "正常",
    ],
    [
        2,
        uscc(2),
        "临安新发现五金厂",
        "科技城",
        "否",
        26,
        "500000",
        "800",
        "2,100",
        "300",
        "2.5",
        "120",
        "",
        "45",
        "保护期",
    ],
]


def test_office_workbook_imports_exactly(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        enterprise(s, 1, "杭州已登记科技有限公司")
    path = office_workbook(tmp_path / "亩均.xlsx", ROWS)
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok, [(p.row, p.column, p.code, p.problem.fields) for p in report.problems]
    assert (report.rows_read, report.created, report.updated) == (2, 2, 0)
    assert report.reconciles
    codes = {n.code: n for n in report.notes}
    assert codes["efficiency.year_from_title"].fields["year"] == 2024
    assert codes["efficiency.enterprises_created"].fields["count"] == 1
    with db.read() as s:
        [a, b] = sorted(Q.list_records(s, year=2024), key=lambda r: r.uscc)
        assert a.land_m2 == to_m2(D("25.5"), AreaUnit.MU) and a.tax == D("380.5")
        assert (a.value_added, a.main_revenue, a.energy_tce, a.emissions_t, a.electricity_mwh) == (
            D("2150.25"),
            D("9500"),
            D("1200"),
            D("15.2"),
            D("8600"),
        )  # 860 万千瓦时 = 8600 MWh
        assert (a.rd_spending, a.employees, a.status, a.above_scale) == (D("420"), 180, "normal", True)
        assert (b.name, b.tax, b.above_scale, b.status, b.rd_spending) == (
            "临安新发现五金厂",
            D("50"),
            False,
            "protected",
            None,
        )
        assert s.scalar(select(Enterprise.platform_id).where(Enterprise.uscc == uscc(2))) is not None
    again = run_import(db, get_kind("efficiency"), path)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_unknown_platform_refuses_the_workbook(db: Database, tmp_path: Path) -> None:
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][3] = "火星工业园"
    report = run_import(db, get_kind("efficiency"), office_workbook(tmp_path / "bad.xlsx", rows))
    assert not report.ok and not report.committed
    [err] = report.errors
    assert (err.code, err.row, err.column, err.value) == (
        "efficiency.unknown_platform",
        6,
        "所属平台",
        "火星工业园",
    )
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Enterprise)) == 0


def test_year_option_wins_and_unknown_year_is_refused(db: Database, tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "x.xlsx", ROWS, sheet="Sheet1")
    wb = openpyxl.load_workbook(path)
    wb.active["A1"] = "工业企业亩均效益数据"  # no year in the title or the sheet name
    wb.save(path)
    report = run_import(db, get_kind("efficiency"), path, dry_run=True)
    assert [p.code for p in report.errors] == ["efficiency.year_unknown"]
    report = run_import(db, get_kind("efficiency"), path, options={"year": 2023})
    assert report.ok and not [n for n in report.notes if n.code == "efficiency.year_from_title"]
    with db.read() as s:
        assert Q.years(s) == [2023]


def test_year_from_the_title_row_when_the_engine_passes_it(db: Database) -> None:
    row = SourceRow("Sheet1", 5, {"uscc": uscc(3), "name": "甲", "tax": D("1")})
    ctx = ImportContext(options={"title_rows": ["2025年度工业企业亩均效益数据", "单位：万元"]})
    with db.write() as s:
        out = load_records(s, [row], ctx)
    assert (
        out.created == 1 and ctx.notes[0].fields["year"] == 2025 and ctx.notes[0].fields["source"] == "title"
    )


def test_exports_results_and_publicity(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        for i in range(10):
            eid = enterprise(s, i + 1)
            S.upsert_record(
                s,
                enterprise_id=eid,
                year=2024,
                above_scale=True,
                land_area_m2=D("10000"),
                tax=D(10 + i),
                value_added=D(100 + i),
                energy_tce=D(10),
                emissions_t=D(1),
                employees=10,
                rd_spending=D(1),
                main_revenue=D(100),
            )
        S.evaluate_year(s, year=2024)
    for name in ("efficiency", "efficiency-results", "efficiency-publicity"):
        n = export_kind(db, get_kind(name), tmp_path / f"{name}.xlsx", options={"year": 2024})
        assert n == 10
        write_template(get_kind(name), tmp_path / f"{name}-template.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "efficiency-results.xlsx").active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert "亩均税收（得分）" in header and "评价类别" in header and "组内排名" in header
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert (
        first["组内排名"] == 1
        and first["评价类别"] == "A"
        and first["评价依据"].startswith("示例（无文件依据），来源：黄岩")
    )
    pub = openpyxl.load_workbook(tmp_path / "efficiency-publicity.xlsx").active
    assert pub is not None
    assert [c.value for c in pub[1]] == ["序号", "企业名称", "统一社会信用代码", "所属平台", "评价类别"]
    assert pub.cell(2, 5).value == "A类"
    # the records export re-imports unchanged
    report = run_import(db, get_kind("efficiency"), tmp_path / "efficiency.xlsx")
    assert report.ok and report.unchanged == 10, [(p.code, p.problem.fields) for p in report.problems]


def test_kinds_are_registered() -> None:
    assert [k.name for k in KINDS] == [
        "efficiency",
        "efficiency-results",
        "efficiency-publicity",
        "efficiency-measures",
    ]


def test_deduction_and_veto_fields_round_trip_through_the_records_workbook(
    db: Database, tmp_path: Path
) -> None:
    from models.database import open_database
    from models.efficiency.entities import EfficiencyRecord

    with db.write() as s:
        eid = enterprise(s, 1)
        S.upsert_record(
            s, enterprise_id=eid, year=2024, tax=Decimal(50), rented_out_plants=2, major_incident=True
        )
        S.upsert_record(s, enterprise_id=enterprise(s, 2), year=2024, tax=Decimal(60))
    out = tmp_path / "records.xlsx"
    export_kind(db, get_kind("efficiency"), out, options={"year": 2024})
    fresh = open_database(tmp_path / "fresh.sqlite3", actor="t")
    try:
        assert run_import(fresh, get_kind("efficiency"), out, options={"year": 2024}).ok
        with fresh.read() as s:
            got = sorted(
                s.execute(
                    select(
                        Enterprise.uscc, EfficiencyRecord.rented_out_plants, EfficiencyRecord.major_incident
                    ).join(Enterprise, Enterprise.id == EfficiencyRecord.enterprise_id)
                ).all()
            )
        assert got == [(uscc(1), 2, True), (uscc(2), 0, False)]
    finally:
        fresh.dispose()
