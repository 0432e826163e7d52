"""腾笼换鸟 — vacate-and-replace cases by stage: the case list (filter by stage), the dated
stage history and before/after figures of the selected case, stage moves through a dialog
(dates forward, a reason to go back), and charts: area by stage (funnel), area freed per
year, per-mu tax before vs after.

Run alone on a demo database: ``python -m desktop.renewal.page [DB]``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.i18n import bracketed, tr
from desktop.item_models.formats import (
    area_header,
    area_in_unit,
    area_unit,
    format_area,
    format_date,
    format_decimal,
    format_money,
    unit_label,
)
from desktop.item_models.row_table import RowTableModel, TableColumn, area_column, decimal_column
from desktop.master_detail import MasterDetailPage, pane, section_title
from desktop.permissions_ui import guard
from desktop.printing.document import PrintDocument
from desktop.renewal.dialogs import ProjectDialog, StageDialog, stage_label, treatment_label
from desktop.renewal.stage_sheet import stage_sheet
from desktop.widgets.chart_panel import ChartPanel
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.table_view import RowTableView
from models.changes import Changes
from models.errors import DomainError
from models.policy.queries import platform_choices
from models.progress import Progress
from models.renewal import queries as Q
from models.renewal import services as S


def project_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("项目编号"), lambda r: r.code, width=120),
        TableColumn(tr("项目名称"), lambda r: r.name, width=170),
        TableColumn(tr("阶段"), lambda r: stage_label(r.stage), width=75),
        TableColumn(tr("阶段日期"), lambda r: r.stage_date, format_date, width=90),
        TableColumn(tr("所属平台"), lambda r: r.platform_name, width=110),
        area_column(tr("面积"), lambda r: r.area_m2, width=90),
        TableColumn(tr("处置方式"), lambda r: treatment_label(r.treatment), width=80),
        TableColumn(tr("原企业"), lambda r: r.old_name, width=190),
        TableColumn(tr("新企业/项目"), lambda r: r.new_name or r.new_project, width=190),
        decimal_column(tr("亩均税收 前"), lambda r: r.tax_per_mu_before, places=2, width=85),
        decimal_column(tr("亩均税收 后"), lambda r: r.tax_per_mu_after, places=2, width=85),
        TableColumn(tr("地块"), lambda r: "、".join(r.plot_codes), width=110),
    ]


def history_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("阶段"), lambda e: stage_label(e.stage), width=80),
        TableColumn(tr("日期"), lambda e: e.on_date, format_date, width=90),
        TableColumn(tr("原因"), lambda e: e.reason, width=220),
    ]


class RenewalPage(MasterDetailPage):
    key: ClassVar[str] = "renewal"
    areas: ClassVar[tuple[str, ...]] = ("renewal", "efficiency", "enterprises", "land", "quotas")
    reads = ("renewal_projects", "renewal_stage_events", "plots")
    kinds: ClassVar[tuple[str, ...]] = ("renewal-projects",)

    @classmethod
    def title(cls) -> str:
        return tr("腾笼换鸟")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.stage_box = QComboBox()
        self.stage_box.addItem(tr("全部"), None)
        for s in [*(st.value for st in S.ORDER), "stopped"]:
            self.stage_box.addItem(stage_label(s), s)
        self.stage_box.currentIndexChanged.connect(lambda _i: self._apply_stage_filter())
        self.new_button = QPushButton(tr("新建项目"))
        self.new_button.clicked.connect(self.new_project)
        self.edit_button = QPushButton(tr("编辑…"))
        self.edit_button.clicked.connect(self.edit_project)
        self.stage_button = QPushButton(tr("推进阶段…"))
        self.stage_button.clicked.connect(self.advance)
        self.delete_button = QPushButton(tr("删除"))
        self.delete_button.clicked.connect(self.delete_project)
        self.exchange_buttons(self.open_import, self.open_export, self.open_template)
        layout.addLayout(
            self.page_heading(
                QLabel(tr("阶段")),
                self.stage_box,
                spacing=16,
                buttons=(
                    self.new_button,
                    self.edit_button,
                    self.stage_button,
                    self.delete_button,
                    self.import_button,
                    self.export_button,
                    self.template_button,
                ),
            )
        )
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._projects_tab(), tr("项目"))
        self.tabs.addTab(self._charts_tab(), tr("统计图"))
        for b in (self.new_button, self.stage_button, self.delete_button, self.import_button):
            b.setEnabled(ctx.user.can_write)
        guard(ctx, self.new_button, "renewal_projects", operation="insert")
        guard(ctx, self.edit_button, "renewal_projects", "renewal_project_plots", operation="update")
        guard(ctx, self.stage_button, "renewal_projects", "renewal_stage_events")
        guard(ctx, self.delete_button, "renewal_projects", operation="delete")
        guard(ctx, self.import_button, "renewal_projects", "renewal_stage_events")

    def _projects_tab(self) -> QWidget:
        self.model = RowTableModel(project_columns(), self)
        self.model.key = lambda r: r.id
        self.view = RowTableView(self.model, "renewal.projects")
        self.follow_current(self.view, self._show)
        self.view.doubleClicked.connect(lambda _i: self.edit_project())
        self.detail_title = section_title(tr("选择一个项目查看阶段记录和改造前后对比"))
        self.figures = QGridLayout()
        self.figure_labels: list[QLabel] = []
        self.history = RowTableModel(history_columns(), self)
        self.history_view = RowTableView(self.history, "renewal.history")
        self.history_view.print_title = tr("腾笼换鸟项目阶段记录")
        self.history_view.print_factory = self._stage_sheet
        detail = pane(self.detail_title, self.figures, QLabel(tr("阶段记录")), (self.history_view, 1))
        return self.master_detail(pane(FilterBar(self.model), (self.view, 1)), detail, sizes=(900, 440))

    def _charts_tab(self) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        self.funnel_chart = ChartPanel(
            area_header(tr("各阶段面积")), source=tr("LandSpace 数据库：腾笼换鸟项目与阶段记录")
        )
        self.freed_chart = ChartPanel(
            area_header(tr("逐年腾出用地")), source=tr("LandSpace 数据库：腾笼换鸟项目与阶段记录")
        )
        self.tax_chart = ChartPanel(
            tr("改造前后亩均税收（万元/亩）"), source=tr("LandSpace 数据库：腾笼换鸟项目（改造前后指标）")
        )
        grid.addWidget(self.funnel_chart, 0, 0)
        grid.addWidget(self.freed_chart, 0, 1)
        grid.addWidget(self.tax_chart, 1, 0, 1, 2)
        return w

    # --- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        db = self.ctx.db

        def query(_progress: Progress) -> tuple[Any, ...]:
            with db.read() as session:
                return (
                    Q.list_projects(session),
                    Q.funnel(session),
                    Q.area_freed_per_year(session),
                    Q.totals(session),
                )

        self.load(query, self._apply, title=tr("正在读取腾笼换鸟项目…"))

    def _apply(self, data: tuple[Any, ...]) -> None:
        rows, funnel, freed, totals = data
        current = self.current()
        self.model.set_rows(rows)
        self._apply_stage_filter()
        self.summary.setText(
            tr(
                "共 {n} 个项目；累计腾出用地 {area}，腾出能耗 {energy} 吨标煤；迁出企业 {out} 家，引进 {inn} 家；"  # noqa: E501
                "新增建筑面积 {floor} ㎡，投资 {inv} 万元",
                n=totals.projects,
                area=format_area(totals.area_freed_m2, with_unit=True),
                energy=format_decimal(totals.energy_freed_tce, 1),
                out=totals.firms_out,
                inn=totals.firms_in,
                floor=format_decimal(totals.floor_area_added_m2, 0),
                inv=format_money(totals.investment),
            )
        )
        self._charts(rows, funnel, freed)
        if current is not None and self.model.find_row(current.id) >= 0:
            pos = self.model.find_row(current.id)
            self.view.setCurrentIndex(self.model.index(pos, 0))
            self._show(pos)

    def _apply_stage_filter(self) -> None:
        stage = self.stage_box.currentData()
        self.model.set_filter(None if stage is None else (lambda r: r.stage == stage))

    def _charts(self, rows: list[Q.ProjectRow], funnel: list[Q.FunnelRow], freed: list[Q.YearArea]) -> None:
        if not rows:
            for chart in (self.funnel_chart, self.freed_chart, self.tax_chart):
                chart.set_message(tr("暂无项目"))
            return
        unit = area_unit()  # the area unit chosen in the settings
        self.funnel_chart.set_hbars(
            [stage_label(f.stage) for f in funnel],
            [area_in_unit(f.area_m2, unit, 2) for f in funnel],
            x_label=area_header(tr("面积"), unit),
            title=area_header(tr("各阶段面积"), unit),
        )
        if freed:
            self.freed_chart.set_bars(
                [str(f.year) for f in freed],
                [(tr("腾出面积"), [area_in_unit(f.area_m2, unit, 2) for f in freed])],
                y_label=unit_label(unit),
                title=area_header(tr("逐年腾出用地"), unit),
            )
        else:
            self.freed_chart.set_message(tr("尚无腾退收储的项目"))
        both = [r for r in rows if r.tax_per_mu_before is not None and r.tax_per_mu_after is not None]
        if both:
            self.tax_chart.set_bars(
                [r.code for r in both],
                [
                    (tr("改造前"), [r.tax_per_mu_before for r in both]),
                    (tr("改造后"), [r.tax_per_mu_after for r in both]),
                ],
                y_label=tr("万元/亩"),
            )
        else:
            self.tax_chart.set_message(tr("尚无投产项目的前后对比"))

    def current(self) -> Q.ProjectRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show(self, pos: int) -> None:
        if pos < 0 or pos >= self.model.rowCount():
            return
        row: Q.ProjectRow = self.model.row_at(pos)
        with self.ctx.db.read() as session:
            self.history.set_rows(Q.stage_history(session, project_id=row.id))
        self.detail_title.setText(
            tr("{code} {name}：{stage}", code=row.code, name=row.name, stage=stage_label(row.stage))
        )
        self.history_view.print_title = tr(
            "腾笼换鸟项目阶段记录 — {code} {name}", code=row.code, name=row.name
        )
        for label in self.figure_labels:
            label.deleteLater()
        self.figure_labels = []
        pairs = [
            (tr("亩均税收（万元/亩）"), row.tax_per_mu_before, row.tax_per_mu_after),
            (tr("亩均增加值（万元/亩）"), row.va_per_mu_before, row.va_per_mu_after),
            (tr("容积率"), row.plot_ratio_before, row.plot_ratio_after),
        ]
        self._fig(0, (tr("指标"), tr("改造前"), tr("改造后")), bold=True)
        for i, (name, before, after) in enumerate(pairs, start=1):
            self._fig(i, (name, format_decimal(before, 2) or "—", format_decimal(after, 2) or "—"))
        extra = [
            (tr("面积（亩）"), format_area(row.area_m2)),
            (tr("新增建筑面积（㎡）"), format_decimal(row.floor_area_added_m2, 0)),
            (tr("投资（万元）"), format_money(row.investment)),
            (tr("腾出能耗（吨标煤）"), format_decimal(row.energy_freed_tce, 1)),
            (tr("迁出/引进企业"), f"{row.firms_out} / {row.firms_in}"),
            (tr("补偿（万元）"), format_money(row.compensation)),
            (tr("供地方式"), row.supply_method),
            (tr("低效类型"), row.low_eff_kind),
        ]
        for i, (name, value) in enumerate(extra, start=len(pairs) + 1):
            self._fig(i, (name, value or "—", ""))

    def _stage_sheet(self) -> PrintDocument | None:
        """The selected case's stage-history sheet (``desktop.renewal.stage_sheet``)."""
        row = self.current()
        if row is None:
            return None
        return stage_sheet(row, self.history.all_rows(), author=self.ctx.user.username)

    def _fig(self, row: int, texts: tuple[str, str, str], bold: bool = False) -> None:
        for col, text in enumerate(texts):
            label = QLabel(text)
            if bold:
                label.setStyleSheet("font-weight: bold;")
            if col:
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures.addWidget(label, row, col)
            self.figure_labels.append(label)

    # --- writing -----------------------------------------------------------------------
    def _choices(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        with self.ctx.db.read() as session:
            return platform_choices(session), [
                (i, bracketed(n, u)) for i, n, u in Q.enterprise_choices(session)
            ]

    def new_project(self) -> None:
        platforms, enterprises = self._choices()
        dialog = ProjectDialog(None, platforms, enterprises, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()

        def op(session: Session) -> Changes:
            plots = _plot_ids(session, values.pop("plot_codes"))
            return S.create_project(
                session,
                code=values.pop("code"),
                identified_on=values.pop("identified_on"),
                plot_ids=plots,
                **values,
            )

        changes = self.ctx.write(op, self)
        if changes is not None and changes.ids:
            self._select(changes.ids[0])

    def edit_project(self) -> None:
        row = self.current()
        if row is None:
            return
        platforms, enterprises = self._choices()
        dialog = ProjectDialog(row, platforms, enterprises, self)
        if not self.ctx.user.can_write:
            dialog.setEnabled(False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()

        def op(session: Session) -> Changes:
            plots = _plot_ids(session, values.pop("plot_codes"))
            ch = S.update_project(session, project_id=row.id, version=row.version, **values)
            return ch | S.set_plots(session, project_id=row.id, plot_ids=plots)

        if self.ctx.write(op, self) is None:
            self.reload()

    def advance(self) -> None:
        row = self.current()
        if row is None:
            QMessageBox.information(self, tr("推进阶段"), tr("请先选择一个项目"))
            return
        dialog = StageDialog(
            row,
            self,
            ctx=self.ctx,
            operation=lambda s, values: S.advance_stage(s, project_id=row.id, version=row.version, **values),
        )
        dialog.exec()  # the dialog saves; a refusal is shown beside its field and the dialog stays open
        if dialog.changes is None and dialog.errors.all_text():
            self.reload()  # it was refused, then cancelled: the row may be stale

    def delete_project(self) -> None:
        row = self.current()
        if row is None:
            return
        answer = QMessageBox.question(
            self, tr("删除项目"), tr("删除项目“{code} {name}”及其阶段记录？", code=row.code, name=row.name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if (
            self.ctx.write(lambda s: S.delete_project(s, project_id=row.id, version=row.version), self)
            is None
        ):
            self.reload()
        else:
            self.history.set_rows([])

    def _select(self, project_id: int) -> None:
        self.stage_box.setCurrentIndex(0)
        pos = self.model.find_row(project_id)
        if pos >= 0:
            self.view.setCurrentIndex(self.model.index(pos, 0))
            self._show(pos)

    def open_import(self) -> None:
        from desktop.widgets.import_wizard import ImportWizard

        ImportWizard(self.ctx, "renewal-projects", self).exec()

    def open_export(self) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, "renewal-projects", self)

    def open_template(self) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, "renewal-projects", self)


def _plot_ids(session: Session, codes: list[str]) -> tuple[int, ...]:
    found = Q.plot_ids(session, codes)
    missing = [c for c in codes if c not in found]
    if missing:
        raise DomainError("renewal.unknown_plot", codes="、".join(missing))
    return tuple(found[c] for c in codes)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(RenewalPage, sys.argv[1:]))
