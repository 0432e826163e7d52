"""The plot register (地块): the table of plots with computed vs certificate area, the
detail form, standard-land indicators, the surveyed vertex table and the checks panel.

Run alone on a demo database: ``python -m desktop.land.page [DB]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import choice_labels
from desktop.choice_labels import choice_text
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel, TableColumn, area_column
from desktop.land.format import dec
from desktop.land.map_page import vertex_columns
from desktop.land.panels import ChecksPanel, IndicatorPanel, PasteBoundaryDialog
from desktop.land.plot_form import FormOptions, PlotForm
from desktop.land.selection import plot_selection
from desktop.master_detail import MasterDetailPage, pane
from desktop.permissions_ui import allowed, guard
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.lazy_tab import LazyTab
from desktop.widgets.table_view import RowTableView
from models.changes import Changes
from models.checks import Finding
from models.errors import Problem
from models.exchange.parsers import parse_decimal
from models.exchange.spec import CellContext, CellError, ImportContext
from models.land import checks, queries, services
from models.land.exchange_points import load_points
from models.land.geometry import SurveyPoint
from models.land.paste import rows_from_pasted
from models.land.queries import IndicatorRow, PlotRow, VertexRow
from models.land.seed import LAND_SOURCES
from models.policy.queries import platform_choices
from models.progress import Progress


@dataclass(frozen=True)
class RegisterData:
    rows: list[PlotRow]
    options: FormOptions
    findings: list[Finding]


def load_register(ctx: AppContext, _progress: Progress | None = None) -> RegisterData:
    with ctx.db.read() as s:
        choice_labels.refresh(s)
        options = FormOptions(
            platform_choices(s),
            queries.holder_options(s),
            {c: services.choices(s, c) for c in ("land_use", "supply_method", "low_eff_kind", "plot_status")},
        )
        return RegisterData(queries.list_plots(s), options, checks.run_checks(s))


class _Rollback(Exception):
    pass


class PlotTableModel(RowTableModel):
    """Plots; a computed area beyond the tolerance from the certificate shows in red."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # type: ignore[override]
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() in (4, 5, 6):
            if self.row_at(index.row()).area_mismatch:
                return QBrush(QColor(190, 0, 30))
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 6:
            row = self.row_at(index.row())
            if row.area_mismatch:
                return tr("计算面积与证载面积之差超过允许差（见“检查”）")
        return super().data(index, role)


def plot_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("地块编号"), lambda r: r.code, width=110),
        TableColumn(tr("地块名称"), lambda r: r.name, width=130),
        TableColumn(tr("平台"), lambda r: r.platform_name, width=100),
        TableColumn(
            tr("用地性质"),
            lambda r: r.land_use,
            lambda u: u if u and u.isascii() else choice_text("land_use", u),
            width=60,
        ),
        area_column(tr("计算面积"), lambda r: r.geom_area_m2, width=104),
        area_column(tr("证载面积"), lambda r: r.cert_area_m2, width=104),
        TableColumn(
            tr("差额（㎡）"),
            lambda r: r.area_diff_m2,
            lambda d: "" if d is None else dec(d),
            align_right=True,
            width=80,
        ),
        TableColumn(tr("权利人"), lambda r: r.holder_name, width=140),
        TableColumn(tr("来源"), lambda r: r.land_source, lambda s: tr(LAND_SOURCES.get(s, s)), width=44),
        TableColumn(tr("供地日期"), lambda r: r.supply_date, lambda d: d.isoformat() if d else "", width=84),
        TableColumn(
            tr("供地方式"), lambda r: r.supply_method, lambda v: choice_text("supply_method", v), width=70
        ),
        TableColumn(
            tr("低效类型"), lambda r: r.low_eff_kind, lambda v: choice_text("low_eff_kind", v), width=76
        ),
        TableColumn(tr("状态"), lambda r: r.status, lambda v: choice_text("plot_status", v), width=56),
        TableColumn(tr("界址点"), lambda r: r.point_count, align_right=True, width=50),
    ]


class PlotPage(MasterDetailPage):
    key = "plots"
    areas = ("land", "platforms", "enterprises", "policy")
    reads = ("plots", "boundary_points", "plot_indicators")

    @classmethod
    def title(cls) -> str:
        return tr("地块")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.selection = plot_selection(ctx)
        self.data = RegisterData([], FormOptions(), [])
        self._build()
        self.selection.changed.connect(self._on_shared_selection)

    def _build(self) -> None:  # noqa: PLR0915  builds the register, its tabs and the checks panel in reading order
        new, paste, delete = (
            QPushButton(tr("新建地块…")),
            QPushButton(tr("粘贴坐标…")),
            QPushButton(tr("删除")),
        )
        new.clicked.connect(self._new_plot)
        paste.clicked.connect(self._paste_boundary)
        delete.clicked.connect(self._delete_plot)
        self.import_button, export, template = (
            QPushButton(tr("导入…")),
            QPushButton(tr("导出…")),
            QPushButton(tr("下载模板…")),
        )
        self.import_button.setMenu(self._kind_menu(self.open_import))
        export.setMenu(self._kind_menu(self.open_export))
        template.setMenu(self._kind_menu(self.open_template))
        on_map = QPushButton(tr("在地图上查看"))
        on_map.clicked.connect(self.show_on_map)
        for b in (new, paste, delete, self.import_button):
            b.setEnabled(self.ctx.user.can_write)
        guard(self.ctx, new, "plots", operation="insert")
        guard(self.ctx, paste, "plots", "boundary_points")
        guard(self.ctx, delete, "plots", operation="delete")
        guard(self.ctx, self.import_button, "plots", "boundary_points", "plot_indicators")
        heading = self.page_heading(
            buttons=(on_map, new, paste, delete, self.import_button, export, template)
        )

        self.model = PlotTableModel(plot_columns(), self)
        self.model.key = lambda r: r.id
        self.filter_bar = FilterBar(self.model)
        self.platform_filter = QComboBox()
        self.platform_filter.setAccessibleName(tr("平台"))
        self.mismatch_only = QCheckBox(tr("只看面积不符"))
        self.platform_filter.currentIndexChanged.connect(self._filter)
        self.mismatch_only.toggled.connect(self._filter)
        self.filter_bar.add_widget(self.platform_filter)
        self.filter_bar.add_widget(self.mismatch_only)
        self.table = RowTableView(self.model, "plots")
        self.follow_current(self.table, self._on_row)
        self.form = PlotForm()
        self.form.save.setEnabled(self.ctx.user.can_write)
        self.form.save_requested.connect(self._save)
        # built when its tab is first shown (or ``indicators`` is asked for)
        self._indicator_rows: list[IndicatorRow] = []
        self.indicators_tab: LazyTab[IndicatorPanel] = LazyTab(self._build_indicators)
        guard(self.ctx, self.form.save, "plots", operation="update")
        self.vertex_model = RowTableModel(vertex_columns(editable=allowed(self.ctx, "boundary_points")), self)
        self.vertex_model.on_edit = lambda row, col, text: self.edit_vertices([(row, col, text)])
        self.vertex_model.on_paste = self.edit_vertices
        self.vertices = RowTableView(self.vertex_model, "plot-vertices")
        self.vertices.setSortingEnabled(False)
        self.vertices.setToolTip(tr("可直接修改点号和坐标，或从 Excel 粘贴一整块 X、Y 列"))
        tabs = QTabWidget()
        tabs.addTab(self.form, tr("详情"))
        tabs.addTab(self.indicators_tab, tr("标准地指标"))
        self.clear_boundary_button = QPushButton(tr("清除界址…"))
        self.clear_boundary_button.setToolTip(tr("删除该地块的全部界址点和图形（地块记录保留）"))
        self.clear_boundary_button.clicked.connect(self._clear_boundary)
        self.clear_boundary_button.setEnabled(self.ctx.user.can_write)
        guard(self.ctx, self.clear_boundary_button, "plots", "boundary_points")
        vertex_bar = QHBoxLayout()
        vertex_bar.addStretch(1)
        vertex_bar.addWidget(self.clear_boundary_button)
        tabs.addTab(pane(vertex_bar, (self.vertices, 1)), tr("界址点"))
        self.tabs = tabs
        self.checks = ChecksPanel()
        self.checks.plot_activated.connect(self.select_plot)
        self.checks.run_requested.connect(self.reload)

        top = self.master_detail(self.table, tabs, sizes=(900, 420), stretch=(3, 1))
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(self.checks)
        main.setSizes([560, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.filter_bar)
        layout.addWidget(main, 1)

    @property
    def indicators(self) -> IndicatorPanel:
        """The 标准地指标 panel (built on first use)."""
        return self.indicators_tab.content()

    def _build_indicators(self, parent: QWidget) -> IndicatorPanel:
        panel = IndicatorPanel(parent)
        panel.save_requested.connect(self._save_indicator)
        guard(self.ctx, panel.save_button, "plot_indicators")
        panel.set_rows(self._indicator_rows)
        return panel

    def _set_indicator_rows(self, rows: list[IndicatorRow]) -> None:
        self._indicator_rows = rows
        if self.indicators_tab.built:
            self.indicators.set_rows(rows)

    def _kind_menu(self, action: Callable[[str], None]) -> QMenu:
        menu = QMenu(self)
        for kind, label in (
            ("plots", tr("地块（含 WKT；GeoJSON、Shapefile）")),
            ("boundary-points", tr("界址点坐标表（含部颁 TXT）")),
            ("plot-indicators", tr("标准地指标")),
        ):
            menu.addAction(label, partial(action, kind))
        return menu

    def show_on_map(self) -> bool:
        """Switch the main window to the map page; the shared selection centres the plot there."""
        window = self.window()
        select_page = getattr(window, "select_page", None)
        return bool(select_page("map")) if callable(select_page) else False

    def open_import(self, kind: str) -> None:
        from desktop.widgets.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, kind, self)
        wizard.exec()

    def open_export(self, kind: str) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, kind, self)

    def open_template(self, kind: str) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, kind, self)

    # --- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.load(lambda p: load_register(self.ctx, p), self._apply, title=tr("读取地块"))

    def _apply(self, data: RegisterData) -> None:
        current = self.selection.current
        self.data = data
        self.form.set_options(data.options)
        self.platform_filter.blockSignals(True)
        self.platform_filter.clear()
        self.platform_filter.addItem(tr("全部平台"), None)
        for pid, name in data.options.platforms:
            self.platform_filter.addItem(name, pid)
        self.platform_filter.blockSignals(False)
        self.model.set_rows(data.rows)
        self._filter()
        self.checks.set_findings(data.findings)
        if current is not None:
            self.select_plot(current)

    def _filter(self) -> None:
        pid = self.platform_filter.currentData()
        mismatch = self.mismatch_only.isChecked()

        def keep(r: PlotRow) -> bool:
            return (pid is None or r.platform_id == pid) and (not mismatch or r.area_mismatch)

        self.model.set_filter(keep if pid is not None or mismatch else None)

    # --- selection -------------------------------------------------------------------------
    def current_row(self) -> PlotRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_row(self, pos: int) -> None:
        row = self.model.row_at(pos) if pos >= 0 else None
        self._show(row)
        if row is not None:
            self.selection.select(row.id)

    def _on_shared_selection(self, plot_id: int) -> None:
        row = self.current_row()
        if row is None or row.id != plot_id:
            self.select_plot(plot_id)

    def select_plot(self, plot_id: int) -> None:
        for i, r in enumerate(self.model.rows()):
            if r.id == plot_id:
                self.table.setCurrentIndex(self.model.index(i, 0))
                self.table.scrollTo(self.model.index(i, 0))
                return

    def _show(self, row: PlotRow | None) -> None:
        self.form.set_row(row)
        if row is None:
            self._set_indicator_rows([])
            self.vertex_model.set_rows([])
            return
        with self.ctx.db.read() as s:
            self._set_indicator_rows(queries.plot_indicators(s, row.id))
            self.vertex_model.set_rows(queries.plot_vertices(s, row.id))

    # --- commands --------------------------------------------------------------------------
    def _save(self, plot_id: int, version: int, values: dict[str, object]) -> None:
        self.ctx.write(lambda s: services.update_plot(s, plot_id=plot_id, version=version, **values), self)

    def _save_indicator(self, indicator: str, promised: object, actual: object) -> None:
        row = self.current_row()
        if row is None:
            return
        self.ctx.write(
            lambda s: services.set_indicator(
                s,
                plot_id=row.id,
                indicator=indicator,
                promised=promised,  # type: ignore[arg-type]
                actual=actual,  # type: ignore[arg-type]
            ),
            self,
        )

    def _new_plot(self) -> None:
        code, ok = QInputDialog.getText(self, tr("新建地块"), tr("地块编号"))
        if ok and code.strip():
            changes = self.ctx.write(lambda s: services.create_plot(s, code=code.strip()), self)
            if changes is not None and changes.ids:
                self.selection.current = changes.ids[0]

    def _delete_plot(self) -> None:
        row = self.current_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, tr("删除地块"), tr("删除地块 {code} 及其界址点和标准地指标？", code=row.code)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.write(lambda s: services.delete_plot(s, plot_id=row.id, version=row.version), self)

    def edit_vertices(self, cells: list[tuple[VertexRow, int, str]]) -> bool:
        """Typed or pasted 点号 / X / Y cells → the plot's new boundary, stored only when the
        polygon stays valid and inside the district (else the reason is shown, nothing changes)."""
        plot = self.current_row()
        if plot is None:
            return False
        points = {(v.ring, v.seq): [v.name, v.x, v.y] for v in self.vertex_model.all_rows()}
        for vertex, col, text in cells:
            slot = {0: 0, 2: 1, 3: 2}.get(col)
            if slot is None:
                continue
            try:
                value: object = text.strip() if slot == 0 else parse_decimal(text, CellContext())
            except CellError:
                QMessageBox.warning(self, tr("无法识别"), tr("“{text}”不是坐标数值", text=text))
                return False
            points[(vertex.ring, vertex.seq)][slot] = value
        survey = [SurveyPoint(str(n), x, y, ring) for (ring, _seq), (n, x, y) in sorted(points.items())]
        changes = self.ctx.write(
            lambda s: services.set_plot_boundary(s, plot_id=plot.id, points=survey, version=plot.version),
            self,
        )
        return changes is not None

    def paste_boundary(self, row: PlotRow, text: str, swap: bool, strip: bool) -> list[Problem]:
        """Store pasted coordinates as ``row``'s boundary; the problems when refused (nothing stored)."""
        ictx = ImportContext(options={"swap_xy": swap, "strip_zone": strip})
        try:
            with self.ctx.db.write() as s:
                outcome = load_points(s, rows_from_pasted(text, row.code), ictx)
                errors = [p.problem for p in ictx.problems if p.is_error]
                if errors or not (outcome.updated or outcome.unchanged):
                    raise _Rollback
        except _Rollback:
            return [p.problem for p in ictx.problems if not p.code.startswith("land.rejected_with")] or [
                Problem("land.polygon_too_few_points", {"code": row.code, "ring": 1, "points": 0})
            ]
        self.ctx.changes_applied.emit(Changes.of("land", updated=1, ids=(row.id,)))
        return []

    def _clear_boundary(self) -> None:
        """The plot keeps its record and indicators; its points and polygon go (a boundary
        entered for the wrong plot, or one to be surveyed again)."""
        row = self.current_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            tr("清除界址"),
            tr("删除地块 {code} 的全部界址点和图形？地块记录和标准地指标保留。", code=row.code),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.write(
                lambda s: services.clear_plot_boundary(s, plot_id=row.id, version=row.version), self
            )

    def _paste_boundary(self) -> None:
        row = self.current_row()
        if row is None:
            return
        PasteBoundaryDialog(row.code, lambda t, sw, st: self.paste_boundary(row, t, sw, st), self).exec()


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(PlotPage, sys.argv[1:]))
