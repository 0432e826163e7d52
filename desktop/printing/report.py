"""The annual report as a PDF (``landspace report YEAR out.pdf``): the same sheets as the
workbook (``models.reporting.collect_sheets``), each starting a page with its heading, its
table (header repeated on every page, 合计 row), the chart drawn as vector graphics and
the notes saying which document the figures rest on; a contents table first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.messages import render
from desktop.printing.charts import ChartKind, ChartSpec, paint_chart
from desktop.printing.document import Drawing, PageBreak, Paragraph, PrintDocument, Table
from desktop.printing.render import write_pdf
from desktop.report_text import report_label, report_text
from models.exchange.report_spec import ReportSheet
from models.reporting import total_row

if TYPE_CHECKING:
    from models.database import Database

CHART_KINDS: dict[str, ChartKind] = {"bar": "bars", "stacked_bar": "stacked", "line": "lines", "pie": "pie"}
CHART_HEIGHT_MM = 95.0
GROUP_CHART_MM = 75.0
SOURCE_HEADER = "数据来源"  # one of several charts of a sheet (a chart per target)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)  # years stay 2024
    return str(value)


def sheet_table(sheet: ReportSheet) -> Table:
    rows: list[Sequence[Any]] = list(sheet.rows)
    right = [
        bool(rows)
        and all(_is_number(r[c]) or r[c] is None for r in rows if c < len(r))
        and any(_is_number(r[c]) for r in rows if c < len(r))
        for c in range(len(sheet.headers))
    ]
    texts = [[cell_text(v) for v in row] for row in rows]
    if sheet.total_row and rows:  # the workbook's 合计 row: ratios from the totals, never summed
        totals = total_row(sheet)
        texts.append(
            [report_label("合计"), *(cell_text(totals.get(c)) for c in range(1, len(sheet.headers)))]
        )
    return Table(
        headers=[report_label(h) for h in sheet.headers],
        rows=texts,
        align_right=right,
        total_row=sheet.total_row and bool(rows),
    )


def sheet_chart(sheet: ReportSheet, source: str, dated: str) -> ChartSpec | None:
    chart = sheet.chart
    if chart is None or not sheet.rows:
        return None
    categories = [cell_text(r[chart.category_column]) for r in sheet.rows]
    columns = chart.value_columns[:1] if chart.kind == "pie" else chart.value_columns
    series = [
        (
            report_label(sheet.headers[c]),
            [r[c] if c < len(r) and _is_number(r[c]) else None for r in sheet.rows],
        )
        for c in columns
    ]
    return ChartSpec(
        CHART_KINDS[chart.kind],
        report_text(chart.title),
        categories,
        series,
        unit=report_label(chart.y_title),
        source=source,
        dated=dated,
    )


def sheet_charts(sheet: ReportSheet, source: str, dated: str) -> list[ChartSpec]:
    """The sheet's chart; when its categories repeat (a series per record: each 2030 target's
    years), one chart per value of the first column, titled with it — "2022" alone would
    not say which target a bar belongs to."""
    spec = sheet_chart(sheet, source, dated)
    chart = sheet.chart
    if (
        spec is None
        or chart is None
        or chart.category_column == 0
        or len(set(spec.categories)) == len(spec.categories)
    ):
        return [] if spec is None else [spec]
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(sheet.rows):
        groups.setdefault(cell_text(row[0]), []).append(i)
    where = list(sheet.headers).index(SOURCE_HEADER) if SOURCE_HEADER in sheet.headers else None

    def source_of(rows: list[int]) -> str:
        """The rows' own 数据来源 column (e.g. 临安区统计局) when the sheet has one."""
        if where is None:
            return spec.source
        named = list(dict.fromkeys(cell_text(sheet.rows[i][where]) for i in rows if sheet.rows[i][where]))
        return "、".join(named) or spec.source

    return [
        replace(
            spec,
            title=tr("{chart} — {name}", chart=spec.title, name=name),
            categories=[spec.categories[i] for i in rows],
            source=source_of(rows),
            series=[(label, [values[i] for i in rows]) for label, values in spec.series],
        )
        for name, rows in groups.items()
    ]


def _painter(spec: ChartSpec) -> Callable[[Any, Any], None]:
    return lambda painter, rect: paint_chart(painter, rect, spec)


def report_document(
    sheets: list[ReportSheet], year: int, *, author: str = "", dated: str = ""
) -> PrintDocument:
    doc = PrintDocument(
        title=tr("临安区用地与空间管理 {year} 年度报表", year=year),
        author=author,
        lines=[tr("报告年度：{year} 年；共 {n} 部分。", year=year, n=len(sheets))],
    )
    dated = dated or doc.printed_on.date().isoformat()
    doc.add(
        Table(
            [tr("序号"), tr("内容")],
            [[str(i), render(s.heading)] for i, s in enumerate(sheets, start=1)],
            [True, False],
            caption=tr("目录"),
        )
    )
    for sheet in sheets:
        doc.add(PageBreak(), Paragraph(render(sheet.heading), bold=True, size=13), sheet_table(sheet))
        charts = sheet_charts(
            sheet, tr("LandSpace {year} 年度报表：{title}", year=year, title=report_text(sheet.title)), dated
        )
        for spec in charts:
            doc.add(
                Drawing(_painter(spec), height_mm=CHART_HEIGHT_MM if len(charts) == 1 else GROUP_CHART_MM)
            )
        for note in sheet.notes:
            doc.add(Paragraph(report_text(note), size=8.5, color="#555555"))
    return doc


def write_report_pdf(db: Database, year: int, path: Path | str, *, author: str = "") -> int:
    """Write the report for ``year`` as a PDF; returns the number of pages."""
    from models.reporting import collect_sheets

    with db.read() as session:
        sheets = collect_sheets(session, year)
    return write_pdf(report_document(sheets, year, author=author), Path(path))


def write_report_pdf_headless(db: Database, year: int, path: Path | str, *, author: str = "") -> int:
    """For the command line: a ``QGuiApplication`` (offscreen unless a platform is set) lives
    only while the PDF is written; an application already running is used as it is."""
    import os

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):  # no window is opened: no display needed
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(["landspace"])
    return write_report_pdf(db, year, path, author=author)
