"""With several sheets of the same headers the active one is read, or the file is refused
listing them; the report always says which sheet was read (issue 14)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from models.database import Database
from models.enterprises.entities import Enterprise
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from tests.models.efficiency.util import uscc


def _two_years(path: Path, active: int | None) -> Path:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "2024年名单"
    first.append(["统一社会信用代码", "企业名称"])
    first.append([uscc(1), "二〇二四年的企业"])
    second = wb.create_sheet("2025年名单")
    second.append(["统一社会信用代码", "企业名称"])
    second.append([uscc(2), "二〇二五年的企业"])
    if active is not None:
        wb.active = active
    wb.save(path)
    return path


def test_the_active_sheet_is_read_and_the_report_says_so(db: Database, tmp_path: Path) -> None:
    report = run_import(db, get_kind("enterprises"), _two_years(tmp_path / "a.xlsx", active=1))
    assert report.ok and report.sheet == "2025年名单"
    [note] = [n for n in report.notes if n.code == "exchange.sheet_read_active"]
    assert note.fields["sheet"] == "2025年名单" and note.fields["others"] == "2024年名单"
    with db.read() as s:
        assert list(s.scalars(select(Enterprise.name))) == ["二〇二五年的企业"]


def test_the_sheet_option_chooses(db: Database, tmp_path: Path) -> None:
    report = run_import(
        db,
        get_kind("enterprises"),
        _two_years(tmp_path / "a.xlsx", active=1),
        options={"sheet": "2024年名单"},
    )
    assert report.ok and report.sheet == "2024年名单"
    assert [n.fields["sheet"] for n in report.notes if n.code == "exchange.sheet_read"] == ["2024年名单"]


def test_a_single_matching_sheet_is_named_in_the_report(db: Database, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名单"
    ws.append(["说明"])
    ws.append(["统一社会信用代码", "企业名称"])
    ws.append([uscc(3), "甲"])
    wb.create_sheet("封面")
    wb.save(tmp_path / "b.xlsx")
    report = run_import(db, get_kind("enterprises"), tmp_path / "b.xlsx", dry_run=True)
    assert [
        (n.fields["sheet"], n.fields["row"]) for n in report.notes if n.code == "exchange.sheet_read"
    ] == [("名单", 2)]


def test_several_matching_sheets_none_active_are_refused_listing_them(db: Database, tmp_path: Path) -> None:
    path = _two_years(tmp_path / "c.xlsx", active=None)
    wb = openpyxl.load_workbook(path)
    cover = wb.create_sheet("封面", 0)
    cover.append(["企业名单"])
    wb.active = 0
    wb.save(path)
    report = run_import(db, get_kind("enterprises"), path)
    [err] = report.errors
    assert err.code == "exchange.several_sheets" and err.problem.fields["sheets"] == "2024年名单、2025年名单"
