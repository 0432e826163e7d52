"""The engine hands the title rows to loaders (a year written only in the title) and accepts a
unit row that also names units it does not convert (吨标煤, 人, 万千瓦时)."""

from __future__ import annotations

from pathlib import Path

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from tests.models.efficiency.test_exchange import HEADER, ROWS, office_workbook

FULL_UNITS = [
    "",
    "",
    "",
    "",
    "",
    "（亩）",
    "（元）",
    "（万元）",
    "（万元）",
    "（吨标煤）",
    "（吨）",
    "（万千瓦时）",
    "（万元）",
    "（人）",
    "",
]


def test_year_comes_from_the_title_row_and_every_unit_cell_is_accepted(db: Database, tmp_path: Path) -> None:
    import tests.models.efficiency.test_exchange as office

    assert len(FULL_UNITS) == len(HEADER)
    saved = office.UNITS
    office.UNITS = FULL_UNITS
    try:
        path = office_workbook(tmp_path / "book.xlsx", ROWS, sheet="Sheet1")
    finally:
        office.UNITS = saved
    report = run_import(db, get_kind("efficiency"), path)
    assert report.ok and report.committed, [p.problem for p in report.problems]
    notes = {n.code: n for n in report.notes}
    assert notes["efficiency.year_from_title"].fields["year"] == 2024
    assert notes["efficiency.year_from_title"].fields["source"] == "title"
    assert report.created + report.updated == len(ROWS)


def test_a_title_merged_across_the_columns_is_quoted_once(db: Database, tmp_path: Path) -> None:
    """LibreOffice and Excel offices merge the title over the whole width (A1:O1): the year
    message quotes the title once, not once per merged column."""
    import openpyxl

    from tests.models.efficiency.test_exchange import HEADER, ROWS

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["2024年度工业企业亩均效益综合评价汇总表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for row in ROWS:
        ws.append(list(row))
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    report = run_import(db, get_kind("efficiency"), path, dry_run=True)
    assert report.ok, [(p.row, p.column, p.code) for p in report.errors]
    [note] = [n for n in report.notes if n.code == "efficiency.year_from_title"]
    assert note.fields["text"] == "2024年度工业企业亩均效益综合评价汇总表"
    assert note.fields["year"] == 2024
