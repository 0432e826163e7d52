"""Loader checks (platform, chain, duplicates) also run on rows that already have a cell error,
so one report and one error workbook list everything at once (issue 14)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from models.database import Database
from models.exchange.importer import run_import, write_error_workbook
from models.exchange.registry import get_kind
from tests.models.exchange.helpers import write_xlsx

HEADER = ["统一社会信用代码", "企业名称", "所属平台", "产业链", "是否制造业"]


def test_a_row_with_a_bad_cell_also_gets_the_loaders_checks(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [
            HEADER,
            [
                "91330185MA2B3C4D5X",
                "杭州甲有限公司",
                "月球工业园",
                "高端装备",
                "是",
            ],  # bad check digit + unknown platform
            [
                "913301856767593843",
                "杭州乙有限公司",
                "青山湖科技城",
                "火星产业链",
                "也许",
            ],  # unknown chain + bad yes/no
        ],
    )
    report = run_import(db, get_kind("enterprises"), path)
    found = sorted((p.row, p.column, p.code) for p in report.errors)
    assert (2, "所属平台", "enterprise.unknown_platform_name") in found
    assert (3, "产业链", "enterprise.unknown_industry_chain") in found
    assert {r for r, c, _ in found if c == "统一社会信用代码"} | {
        r for r, c, _ in found if c == "是否制造业"
    } == {2, 3}
    assert not report.committed and report.rejected == 2 and report.reconciles
    marked = write_error_workbook(path, report, tmp_path / "errors.xlsx", lambda p: p.code)
    assert marked == len(report.errors)
    listing = openpyxl.load_workbook(tmp_path / "errors.xlsx").worksheets[0]
    codes = {v for row in listing.iter_rows(min_row=2, values_only=True) for v in row}
    assert {"enterprise.unknown_platform_name", "enterprise.unknown_industry_chain"} <= codes


def test_the_probe_is_rolled_back_and_clean_rows_count_as_before(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [
            HEADER,
            ["913301856767593843", "杭州乙有限公司", "青山湖科技城", "高端装备", "也许"],
            [
                "913301856767593843",
                "杭州乙有限公司",
                "青山湖科技城",
                "高端装备",
                "是",
            ],  # duplicate of a bad row
        ],
    )
    report = run_import(db, get_kind("enterprises"), path)
    assert [(p.row, p.code) for p in report.errors if p.row == 2]  # the bad cell
    assert report.rows_read == report.created + report.updated + report.unchanged + report.rejected
    again = run_import(db, get_kind("enterprises"), path, dry_run=True)
    assert again.created == report.created  # nothing was written by the probe
