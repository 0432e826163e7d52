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
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.buildings.charts import BuildingCharts
from desktop.buildings.dialogs import BuildingRatioDialog, BuyBackDialog
from desktop.buildings.floor_grid import FloorGrid, GridLegend, floor_label
from desktop.buildings.text import (
    SEVERITY_MARK,
    area_text,
    check_line,
    money_text,
    pct_text,
    severity_label,
    status_label,
    use_label,
)
from desktop.buildings.transfer_dialog import TransferDialog
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.page import Page
from models.buildings import queries
from models.policy.entities import Platform
from models.progress import Progress


@dataclass(frozen=True)
class _Loaded:
    buildings: list[queries.BuildingRow]
    years: list[queries.YearCount]
    platforms: list[tuple[int, str]]


def _table(parent: QWidget, model: RowTableModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(model.columns):
        view.setColumnWidth(i, col.width)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view


def building_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("楼宇编号"), lambda r: r.code, width=86),
        TableColumn(tr("楼宇名称"), lambda r: r.name, width=176),
        TableColumn(tr("平台"), lambda r: r.platform_name, width=100),
        TableColumn(tr("已转让比例"), lambda r: r.ratio, pct_text, align_right=True, width=78),
        TableColumn(tr("上限"), lambda r: r.cap, pct_text, align_right=True, width=56),
        TableColumn(tr("状态"), lambda r: r.severity,
                    lambda s: f"{SEVERITY_MARK.get(s, '·')} {severity_label(s)}", width=84),
        TableColumn(tr("总建筑面积（㎡）"), lambda r: r.total_m2, area_text, align_right=True, width=104),
        TableColumn(tr("已转让（㎡）"), lambda r: r.transferred_m2, area_text, align_right=True, width=92),
        TableColumn(tr("单元数"), lambda r: r.unit_count, align_right=True, width=50),
        TableColumn(tr("上限依据"), lambda r: r.cap_document + (tr("（本楼）") if r.cap_is_own else ""), width=170),
    ]


def unit_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("楼层"), lambda r: r.floor, floor_label, width=50),
        TableColumn(tr("单元号"), lambda r: r.number, width=70),
        TableColumn(tr("面积（㎡）"), lambda r: r.area_m2, area_text, align_right=True, width=90),
        TableColumn(tr("用途"), lambda r: r.use, use_label, width=60),
        TableColumn(tr("状态"), lambda r: r.status, status_label, width=64),
        TableColumn(tr("权利人"), lambda r: r.owner_name, width=200),
        TableColumn(tr("取得日期"), lambda r: r.acquired_on, width=90),
    ]


def transfer_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("转让日期"), lambda r: r.transfer_date, width=90),
        TableColumn(tr("单元"), lambda r: r.unit_numbers, width=120),
        TableColumn(tr("受让企业"), lambda r: r.buyer_name, width=190),
        TableColumn(tr("面积（㎡）"), lambda r: r.area_m2, area_text, align_right=True, width=90),
        TableColumn(tr("成交价（万元）"), lambda r: r.price, money_text, align_right=True, width=100),
        TableColumn(tr("批准文号"), lambda r: r.approval_no, width=140),
        TableColumn(tr("类型"), lambda r: r.is_resale, lambda v: tr("再转让") if v else tr("首次"), width=60),
        TableColumn(tr("越权批准"), lambda r: r.override_document if r.overridden else "", width=120),
    ]


class BuildingPage(Page):
    key = "buildings"
    areas = ("buildings", "policy", "enterprises", "efficiency", "land")

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
    def _build(self) -> None:
        self.platform = QComboBox(self)
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
        self.ratio_button.setToolTip(tr("科技城可自行调整分割比例（临政函〔2023〕74号 三(三)），须注明批准文号"))
        self.ratio_button.clicked.connect(self.open_ratio)
        self.buyback_button = QPushButton(tr("政府回购要约…"), self)
        self.buyback_button.clicked.connect(self.open_buyback)
        bar = QHBoxLayout()
        bar.addWidget(self.platform)
        bar.addWidget(self.search, 1)
        for b in (self.transfer_button, self.resale_button, self.ratio_button, self.buyback_button):
            bar.addWidget(b)

        self.buildings = RowTableModel(building_columns(), self)
        self.building_view = _table(self, self.buildings)
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
        self.unit_view = _table(self, self.units)
        self.transfers = RowTableModel(transfer_columns(), self)
        self.transfer_view = _table(self, self.transfers)
        self.transfer_view.selectionModel().selectionChanged.connect(self._transfer_selected)
        self.transfer_checks = QPlainTextEdit(self)
        self.transfer_checks.setReadOnly(True)
        tv = QSplitter(Qt.Orientation.Vertical, self)
        tv.addWidget(self.transfer_view)
        tv.addWidget(self.transfer_checks)
        tv.setSizes([300, 200])

        self.charts = BuildingCharts(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(grid_tab, tr("楼层图"))
        self.tabs.addTab(self.unit_view, tr("单元"))
        self.tabs.addTab(tv, tr("转让记录"))
        self.tabs.addTab(self.charts, tr("图表"))

        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.header)
        rv.addWidget(self.tabs, 1)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.building_view, 1)
        lv.addWidget(self.count_label)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([820, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        on = self.on

        def work(_progress: Progress) -> _Loaded:
            with self.ctx.db.read() as s:
                platforms = [(int(i), str(n)) for i, n in
                             s.execute(select(Platform.id, Platform.name).order_by(Platform.priority))]
                return _Loaded(queries.list_buildings(s, on=on), queries.transfers_per_year(s), platforms)

        self.ctx.submit(work, self._loaded, title=tr("读取楼宇"), parent=self)

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
                not text or text in r.code.lower() or text in r.name.lower() or text in r.owner_name.lower())

        self.buildings.set_filter(keep if pid is not None or text else None)
        shown = self.buildings.rows()
        near = sum(1 for r in shown if r.severity == "warning")
        over = sum(1 for r in shown if r.severity == "error")
        self.count_label.setText(tr("{n} 栋楼宇，接近上限 {near} 栋，超过上限 {over} 栋", n=len(shown), near=near,
                                    over=over))

    def select_building(self, building_id: int | None) -> None:
        for row, r in enumerate(self.buildings.rows()):
            if r.id == building_id:
                self.building_view.selectRow(row)
                self._show_building(r)
                return
        self._show_building(None)

    def _building_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
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
        cap = tr("上限 {cap}（{doc}{own}{example}）", cap=pct_text(r.cap), doc=r.cap_document or tr("无规则"),
                 own=tr("，本楼自定") if r.cap_is_own else "", example=tr("，示例参数") if r.cap_is_example else "")
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
        pre = tr("前提条件：{flags}", flags="、".join(flags)) if flags else tr("前提条件齐备")
        headroom = r.headroom_m2
        room = "" if headroom is None else tr("，尚可转让 {area} ㎡", area=area_text(max(headroom, Decimal(0))))
        return (f"<b>{r.code} {r.name}</b> · {r.platform_name} · {tr('产权人')} {r.owner_name or '—'}<br>"
                f"{tr('总建筑面积')} {area_text(r.total_m2)} ㎡ · {r.floors} {tr('层')} · "
                f"<span style='color:{colour}'><b>{tr('已转让')} {pct_text(r.ratio)}</b></span> · {cap}{room}<br>"
                f"<span style='color:{'#b3261e' if flags else '#1e7b34'}'>{pre}</span>")

    def _unit_clicked(self, ids: list[int]) -> None:
        unit = next((u for u in self.grid.units() if ids and u.id == ids[0]), None)
        self.unit_info.setText("" if unit is None else FloorGrid.tooltip(unit).replace("\n", " · "))

    def _transfer_selected(self, *_args: Any) -> None:
        rows = self.transfer_view.selectionModel().selectedRows()
        if not rows:
            self.transfer_checks.setPlainText("")
            return
        t = self.transfers.row_at(rows[0].row())
        lines = [check_line(c) for c in t.checks]
        if t.overridden:
            lines.insert(0, tr("越权批准：{doc}，理由：{reason}（{by}）", doc=t.override_document,
                               reason=t.override_reason, by=t.override_by))
        self.transfer_checks.setPlainText("\n".join(lines))

    def _update_buttons(self) -> None:
        has = self._current is not None
        write = self.ctx.user.can_write
        for b in (self.transfer_button, self.resale_button, self.buyback_button):
            b.setEnabled(has and write)
        self.ratio_button.setEnabled(has and self.ctx.user.is_admin)

    # --- actions ---------------------------------------------------------------------------------
    def open_transfer(self, *, resale: bool) -> TransferDialog | None:
        if self._current is None or not self.ctx.user.can_write:
            return None
        dialog = TransferDialog(self.ctx, self._current, selected=self.grid.selected_ids(), is_resale=resale,
                                parent=self)
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


def main(argv: list[str]) -> int:
    """Open the page alone: on the database given, or on a fresh demo database."""
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from desktop.context import CurrentUser
    from models.db.migrate import open_database
    from models.demo import seed_demo

    app = QApplication.instance() or QApplication(argv)
    path = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp()) / "demo.sqlite3"
    db = open_database(path, actor="demo")
    if len(argv) <= 1:
        with db.write() as s:
            seed_demo(s)
    ctx = AppContext(db, CurrentUser(None, "admin", "admin"))
    page = BuildingPage(ctx)
    ctx.changes_applied.connect(page.on_changes)
    page.resize(1400, 820)
    page.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
