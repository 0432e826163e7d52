"""孵化载体 — incubation carriers and building space.

Tab "载体": every carrier the user may see with its key figures (usable area, occupancy,
vacancy, tenants, graduates, level, national-criteria status); below, the selected
carrier's details, spaces, tenancies, monthly usage form and history, and its
qualification against the national incubator criteria. Tab "空置清单": vacant and
soon-free space across all carriers (the idle space to revitalise). Tab "图表": occupancy
per carrier and platform over time, firms in and out per month, vacancy by platform.

A carrier manager sees only their carriers (the queries are scoped) and cannot create or
delete carriers. Run alone on a demo database: ``python -m desktop.incubation.page [DB]``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.i18n import tr
from desktop.incubation import columns as cols
from desktop.incubation.charts import ChartData, ChartsTab, load_chart_data
from desktop.incubation.dialogs import EndDialog, SpaceDialog, TenancyDialog
from desktop.incubation.panels import CarrierForm, QualificationPanel
from desktop.incubation.report_form import MonthlyReportForm
from desktop.item_models.formats import format_area
from desktop.item_models.row_table import RowTableModel
from desktop.master_detail import MasterDetailPage, pane
from desktop.permissions_ui import guard
from desktop.widgets.file_dialogs import save_file_name
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.lazy_tab import LazyTab
from desktop.widgets.table_view import RowTableView
from models.changes import Changes
from models.incubation import queries, services, usage
from models.incubation.occupancy import add_months, month_start
from models.incubation.qualification import NATIONAL_KINDS, Qualification, qualify_one
from models.incubation.queries import CarrierRow, SpaceRow, TenancyRow
from models.policy.queries import platform_choices
from models.progress import Progress
from models.units import AreaUnit


def _model(columns: list[Any]) -> RowTableModel:
    model = RowTableModel(columns)
    model.key = lambda r: r.id if hasattr(r, "id") else r.space_id
    return model


def _table(columns: list[Any], name: str) -> tuple[RowTableModel, RowTableView]:
    model = _model(columns)
    return model, RowTableView(model, name)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class CarrierPage(MasterDetailPage):
    key: ClassVar[str] = "incubation"
    areas: ClassVar[tuple[str, ...]] = ("incubation", "enterprises", "platforms", "policy", "accounts")
    reads = ("carriers", "spaces", "tenancies", "usage_reports")
    kinds: ClassVar[tuple[str, ...]] = ("carriers", "spaces", "tenancies", "usage-reports")

    @classmethod
    def title(cls) -> str:
        return tr("孵化载体")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = dt.date.today()
        self.carrier: CarrierRow | None = None
        self.spaces: list[SpaceRow] = []
        self.enterprises: list[tuple[int, str, str]] = []
        layout = QVBoxLayout(self)
        self.as_of = QLabel()
        self.new_button = QPushButton(tr("新建载体"))
        self.new_button.clicked.connect(self.new_carrier)
        self.exchange_buttons(self.open_import, self.open_export, self.open_template)
        layout.addLayout(
            self.page_heading(
                self.as_of,
                buttons=(self.new_button, self.import_button, self.export_button, self.template_button),
            )
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_carriers_tab(), tr("载体"))
        self.tabs.addTab(self._build_vacancy_tab(), tr("空置清单"))
        # 图表: built when its tab is first shown (or ``charts`` is asked for), with the figures kept
        self._chart_data: ChartData | None = None
        self.charts_tab: LazyTab[ChartsTab] = LazyTab(self._build_charts)
        self.tabs.addTab(self.charts_tab, tr("图表"))
        self._apply_role()

    # --- construction -------------------------------------------------------------------------
    def _build_carriers_tab(self) -> QWidget:
        self.model, self.view = _table(cols.carrier_columns(), "incubation.carriers")
        self.filter_bar = FilterBar(self.model)
        self.follow_current(self.view, self._current_changed)

        self.detail = QTabWidget()
        self.form = CarrierForm()
        self.form.save_requested.connect(self.save_carrier)
        self.form.delete_requested.connect(self.delete_carrier)
        self.detail.addTab(self.form, tr("基本信息"))

        self.space_model, self.space_view = _table(cols.space_columns(), "incubation.spaces")
        self.space_view.doubleClicked.connect(lambda _i: self.edit_space())
        self.add_space_button = QPushButton(tr("新增空间"))
        self.add_space_button.clicked.connect(self.add_space)
        self.delete_space_button = QPushButton(tr("删除空间"))
        self.delete_space_button.clicked.connect(self.delete_space)
        self.detail.addTab(
            self._with_buttons(self.space_view, self.add_space_button, self.delete_space_button), tr("空间")
        )

        self.tenancy_model, self.tenancy_view = _table(cols.tenancy_columns(), "incubation.tenancies")
        self.tenancy_view.doubleClicked.connect(lambda _i: self.edit_tenancy())
        self.add_tenancy_button = QPushButton(tr("新增入驻"))
        self.add_tenancy_button.clicked.connect(self.add_tenancy)
        self.graduate_button = QPushButton(tr("毕业…"))
        self.graduate_button.clicked.connect(lambda: self.end_tenancy(graduate=True))
        self.leave_button = QPushButton(tr("退出…"))
        self.leave_button.clicked.connect(lambda: self.end_tenancy(graduate=False))
        self.delete_tenancy_button = QPushButton(tr("删除入驻记录"))
        self.delete_tenancy_button.clicked.connect(self.delete_tenancy)
        self.detail.addTab(
            self._with_buttons(
                self.tenancy_view,
                self.add_tenancy_button,
                self.graduate_button,
                self.leave_button,
                self.delete_tenancy_button,
            ),
            tr("入驻企业"),
        )

        # 月度登记: built when its tab is first shown (or report_form/usage_model/usage_view are
        # asked for); the carrier's history and draft are kept and given to it then
        self._monthly: tuple[list[Any], usage.ReportDraft | None, str] = ([], None, "")
        self.monthly_tab: LazyTab[QWidget] = LazyTab(self._build_monthly)
        self.detail.addTab(self.monthly_tab, tr("月度登记"))

        # built when its tab is first shown (or ``qualification`` is asked for)
        self._qualification_result: tuple[Qualification | None, bool] = (None, True)
        self.qualification_tab: LazyTab[QualificationPanel] = LazyTab(self._build_qualification)
        self.detail.addTab(self.qualification_tab, tr("国家级孵化器条件"))

        return self.master_detail(
            pane(self.filter_bar, (self.view, 1)),
            self.detail,
            sizes=(330, 470),
            orientation=Qt.Orientation.Vertical,
        )

    @property
    def charts(self) -> ChartsTab:
        """The 图表 tab (built on first use)."""
        return self.charts_tab.content()

    def _build_charts(self, parent: QWidget) -> ChartsTab:
        charts = ChartsTab(parent)
        if self._chart_data is not None:
            charts.set_data(self._chart_data)
        return charts

    @property
    def report_form(self) -> MonthlyReportForm:
        """The 月度登记 form (its tab is built on first use)."""
        self.monthly_tab.content()
        return self._report_form

    @property
    def usage_model(self) -> RowTableModel:
        """The 历次登记 rows of the 月度登记 tab (built on first use)."""
        self.monthly_tab.content()
        return self._usage_model

    @property
    def usage_view(self) -> RowTableView:
        self.monthly_tab.content()
        return self._usage_view

    def _build_monthly(self, parent: QWidget) -> QWidget:
        monthly = QWidget(parent)
        ml = QVBoxLayout(monthly)
        self._report_form = MonthlyReportForm()
        self._report_form.month_changed.connect(self._load_draft)
        self._report_form.save_requested.connect(self.save_report)
        self._report_form.export_requested.connect(self.export_month)
        ml.addWidget(self._report_form)
        self._usage_model, self._usage_view = _table(cols.usage_columns(), "incubation.usage")
        ml.addWidget(QLabel(tr("历次登记（与入驻台账对照）")))
        ml.addWidget(self._usage_view, 1)
        self._report_form.setEnabled(self.ctx.user.can_write)
        guard(self.ctx, self._report_form.save_button, "usage_reports")
        history, draft, name = self._monthly
        self._usage_model.set_rows(history)
        self._report_form.set_draft(draft, name)
        return monthly

    def _set_monthly(self, history: list[Any], draft: usage.ReportDraft | None, name: str = "") -> None:
        self._monthly = (history, draft, name)
        if self.monthly_tab.built:
            self._usage_model.set_rows(history)
            self._report_form.set_draft(draft, name)

    def _report_month(self) -> dt.date:
        """The month the 月度登记 form shows: the one chosen there, else last month."""
        draft = self._monthly[1]
        if draft is None:
            return add_months(month_start(self.today), -1)
        return self._report_form.selected_month() if self.monthly_tab.built else draft.month

    @property
    def qualification(self) -> QualificationPanel:
        """The 国家级孵化器条件 panel (built on first use)."""
        return self.qualification_tab.content()

    def _build_qualification(self, parent: QWidget) -> QualificationPanel:
        panel = QualificationPanel(parent)
        q, applies = self._qualification_result
        panel.set_result(q, applies=applies)
        return panel

    def _set_qualification(self, q: Qualification | None, *, applies: bool = True) -> None:
        self._qualification_result = (q, applies)
        if self.qualification_tab.built:
            self.qualification.set_result(q, applies=applies)

    def _with_buttons(self, view: QWidget, *buttons: QPushButton) -> QWidget:
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.addLayout(_buttons(*buttons))
        bl.addWidget(view, 1)
        return box

    def _build_vacancy_tab(self) -> QWidget:
        """空置清单: the rows, the option and the summary now (they are filled at every load),
        the table and its filter bar when the tab is first shown (``vacancy_view``/``vacancy_filter``
        build on access)."""
        self.vacancy_model = _model(cols.vacancy_columns())
        self.include_soon = QCheckBox(tr("含即将空出（租约 90 天内到期）"))
        self.include_soon.setChecked(True)
        self.include_soon.toggled.connect(lambda _c: self._reload_vacancies())
        self.vacancy_summary = QLabel()
        self.vacancy_tab: LazyTab[QWidget] = LazyTab(self._build_vacancy_box)
        return self.vacancy_tab

    @property
    def vacancy_view(self) -> RowTableView:
        self.vacancy_tab.content()
        return self._vacancy_view

    @property
    def vacancy_filter(self) -> FilterBar:
        self.vacancy_tab.content()
        return self._vacancy_filter

    def _build_vacancy_box(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        self._vacancy_view = RowTableView(self.vacancy_model, "incubation.vacancy")
        self._vacancy_filter = FilterBar(self.vacancy_model)
        self._vacancy_filter.add_widget(self.include_soon)
        layout.addWidget(self._vacancy_filter)
        layout.addWidget(self.vacancy_summary)
        layout.addWidget(self._vacancy_view, 1)
        return box

    def _apply_role(self) -> None:
        role = self.ctx.user.role
        can_write = self.ctx.user.can_write
        unscoped = role != "carrier_manager"
        self.new_button.setVisible(unscoped)
        self.new_button.setEnabled(can_write)
        self.import_button.setEnabled(can_write)
        self.form.set_read_only(not can_write, can_delete=unscoped)
        for b in (
            self.add_space_button,
            self.delete_space_button,
            self.add_tenancy_button,
            self.graduate_button,
            self.leave_button,
            self.delete_tenancy_button,
        ):
            b.setEnabled(can_write)
        guard(self.ctx, self.new_button, "carriers", operation="insert")
        guard(self.ctx, self.import_button, "carriers", "spaces", "tenancies", "usage_reports")
        guard(self.ctx, self.form.save_button, "carriers", operation="update")
        guard(self.ctx, self.form.delete_button, "carriers", operation="delete")
        guard(self.ctx, self.add_space_button, "spaces", operation="insert")
        guard(self.ctx, self.delete_space_button, "spaces", operation="delete")
        guard(self.ctx, self.add_tenancy_button, "tenancies", "tenancy_spaces", operation="insert")
        guard(self.ctx, self.graduate_button, "tenancies", operation="update")
        guard(self.ctx, self.leave_button, "tenancies", operation="update")
        guard(self.ctx, self.delete_tenancy_button, "tenancies", "tenancy_spaces", operation="delete")

    # --- reading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Carriers, choices, vacancies and chart figures in one read on the worker."""
        today, db, soon = dt.date.today(), self.ctx.db, self.include_soon.isChecked()

        def query(_progress: Progress) -> tuple[Any, ...]:
            with db.read() as s:
                return (
                    today,
                    queries.list_carriers(s, on=today),
                    platform_choices(s),
                    queries.enterprise_choices(s),
                    queries.vacancies(s, on=today, include_soon=soon),
                    load_chart_data(s, on=today),
                )

        self.load(query, self._apply, title=tr("正在读取孵化载体…"))

    def _apply(self, data: tuple[Any, ...]) -> None:
        self.today, rows, platforms, self.enterprises, vacancies, charts = data
        self.as_of.setText(tr("截至 {day}", day=self.today.isoformat()))
        current = self.carrier.id if self.carrier is not None else None
        self.form.set_platforms(platforms)
        self.model.set_rows(rows)
        self._show_vacancies(vacancies)
        self._chart_data = charts
        if self.charts_tab.built:
            self.charts.set_data(charts)
        if current is not None and self.select_carrier(current):
            return
        if rows:
            self.select_carrier(rows[0].id)
        else:
            self._show_carrier(None)

    def _reload_vacancies(self) -> None:
        with self.ctx.db.read() as s:
            rows = queries.vacancies(s, on=self.today, include_soon=self.include_soon.isChecked())
        self._show_vacancies(rows)

    def _show_vacancies(self, rows: list[Any]) -> None:
        self.vacancy_model.set_rows(rows)
        vacant = sum(r.area_m2 for r in rows if r.status == "vacant")
        soon = sum(r.area_m2 for r in rows if r.status == "soon")
        self.vacancy_summary.setText(
            tr(
                "空置 {n} 间，{vacant}；即将空出 {m} 间，{soon}",
                n=sum(1 for r in rows if r.status == "vacant"),
                vacant=format_area(vacant, AreaUnit.M2, with_unit=True),
                m=sum(1 for r in rows if r.status == "soon"),
                soon=format_area(soon, AreaUnit.M2, with_unit=True),
            )
        )

    def select_carrier(self, carrier_id: int) -> bool:
        pos = self.model.find_row(carrier_id)
        if pos < 0:
            return False
        self.view.setCurrentIndex(self.model.index(pos, 0))
        self._show_carrier(self.model.row_at(pos))
        return True

    def _current_changed(self, pos: int) -> None:
        row = self.model.row_at(pos) if pos >= 0 else None
        if row is not None and (self.carrier is None or self.carrier.id != row.id):
            self._show_carrier(row)

    def _show_carrier(self, row: CarrierRow | None) -> None:
        self.carrier = row
        self.form.set_record(row)
        if row is None:
            for m in (self.space_model, self.tenancy_model):
                m.set_rows([])
            self._set_monthly([], None)
            self._set_qualification(None)
            return
        today, db = self.today, self.ctx.db
        month = min(month_start(self._report_month()), month_start(today))

        def query(_progress: Progress) -> tuple[Any, ...]:
            with db.read() as s:
                return (
                    queries.list_spaces(s, row.id, on=today),
                    queries.list_tenancies(s, on=today, carrier_id=row.id),
                    usage.list_usage(s, row.id),
                    qualify_one(s, row.id, on=today),
                    usage.report_draft(s, row.id, month),
                )

        self.load(
            query, lambda detail: self._apply_carrier(row, *detail), title=tr("正在读取载体…"), part="detail"
        )

    def _apply_carrier(
        self,
        row: CarrierRow,
        spaces: list[SpaceRow],
        tenancies: list[TenancyRow],
        history: list[Any],
        qual: Any,
        draft: Any,
    ) -> None:
        if self.carrier is None or self.carrier.id != row.id:
            return  # another carrier was chosen meanwhile (its own detail is on its way)
        self.spaces = spaces
        self.space_model.set_rows(self.spaces)
        # firms here now first, newest first; the history after them
        today = self.today

        def here_now(t: TenancyRow) -> bool:
            return t.start_on <= today and (t.end_on is None or t.end_on >= today)

        self.tenancy_model.set_rows(
            sorted(tenancies, key=lambda t: (not here_now(t), -t.start_on.toordinal()))
        )
        self._set_qualification(qual, applies=row.kind in NATIONAL_KINDS)
        self._set_monthly(list(reversed(history)), draft, row.name)

    def _load_draft(self, month: dt.date) -> None:
        if self.carrier is None:
            return
        month = min(month_start(month), month_start(self.today))
        with self.ctx.db.read() as s:
            draft = usage.report_draft(s, self.carrier.id, month)
        self._set_monthly(self._monthly[0], draft, self.carrier.name)

    # --- carriers ---------------------------------------------------------------------------------
    def new_carrier(self) -> None:
        self.view.clearSelection()
        self.carrier = None
        self.form.set_record(None)
        self.detail.setCurrentIndex(0)
        self.form.form.editor("name").setFocus()

    def save_carrier(self) -> None:
        problems = self.form.form.validate()
        if problems:
            QMessageBox.warning(self, tr("无法保存"), "\n".join(problems))
            return
        values = self.form.form.values()
        values["level"] = values.get("level") or ""
        record = self.form.form.record
        if record is None:
            changes = self.ctx.write(lambda s: services.create_carrier(s, **values), self)
            if changes is not None and changes.ids:
                self.select_carrier(changes.ids[0])
            return
        changed = {k: v for k, v in values.items() if getattr(record, k) != v}
        if (
            changed
            and self.ctx.write(
                lambda s: services.update_carrier(s, carrier_id=record.id, version=record.version, **changed),
                self,
            )
            is None
        ):
            self.reload()

    def delete_carrier(self) -> None:
        record = self.carrier
        if record is None:
            return
        answer = QMessageBox.question(
            self, tr("删除载体"), tr("删除“{name}”及其空间、入驻记录和月度登记？", name=record.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.write(
                lambda s: services.delete_carrier(s, carrier_id=record.id, version=record.version), self
            )

    # --- spaces -----------------------------------------------------------------------------------
    def _current(self, view: RowTableView, model: RowTableModel) -> Any:
        index = view.currentIndex()
        return model.row_at(index.row()) if index.isValid() else None

    def add_space(self) -> None:
        carrier = self.carrier
        dialog = SpaceDialog(None, self)
        if carrier is None or dialog.exec() != SpaceDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.ctx.write(lambda s: services.create_space(s, carrier_id=carrier.id, **values), self)

    def edit_space(self) -> None:
        space: SpaceRow | None = self._current(self.space_view, self.space_model)
        if space is None or not self.ctx.user.can_write:
            return
        dialog = SpaceDialog(space, self)
        if dialog.exec() != SpaceDialog.DialogCode.Accepted:
            return
        values = {k: v for k, v in dialog.values().items() if getattr(space, k) != v}
        if values:
            self.ctx.write(
                lambda s: services.update_space(s, space_id=space.id, version=space.version, **values), self
            )

    def delete_space(self) -> None:
        space: SpaceRow | None = self._current(self.space_view, self.space_model)
        if space is None:
            return
        if (
            QMessageBox.question(self, tr("删除空间"), tr("删除房号 {code}？", code=space.code))
            == QMessageBox.StandardButton.Yes
        ):
            self.ctx.write(lambda s: services.delete_space(s, space_id=space.id, version=space.version), self)

    # --- tenancies --------------------------------------------------------------------------------
    def add_tenancy(self) -> None:
        carrier = self.carrier
        if carrier is None:
            return
        dialog = TenancyDialog(self.enterprises, self.spaces, None, self)
        if dialog.exec() != TenancyDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.ctx.write(lambda s: services.create_tenancy(s, carrier_id=carrier.id, **values), self)

    def edit_tenancy(self) -> None:
        t: TenancyRow | None = self._current(self.tenancy_view, self.tenancy_model)
        if t is None or not self.ctx.user.can_write:
            return
        dialog = TenancyDialog(self.enterprises, self.spaces, t, self)
        if dialog.exec() != TenancyDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        fields = {k: values[k] for k in ("start_on", "end_on", "space_ids", "note", "sector", "founded_on")}
        if values["area_m2"] is not None and values["area_m2"] != t.area_m2:
            fields["area_m2"] = values["area_m2"]
        self.ctx.write(
            lambda s: services.update_tenancy(s, tenancy_id=t.id, version=t.version, **fields), self
        )

    def end_tenancy(self, *, graduate: bool) -> None:
        t: TenancyRow | None = self._current(self.tenancy_view, self.tenancy_model)
        if t is None:
            return
        dialog = EndDialog(t, graduate, self)
        if dialog.exec() != EndDialog.DialogCode.Accepted:
            return
        values = dialog.values()

        def op(s: Session) -> Changes:
            if graduate:
                return services.graduate_tenancy(s, tenancy_id=t.id, version=t.version, **values)
            return services.end_tenancy(s, tenancy_id=t.id, version=t.version, **values)

        self.ctx.write(op, self)

    def delete_tenancy(self) -> None:
        t: TenancyRow | None = self._current(self.tenancy_view, self.tenancy_model)
        if t is None:
            return
        if (
            QMessageBox.question(
                self, tr("删除入驻记录"), tr("删除 {name} 的这条入驻记录？", name=t.enterprise_name)
            )
            == QMessageBox.StandardButton.Yes
        ):
            self.ctx.write(lambda s: services.delete_tenancy(s, tenancy_id=t.id, version=t.version), self)

    # --- monthly report ---------------------------------------------------------------------------
    def save_report(self) -> None:
        carrier, draft = self.carrier, self.report_form.draft
        if carrier is None or draft is None:
            return
        problems = self.report_form.problems()
        if problems:
            QMessageBox.warning(self, tr("无法保存"), "\n".join(problems))
            return
        values = self.report_form.values()
        version = draft.version if draft.source == "saved" and draft.month == values["month"] else None
        self.ctx.write(
            lambda s: services.save_usage_report(s, carrier_id=carrier.id, version=version, **values),  # type: ignore[arg-type]
            self,
        )

    def export_month(self) -> None:
        carrier = self.carrier
        if carrier is None:
            return
        month = self.report_form.selected_month()
        name = f"{carrier.name}-{month:%Y-%m}-使用登记.xlsx"
        path, _filter = save_file_name(self, tr("导出本月登记表"), name, tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        db, options = self.ctx.db, {"carrier": carrier.code, "month": f"{month:%Y-%m}"}

        def work(progress: Progress) -> int:
            from models.exchange.registry import get_kind
            from models.exchange.writer import export_kind

            return export_kind(db, get_kind("usage-reports"), Path(path), options=options, progress=progress)

        def done(count: int) -> None:
            QMessageBox.information(self, tr("导出完成"), tr("已导出 {n} 行到 {path}", n=count, path=path))

        self.ctx.submit(work, done, title=tr("导出"), parent=self)

    # --- exchange ---------------------------------------------------------------------------------
    def open_import(self) -> None:
        from desktop.widgets.import_wizard import ImportWizard

        kind = (
            "usage-reports"
            if self.tabs.currentIndex() == 0 and self.detail.currentIndex() == 3
            else "carriers"
        )
        ImportWizard(self.ctx, kind, self).exec()

    def open_export(self) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, None, self, kinds=list(self.kinds))

    def open_template(self) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, None, self)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(CarrierPage, sys.argv[1:]))
