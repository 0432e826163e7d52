"""The reader's row-by-row sheet read gives exactly calamine's whole-sheet grid from A1, and
shares one string object per distinct text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from models.exchange.reader import _sheet_rows


@pytest.mark.parametrize(
    "cells",
    [
        {"C3": "x", "D5": 1, "B4": True},  # used range starts at row 3, column B
        {"A1": "h", "B2": 2},
        {"E1": "h", "A7": 2.5},
        {},
    ],
)
def test_rows_are_the_whole_sheet_from_a1(tmp_path: Path, cells: dict[str, object]) -> None:
    wb = openpyxl.Workbook()
    for ref, value in cells.items():
        wb.active[ref] = value
    path = tmp_path / "s.xlsx"
    wb.save(path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    assert _sheet_rows(sheet) == sheet.to_python(skip_empty_area=False)


def test_repeated_text_is_one_object_and_numbers_stay_apart(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in range(1, 6):
        ws.cell(r, 1, "青山湖科技城")
        ws.cell(r, 2, True if r % 2 else 1)
    path = tmp_path / "s.xlsx"
    wb.save(path)
    rows = _sheet_rows(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0))
    assert len({id(r[0]) for r in rows}) == 1
    assert [type(r[1]) for r in rows] == [bool, float, bool, float, bool]


def test_long_texts_are_read_as_they_are_not_remembered(tmp_path: Path) -> None:
    """Only short texts (a platform, a chain, 是/否) are shared; a long one (a name, an
    address) is read as calamine gives it, equal and in place."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    long_text = "杭州市临安区青山湖街道大园路 958 号"
    for r in range(1, 4):
        ws.cell(r, 1, "是")
        ws.cell(r, 2, long_text)
    path = tmp_path / "s.xlsx"
    wb.save(path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    rows = _sheet_rows(sheet)
    assert rows == sheet.to_python(skip_empty_area=False)
    assert len({id(r[0]) for r in rows}) == 1
    assert all(r[1] == long_text for r in rows)
