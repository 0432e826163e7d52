"""The page's two charts (ChartPanel, with its PNG export): the transferred share of each
building against its cap (horizontal bars, the cap as a marker on each bar; the highest
shares first), and transfers per year with the overridden ones beside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.i18n import tr
from desktop.widgets.chart_panel import ChartPanel, _pg
from models.buildings.queries import BuildingRow, YearCount

TOP = 25  # buildings drawn in the share chart
CAP_COLOUR = "#c0392b"


class BuildingCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = ChartPanel(
            tr("已转让比例与上限（按楼宇）"),
            self,
            source=tr("LandSpace 数据库：楼宇单元与分割转让记录、比例上限规则"),
        )
        self.years = ChartPanel(tr("各年分割转让"), self, source=tr("LandSpace 数据库：分割转让记录"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.share, 3)
        layout.addWidget(self.years, 2)

    def show_data(self, buildings: Sequence[BuildingRow], years: Sequence[YearCount]) -> None:
        self.show_share(buildings)
        if years:
            self.years.set_bars(
                [str(y.year) for y in years],
                [
                    (tr("转让笔数"), [y.transfers for y in years]),
                    (tr("越权批准笔数"), [y.overridden for y in years]),
                ],
                y_label=tr("笔"),
            )
        else:
            self.years.clear()

    def show_share(self, buildings: Sequence[BuildingRow]) -> None:
        top = sorted(buildings, key=lambda b: (-b.ratio, b.code))[:TOP]
        title = (
            tr("已转让比例与上限（按楼宇）")
            if len(buildings) <= TOP
            else tr("已转让比例与上限（比例最高的 {n} 栋）", n=TOP)
        )
        self.share.set_hbars([b.code for b in top], [b.ratio * 100 for b in top], x_label="%", title=title)
        if not top:
            return
        self.share.then(lambda plot: self._caps(plot, top))

    def _caps(self, plot: Any, top: Sequence[BuildingRow]) -> None:
        """Each building's cap as a marker on its bar (drawn once the bars are: off the UI
        thread's way until the chart is seen and pyqtgraph is in)."""
        pg = _pg()
        pen = pg.mkPen(QColor(CAP_COLOUR), width=3)
        n = len(top)
        caps = [float(b.cap * 100) for b in top if b.cap is not None]
        for i, b in enumerate(top):
            if b.cap is not None:
                y = n - 1 - i
                plot.plot([float(b.cap * 100)] * 2, [y - 0.42, y + 0.42], pen=pen)
        if caps:
            legend = plot.addLegend(offset=(-10, -10), labelTextColor="#333333")
            legend.addItem(pg.PlotDataItem(pen=pen), tr("上限（%）"))
            right = max(max(caps), max(float(b.ratio * 100) for b in top))
            plot.setXRange(0, right * 1.15, padding=0)
