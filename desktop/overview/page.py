"""总览 — the leaders' overview: headline cards from every area
(``models.overview.overview_figures``), the figures per platform side by side, a chart,
and the 2030 targets with their actuals and path (``desktop.overview.targets``). Refreshes
after every area's changes and when the area unit changes.

Each figure's ``label`` is a message code rendered with its ``fields``; its ``unit``
says how the value is shown: ``m2`` in the user's area unit, ``count`` as a whole
number, ``percent`` as given with "%", ``ratio`` (a fraction) as a percentage,
``wan`` in 万元.

Run alone on a demo database: ``python -m desktop.overview.page [DB]``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import choice_labels
from desktop.context import AppContext
from desktop.i18n import bracketed, tr
from desktop.item_models.formats import format_area, format_decimal, unit_label
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.messages import catalogue, render
from desktop.overview.targets import TargetsPanel
from desktop.page import Page
from desktop.settings import settings
from desktop.widgets.chart_panel import ChartPanel
from desktop.widgets.table_view import RowTableView
from models.errors import Problem
from models.overview import OverviewFigure
from models.overview_snapshot import OverviewSnapshot
from models.progress import Progress
from models.targets.status import TargetStatus
from models.units import AreaUnit, from_m2

log = logging.getLogger(__name__)
MAX_CARDS_PER_ROW = 7
AREA_TITLES = {
    "enterprises": "企业",
    "quotas": "用地指标",
    "land": "地块",
    "efficiency": "亩均效益",
    "renewal": "腾笼换鸟",
    "buildings": "工业楼宇",
    "incubation": "孵化载体",
}


def figure_text(figure: OverviewFigure, unit: AreaUnit) -> tuple[str, str]:
    """(value, unit) as shown on a card."""
    value = figure.value
    if figure.unit == "m2":
        return format_area(value, unit), unit_label(unit)
    if figure.unit == "count":
        return f"{int(value):,}", ""
    if figure.unit == "percent":
        return format_decimal(value, 1), "%"
    if figure.unit == "ratio":
        return format_decimal(value * 100, 1), "%"
    if figure.unit == "tce":  # tonnes of standard coal, not a fraction (it was shown as 740,500 %)
        return format_decimal(value, 1), tr("吨标煤")
    if figure.unit == "wan":
        return format_decimal(value, 2), tr("万元")
    return str(value), ""


def figure_label(figure: OverviewFigure, *, without_platform: bool = False) -> str:
    """The figure's sentence; ``without_platform`` blanks a ``{platform}`` field (used as a
    column title or series name when the platform is already the row or the category)."""
    fields = dict(figure.fields)
    if without_platform and "platform" in fields:
        fields["platform"] = ""
    return render(Problem(figure.label, fields)).strip()


def _nth(k: int) -> Any:
    return lambda r: r[1][k]


class FigureCard(QFrame):
    def __init__(
        self, label: str, value: str, unit: str, area: str, emphasis: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setProperty("emphasis", "true" if emphasis else "false")
        layout = QVBoxLayout(self)
        top = QLabel(tr(AREA_TITLES.get(area, area)))
        top.setObjectName("hint")
        layout.addWidget(top)
        row = QHBoxLayout()
        self.value = QLabel(value)
        self.value.setObjectName("figureValue")
        self.value.setProperty("emphasis", "true" if emphasis else "false")
        row.addWidget(self.value)
        unit_text = QLabel(unit)
        unit_text.setAlignment(Qt.AlignmentFlag.AlignBottom)
        row.addWidget(unit_text)
        row.addStretch(1)
        layout.addLayout(row)
        self.label = QLabel(label)
        self.label.setObjectName("figureLabel")
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.setMinimumWidth(230)
        self.setMaximumWidth(340)
        self.setMaximumHeight(140)


class OverviewPage(Page):
    loaded = Signal()  # figures shown (after each reload)

    key: ClassVar[str] = "overview"
    areas: ClassVar[tuple[str, ...]] = (
        "platforms",
        "policy",
        "enterprises",
        "quotas",
        "land",
        "efficiency",
        "renewal",
        "buildings",
        "incubation",
        "targets",
    )
    reads = (
        "quota_grants",
        "plots",
        "efficiency_results",
        "renewal_projects",
        "transfers",
        "carriers",
        "targets",
    )

    @classmethod
    def title(cls) -> str:
        return tr("总览")

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        snapshot: OverviewSnapshot | None = None,
    ) -> None:
        """``snapshot``: the figures as last read, shown at once (start-up, before the database
        is open: ``MainWindow.show_snapshot``); ``reload`` reads them live."""
        super().__init__(ctx, parent)
        self.today = today
        self.figures: list[OverviewFigure] = []
        self.platform_names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        title = QLabel(self.title())
        title.setObjectName("pageTitle")
        heading.addWidget(title)
        self.as_of = QLabel()
        self.as_of.setObjectName("hint")
        heading.addWidget(self.as_of)
        heading.addStretch(1)
        layout.addLayout(heading)

        self.cards_host = QWidget()
        self.cards = QGridLayout(self.cards_host)
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.card_widgets: list[FigureCard] = []
        self.card_columns = 0
        self.empty = QLabel(tr("暂无数据。导入或录入各模块的数据后，这里显示各平台的关键指标。"))
        self.empty.setObjectName("hint")

        self.platform_model = RowTableModel([], self)
        self.platform_view = RowTableView(self.platform_model, "")
        self.chart = ChartPanel(tr("各平台对比"), source=tr("LandSpace 数据库：各业务台账汇总（总览）"))
        self.targets_box = TargetsPanel()
        self.targets_box.setMinimumHeight(320)
        lower = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(tr("分平台")))
        lv.addWidget(self.platform_view, 1)
        lower.addWidget(left)
        lower.addWidget(self.chart)
        lower.setSizes([600, 600])
        lower.setMinimumHeight(380)
        # Every card shown in full (as many per row as the width allows); on a small screen the
        # page scrolls as a whole instead of squeezing the cards into a strip.
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.empty)
        bl.addWidget(self.cards_host)
        bl.addWidget(lower, 1)
        bl.addWidget(self.targets_box)  # the 2030 targets below the platforms (the page scrolls)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.cards_scroll = scroll
        layout.addWidget(scroll, 1)
        ctx.display_changed.connect(self.redraw)
        if snapshot is not None:
            choice_labels.use_labels(snapshot.labels)
            self._show(snapshot)

    def reload(self) -> None:
        """Gather the figures off the UI thread (every area's checks run: overlaps of
        20,000 plots take a while), then fill the cards; ``loaded`` tells when. What was read
        is kept as the start-up snapshot of a SQLite file (``models.overview_snapshot``)."""
        today = self.today or dt.date.today()
        db = self.ctx.db
        keep = db.path
        folder = settings().cache_folder

        def work(_progress: Progress) -> OverviewSnapshot:
            from models import overview_snapshot as snapshots
            from models.overview_areas import read_overview

            with db.read() as session:
                read, unchanged = read_overview(session, today, reader=db.user_id)
            choice_labels.use_labels(read.labels)  # (replaced in one step, as ``refresh`` does)
            if keep is not None and unchanged:
                try:
                    snapshots.save(folder, keep, read)
                except OSError:  # a cache: the next start reads live, as without it
                    log.warning("cannot keep the overview snapshot in %s", folder, exc_info=True)
            return read

        self.load(work, self._show, title=tr("正在汇总总览…"))

    def _show(self, read: OverviewSnapshot) -> None:
        self.figures = list(read.figures)
        self.platform_names = read.platform_names
        self.as_of.setText(tr("截至 {date}", date=read.on.isoformat()))
        self.redraw(list(read.targets))
        self.loaded.emit()

    def redraw(self, targets: list[TargetStatus] | None = None) -> None:
        """Show the figures held (after a unit change no re-query is needed)."""
        unit = self.ctx.area_unit()
        self._fill_cards(unit)
        self._fill_platforms(unit)
        if targets is not None:
            self.targets_box.set_statuses(targets)
        self.targets_box.setVisible(self.targets_box.model.rowCount() > 0)

    def _fill_cards(self, unit: AreaUnit) -> None:
        for card in self.card_widgets:  # (never takeAt: see widgets.keyboard)
            self.cards.removeWidget(card)
            card.deleteLater()
        overall = [f for f in self.figures if f.platform_id is None]
        overall.sort(key=lambda f: not f.emphasis)  # stable: emphasised first, then area order
        self.card_widgets = []
        for figure in overall:
            value, unit_text = figure_text(figure, unit)
            self.card_widgets.append(
                FigureCard(figure_label(figure), value, unit_text, figure.area, figure.emphasis)
            )
        self.card_columns = 0
        self._place_cards()
        self.empty.setVisible(not any(f.value for f in self.figures))

    def columns_for_width(self) -> int:
        """Cards per row: as many as fit (a card is 230–340 px wide), at least two."""
        return max(2, min(MAX_CARDS_PER_ROW, (self.width() - 24) // 250))

    def _place_cards(self) -> None:
        columns = self.columns_for_width()
        if columns == self.card_columns:
            return
        self.card_columns = columns
        for card in self.card_widgets:
            self.cards.removeWidget(card)
        for c in range(MAX_CARDS_PER_ROW + 1):
            self.cards.setColumnStretch(c, 0)
        for i, card in enumerate(self.card_widgets):
            self.cards.addWidget(card, i // columns, i % columns)
        self.cards.setColumnStretch(columns, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_cards()

    def _fill_platforms(self, unit: AreaUnit) -> None:
        per_platform = [f for f in self.figures if f.platform_id is not None]
        labels: OrderedDict[str, OverviewFigure] = OrderedDict()
        for f in per_platform:
            labels.setdefault(f.label, f)
        platforms = [pid for pid in self.platform_names if any(f.platform_id == pid for f in per_platform)]
        table: dict[tuple[int, str], OverviewFigure] = {
            (f.platform_id or 0, f.label): f for f in per_platform
        }
        columns = [TableColumn(tr("平台"), lambda r: r[0], width=130)]
        for k, (code, sample) in enumerate(labels.items()):
            title = (
                render(Problem(code + ".short"))
                if code + ".short" in catalogue()
                else figure_label(sample, without_platform=True)
            )
            suffix = figure_text(sample, unit)[1]
            columns.append(
                TableColumn(
                    bracketed(title, suffix) if suffix else title, _nth(k), align_right=True, width=130
                )
            )
        rows = []
        for pid in platforms:
            values = []
            for code in labels:
                cell = table.get((pid, code))
                values.append("" if cell is None else figure_text(cell, unit)[0])
            rows.append((self.platform_names[pid], values))
        self.platform_model.beginResetModel()
        self.platform_model.columns = columns
        self.platform_model.endResetModel()
        self.platform_model.set_rows(rows)
        metrics = self.platform_view.horizontalHeader().fontMetrics()
        for c, spec in enumerate(columns):
            self.platform_view.setColumnWidth(c, max(spec.width, metrics.horizontalAdvance(spec.title) + 36))
        self._chart(per_platform, platforms, unit)

    def _chart(self, per_platform: list[OverviewFigure], platforms: list[int], unit: AreaUnit) -> None:
        for wanted in ("m2", "count", "wan", "percent"):
            chosen = [f for f in per_platform if f.unit == wanted]
            if chosen:
                break
        else:
            chosen = []
        if not chosen:
            overall = [f for f in self.figures if f.platform_id is None and f.unit == "count"]
            if overall:
                self.chart.set_hbars(
                    [figure_label(f) for f in overall],
                    [f.value for f in overall],
                    x_label=tr("数量"),
                    title=tr("关键数量"),
                )
            else:
                self.chart.clear()
            return
        codes = list(OrderedDict.fromkeys(f.label for f in chosen))[:4]
        series: list[tuple[str, list[Any]]] = []
        for code in codes:
            values: list[Any] = []
            for pid in platforms:
                f = next((x for x in chosen if x.platform_id == pid and x.label == code), None)
                if f is None:
                    values.append(None)
                elif f.unit == "m2":
                    values.append(from_m2(f.value, unit, 2))
                else:
                    values.append(f.value)
            sample = next(x for x in chosen if x.label == code)
            series.append((figure_label(sample, without_platform=True), values))
        y_label = {
            "m2": tr("面积（{unit}）", unit=unit_label(unit)),
            "count": tr("数量"),
            "wan": tr("万元"),
            "percent": "%",
        }[chosen[0].unit]
        self.chart.set_bars(
            [self.platform_names[p] for p in platforms], series, y_label=y_label, title=tr("各平台对比")
        )


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(OverviewPage, sys.argv[1:]))
