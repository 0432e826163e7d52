"""``ChartPanel``: a titled chart over pyqtgraph with a "打印/导出" menu: 导出 PNG…,
导出 PDF…, 打印…, 打印预览… — all made from the data drawn, painted by
``desktop.printing.charts`` (vector in the PDF) with the title, the unit, a legend, the
data source (``source``, default the LandSpace database) and the date.

pyqtgraph is imported lazily, on the UI thread, the first time a chart is drawn, so
start-up stays fast (see ``pyqtgraph_ready`` for why not on a thread of its own).
``PYQTGRAPH_QT_LIB=PySide6`` is set before the import. Values may be float here:
charts only draw, the figures shown in tables stay exact.

API (every call replaces what is drawn)::

    panel = ChartPanel(title=tr("各平台指标"))
    panel.set_bars(categories, [(series_name, values), …], stacked=False,
                   y_label=tr("面积（亩）"), title=None)      # grouped or stacked columns
    panel.set_lines(x_labels, [(series_name, values), …], y_label=…)  # one line per series
    panel.set_hbars(categories, values, x_label=…)            # horizontal bars / funnel,
                                                              # first category on top
    panel.clear()
    panel.export_png(path)  -> Path                           # the chart as PNG (title, unit,
                                                              # legend, source, date)
    panel.chart_spec() -> ChartSpec | None                    # the data drawn, for printing
    panel.flush()                                             # draw now (tests, export)

Drawing waits until the panel is first shown (then ~30 ms, after the window has
painted), so a chart on a page nobody has opened costs nothing at start-up.
    panel.set_message(text)                                   # e.g. "暂无数据" instead of a chart

``values`` are numbers (Decimal accepted); ``None`` draws nothing for that point.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.printing.charts import PALETTE, ChartKind, ChartSpec, chart_document, write_chart_png
from desktop.printing.dialogs import export_pdf, print_document, print_preview
from desktop.printing.document import PrintDocument
from desktop.widgets.file_dialogs import save_file_name

DRAW_DELAY_MS = 30

Number = float | int | Decimal | None
Series = Sequence[tuple[str, Sequence[Number]]]


def _num(value: Number) -> float:
    return 0.0 if value is None else float(value)


def _pg() -> Any:
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    import pyqtgraph

    pyqtgraph.setConfigOptions(antialias=True, background="w", foreground="#333333")
    return pyqtgraph


_import: dict[str, Any] = {"done": False}
IMPORT_POLL_MS = 20


def pyqtgraph_ready() -> bool:
    """pyqtgraph is imported (here, on the UI thread, the first time a chart is drawn).

    Importing it on a thread of its own saved ~0.2 s of frozen window at the first chart, but
    pyqtgraph builds Qt objects as it imports (pens, fonts, paths) while the UI thread paints,
    and a fresh-clone CI run crashed once in a page walk with that import running: the import
    stays on the UI thread until that is shown safe."""
    if not _import["done"]:
        _pg()
        _import["done"] = True
    return True


class ChartPanel(QWidget):
    def __init__(self, title: str = "", parent: QWidget | None = None, *, source: str = "") -> None:
        super().__init__(parent)
        self.source = source or tr("LandSpace 数据库")
        self._spec: tuple[ChartKind, list[str], list[tuple[str, list[Any]]], str, str | None] | None = None
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
        self._plot_widget: Any = None
        self.setMinimumHeight(220)
        self.kind = ""  # "bars" | "lines" | "hbars" | "" — what is (or will be) drawn
        self._pending: tuple[Callable[..., None], tuple[Any, ...]] | None = None
        self._after: list[Callable[[Any], None]] = []  # drawn on top of what is pending (``then``)
        self._shown = False

    # --- the plot ----------------------------------------------------------------
    def plot_widget(self) -> Any:
        if self._plot_widget is None:
            pg = _pg()
            widget = pg.PlotWidget()
            widget.setMenuEnabled(False)
            widget.setMouseEnabled(x=False, y=False)
            widget.hideButtons()
            widget.showGrid(x=False, y=True, alpha=0.25)
            self._plot_widget = widget
            self._stack.addWidget(widget)
        return self._plot_widget

    def _reset(self, title: str | None) -> Any:
        if title is not None:
            self.title_label.setText(title)
        widget = self.plot_widget()
        plot = widget.getPlotItem()
        plot.clear()
        if plot.legend is not None:
            plot.legend.scene().removeItem(plot.legend) if plot.legend.scene() else None
            plot.legend = None
        plot.getAxis("bottom").setTicks(None)
        plot.getAxis("left").setTicks(None)
        plot.getAxis("left").setWidth(None)
        widget.showGrid(x=False, y=True, alpha=0.25)
        self._stack.setCurrentWidget(widget)
        return plot

    def _legend(self, plot: Any) -> Any:
        legend = plot.addLegend(offset=(-10, 10), labelTextColor="#333333")
        legend.setBrush(QColor(255, 255, 255, 220))
        return legend

    def _font(self) -> QFont:
        return QFont(self.font())

    def _label(self, plot: Any, side: str, text: str) -> None:
        plot.setLabel(
            side, text, **{"font-size": f"{self.font().pointSize() + 1}pt"}
        ) if text else plot.setLabel(side, "")

    # --- public API --------------------------------------------------------------
    def _request(self, kind: str, draw: Callable[..., None], *args: Any) -> None:
        """Draw now if the panel has been shown, else when it first is: pyqtgraph is not
        imported (and nothing drawn) for a chart nobody has looked at yet."""
        self.kind = kind
        self._pending = (draw, args)
        self._after = []
        if self._shown:
            self._flush_when_ready()

    def _flush_when_ready(self) -> None:
        """Draw once pyqtgraph is imported (off the UI thread), polling meanwhile."""
        if self._pending is None:
            return
        if not pyqtgraph_ready():
            QTimer.singleShot(IMPORT_POLL_MS, self, self._flush_when_ready)
            return
        if self._plot_widget is None:  # making the plot and drawing on it: two turns of the loop
            self.plot_widget()
            QTimer.singleShot(1, self, self._flush_when_ready)
            return
        self.flush()

    def flush(self) -> None:
        """Draw what was asked for (if not drawn yet)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            draw, args = pending
            draw(*args)  # imports pyqtgraph here if it is not in yet (waits for the thread)
            after, self._after = self._after, []
            for extra in after:
                extra(self.plot_widget().getPlotItem())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            # after the window has painted once: start-up does not wait for pyqtgraph
            QTimer.singleShot(DRAW_DELAY_MS, self, self._flush_when_ready)

    def then(self, extra: Callable[[Any], None]) -> None:
        """Draw more on the plot (``extra(plot_item)``) once what was asked for is drawn."""
        if self._pending is None:
            if self._plot_widget is not None and self.kind:
                extra(self._plot_widget.getPlotItem())
            return
        self._after.append(extra)

    def set_message(self, text: str) -> None:
        self._pending = None
        self._after = []
        self._spec = None
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
        self._keep("stacked" if stacked else "bars", categories, series, y_label, title)
        self._request("bars", self._draw_bars, list(categories), list(series), stacked, y_label, title)

    def _draw_bars(
        self, categories: Sequence[str], series: Series, stacked: bool, y_label: str, title: str | None
    ) -> None:
        pg = _pg()
        plot = self._reset(title)
        legend = self._legend(plot) if len(series) > 1 else None
        n = len(series)
        group = 0.8
        width = group if stacked else group / n
        base = [0.0] * len(categories)
        for k, (name, values) in enumerate(series):
            heights = [_num(v) for v in values]
            color = QColor(PALETTE[k % len(PALETTE)])
            if stacked:
                xs: list[float] = [float(i) for i in range(len(categories))]
                item = pg.BarGraphItem(
                    x=xs,
                    y0=list(base),
                    height=heights,
                    width=width,
                    brush=color,
                    pen=pg.mkPen(color.darker(120)),
                )
                base = [b + h for b, h in zip(base, heights, strict=False)]
            else:
                xs = [i - group / 2 + width * (k + 0.5) for i in range(len(categories))]
                item = pg.BarGraphItem(
                    x=xs, height=heights, width=width * 0.92, brush=color, pen=pg.mkPen(color.darker(120))
                )
            plot.addItem(item)
            if legend is not None:
                legend.addItem(item, name)
        axis = plot.getAxis("bottom")
        axis.setTicks([[(i, c) for i, c in enumerate(categories)]])
        axis.setTickFont(self._font())
        self._label(plot, "left", y_label)
        top = max(base) if stacked else max((_num(v) for _, vs in series for v in vs), default=0.0)
        plot.setXRange(-0.6, len(categories) - 0.4, padding=0)
        plot.setYRange(min(0.0, top), top * 1.12 if top > 0 else 1.0, padding=0)

    def set_lines(
        self, x: Sequence[str], series: Series, y_label: str = "", title: str | None = None
    ) -> None:
        if not x or not series:
            self.clear()
            return
        self._keep("lines", x, series, y_label, title)
        self._request("lines", self._draw_lines, list(x), list(series), y_label, title)

    def _draw_lines(self, x: Sequence[str], series: Series, y_label: str, title: str | None) -> None:
        pg = _pg()
        plot = self._reset(title)
        legend = self._legend(plot) if len(series) > 1 else None
        for k, (name, values) in enumerate(series):
            color = QColor(PALETTE[k % len(PALETTE)])
            points: list[tuple[float, float]] = [(i, float(v)) for i, v in enumerate(values) if v is not None]
            item = pg.PlotDataItem(
                [p[0] for p in points],
                [p[1] for p in points],
                pen=pg.mkPen(color, width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush=color,
                symbolPen=color,
                name=None,
            )
            plot.addItem(item)
            if legend is not None:
                legend.addItem(item, name)
        axis = plot.getAxis("bottom")
        step = max(1, len(x) // 12)
        axis.setTicks([[(i, label) for i, label in enumerate(x) if i % step == 0]])
        axis.setTickFont(self._font())
        self._label(plot, "left", y_label)
        plot.setXRange(-0.5, len(x) - 0.5, padding=0)
        plot.enableAutoRange(axis="y")

    def set_hbars(
        self,
        categories: Sequence[str],
        values: Sequence[Number],
        x_label: str = "",
        title: str | None = None,
        color: str | None = None,
    ) -> None:
        """Horizontal bars, the first category on top (a simple funnel when decreasing)."""
        if not categories:
            self.clear()
            return
        self._keep("hbars", categories, [("", values)], x_label, title)
        self._request("hbars", self._draw_hbars, list(categories), list(values), x_label, title, color)

    def _draw_hbars(
        self,
        categories: Sequence[str],
        values: Sequence[Number],
        x_label: str,
        title: str | None,
        color: str | None,
    ) -> None:
        pg = _pg()
        plot = self._reset(title)
        n = len(categories)
        widths = [_num(v) for v in values]
        ys = [n - 1 - i for i in range(n)]
        brush = QColor(color or PALETTE[0])
        item = pg.BarGraphItem(
            x0=[0.0] * n, y=ys, height=0.6, width=widths, brush=brush, pen=pg.mkPen(brush.darker(120))
        )
        plot.addItem(item)
        top = max(widths, default=0.0)
        for y, w in zip(ys, widths, strict=False):
            text = pg.TextItem(f"{w:,.2f}".rstrip("0").rstrip("."), color="#333333", anchor=(0, 0.5))
            text.setPos(w, y)
            plot.addItem(text)
        axis = plot.getAxis("left")
        axis.setTicks([[(y, c) for y, c in zip(ys, categories, strict=False)]])
        axis.setTickFont(self._font())
        metrics = QFontMetrics(self._font())
        axis.setWidth(max(metrics.horizontalAdvance(c) for c in categories) + 16)
        self.plot_widget().showGrid(x=True, y=False, alpha=0.25)
        self._label(plot, "bottom", x_label)
        plot.setYRange(-0.6, n - 0.4, padding=0)
        plot.setXRange(0, top * 1.2 if top > 0 else 1.0, padding=0)

    # --- print and export -------------------------------------------------------
    def _keep(
        self, kind: ChartKind, categories: Sequence[str], series: Series, unit: str, title: str | None
    ) -> None:
        self._spec = (kind, list(categories), [(n, list(v)) for n, v in series], unit, title)

    def chart_spec(self) -> ChartSpec | None:
        """The data drawn (or about to be), with the title, unit and source, for printing."""
        if self._spec is None:
            return None
        kind, categories, series, unit, title = self._spec
        return ChartSpec(
            kind,
            title or self.title_label.text() or tr("图表"),
            categories,
            series,
            unit=unit,
            source=self.source,
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
        self.flush()
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
