"""The overview's 2030 targets panel (seed 二): each target with its latest actual, where the
path says it should be, the gap, the yearly growth achieved and still needed, on track or
behind (``models.targets.queries``); the chart shows the chosen target's actuals against
its path up to the target year. Table and chart print like every other (打印/导出)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop.choice_labels import choice_text
from desktop.i18n import bracketed, listed, tr
from desktop.item_models.formats import format_decimal
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.printing.charts import ChartSpec, paint_chart
from desktop.printing.document import Drawing, PageBreak, Paragraph, PrintDocument
from desktop.printing.table import table_block
from desktop.widgets.chart_panel import ChartPanel
from desktop.widgets.table_view import RowTableView
from models.targets.status import RECORDS, TargetStatus, plain

STATES = {"reached": "已达成", "on_track": "符合进度", "behind": "落后于进度", "no_data": "无数据"}


def goal_text(s: TargetStatus) -> str:
    if s.measure == "growth":
        return tr("年均增长 ≥ {value}%", value=plain(s.value))
    if s.measure == "clusters":
        return tr("≥ {n} 个产业链各 ≥ {threshold} 亿元", n=int(s.value), threshold=plain(s.threshold))
    return f"≥ {plain(s.value)} {s.unit}"


def state_text(s: TargetStatus) -> str:
    text = tr(STATES[s.state])
    if s.measure == "clusters" and s.clusters_now is not None:
        text += tr("（现有 {n} 个）", n=s.clusters_now)
    return text


def percent(rate: Decimal | None) -> str:
    return "" if rate is None else f"{rate * 100:.2f}%"


def source_text(s: TargetStatus) -> str:
    sources = sorted({tr("LandSpace 亩均效益记录") if v.source == RECORDS else v.source for v in s.actual})
    return listed(sources)


class TargetsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(tr("2030 年目标（临政函〔2023〕74号）"))
        layout.addWidget(self.heading)
        self.model = RowTableModel(self._columns(), self)
        self.view = RowTableView(self.model, "overview_targets")
        self.view.print_title = tr("2030 年目标进度")
        self.chart = ChartPanel(tr("目标：实际与路径"), source=tr("统计数据与 LandSpace 亩均效益记录"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(self.chart)
        split.setSizes([760, 520])
        layout.addWidget(split, 1)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _old: self.show_target(current.row())
        )

    @staticmethod
    def _columns() -> list[TableColumn]:
        def dec(title: str, get: Any, width: int = 90) -> TableColumn:
            return TableColumn(title, get, lambda v: format_decimal(v, 2), align_right=True, width=width)

        return [  # the status early: it is what a leader reads first
            TableColumn(tr("目标"), lambda s: s.title, width=140),
            TableColumn(tr("状态"), state_text, width=120),
            TableColumn(tr("目标值"), goal_text, width=170),
            TableColumn(tr("最新年度"), lambda s: s.latest_year, align_right=True, width=70),
            dec(tr("实际（亿元）"), lambda s: s.latest_value),
            dec(tr("路径值（亿元）"), lambda s: s.path_value),
            dec(tr("差距（亿元）"), lambda s: s.gap),
            TableColumn(
                tr("已实现年均增速"), lambda s: s.achieved_rate, percent, align_right=True, width=100
            ),
            TableColumn(tr("仍需年均增速"), lambda s: s.required_rate, percent, align_right=True, width=100),
            TableColumn(tr("范围"), lambda s: s.scope_label or tr("全区"), width=100),
            TableColumn(tr("目标年"), lambda s: s.year, align_right=True, width=60),
            TableColumn(
                tr("依据"),
                lambda s: f"{s.document_no} {s.clause}".strip() + (tr("（示例值）") if s.is_example else ""),
                width=200,
            ),
        ]

    def set_statuses(self, statuses: list[TargetStatus]) -> None:
        self.model.set_rows(statuses)
        self.show_target(0)

    def show_target(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.chart.clear()
            return
        s: TargetStatus = self.model.row_at(row)
        spec = target_chart(s)
        if spec is None:
            self.chart.set_message(tr("{title}：暂无实际数据", title=s.title))
            return
        self.chart.source = spec.source
        self.chart.set_lines(
            list(spec.categories), [(n, list(v)) for n, v in spec.series], y_label=spec.unit, title=spec.title
        )


def target_chart(s: TargetStatus) -> ChartSpec | None:
    """The target's actuals beside its path, year by year up to the target year (None: no data)."""
    path = dict(s.path())
    first = min([v.year for v in s.actual] + list(path), default=None)
    if first is None:
        return None
    years = list(range(first, s.year + 1))
    actual = {v.year: v.value for v in s.actual}
    name = (
        bracketed(s.title, choice_text("industry_chain", s.followed_chain)) if s.followed_chain else s.title
    )
    series: list[tuple[str, list[Any]]] = [(tr("实际"), [actual.get(y) for y in years])]
    if path:
        series.append((tr("路径"), [path.get(y) for y in years]))
    return ChartSpec(
        "lines",
        tr("{name}：实际与路径（{state}）", name=name, state=state_text(s)),
        [str(y) for y in years],
        series,
        unit=tr("亿元"),
        source=source_text(s) or tr("LandSpace 数据库"),
        dashed=(tr("路径"),),
    )


def targets_document(statuses: list[TargetStatus], *, author: str = "") -> PrintDocument:
    """The targets table (as on the overview) and each target's chart of actuals and path."""
    model = RowTableModel(TargetsPanel._columns())
    model.set_rows(statuses)
    documents = sorted({f"{s.document_no} {s.clause}".strip() for s in statuses})
    doc = PrintDocument(
        title=tr("2030 年目标进度"),
        author=author,
        orientation="landscape",
        lines=[
            tr(
                "共 {n} 项目标；落后于进度 {behind} 项。",
                n=len(statuses),
                behind=sum(1 for s in statuses if s.state == "behind"),
            ),
            tr("依据：{documents}", documents="；".join(documents) or "—"),
        ],
    )
    doc.add(table_block(model))
    doc.add(
        Paragraph(
            tr(
                "路径：从基期实际值到目标值的等比增长路径；仍需年均增速：自最新年度至目标年每年须达到的增速。"
            ),
            size=8.5,
            color="#555555",
        )
    )
    for s in statuses:
        spec = target_chart(s)
        if spec is not None:
            doc.add(PageBreak(), Drawing(_painter(spec)))
    return doc


def _painter(spec: ChartSpec) -> Callable[[Any, Any], None]:
    return lambda painter, rect: paint_chart(painter, rect, spec)
