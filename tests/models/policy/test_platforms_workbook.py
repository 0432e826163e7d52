"""The ``platforms`` kind through the exchange engine, on workbooks as offices make them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind, write_template
from models.policy.entities import Platform
from models.policy.queries import list_platforms


def _office_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "平台"
    ws.append(["临安区产业平台一览表"])
    ws.merge_cells("A1:E1")
    ws.append(["填报单位：区经信局", None, None, "2025年6月"])
    ws.append(["序号", "平台名称", "编码", "简称", "优先级"])  # own order, synonyms
    ws.append([1, "青山湖科技城", " qsh ", "科技城", "１"])  # lower-case code, full-width digit
    ws.append([2, "太湖源生态工业区", "tky", "太湖源", "5"])
    ws.append([None, None, None, None, None])
    ws.append(["合计", None, None, None, None])
    wb.save(path)


def test_office_roster_imports_exactly_and_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "平台.xlsx"
    _office_workbook(path)
    kind = get_kind("platforms")
    report = run_import(db, kind, path)
    assert report.errors == [], [(p.row, p.code) for p in report.errors]
    assert report.committed and (report.created, report.updated, report.unchanged) == (1, 0, 1)
    with db.read() as s:
        assert s.scalar(select(Platform.priority).where(Platform.code == "TKY")) == 5
    again = run_import(db, kind, path)
    assert again.committed and (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_bad_row_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["平台代码", "平台名称", "优先顺序"])
    ws.append(["NEW1", "新平台一", 6])
    ws.append(["NEW2", "新平台二", 0])
    wb.save(path)
    report = run_import(db, get_kind("platforms"), path)
    assert not report.committed
    assert [(p.row, p.column, p.code) for p in report.errors] == [
        (3, "优先顺序", "platform.priority_out_of_range")
    ]
    with db.read() as s:
        assert "NEW1" not in {p.code for p in list_platforms(s)}


def test_export_then_import_round_trips(db: Database, tmp_path: Path) -> None:
    kind = get_kind("platforms")
    out = tmp_path / "platforms.xlsx"
    assert export_kind(db, kind, out) == 4
    report = run_import(db, kind, out)
    assert report.committed and report.unchanged == 4 and report.errors == []
    template = tmp_path / "template.xlsx"
    write_template(kind, template)
    wb = openpyxl.load_workbook(template)
    ws = wb.active
    assert ws is not None
    assert [c.value for c in ws[1]][:3] == ["平台代码", "平台名称", "简称"]
