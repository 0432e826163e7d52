"""The industrial-buildings page (工业楼宇分割转让): the building table; the selected
building's units drawn floor by floor; its units and transfers (with the checks kept
when each was recorded); charts of transferred share against the cap and transfers
per year. Transfers, the building's own ratio and buy-back offers open dialogs.

``python -m desktop.buildings.page [DB]`` opens the page alone on a demo database.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.basis import shown_basis
from desktop.buildings.charts import BuildingCharts
from desktop.buildings.dialogs import BuildingRatioDialog, BuyBackDialog
from desktop.buildings.floor_grid import FloorGrid, GridLegend
from desktop.buildings.forms import BuildingDialog, GenerateUnitsDialog, UnitDialog
from desktop.buildings.tables import building_columns, make_table, transfer_columns, unit_columns
from desktop.buildings.text import (
    area_text,
    check_line,
    pct_text,
)
from desktop.buildings.transfer_dialog import TransferDialog
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel
from desktop.master_detail import MasterDetailPage, pane
from desktop.permissions_ui import guard
from desktop.printing.attach import attach_print_form
from desktop.printing.commands import approval_document
from desktop.printing.document import PrintDocument
from models.buildings import queries, services
from models.policy.queries import platform_choices
from models.progress import Progress


@dataclass(frozen=True)
class _Loaded:
    buildings: list[queries.BuildingRow]
    years: list[queries.YearCount]
    platforms: list[tuple[int, str]]


class BuildingPage(MasterDetailPage):
    key = "buildings"
    areas = ("buildings", "policy", "enterprises", "efficiency", "land")
    reads = ("buildings", "units", "transfers")

    @classmethod
    def title(cls) -> str:
        return tr("工业楼宇")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.on = dt.date.today()
        self._rows: list[queries.BuildingRow] = []
        self._current: queries.BuildingRow | None = None
        self._build()
        self.reload()

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:  # noqa: PLR0915  builds the toolbar, list and four tabs in reading order
        self.platform = QComboBox(self)
        self.platform.setAccessibleName(tr("平台"))
        self.platform.addItem(tr("全部平台"), None)
        self.platform.currentIndexChanged.connect(self._apply_filter)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("搜索楼宇编号、名称、产权人"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.transfer_button = QPushButton(tr("登记转让…"), self)
        self.transfer_button.clicked.connect(lambda: self.open_transfer(resale=False))
        self.resale_button = QPushButton(tr("登记再转让…"), self)
        self.resale_button.clicked.connect(lambda: self.open_transfer(resale=True))
        self.ratio_button = QPushButton(tr("设置本楼比例…"), self)
        self.ratio_button.setToolTip(
            tr("科技城可自行调整分割比例（临政函〔2023〕74号 三(三)），须注明批准文号")
        )
        self.ratio_button.clicked.connect(self.open_ratio)
        self.buyback_button = QPushButton(tr("政府回购要约…"), self)
        self.buyback_button.clicked.connect(self.open_buyback)
        self.building_menu_button = QToolButton(self)
        self.building_menu_button.setText(tr("楼宇"))
        self.building_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.building_menu_button)
        self.new_action = menu.addAction(tr("新建楼宇…"), self.new_building)
        self.edit_action = menu.addAction(tr("编辑楼宇…"), self.edit_building)
        self.delete_action = menu.addAction(tr("删除楼宇"), self.delete_building)
        self.building_menu_button.setMenu(menu)
        self.excel_button = QToolButton(self)
        self.excel_button.setText(tr("Excel"))
        self.excel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        excel = QMenu(self.excel_button)
        for kind, label in (
            ("buildings", tr("楼宇")),
            ("units", tr("分割单元")),
            ("transfers", tr("转让记录")),
        ):
            excel.addAction(tr("导入{what}…", what=label), partial(self.open_import, kind))
        excel.addSeparator()
        for kind, label in (
            ("buildings", tr("楼宇")),
            ("units", tr("分割单元")),
            ("transfers", tr("转让记录")),
        ):
            excel.addAction(tr("导出{what}…", what=label), partial(self.open_export, kind))
        excel.addSeparator()
        for kind, label in (
            ("buildings", tr("楼宇")),
            ("units", tr("分割单元")),
            ("transfers", tr("转让记录")),
        ):
            excel.addAction(tr("{what}导入模板…", what=label), partial(self.open_template, kind))
        self.import_actions = [a for a in excel.actions()[:3]]
        self.excel_button.setMenu(excel)
        for action, tables in zip(
            self.import_actions,
            (("buildings",), ("units",), ("transfers", "transfer_units", "units")),
            strict=True,
        ):
            guard(self.ctx, action, *tables)
        guard(self.ctx, self.new_action, "buildings", operation="insert")
        guard(self.ctx, self.edit_action, "buildings", operation="update")
        guard(self.ctx, self.delete_action, "buildings", operation="delete")
        for sale in (self.transfer_button, self.resale_button):
            guard(self.ctx, sale, "transfers", "transfer_units", "units")
        guard(self.ctx, self.ratio_button, "policy_rules", operation="insert")
        guard(self.ctx, self.buyback_button, "buyback_offers")
        bar = QHBoxLayout()
        bar.addWidget(self.platform)
        bar.addWidget(self.search, 1)
        for b in (
            self.transfer_button,
            self.resale_button,
            self.ratio_button,
            self.buyback_button,
            self.building_menu_button,
            self.excel_button,
        ):
            bar.addWidget(b)

        self.buildings = RowTableModel(building_columns(), self)
        self.building_view = make_table(self, self.buildings)
        self.building_view.selectionModel().selectionChanged.connect(self._building_selected)
        self.count_label = QLabel(self)

        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.grid = FloorGrid(self)
        self.grid.selection_changed.connect(self._unit_clicked)
        self.grid.unit_activated.connect(lambda _uid: self.open_transfer(resale=False))
        self.unit_info = QLabel(self)
        grid_tab = QWidget(self)
        gv = QVBoxLayout(grid_tab)
        gv.addWidget(self.grid, 1)
        gv.addWidget(GridLegend(grid_tab))
        gv.addWidget(self.unit_info)

        self.units = RowTableModel(unit_columns(), self)
        self.unit_view = make_table(self, self.units)
        self.unit_view.doubleClicked.connect(lambda _i: self.edit_unit())
        self.add_unit_button = QPushButton(tr("新增单元…"), self)
        self.add_unit_button.clicked.connect(self.add_unit)
        self.edit_unit_button = QPushButton(tr("编辑单元…"), self)
        self.edit_unit_button.clicked.connect(self.edit_unit)
        self.delete_unit_button = QPushButton(tr("删除单元"), self)
        self.delete_unit_button.clicked.connect(self.delete_unit)
        self.generate_button = QPushButton(tr("按层生成…"), self)
        self.generate_button.clicked.connect(self.generate_units)
        units_tab = QWidget(self)
        uv = QVBoxLayout(units_tab)
        ub = QHBoxLayout()
        for b in (self.add_unit_button, self.edit_unit_button, self.delete_unit_button, self.generate_button):
            ub.addWidget(b)
            guard(self.ctx, b, "units")
        ub.addStretch(1)
        uv.addLayout(ub)
        uv.addWidget(self.unit_view, 1)
        self.transfers = RowTableModel(transfer_columns(), self)
        self.transfer_view = make_table(self, self.transfers)
        self.transfer_view.selectionModel().selectionChanged.connect(self._transfer_selected)
        attach_print_form(self.transfer_view, tr("分割转让审核表"), self.transfer_sheet)
        self.transfer_checks = QPlainTextEdit(self)
        self.transfer_checks.setReadOnly(True)
        tv = QSplitter(Qt.Orientation.Vertical, self)
        tv.addWidget(self.transfer_view)
        tv.addWidget(self.transfer_checks)
        tv.setSizes([300, 200])

        self.charts = BuildingCharts(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(grid_tab, tr("楼层图"))
        self.tabs.addTab(units_tab, tr("单元"))
        self.tabs.addTab(tv, tr("转让记录"))
        self.tabs.addTab(self.charts, tr("图表"))

        split = self.master_detail(
            pane((self.building_view, 1), self.count_label, parent=self),
            pane(self.header, (self.tabs, 1), parent=self),
            sizes=(820, 680),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        on = self.on

        def work(_progress: Progress) -> _Loaded:
            with self.ctx.db.read() as s:
                return _Loaded(
                    queries.list_buildings(s, on=on), queries.transfers_per_year(s), platform_choices(s)
                )

        self.load(work, self._loaded, title=tr("读取楼宇"))

    def _loaded(self, data: _Loaded) -> None:
        if self.platform.count() == 1:
            for pid, name in data.platforms:
                self.platform.addItem(name, pid)
        keep = self._current.id if self._current else None
        self._rows = data.buildings
        self.buildings.set_rows(data.buildings)
        self._apply_filter()
        self.charts.show_data(data.buildings, data.years)
        self.select_building(keep if keep is not None else (data.buildings[0].id if data.buildings else None))

    def _apply_filter(self, *_args: Any) -> None:
        pid = self.platform.currentData()
        text = self.search.text().strip().lower()

        def keep(r: queries.BuildingRow) -> bool:
            return (pid is None or r.platform_id == pid) and (
                not text or text in r.code.lower() or text in r.name.lower() or text in r.owner_name.lower()
            )

        self.buildings.set_filter(keep if pid is not None or text else None)
        shown = self.buildings.rows()
        near = sum(1 for r in shown if r.severity == "warning")
        over = sum(1 for r in shown if r.severity == "error")
        self.count_label.setText(
            tr("{n} 栋楼宇，接近上限 {near} 栋，超过上限 {over} 栋", n=len(shown), near=near, over=over)
        )

    def select_building(self, building_id: int | None) -> None:
        for row, r in enumerate(self.buildings.rows()):
            if r.id == building_id:
                self.building_view.selectRow(row)
                self._show_building(r)
                return
        self._show_building(None)

    def _building_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.building_view.selectionModel().selectedRows()
        self._show_building(self.buildings.row_at(rows[0].row()) if rows else None)

    def _show_building(self, row: queries.BuildingRow | None) -> None:
        self._current = row
        if row is None:
            self.header.setText(tr("未选择楼宇"))
            self.grid.set_units([])
            self.units.set_rows([])
            self.transfers.set_rows([])
            self._update_buttons()
            return
        with self.ctx.db.read() as s:
            units = queries.list_units(s, row.id)
            transfers = queries.list_transfers(s, building_id=row.id)
        self.grid.set_units(units, row.floors)
        self.units.set_rows(units)
        self.transfers.set_rows(transfers)
        self.transfer_checks.setPlainText("")
        self.unit_info.setText(tr("单击单元查看详情，双击登记转让"))
        self.header.setText(self._header_html(row))
        self._update_buttons()

    def _header_html(self, r: queries.BuildingRow) -> str:
        colour = {"ok": "#1e7b34", "warning": "#a86400", "error": "#b3261e"}.get(r.severity, "#555555")
        cap = tr(
            "上限 {cap}（{doc}{own}{example}）",
            cap=pct_text(r.cap),
            doc=shown_basis(r.cap_document) or tr("无规则"),
            own=tr("，本楼自定") if r.cap_is_own else "",
            example="",
        )
        flags = []
        if r.accepted_on is None:
            flags.append(tr("未竣工验收"))
        if r.registered_on is None:
            flags.append(tr("未首次登记"))
        if not r.land_price_paid:
            flags.append(tr("出让金未缴清"))
        if r.has_lien and not r.lien_consent:
            flags.append(tr("抵押未获同意"))
        if r.idle_land_finding:
            flags.append(tr("闲置土地认定"))
        if r.idle_land_since is not None:
            flags.append(
                tr(
                    "地块 {plot} 自 {since} 起闲置（按供地合同约定日期推算）",
                    plot=r.plot_code,
                    since=r.idle_land_since.isoformat(),
                )
            )
        pre = tr("前提条件：{flags}", flags="、".join(flags)) if flags else tr("前提条件齐备")
        headroom = r.headroom_m2
        room = (
            "" if headroom is None else tr("，尚可转让 {area} ㎡", area=area_text(max(headroom, Decimal(0))))
        )
        return (
            f"<b>{r.code} {r.name}</b> · {r.platform_name} · {tr('产权人')} {r.owner_name or '—'}<br>"
            f"{tr('总建筑面积')} {area_text(r.total_m2)} ㎡ · {r.floors} {tr('层')} · "
            f"<span style='color:{colour}'><b>{tr('已转让')} {pct_text(r.ratio)}</b></span> · {cap}{room}<br>"
            f"<span style='color:{'#b3261e' if flags else '#1e7b34'}'>{pre}</span>"
        )

    def _unit_clicked(self, ids: list[int]) -> None:
        unit = next((u for u in self.grid.units() if ids and u.id == ids[0]), None)
        self.unit_info.setText("" if unit is None else FloorGrid.tooltip(unit).replace("\n", " · "))

    def transfer_sheet(self) -> PrintDocument | None:
        """The selected recorded transfer's 分割转让审核表 (its rule results as recorded)."""
        rows = self.transfer_view.selectionModel().selectedRows()
        if not rows:
            return None
        transfer = self.transfers.row_at(rows[0].row())
        return approval_document(self.ctx.db, transfer.id, author=self.ctx.user.username)

    def _transfer_selected(self, *_args: Any) -> None:
        rows = self.transfer_view.selectionModel().selectedRows()
        if not rows:
            self.transfer_checks.setPlainText("")
            return
        t = self.transfers.row_at(rows[0].row())
        lines = [check_line(c) for c in t.checks]
        if t.overridden:
            lines.insert(
                0,
                tr(
                    "越权批准：{doc}，理由：{reason}（{by}）",
                    doc=t.override_document,
                    reason=t.override_reason,
                    by=t.override_by,
                ),
            )
        self.transfer_checks.setPlainText("\n".join(lines))

    def _update_buttons(self) -> None:
        has = self._current is not None
        write = self.ctx.user.can_write
        for b in (
            self.transfer_button,
            self.resale_button,
            self.buyback_button,
            self.add_unit_button,
            self.edit_unit_button,
            self.delete_unit_button,
            self.generate_button,
        ):
            b.setEnabled(has and write)
        self.ratio_button.setEnabled(has and self.ctx.user.is_admin)
        self.new_action.setEnabled(write)
        self.edit_action.setEnabled(has and write)
        self.delete_action.setEnabled(has and write)
        for action in self.import_actions:
            action.setEnabled(write)

    # --- register --------------------------------------------------------------------------------
    def new_building(self) -> BuildingDialog:
        dialog = BuildingDialog(self.ctx, None, self)
        dialog.accepted.connect(lambda: self._select_after(dialog.changes))
        dialog.open()
        return dialog

    def _select_after(self, changes: object) -> None:
        ids = getattr(changes, "ids", ())
        if ids:
            self._current = None
            self.select_building(ids[0])

    def edit_building(self) -> BuildingDialog | None:
        if self._current is None:
            return None
        dialog = BuildingDialog(self.ctx, self._current, self)
        dialog.open()
        return dialog

    def delete_building(self) -> None:
        row = self._current
        if row is None:
            return
        answer = QMessageBox.question(
            self, tr("删除楼宇"), tr("删除楼宇 {code} {name} 及其全部单元？", code=row.code, name=row.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._current = None
            self.ctx.write(
                lambda s: services.delete_building(s, building_id=row.id, version=row.version), self
            )

    def current_unit(self) -> queries.UnitRow | None:
        rows = self.unit_view.selectionModel().selectedRows()
        if rows:
            unit: queries.UnitRow = self.units.row_at(rows[0].row())
            return unit
        ids = self.grid.selected_ids()
        return next((u for u in self.grid.units() if ids and u.id == ids[0]), None)

    def add_unit(self) -> UnitDialog | None:
        if self._current is None:
            return None
        dialog = UnitDialog(self.ctx, self._current, None, self)
        dialog.open()
        return dialog

    def edit_unit(self) -> UnitDialog | None:
        unit = self.current_unit()
        if self._current is None or unit is None:
            return None
        dialog = UnitDialog(self.ctx, self._current, unit, self)
        dialog.open()
        return dialog

    def delete_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        answer = QMessageBox.question(self, tr("删除单元"), tr("删除单元 {number}？", number=unit.number))
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.write(lambda s: services.delete_unit(s, unit_id=unit.id, version=unit.version), self)

    def generate_units(self) -> GenerateUnitsDialog | None:
        if self._current is None:
            return None
        dialog = GenerateUnitsDialog(self.ctx, self._current, self)
        dialog.open()
        return dialog

    # --- exchange --------------------------------------------------------------------------------
    def open_import(self, kind: str) -> None:
        from desktop.widgets.import_wizard import ImportWizard

        ImportWizard(self.ctx, kind, self).exec()

    def open_export(self, kind: str) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, kind, self)

    def open_template(self, kind: str) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, kind, self)

    # --- actions ---------------------------------------------------------------------------------
    def open_transfer(self, *, resale: bool) -> TransferDialog | None:
        if self._current is None or not self.ctx.user.can_write:
            return None
        dialog = TransferDialog(
            self.ctx, self._current, selected=self.grid.selected_ids(), is_resale=resale, parent=self
        )
        dialog.open()
        return dialog

    def open_ratio(self) -> BuildingRatioDialog | None:
        if self._current is None or not self.ctx.user.is_admin:
            return None
        dialog = BuildingRatioDialog(self.ctx, self._current, self)
        dialog.open()
        return dialog

    def open_buyback(self) -> BuyBackDialog | None:
        if self._current is None:
            return None
        ids = self.grid.selected_ids()
        dialog = BuyBackDialog(self.ctx, self._current, self.grid.units(), ids[0] if ids else None, self)
        dialog.open()
        return dialog


if __name__ == "__main__":  # pragma: no cover - review helper
    from desktop.widgets.preview import preview

    sys.exit(preview(BuildingPage, sys.argv[1:]))
