"""Workbook-level tests through the exchange engine: office-style sheets in, exports out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func, select

from models.buildings.entities import Building, Transfer, Unit
from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind, write_template
from tests.models.buildings.helpers import enterprise, uscc


def sheet(
    path: Path, title: str, header: list[str], rows: list[list[Any]], total: list[Any] | None = None
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for r in rows:
        ws.append(r)
    if total:
        ws.append(total)
    wb.save(path)
    return path


def register(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        enterprise(s, 1, name="杭州开发建设有限公司")
        enterprise(s, 2, name="杭州精工智能装备有限公司")
        enterprise(s, 3, name="杭州商贸有限公司", manufacturing=False, chain="其他")
    b = sheet(
        tmp_path / "楼宇.xlsx",
        "2024年工业楼宇登记表",
        [
            "楼宇编号",
            "楼宇名称",
            "平台",
            "产权人统一社会信用代码",
            "总建筑面积（亩）",
            "层数",
            "竣工验收日期",
            "首次登记日期",
            "土地出让金已缴清",
            "是否抵押",
        ],
        [["QSH-LY-91", "示例大厦", "科技城", uscc(1), "１.５", "3", "2022年5月10日", "2022/8/1", "是", "否"]],
        total=["合计", None, None, None, "1.5"],
    )
    report = run_import(db, get_kind("buildings"), b)
    assert report.ok, [(p.code, p.problem.fields) for p in report.problems]
    u = sheet(
        tmp_path / "单元.xlsx",
        "分割单元明细",
        ["楼宇编号", "房号", "楼层", "建筑面积（㎡）", "用途", "状态"],
        [
            ["QSH-LY-91", "101", 1, "300", "生产", "自持"],
            ["QSH-LY-91", "201", 2, "300", "厂房", "自持"],
            ["QSH-LY-91", "301", 3, "400", "办公", "自持"],
        ],
    )
    report = run_import(db, get_kind("units"), u)
    assert report.ok and report.created == 3, [(p.code, p.problem.fields) for p in report.problems]


def test_office_workbooks_load(db: Database, tmp_path: Path) -> None:
    register(db, tmp_path)
    with db.read() as s:
        b = s.scalar(select(Building).where(Building.code == "QSH-LY-91"))
        assert b is not None and b.total_floor_area_m2 == 1000  # 1.5 亩 = 1000 ㎡ exactly
        assert s.scalar(select(func.count()).select_from(Unit)) == 3


def test_transfer_breaking_a_rule_is_an_import_error_and_nothing_is_written(
    db: Database, tmp_path: Path
) -> None:
    register(db, tmp_path)
    header = ["楼宇编号", "单元号", "受让企业统一社会信用代码", "转让日期", "成交价（元）", "批准文号"]
    good = ["QSH-LY-91", "101", uscc(2), "2024-06-01", "1,200,000", "临分转〔2024〕1号"]
    bad = ["QSH-LY-91", "201、301", uscc(3), "2024-07-01", "900000", "临分转〔2024〕2号"]
    report = run_import(
        db, get_kind("transfers"), sheet(tmp_path / "转让.xlsx", "转让登记", header, [good, bad])
    )
    assert not report.ok and not report.committed
    by_code = {p.code: p for p in report.errors}
    assert set(by_code) == {"building.ratio_exceeded", "building.buyer_not_eligible"}
    ratio = by_code["building.ratio_exceeded"]
    assert (
        ratio.row == 4 and ratio.problem.fields["document_no"] == ""
    )  # an example: seed 三(三) has no figure
    assert "惠州" in ratio.problem.fields["example_source"]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Transfer)) == 0
    report = run_import(db, get_kind("transfers"), sheet(tmp_path / "转让2.xlsx", "转让登记", header, [good]))
    assert report.ok and report.created == 1
    with db.read() as s:
        t = s.scalar(select(Transfer))
        assert t is not None and t.price == 120  # 元 → 万元
    again = run_import(db, get_kind("transfers"), tmp_path / "转让2.xlsx")
    assert again.ok and again.created == 0 and again.unchanged == 1


def test_export_reimports_unchanged_and_template_is_written(db: Database, tmp_path: Path) -> None:
    register(db, tmp_path)
    for name in ("buildings", "units", "transfers"):
        kind = get_kind(name)
        out = tmp_path / f"{name}.xlsx"
        assert export_kind(db, kind, out) >= (0 if name == "transfers" else 1)
        if name != "transfers":
            report = run_import(db, kind, out)
            assert report.ok and report.created == 0 and report.updated == 0, [
                (p.code, p.problem.fields) for p in report.problems
            ]
        write_template(kind, tmp_path / f"{name}_template.xlsx")
        wb = openpyxl.load_workbook(tmp_path / f"{name}_template.xlsx")
        headers = [c.value for c in next(wb.active.iter_rows(max_row=5)) if c.value]
        assert headers
        wb.close()
    wb = openpyxl.load_workbook(tmp_path / "units.xlsx")
    values = [c.value for row in wb.active.iter_rows() for c in row]
    assert "自持" in values and "生产" in values and "held" not in values
    wb.close()
