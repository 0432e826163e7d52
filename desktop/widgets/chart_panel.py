"""``ChartPanel``: a titled chart with a "打印/导出" menu: 导出 PNG…, 导出 PDF…, 打印…,
打印预览… The chart is painted by ``desktop.printing.charts`` — the same painter as the PNG,
the PDF (vector) and the printout, which add the title, the unit, a legend, the data source
(``source``, default the LandSpace database) and the date — so the window shows what prints.

No plotting library: a chart is a few dozen bars or points, painted in 1–3 ms (measured: five
lines of 36 months at 700×350). pyqtgraph, used before, took 250–350 ms to import and build
its first plot on the UI thread: the one long freeze left at start-up at ten times the
district (issue 12).

API (every call replaces what is drawn)::

    panel = ChartPanel(title=tr("各平台指标"))
    panel.set_bars(categories, [(series_name, values), …], stacked=False,
                   y_label=tr("面积（亩）"), title=None)      # grouped or stacked columns
    panel.set_lines(x_labels, [(series_name, values), …], y_label=…)  # one line per series
    panel.set_hbars(categories, values, x_label=…,            # horizontal bars / funnel,
                    marks=[…], mark_label=…)                  # first category on top; a
                                                              # marker on each bar (a cap)
    panel.set_message(text)                                   # e.g. "暂无数据" instead of a chart
    panel.clear()
    panel.export_png(path)  -> Path                           # the chart as PNG (title, unit,
                                                              # legend, source, date)
    panel.chart_spec() -> ChartSpec | None                    # the data drawn, for printing

``values`` are numbers (Decimal accepted); ``None`` draws nothing for that point. Values may
be float in the painting only: the figures shown in tables stay exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.printing.charts import ChartKind, ChartSpec, chart_document, paint_chart, write_chart_png
from desktop.printing.dialogs import export_pdf, print_document, print_preview
from desktop.printing.document import PrintDocument
from desktop.widgets.file_dialogs import save_file_name

Number = float | int | Decimal | None
Series = Sequence[tuple[str, Sequence[Number]]]


DESCRIBED = 40  # categories read out to a screen reader (the rest counted)


def describe(spec: ChartSpec) -> str:
    """The chart's figures as text: "category: series value, …; …" (the unit first)."""
    parts = []
    for i, category in enumerate(spec.categories[:DESCRIBED]):
        values = [
            (name, values[i] if i < len(values) else None) for name, values in spec.series if name or values
        ]
        shown = ", ".join(f"{name} {_figure(v)}".strip() for name, v in values)
        parts.append(f"{category}: {shown}")
    rest = len(spec.categories) - DESCRIBED
    tail = [tr("另有 {n} 项", n=rest)] if rest > 0 else []
    return "; ".join([spec.unit, *parts, *tail] if spec.unit else [*parts, *tail])


def _figure(value: Number) -> str:
    return "—" if value is None else f"{value:,}" if isinstance(value, int) else f"{float(value):,.2f}"


class ChartView(QWidget):
    """Paints one ``ChartSpec`` (without its title and foot line) to fill the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: ChartSpec | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the painter fills its rect

    def set_spec(self, spec: ChartSpec | None) -> None:
        """Paint ``spec``; a screen reader is given its title and figures (the picture has none)."""
        self.spec = spec
        self.setAccessibleName(spec.title if spec is not None else "")
        self.setAccessibleDescription(describe(spec) if spec is not None else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002  the whole chart is painted
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#ffffff"))
            if self.spec is not None:
                paint_chart(painter, QRectF(self.rect()).adjusted(6, 4, -6, -4), self.spec, framed=False)
        finally:
            painter.end()


class ChartPanel(QWidget):
    def __init__(self, title: str = "", parent: QWidget | None = None, *, source: str = "") -> None:
        super().__init__(parent)
        self.source = source or tr("LandSpace 数据库")
        self._spec: (
            tuple[ChartKind, list[str], list[tuple[str, list[Number]]], str, str | None, list[Number], str]
            | None
        ) = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title_label = QLabel(title)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        top.addWidget(self.title_label, 1)
        self.export_button = QPushButton(tr("打印/导出"))
        menu = QMenu(self.export_button)
        menu.addAction(tr("导出 PNG…"), self._ask_export)
        menu.addAction(tr("导出 PDF…"), lambda: export_pdf(self, self.print_document))
        menu.addAction(tr("打印…"), lambda: print_document(self, self.print_document))
        menu.addAction(tr("打印预览…"), lambda: print_preview(self, self.print_document))
        self.export_button.setMenu(menu)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self._stack = QStackedLayout()
        layout.addLayout(self._stack, 1)
        self.message = QLabel(tr("暂无数据"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #777777;")
        self._stack.addWidget(self.message)
        self.view = ChartView()
        self._stack.addWidget(self.view)
        self.setMinimumHeight(220)
        self.kind = ""  # "bars" | "lines" | "hbars" | "" — what is drawn

    # --- public API --------------------------------------------------------------
    def _show(
        self,
        kind: ChartKind,
        categories: Sequence[str],
        series: Series,
        unit: str,
        title: str | None,
        *,
        marks: Sequence[Number] = (),
        mark_label: str = "",
    ) -> None:
        self.kind = "bars" if kind == "stacked" else kind
        self._spec = (
            kind,
            list(categories),
            [(n, list(v)) for n, v in series],
            unit,
            title,
            list(marks),
            mark_label,
        )
        if title is not None:
            self.title_label.setText(title)
        self.view.set_spec(self.chart_spec())
        self._stack.setCurrentWidget(self.view)

    def set_message(self, text: str) -> None:
        self._spec = None
        self.view.set_spec(None)
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)
        self.kind = ""

    def clear(self) -> None:
        self.set_message(tr("暂无数据"))

    def set_bars(
        self,
        categories: Sequence[str],
        series: Series,
        stacked: bool = False,
        y_label: str = "",
        title: str | None = None,
    ) -> None:
        if not categories or not series:
            self.clear()
            return
        self._show("stacked" if stacked else "bars", categories, series, y_label, title)

    def set_lines(
        self, x: Sequence[str], series: Series, y_label: str = "", title: str | None = None
    ) -> None:
        if not x or not series:
            self.clear()
            return
        self._show("lines", x, series, y_label, title)

    def set_hbars(
        self,
        categories: Sequence[str],
        values: Sequence[Number],
        x_label: str = "",
        title: str | None = None,
        *,
        marks: Sequence[Number] = (),
        mark_label: str = "",
    ) -> None:
        """Horizontal bars, the first category on top (a simple funnel when decreasing); a
        marker on bar i at ``marks[i]`` (None: none), named ``mark_label`` in the legend."""
        if not categories:
            self.clear()
            return
        self._show("hbars", categories, [("", values)], x_label, title, marks=marks, mark_label=mark_label)

    # --- print and export -------------------------------------------------------
    def chart_spec(self) -> ChartSpec | None:
        """The data drawn, with the title, unit and source, for printing."""
        if self._spec is None:
            return None
        kind, categories, series, unit, title, marks, mark_label = self._spec
        return ChartSpec(
            kind,
            title or self.title_label.text() or tr("图表"),
            categories,
            series,
            unit=unit,
            source=self.source,
            marks=marks,
            mark_label=mark_label,
        )

    def print_document(self) -> PrintDocument:
        from desktop.page import Page

        spec = self.chart_spec() or ChartSpec(
            "bars", self.title_label.text() or tr("图表"), [], [], source=self.source
        )
        page = self.parent()
        while page is not None and not isinstance(page, Page):
            page = page.parent()
        author = page.ctx.user.username if isinstance(page, Page) else ""
        return chart_document(spec, author=author)

    def export_png(self, path: str | Path) -> Path:
        """Save the chart as PNG with its title, unit, legend, data source and date (the
        on-screen view when nothing is drawn)."""
        spec = self.chart_spec()
        if spec is not None:
            return write_chart_png(spec, path)
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        image = self.grab()
        if not image.save(str(target), "PNG"):
            raise OSError(f"cannot write {target}")
        return target

    def _ask_export(self) -> None:
        name = self.title_label.text() or tr("图表")
        path, _ = save_file_name(self, tr("导出 PNG"), f"{name}.png", tr("PNG 图片 (*.png)"))
        if path:
            self.export_png(path)
