"""The charts tab: occupancy per carrier and per platform over time, firms in and out per
month, vacancy by platform. Data comes from ``models.incubation.usage`` (already scoped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.i18n import tr
from desktop.widgets.chart_panel import ChartPanel
from models.incubation import usage
from models.incubation.occupancy import add_months, month_start
from models.units import AreaUnit, from_m2


@dataclass(frozen=True)
class ChartData:
    by_carrier: list[usage.Series]
    by_platform: list[usage.Series]
    flows: list[usage.FlowRow]
    vacancy: list[usage.PlatformVacancy]


def load_chart_data(session: Session, *, on: dt.date, months: int = 36) -> ChartData:
    last = add_months(month_start(on), -1)
    first = add_months(last, -(months - 1))
    return ChartData(
        usage.occupancy_series(session, first=first, last=last, by="carrier"),
        usage.occupancy_series(session, first=first, last=last, by="platform"),
        usage.tenant_flows(session, first=first, last=last),
        usage.vacancy_by_platform(session, on=on),
    )


def _pct(values: tuple[Decimal | None, ...]) -> list[Decimal | None]:
    return [None if v is None else v * 100 for v in values]


class ChartsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("按载体显示")))
        self.carrier_pick = QComboBox()
        self.carrier_pick.currentIndexChanged.connect(self._draw_carriers)
        top.addWidget(self.carrier_pick)
        top.addStretch(1)
        outer.addLayout(top)
        grid = QGridLayout()
        self.carriers = ChartPanel(
            tr("各载体使用率（日均，%）"), source=tr("LandSpace 数据库：载体月度使用报表")
        )
        self.platforms = ChartPanel(
            tr("各平台载体使用率（日均，%）"), source=tr("LandSpace 数据库：载体月度使用报表")
        )
        self.flows = ChartPanel(
            tr("近 12 个月入驻、毕业、退出企业（家）"), source=tr("LandSpace 数据库：载体入驻记录")
        )
        self.vacancy = ChartPanel(
            tr("各平台空置面积（㎡）"), source=tr("LandSpace 数据库：载体空间与入驻记录")
        )
        grid.addWidget(self.carriers, 0, 0)
        grid.addWidget(self.platforms, 0, 1)
        grid.addWidget(self.flows, 1, 0)
        grid.addWidget(self.vacancy, 1, 1)
        outer.addLayout(grid, 1)
        self.data: ChartData | None = None

    def set_data(self, data: ChartData) -> None:
        self.data = data
        current = self.carrier_pick.currentText()
        self.carrier_pick.blockSignals(True)
        self.carrier_pick.clear()
        self.carrier_pick.addItem(tr("使用率最低的 5 个"), None)
        for s in data.by_carrier:
            self.carrier_pick.addItem(s.label, s.label)
        index = self.carrier_pick.findText(current)
        self.carrier_pick.setCurrentIndex(max(index, 0))
        self.carrier_pick.blockSignals(False)
        self._draw_carriers()
        self._draw_platforms()
        self._draw_flows()
        self._draw_vacancy()

    def _labels(self, months: tuple[dt.date, ...]) -> list[str]:
        return [f"{m:%Y-%m}" for m in months]

    def _draw_carriers(self) -> None:
        if self.data is None or not self.data.by_carrier:
            self.carriers.set_message(tr("暂无数据"))
            return
        wanted = self.carrier_pick.currentData()
        if wanted is None:

            def last(s: usage.Series) -> Decimal:
                return next((v for v in reversed(s.values) if v is not None), Decimal(0))

            series = sorted(self.data.by_carrier, key=last)[:5]
        else:
            series = [s for s in self.data.by_carrier if s.label == wanted]
        self.carriers.set_lines(
            self._labels(series[0].months),
            [(s.label, _pct(s.values)) for s in series],
            y_label=tr("使用率（%）"),
        )

    def _draw_platforms(self) -> None:
        assert self.data is not None
        if not self.data.by_platform:
            self.platforms.set_message(tr("暂无数据"))
            return
        s0 = self.data.by_platform[0]
        self.platforms.set_lines(
            self._labels(s0.months),
            [(s.label, _pct(s.values)) for s in self.data.by_platform],
            y_label=tr("使用率（%）"),
        )

    def _draw_flows(self) -> None:
        assert self.data is not None
        rows = self.data.flows[-12:]
        if not rows:
            self.flows.set_message(tr("暂无数据"))
            return
        self.flows.set_bars(
            [f"{r.month:%Y-%m}" for r in rows],
            [
                (tr("新入驻"), [r.new_tenants for r in rows]),
                (tr("毕业"), [r.graduated for r in rows]),
                (tr("退出"), [r.left for r in rows]),
            ],
            y_label=tr("企业（家）"),
        )

    def _draw_vacancy(self) -> None:
        assert self.data is not None
        rows = self.data.vacancy
        if not rows:
            self.vacancy.set_message(tr("暂无数据"))
            return
        self.vacancy.set_bars(
            [r.platform_name for r in rows],
            [
                (tr("已使用"), [from_m2(r.occupied_m2, AreaUnit.M2, 0) for r in rows]),
                (tr("空置"), [from_m2(r.vacant_m2, AreaUnit.M2, 0) for r in rows]),
            ],
            stacked=True,
            y_label=tr("面积（㎡）"),
        )
