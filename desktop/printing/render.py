"""Lay a ``PrintDocument`` out on a Qt paged device (``QPdfWriter`` for PDF files, ``QPrinter``
for the printer and the print preview) with one ``QPainter``.

Every page has a running head (the title, from page 2) and a foot (打印时间、制表人 and
"第 N 页 共 M 页"); the document is laid out twice — once to count the pages, once to
paint — so the total is known on page 1. Tables repeat their header row on each page
they run onto, their columns are fitted to the paper width (the widest are narrowed
first and their cells wrap), and ``orientation="auto"`` turns the paper to landscape when
the widest table or drawing does not fit portrait. Text is drawn in a CJK font (the first
of ``CJK_FAMILIES`` installed); Qt embeds the subset used in the PDF.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from desktop.i18n import tr
from desktop.printing.document import Drawing, PageBreak, Paragraph, PrintDocument, Signatures, Table
from models.progress import Progress

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimSun",
    "宋体",
)
MARGIN_MM = 15.0
HEAD_MM = 7.0  # running head band
FOOT_MM = 9.0  # page number band
PDF_DPI = 300
TABLE_PT = 9.0
PAD_MM = 1.2
MEASURE_SLACK = 0.95  # text is measured in 95 % of the width it is drawn in
SAMPLE_ROWS = 400  # rows measured for the natural column widths
PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}


def family() -> str:
    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in installed), QFont().family())


def font(points: float, bold: bool = False) -> QFont:
    f = QFont(family())
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def table_points(table: Table) -> float:
    n = len(table.headers)
    return TABLE_PT if n <= 9 else 8.0 if n <= 13 else 7.0


def natural_width_mm(table: Table) -> float:
    """The table's width in mm with no cell wrapped (measured in points: 1 pt = 25.4/72 mm)."""
    fm = QFontMetricsF(font(table_points(table)))
    bold = QFontMetricsF(font(table_points(table), True))
    px_per_mm = fm.fontDpi() / 25.4 if hasattr(fm, "fontDpi") else 96 / 25.4
    total = 0.0
    for c, widths in enumerate(_natural_px(table, fm, bold)):
        del c
        total += widths / px_per_mm + 2 * PAD_MM
    return total


def _natural_px(table: Table, fm: QFontMetricsF, bold: QFontMetricsF) -> list[float]:
    out = []
    for c, header in enumerate(table.headers):
        width = bold.horizontalAdvance(str(header))
        for row in table.rows[:SAMPLE_ROWS]:
            if c < len(row):
                width = max(width, fm.horizontalAdvance(str(row[c])))
        out.append(width)
    return out


def resolve_orientation(doc: PrintDocument) -> str:
    """``portrait`` or ``landscape``: the doc's own choice, or the one the widest block fits."""
    if doc.orientation != "auto":
        return doc.orientation
    width, _height = PAPER_MM[doc.paper]
    usable = width - 2 * MARGIN_MM
    need = 0.0
    for block in doc.blocks:
        if isinstance(block, Table):
            need = max(need, natural_width_mm(block))
        elif isinstance(block, Drawing):
            need = max(need, block.min_width_mm)
    return "landscape" if need > usable else "portrait"


def page_layout(doc: PrintDocument) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.A3 if doc.paper == "A3" else QPageSize.PageSizeId.A4)
    orientation = (
        QPageLayout.Orientation.Landscape
        if resolve_orientation(doc) == "landscape"
        else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        size, orientation, QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )


def write_pdf(doc: PrintDocument, path: str | Path, progress: Progress | None = None) -> int:
    """Write ``doc`` as a PDF file; returns the number of pages. Safe on a worker thread
    (``QPdfWriter`` and ``QPainter`` need no GUI thread); ``progress`` counts the rows laid
    out and its Cancel stops the work (``CancelledError``) with no file left behind."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(doc))
    writer.setTitle(doc.title)
    writer.setCreator("LandSpace")
    try:
        return render(doc, writer, progress)
    except BaseException:
        del writer  # the file is closed before it is removed
        target.unlink(missing_ok=True)
        raise


def count_rows(doc: PrintDocument) -> int:
    return sum(len(b.rows) for b in doc.blocks if isinstance(b, Table))


def render(doc: PrintDocument, device: QPagedPaintDevice, progress: Progress | None = None) -> int:
    """Paint ``doc`` on ``device`` (its page layout as set); returns the number of pages.
    ``progress`` (optional) runs over both passes' table rows: done/total, stage ``layout``."""
    rows = count_rows(doc)
    tick = _Tick(progress, 2 * rows)
    total = _Pager(doc, device, None, 0, tick).run()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the print device")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        pages = _Pager(doc, device, painter, total, tick).run()
    finally:
        painter.end()
    tick.finish()
    return pages


class _Tick:
    """Rows laid out, reported every ``EVERY`` rows (and Cancel honoured there)."""

    EVERY = 100

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        if progress is not None:
            progress.set(0, total, "layout")

    def row(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.EVERY == 0:
            self.progress.set(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress.set(self.total, self.total)


class _Pager:
    """One pass over the document: measures always, paints when it has a painter."""

    def __init__(
        self,
        doc: PrintDocument,
        device: QPagedPaintDevice,
        painter: QPainter | None,
        total: int,
        tick: _Tick | None = None,
    ) -> None:
        self.tick = tick or _Tick(None, 0)
        self.doc = doc
        self.device = device
        self.p = painter
        self.total = total
        dpi = device.logicalDpiY()
        self.unit = dpi / 25.4  # device units per mm
        area = device.pageLayout().paintRectPixels(dpi)
        self.width = float(area.width())
        self.height = float(area.height())
        self.top = self.mm(HEAD_MM)
        self.bottom = self.height - self.mm(FOOT_MM)
        self.y = self.top
        self.page = 1

    def mm(self, value: float) -> float:
        return value * self.unit

    def metrics(self, f: QFont) -> QFontMetricsF:
        return QFontMetricsF(f, self.device)

    # --- pages -------------------------------------------------------------------
    def run(self) -> int:
        self._decorate()
        self._title_block()
        for block in self.doc.blocks:
            if isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Drawing):
                self._drawing(block)
            elif isinstance(block, Signatures):
                self._signatures(block)
            elif isinstance(block, PageBreak):
                self._new_page()
        return self.page

    def _new_page(self) -> None:
        if self.p is not None:
            self.device.newPage()
        self.page += 1
        self.y = self.top
        self._decorate()

    def _room(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > self.top + 1:
            self._new_page()

    def _decorate(self) -> None:
        """The running head and the foot of the current page."""
        p = self.p
        if p is None:
            return
        small = font(7.5)
        p.setFont(small)
        p.setPen(QColor("#555555"))
        head = QRectF(0, 0, self.width, self.mm(HEAD_MM - 2))
        if self.page > 1:
            p.drawText(head, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), self.doc.title)
        p.drawText(
            head,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            tr("LandSpace 用地与空间管理"),
        )
        p.setPen(QPen(QColor("#999999"), self.mm(0.2)))
        p.drawLine(0, int(self.mm(HEAD_MM - 1.5)), int(self.width), int(self.mm(HEAD_MM - 1.5)))
        foot = QRectF(0, self.height - self.mm(FOOT_MM - 3), self.width, self.mm(FOOT_MM - 3))
        p.drawLine(0, int(foot.top() - self.mm(1)), int(self.width), int(foot.top() - self.mm(1)))
        p.setPen(QColor("#333333"))
        stamp = self.doc.printed_on.strftime("%Y-%m-%d %H:%M")
        left = tr("打印时间：{when}", when=stamp)
        if self.doc.author:
            left += "    " + tr("制表人：{who}", who=self.doc.author)
        p.drawText(foot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
        p.setFont(font(8.5))
        p.drawText(
            foot,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            tr("第 {n} 页 共 {m} 页", n=self.page, m=self.total),
        )

    # --- blocks ------------------------------------------------------------------
    def _text(
        self,
        text: str,
        f: QFont,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        color: str = "#000000",
        gap_mm: float = 1.5,
    ) -> None:
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        rect = self.metrics(f).boundingRect(QRectF(0, 0, self.width, 1e7), flags, text)
        self._room(rect.height())
        if self.p is not None:
            self.p.setFont(f)
            self.p.setPen(QColor(color))
            self.p.drawText(QRectF(0, self.y, self.width, rect.height() + 2), flags, text)
        self.y += rect.height() + self.mm(gap_mm)

    def _title_block(self) -> None:
        self.y += self.mm(2)
        self._text(self.doc.title, font(16, True), align=Qt.AlignmentFlag.AlignHCenter, gap_mm=3)
        for line in self.doc.lines:
            self._text(line, font(9.5), color="#222222", gap_mm=0.8)
        stamp = self.doc.printed_on.strftime("%Y-%m-%d %H:%M")
        meta = tr("打印时间：{when}", when=stamp)
        if self.doc.author:
            meta += "    " + tr("制表人：{who}", who=self.doc.author)
        self._text(meta, font(9.5), color="#222222", gap_mm=3)

    def _paragraph(self, block: Paragraph) -> None:
        self._text(block.text, font(block.size, block.bold), color=block.color)

    def _column_widths(self, table: Table, fm: QFontMetricsF, bold: QFontMetricsF) -> list[float]:
        pad = 2 * self.mm(PAD_MM)
        natural = [w / MEASURE_SLACK + pad + 1 for w in _natural_px(table, fm, bold)]
        total = sum(natural)
        if total <= self.width:
            # stretch to the full width when the table is at least half of it
            factor = self.width / total if total > self.width * 0.5 or table.stretch else 1.0
            return [w * factor for w in natural]
        # water-filling: narrow the widest columns first, down to a common cap
        floor = self.mm(10)
        ordered = sorted(natural)
        remaining, count = self.width, len(ordered)
        cap = floor
        for i, w in enumerate(ordered):
            share = remaining / (count - i)
            if w > share:
                cap = max(share, floor)
                break
            remaining -= w
        return [min(w, cap) for w in natural]

    def _table(self, table: Table) -> None:
        points = table_points(table)
        f, fb = font(points), font(points, True)
        fm, fmb = self.metrics(f), self.metrics(fb)
        widths = self._column_widths(table, fm, fmb)
        pad = self.mm(PAD_MM)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter)

        def height(cells: Any, metrics: QFontMetricsF) -> float:
            h = metrics.height()
            for c, text in enumerate(cells):
                if c < len(widths):
                    # measured a little narrower than drawn: the PDF engine's advances can exceed
                    # the metrics' by a hair, and a wrap the measure missed would overflow the cell
                    width = max((widths[c] - 2 * pad) * MEASURE_SLACK, 1)
                    r = metrics.boundingRect(QRectF(0, 0, width, 1e7), flags, str(text))
                    h = max(h, r.height())
            return h + 2 * pad

        header_h = height(table.headers, fmb)
        if table.caption:
            self._room(fmb.height() * 2 + header_h)
            self._text(table.caption, font(10.5, True), gap_mm=1)
        self._room(header_h + height(table.rows[0], fm) if table.rows else header_h)
        self._row(table.headers, widths, header_h, fb, header=True, right=())
        last = len(table.rows) - 1
        for i, row in enumerate(table.rows):
            self.tick.row()
            h = height(row, fm)
            if self.y + h > self.bottom:
                self._new_page()
                self._row(table.headers, widths, header_h, fb, header=True, right=())
            self._row(
                row,
                widths,
                h,
                fb if table.total_row and i == last else f,
                header=False,
                right=table.align_right,
            )
        self.y += self.mm(3)

    def _row(self, cells: Any, widths: list[float], h: float, f: QFont, *, header: bool, right: Any) -> None:
        p = self.p
        if p is not None:
            pad = self.mm(PAD_MM)
            x = 0.0
            p.setFont(f)
            for c, w in enumerate(widths):
                cell = QRectF(x, self.y, w, h)
                if header:
                    p.fillRect(cell, QColor("#e6ebf2"))
                p.setPen(QPen(QColor("#808080"), self.mm(0.15)))
                p.drawRect(cell)
                p.setPen(QColor("#000000"))
                align = (
                    Qt.AlignmentFlag.AlignHCenter
                    if header
                    else Qt.AlignmentFlag.AlignRight
                    if c < len(right) and right[c]
                    else Qt.AlignmentFlag.AlignLeft
                )
                text = str(cells[c]) if c < len(cells) else ""
                p.drawText(
                    cell.adjusted(pad, pad, -pad, -pad),
                    int(align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                    text,
                )
                x += w
        self.y += h

    def _drawing(self, block: Drawing) -> None:
        available = self.bottom - self.y
        want = self.mm(block.height_mm) if block.height_mm is not None else max(available, self.mm(60))
        if block.aspect:
            want = min(want, self.width / block.aspect)
        if want > available:
            self._new_page()
            available = self.bottom - self.y
            want = min(want, available)
        width = self.width if not block.aspect else min(self.width, want * block.aspect)
        rect = QRectF((self.width - width) / 2, self.y, width, want)
        if self.p is not None:
            self.p.save()
            block.paint(self.p, rect)
            self.p.restore()
        self.y += want + self.mm(3)

    def _signatures(self, block: Signatures) -> None:
        f = font(10.5)
        line_h = self.mm(14)
        per_row = 2
        rows = (len(block.labels) + per_row - 1) // per_row
        self._room(rows * line_h)
        col_w = self.width / per_row
        for i, label in enumerate(block.labels):
            x = (i % per_row) * col_w
            y = self.y + (i // per_row) * line_h
            if self.p is not None:
                self.p.setFont(f)
                self.p.setPen(QColor("#000000"))
                text = tr("{label}（签字）：", label=label)
                rect = QRectF(x, y, col_w, line_h)
                self.p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), text)
                start = x + self.metrics(f).horizontalAdvance(text)
                end = x + col_w - self.mm(6)
                self.p.setPen(QPen(QColor("#000000"), self.mm(0.25)))
                self.p.drawLine(
                    int(start), int(y + line_h - self.mm(0.5)), int(end), int(y + line_h - self.mm(0.5))
                )
        self.y += rows * line_h + self.mm(4)
        date_text = tr("日期：        年    月    日")
        self._text(date_text, f, align=Qt.AlignmentFlag.AlignRight)


def with_paper(doc: PrintDocument, paper: str, orientation: str = "auto") -> PrintDocument:
    return replace(
        doc,
        paper=paper if paper in PAPER_MM else "A4",  # type: ignore[arg-type]
        orientation=orientation if orientation in ("portrait", "landscape") else "auto",  # type: ignore[arg-type]
    )
