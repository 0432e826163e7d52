"""The marked-up copy of a refused workbook, for the sending department to fix and resend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.errors import Problem

if TYPE_CHECKING:
    from models.exchange.importer import ImportReport

ERROR_FILL = "FFFF9999"
WARNING_FILL = "FFFFE699"


def mark_errors(src: Path, report: ImportReport, dest: Path, render: Callable[[Problem], str]) -> int:
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
        import warnings

        with warnings.catch_warnings():  # no library warning on the console (data validation extensions …)
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(src)  # pre-flight has passed: sizes and caps are bounded
        ws = wb[report.sheet] if report.sheet in wb.sheetnames else wb.worksheets[0]
    by_cell: dict[str, list[tuple[bool, str]]] = {}
    for p in report.problems:
        if p.row is None or p.problem.severity == "info":
            continue
        ref = p.cell or f"A{p.row}"
        text = render(p.problem)
        by_cell.setdefault(ref, []).append(
            (p.is_error, f"{p.column}: {text}" if p.column and not p.cell else text)
        )
    red = PatternFill(fill_type="solid", start_color=ERROR_FILL, end_color=ERROR_FILL)
    amber = PatternFill(fill_type="solid", start_color=WARNING_FILL, end_color=WARNING_FILL)
    for ref, items in by_cell.items():
        cell = ws[ref]
        cell.fill = red if any(e for e, _ in items) else amber
        comment = Comment("\n".join(t for _, t in items), "LandSpace")
        comment.width, comment.height = 300, 40 + 20 * len(items)
        cell.comment = comment
    _problem_sheet(wb, ws, report, render)
    if dest.suffix.lower() not in (".xlsx", ".xlsm"):
        dest = dest.with_suffix(".xlsx")
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return len(by_cell)


PROBLEM_SHEET = "问题清单"
PROBLEM_HEADERS = ("工作表", "行", "列", "单元格", "单元格的值", "问题", "严重程度")


def _problem_sheet(wb: Any, data_sheet: Any, report: ImportReport, render: Callable[[Problem], str]) -> None:
    """A first sheet listing every problem (sheet, row, column, value, reason), so a printout
    of the returned workbook carries the reasons that comments only show on screen."""
    from openpyxl.styles import Font

    name = PROBLEM_SHEET
    while name in wb.sheetnames:
        name += "_"
    ws = wb.create_sheet(name, 0)
    ws.append(PROBLEM_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ordered = sorted(report.problems, key=lambda p: (p.row is not None, p.row or 0))
    for r, p in enumerate((p for p in ordered if p.problem.severity != "info"), start=2):
        values = (
            p.sheet,
            p.row,
            p.column,
            p.cell,
            "" if p.value is None else str(p.value)[:200],
            render(p.problem),
            "错误" if p.is_error else "警告",
        )
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, _safe(value))
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula made from data
    for letter, width in zip("ABCDEFG", (14, 6, 18, 8, 24, 60, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    wb.active = wb.index(data_sheet)  # the marked-up data sheet opens on screen


def _safe(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
