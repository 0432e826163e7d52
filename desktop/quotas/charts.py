"""The ledger's charts, over ``ChartPanel`` (printable, PNG/PDF export):

- per year: stacked bars per platform of 已用 / 已分配未用, plus a 未分配 column;
- 利用率: one line per platform across the years (used ÷ allocated) and the district
  (used ÷ granted).
Figures come from ``models.quotas.queries`` as exact ㎡ and are shown in the user's unit.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.i18n import tr
from desktop.item_models.formats import area_header
from desktop.widgets.chart_panel import ChartPanel
from models.quotas.queries import BalanceTree, Figures, PlatformBalance
from models.units import AreaUnit, from_m2


def stacked_series(
    rows: list[PlatformBalance], totals: Figures, unit: AreaUnit
) -> tuple[list[str], list[tuple[str, list[Decimal]]]]:
    """Categories (platforms, then 未分配) and the three stacked series in ``unit``."""
    cats = [pb.platform.label for pb in rows] + [tr("未分配")]

    def conv(v: Decimal) -> Decimal:
        return from_m2(v, unit, 4)

    used = [conv(pb.figures.used) for pb in rows] + [Decimal(0)]
    unused = [conv(pb.figures.remaining) for pb in rows] + [Decimal(0)]
    unalloc = [Decimal(0)] * len(rows) + [conv(totals.unallocated)]
    return cats, [(tr("已用"), used), (tr("已分配未用"), unused), (tr("未分配"), unalloc)]


def utilisation_series(tree: BalanceTree) -> tuple[list[str], list[tuple[str, list[Decimal | None]]]]:
    """Years ascending; one series per platform (% of allocated used) and the district (% of granted)."""
    years = sorted(tree.years, key=lambda y: y.year)
    names: dict[int, str] = {}
    for y in years:
        for pb in y.platforms:
            names.setdefault(pb.platform.id, pb.platform.label)
    series: list[tuple[str, list[Decimal | None]]] = []
    for pid, name in names.items():
        values: list[Decimal | None] = []
        for y in years:
            found = next((p for p in y.platforms if p.platform.id == pid), None)
            rate = found.figures.utilisation(of_allocated=True) if found else None
            values.append(None if rate is None else rate * 100)
        series.append((name, values))
    district = [y.figures.utilisation() for y in years]
    series.append((tr("全区（占下达）"), [None if r is None else r * 100 for r in district]))
    return [str(y.year) for y in years], series


class QuotaCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bars = ChartPanel(
            tr("各平台指标使用"), source=tr("LandSpace 数据库：用地指标台账（下达、分配、使用）")
        )
        self.lines = ChartPanel(
            tr("指标利用率"), source=tr("LandSpace 数据库：用地指标台账（下达、分配、使用）")
        )
        layout.addWidget(self.bars, 3)
        layout.addWidget(self.lines, 2)

    def show_year(self, year: int, rows: list[PlatformBalance], totals: Figures, unit: AreaUnit) -> None:
        if totals.granted == 0 and not any(pb.figures.allocated for pb in rows):
            self.bars.set_message(tr("{year} 年暂无指标", year=year))
            return
        cats, series = stacked_series(rows, totals, unit)
        self.bars.set_bars(
            cats,
            series,
            stacked=True,
            y_label=area_header(tr("面积"), unit),
            title=tr("{year} 年各平台指标使用", year=year),
        )

    def show_utilisation(self, tree: BalanceTree) -> None:
        if not tree.years:
            self.lines.set_message(tr("暂无数据"))
            return
        x, series = utilisation_series(tree)
        self.lines.set_lines(x, series, y_label=tr("利用率（%）"), title=tr("指标利用率（按年度）"))
