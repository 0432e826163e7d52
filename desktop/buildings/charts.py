"""The page's two charts (ChartPanel, with its PNG export): the transferred share of each
building against its cap (horizontal bars, the cap as a marker on each bar; the highest
shares first), and transfers per year with the overridden ones beside them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.i18n import tr
from desktop.widgets.chart_panel import ChartPanel
from models.buildings.queries import BuildingRow, YearCount

TOP = 25  # buildings drawn in the share chart


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
        self.share.set_hbars(
            [b.code for b in top],
            [b.ratio * 100 for b in top],
            x_label="%",
            title=title,
            marks=[None if b.cap is None else b.cap * 100 for b in top],
            mark_label=tr("上限（%）"),
        )
