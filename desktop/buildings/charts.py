"""The page's two charts: transferred share against the cap per building, and transfers
per year. A small pyqtgraph panel with the ``set_bars`` call of h3-desktop's ChartPanel
(desktop/widgets/chart_panel.py), to be swapped for it once that is on main."""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.i18n import tr
from models.buildings.queries import BuildingRow, YearCount

PALETTE = ("#f28e2b", "#1f6feb", "#59a14f", "#e15759")
TOP = 25  # buildings drawn in the share chart
Number = float | int | Decimal | None


def _pg() -> Any:
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    import pyqtgraph

    pyqtgraph.setConfigOptions(antialias=True, background="w", foreground="#333333")
    return pyqtgraph


def _f(v: Number) -> float:
    return 0.0 if v is None else float(v)


class BarChart(QWidget):
    """Grouped bars with category labels; ``export_png`` saves what is shown."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        self.title.setStyleSheet("font-weight: bold;")
        pg = _pg()
        self.plot = pg.PlotWidget(self)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        self.categories: list[str] = []

    def set_bars(self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]],
                 y_label: str = "", lines: Sequence[tuple[str, Sequence[Number]]] = ()) -> None:
        pg = _pg()
        self.plot.clear()
        self.categories = list(categories)
        item = self.plot.getPlotItem()
        if item.legend is None:
            item.addLegend(offset=(-10, 10))
        n = max(1, len(series))
        width = 0.8 / n
        for i, (name, values) in enumerate(series):
            xs = [k - 0.4 + width * (i + 0.5) for k in range(len(categories))]
            ys = [0.0 if v is None else float(v) for v in values]
            self.plot.addItem(pg.BarGraphItem(x=xs, height=ys, width=width * 0.9, brush=PALETTE[i % len(PALETTE)],
                                              pen=None, name=name))
        for j, (name, values) in enumerate(lines):
            colour = PALETTE[(len(series) + j) % len(PALETTE)]
            for k, v in enumerate(values):
                if v is not None:
                    self.plot.plot([k - 0.45, k + 0.45], [float(v)] * 2, pen=pg.mkPen(colour, width=3))
            item.legend.addItem(pg.PlotDataItem(pen=pg.mkPen(colour, width=3)), name)
        axis = self.plot.getAxis("bottom")
        axis.setTicks([list(enumerate(categories))])
        self.plot.setLabel("left", y_label)
        self.plot.setXRange(-0.6, max(0, len(categories) - 1) + 0.6, padding=0)
        self.plot.enableAutoRange(axis="y")

    def set_hbars(self, categories: Sequence[str], values: Sequence[Number], x_label: str = "",
                  markers: Sequence[Number] = (), names: tuple[str, str] = ("", "")) -> None:
        """Horizontal bars, first category on top; ``markers`` draws a short vertical line
        on each bar (the cap)."""
        pg = _pg()
        self.plot.clear()
        self.categories = list(categories)
        item = self.plot.getPlotItem()
        if item.legend is None:
            item.addLegend(offset=(-10, 10))
        item.legend.setOffset((-10, -30))
        n = len(categories)
        ys = [n - 1 - k for k in range(n)]
        left = self.plot.getAxis("left")
        left.setWidth(max(40, max((self.fontMetrics().horizontalAdvance(c) for c in categories), default=0) + 12))
        self.plot.addItem(pg.BarGraphItem(x0=[0] * n, y=ys, height=0.6, width=[_f(v) for v in values],
                                          brush=PALETTE[0], pen=None, name=names[0]))
        marker_pen = pg.mkPen(PALETTE[1], width=3)
        for y, m in zip(ys, markers, strict=False):
            if m is not None:
                self.plot.plot([float(m)] * 2, [y - 0.42, y + 0.42], pen=marker_pen)
        if markers and names[1]:
            item.legend.addItem(pg.PlotDataItem(pen=marker_pen), names[1])
        left.setTicks([list(zip(ys, categories, strict=True))])
        self.plot.getAxis("bottom").setTicks(None)
        self.plot.setLabel("bottom", x_label)
        self.plot.setYRange(-0.6, max(0, n - 1) + 0.6, padding=0)
        self.plot.enableAutoRange(axis="x")

    def export_png(self, path: str | Path) -> Path:
        out = Path(path)
        self.grab().save(str(out))
        return out


class BuildingCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = BarChart(tr("已转让比例与上限（按楼宇）"), self)
        self.years = BarChart(tr("各年分割转让"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.share, 3)
        layout.addWidget(self.years, 2)

    def show_data(self, buildings: Sequence[BuildingRow], years: Sequence[YearCount]) -> None:
        top = sorted(buildings, key=lambda b: (-b.ratio, b.code))[:TOP]
        self.share.title.setText(tr("已转让比例与上限（按楼宇）") if len(buildings) <= TOP
                                 else tr("已转让比例与上限（比例最高的 {n} 栋）", n=TOP))
        self.share.set_hbars([b.code for b in top], [b.ratio * 100 for b in top], x_label="%",
                             markers=[None if b.cap is None else b.cap * 100 for b in top],
                             names=(tr("已转让比例（%）"), tr("上限（%）")))
        self.years.set_bars([str(y.year) for y in years],
                            [(tr("转让笔数"), [y.transfers for y in years]),
                             (tr("越权批准笔数"), [y.overridden for y in years])],
                            y_label=tr("笔"))
