"""The engine hands the title rows to loaders (a year written only in the title) and accepts a
unit row that also names units it does not convert (吨标煤, 人, 万千瓦时)."""

from __future__ import annotations

from pathlib import Path

from models.db.engine import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from tests.models.efficiency.test_exchange import HEADER, ROWS, office_workbook

FULL_UNITS = ["", "", "", "", "", "（亩）", "（元）", "（万元）", "（万元）", "（吨标煤）", "（吨）",
              "（万千瓦时）", "（万元）", "（人）", ""]


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
