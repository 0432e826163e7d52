"""The marked-up copy of a refused workbook, for the sending department to fix and resend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import Problem

if TYPE_CHECKING:
    from models.exchange.importer import ImportReport

ERROR_FILL = "FFFF9999"
WARNING_FILL = "FFFFE699"


def mark_errors(src: Path, report: ImportReport, dest: Path,
                render: Callable[[Problem], str]) -> int:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    ext = src.suffix.lower()
    if ext in (".csv", ".txt", ".xls", ".ods"):  # rebuilt as an .xlsx (openpyxl writes no other format)
        from models.exchange.preflight import FileFacts
        from models.exchange.reader import load_grids

        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        fmt = {".xls": "xls", ".ods": "ods"}.get(ext, "csv")
        grid = load_grids(src, FileFacts(format=fmt), report.sheet if fmt != "csv" else None)[0]
        ws.title = grid.name[:31] or "Sheet1"
        for r, row in enumerate(grid.rows, start=1):
            for c, v in enumerate(row, start=1):
                cell = ws.cell(r, c, _safe(v))
                if isinstance(v, str):
                    cell.data_type = "s"  # never a formula made from data
    else:
        wb = openpyxl.load_workbook(src)  # pre-flight has passed: sizes and caps are bounded
        ws = wb[report.sheet] if report.sheet in wb.sheetnames else wb.worksheets[0]
    by_cell: dict[str, list[tuple[bool, str]]] = {}
    for p in report.problems:
        if p.row is None or p.problem.severity == "info":
            continue
        ref = p.cell or f"A{p.row}"
        text = render(p.problem)
        by_cell.setdefault(ref, []).append((p.is_error, f"{p.column}: {text}" if p.column and not p.cell else text))
    red = PatternFill(fill_type="solid", start_color=ERROR_FILL, end_color=ERROR_FILL)
    amber = PatternFill(fill_type="solid", start_color=WARNING_FILL, end_color=WARNING_FILL)
    for ref, items in by_cell.items():
        cell = ws[ref]
        cell.fill = red if any(e for e, _ in items) else amber
        comment = Comment("\n".join(t for _, t in items), "LandSpace")
        comment.width, comment.height = 300, 40 + 20 * len(items)
        cell.comment = comment
    if dest.suffix.lower() not in (".xlsx", ".xlsm"):
        dest = dest.with_suffix(".xlsx")
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return len(by_cell)


def _safe(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
