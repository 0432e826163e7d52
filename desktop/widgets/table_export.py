"""Write a ``RowTableModel`` as shown to .xlsx (bold frozen header, widths, texts as
text) or .csv (UTF-8 with BOM, so Excel reads the Chinese). openpyxl is imported lazily."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.item_models.row_table import RowTableModel
from desktop.widgets.editors import parse_decimal_text

_FORMULA_START = ("=", "+", "-", "@")


def _number(text: str) -> Decimal | None:
    if not text or text.endswith("%"):
        return None
    try:
        return parse_decimal_text(text)
    except ValueError:
        return None


def _cells(model: RowTableModel, rows: list[Any] | None) -> list[list[Any]]:
    shown = model.rows() if rows is None else rows
    out = []
    for row in shown:
        values: list[Any] = []
        for spec in model.columns:
            text = (spec.text or (lambda v: "" if v is None else str(v)))(spec.value(row))
            number = _number(text) if spec.align_right else None
            values.append(number if number is not None else text)
        out.append(values)
    return out


def write_table(model: RowTableModel, path: Path, rows: list[Any] | None = None) -> int:
    data = _cells(model, rows)
    titles = [c.title for c in model.columns]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(titles)
            for values in data:
                writer.writerow(
                    [("'" + v) if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in values]
                )
        return len(data)
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("导出")
    ws.freeze_panes = "A2"
    for i, spec in enumerate(model.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(60, spec.width // 7))
    bold = Font(bold=True)
    header = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for values in data:
        cells = []
        for v in values:
            cell = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # never a formula, even for "=…"
            cells.append(cell)
        ws.append(cells)
    wb.save(path)
    return len(data)
