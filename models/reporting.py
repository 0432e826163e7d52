"""The annual report workbook (``landspace report YEAR FILE``).

Collects the sheets of every area in ``models.areas.AREAS`` (its ``report`` hook, the
enterprise register's summary first), puts a contents sheet before them, and
lays each sheet out the same way: a title row, a bold frozen header with units, the
rows, an exact 合计 row when asked (sums of Decimals, never floats), the notes saying
which rule or document the figures rest on, and a native Excel chart (openpyxl
``BarChart``/``LineChart``/``PieChart``, so it stays live in Excel and WPS).

Like exports, no text cell is ever written as a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import areas
from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet, Text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.database import Database

HEADER_ROW = 2  # row 1 is the heading


def collect_sheets(session: Session, year: int) -> list[ReportSheet]:
    """Every area's sheets, in the order of ``models.areas.AREAS``."""
    return [sheet for area in areas.AREAS if area.report is not None for sheet in area.report(session, year)]


def chinese(label: str) -> str:
    """A report's fixed label as models write it (the default ``label`` of the writers)."""
    return label


def write_annual_report(
    db: Database,
    year: int,
    path: Path | str,
    *,
    text: Callable[[Problem], str],
    label: Callable[[str], str] = chinese,
) -> int:
    """Write the report for ``year``; returns the number of sheets (the contents sheet included).
    ``text`` renders a heading's message code in the user's language (the desktop's ``render``)."""
    with db.read() as session:
        sheets = collect_sheets(session, year)
    return write_sheets(sheets, Path(path), year, text=text, label=label)


def write_sheets(
    sheets: list[ReportSheet],
    path: Path,
    year: int,
    *,
    text: Callable[[Problem], str],
    label: Callable[[str], str] = chinese,
) -> int:
    """The workbook: a contents sheet, then each sheet laid out. ``text`` renders a message
    code (headings, and labels with figures), ``label`` a fixed Chinese label, both in the
    user's language."""
    import openpyxl

    def say(value: Text) -> str:
        return text(value) if isinstance(value, Problem) else label(value)

    wb = openpyxl.Workbook()
    contents = wb.active
    assert contents is not None
    contents.title = label("目录")
    contents_heading = Problem("report.contents", {"year": year}, "info")
    _put(contents, 1, 1, text(contents_heading)).font = _font(bold=True, size=14)
    _put(contents, 2, 1, label("工作表")).font = _font(bold=True)
    _put(contents, 2, 2, label("内容")).font = _font(bold=True)
    used: set[str] = {contents.title}
    for i, sheet in enumerate(sheets, start=3):
        title = _unique_title(say(sheet.title), used)
        ws = wb.create_sheet(title)
        _lay_out(ws, sheet, text(sheet.heading), say)
        cell = _put(contents, i, 1, title)
        cell.hyperlink = f"#'{title}'!A1"
        _put(contents, i, 2, text(sheet.heading))
    contents.column_dimensions["A"].width = 20
    contents.column_dimensions["B"].width = 60
    _page_setup(
        contents,
        ReportSheet(title="目录", heading=contents_heading, headers=("工作表", "内容"), rows=()),
        2,
        text(contents_heading),
        label,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(sheets) + 1


def _font(**kw: Any) -> Any:
    from openpyxl.styles import Font

    return Font(**kw)


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row, col, value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula made from data
    return cell


def _unique_title(title: str, used: set[str]) -> str:
    base = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    name, n = base, 2
    while name in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _lay_out(ws: Any, sheet: ReportSheet, heading: str, say: Callable[[Text], str]) -> None:  # noqa: C901  lays out heading, header, rows, totals, formats, notes and chart of one sheet
    from openpyxl.utils import get_column_letter

    ncols = max(len(sheet.headers), 1)
    _put(ws, 1, 1, heading).font = _font(bold=True, size=13)
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    for c, header in enumerate(sheet.headers, start=1):
        shown = say(header)
        _put(ws, HEADER_ROW, c, shown).font = _font(bold=True)
        width = max(
            [len(shown) * (2 if shown == header else 1) + 2]
            + [len(str(r[c - 1])) * 2 + 2 for r in sheet.rows[:200] if c - 1 < len(r)]
        )
        ws.column_dimensions[get_column_letter(c)].width = min(max(width, 8), 50)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    r = HEADER_ROW
    for r, row in enumerate(sheet.rows, start=HEADER_ROW + 1):
        for c, value in enumerate(row, start=1):
            _put(ws, r, c, value)
    last_data = HEADER_ROW + len(sheet.rows)
    if sheet.total_row and sheet.rows:
        r = last_data + 1
        _put(ws, r, 1, say("合计")).font = _font(bold=True)
        for c, value in total_row(sheet).items():
            _put(ws, r, c + 1, value).font = _font(bold=True)
    for c, header in enumerate(sheet.headers, start=1):
        fmt = number_format(header)
        if fmt:
            for row_cells in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=r, min_col=c, max_col=c):
                for cell in row_cells:
                    if _is_number(cell.value):
                        cell.number_format = fmt
    _page_setup(ws, sheet, ncols, heading, say)
    for i, note in enumerate(sheet.notes):
        _put(ws, r + 2 + i, 1, say(note)).font = _font(italic=True, color="FF666666")
    if sheet.chart is not None and sheet.rows:
        chart = _chart(ws, sheet.chart, last_data, say)
        ws.add_chart(chart, f"{get_column_letter(ncols + 2)}{HEADER_ROW}")


def _page_setup(ws: Any, sheet: ReportSheet, ncols: int, heading: str, say: Callable[[str], str]) -> None:
    """Printing from Excel or WPS gives the same pages as our PDF: A4, landscape for wide
    sheets or a sheet with its chart, fitted to one page wide, the header row repeated, the
    heading on top and "第 N 页 共 M 页" at the foot."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ncols > 6 or sheet.chart is not None else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddHeader.center.text = heading.replace("&", "&&")
    ws.oddHeader.center.size = 11
    ws.oddFooter.left.text = say("临安区用地与空间管理")
    ws.oddFooter.center.text = say("第 &P 页 共 &N 页")
    ws.oddFooter.right.text = say("打印日期 &D")


RATIO_WORDS = ("率", "比例", "占比", "%", "％", "每")  # 每千㎡在孵企业 is a ratio too


def is_ratio_header(header: str) -> bool:
    return any(w in header for w in RATIO_WORDS)


def total_row(sheet: ReportSheet) -> dict[int, Any]:
    """The 合计 row by 0-based column: numeric columns summed, ratios computed from the
    totals (利用率 = Σ已用 ÷ Σ分配, not a sum of ratios), other ratio columns left blank."""
    sums: dict[int, Decimal] = {}
    for c in range(1, len(sheet.headers)):
        values = [row[c] for row in sheet.rows if c < len(row)]
        if values and all(_is_number(v) or v is None for v in values) and any(v is not None for v in values):
            sums[c] = sum((v for v in values if v is not None), Decimal(0))
    out: dict[int, Any] = {}
    for c in range(1, len(sheet.headers)):
        header = sheet.headers[c]
        if c in sheet.totals:
            out[c] = sheet.totals[c]
        elif c in sheet.total_ratios:
            num, den = sheet.total_ratios[c]
            if sums.get(den):
                ratio = Decimal(sums.get(num, Decimal(0))) / sums[den]
                percent = "%" in header or "％" in header
                out[c] = (
                    (ratio * 100).quantize(Decimal("0.1")) if percent else ratio.quantize(Decimal("0.0001"))
                )
        elif c in sums and not is_ratio_header(header):
            out[c] = sums[c]
    return out


def number_format(header: str) -> str | None:
    """A number format fit for the quantity the header names: percentages to 0.1, areas
    in ㎡ and money to 0.01 with thousands separators, 亩 to 0.0001, a bare ratio as a %."""
    if "%" in header or "％" in header:
        return "0.0"
    if "每" in header:
        return "0.00"
    if "亩" in header:
        return "#,##0.0000"
    if "㎡" in header or "万元" in header or "元" in header:
        return "#,##0.00"
    if is_ratio_header(header):
        return "0.0%"
    return None


def _chart(ws: Any, spec: ReportChart, last_data: int, say: Callable[[Text], str]) -> Any:
    from openpyxl.chart import BarChart, LineChart, PieChart, Reference

    chart: Any
    if spec.kind == "pie":
        chart = PieChart()
    elif spec.kind == "line":
        chart = LineChart()
    else:
        chart = BarChart()
        chart.type = "col"
        if spec.kind == "stacked_bar":
            chart.grouping = "stacked"
            chart.overlap = 100
    chart.title = say(spec.title)
    chart.width, chart.height = 18, 9
    if spec.kind != "pie" and spec.y_title:
        chart.y_axis.title = say(spec.y_title)
    for col in spec.value_columns:
        data = Reference(ws, min_col=col + 1, min_row=HEADER_ROW, max_row=last_data)
        chart.add_data(data, titles_from_data=True)
        if spec.kind == "pie":
            break  # a pie shows one series
    chart.set_categories(
        Reference(ws, min_col=spec.category_column + 1, min_row=HEADER_ROW + 1, max_row=last_data)
    )
    if spec.kind == "line":
        for series in chart.series:
            series.smooth = False  # the measured points joined by straight lines, not a spline
    return chart
