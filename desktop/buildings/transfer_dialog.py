"""The transfer dialog: choose units (on the floor grid or in the list), the buyer, date,
price and approval number; every rule is re-checked as you type and listed with ✓/✗/⚠,
its numbers and its source. Save stays disabled while an error stands, unless an
administrator ticks "越权批准" and gives a reason and a document number (audited).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.buildings.approval_sheet import approval_sheet
from desktop.buildings.floor_grid import FloorGrid, GridLegend, floor_label
from desktop.buildings.text import SEVERITY_MARK, area_text, check_text, status_label, use_label
from desktop.context import AppContext
from desktop.i18n import tr
from desktop.printing.dialogs import add_print_actions
from desktop.printing.document import PrintDocument
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.dialog_buttons import OK, ok_cancel
from models.buildings import compliance, queries, services
from models.buildings.compliance import CheckResult
from models.buildings.entities import UnitStatus
from models.changes import Changes
from models.errors import DomainError

SEVERITY_COLOURS = {"ok": QColor("#1e7b34"), "warning": QColor("#a86400"), "error": QColor("#b3261e")}


class TransferDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        building: queries.BuildingRow,
        *,
        selected: list[int] | None = None,
        is_resale: bool = False,
        on: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.building = building
        self.results: list[CheckResult] = []
        self.saved_changes: Changes | None = None
        self.setWindowTitle(tr("分割转让 — {code} {name}", code=building.code, name=building.name))
        self.resize(1180, 720)
        with ctx.db.read() as s:
            self.units = queries.list_units(s, building.id)
            self.buyers = queries.buyer_choices(s)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.run_checks)
        self._build(on or dt.date.today(), is_resale)
        self._apply_mode()
        if selected:
            self.grid.set_selected([i for i in selected if i in self._selectable()])
            self._sync_list_from_grid()
        self.run_checks()

    # --- layout ----------------------------------------------------------------------------------
    def _build(self, on: dt.date, is_resale: bool) -> None:  # noqa: PLR0915  builds the transfer form field by field
        self.grid = FloorGrid(self, multi=True)
        self.grid.set_units(self.units, self.building.floors)
        self.grid.selection_changed.connect(self._grid_changed)
        self.unit_list = QListWidget(self)
        for u in sorted(self.units, key=lambda u: (-u.floor, u.number)):
            item = QListWidgetItem(
                tr(
                    "{floor} {number} · {area} ㎡ · {use} · {status}",
                    floor=floor_label(u.floor),
                    number=u.number,
                    area=area_text(u.area_m2),
                    use=use_label(u.use),
                    status=status_label(u.status),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.unit_list.addItem(item)
        self.unit_list.itemChanged.connect(self._sync_grid_from_list)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(tr("点击楼层图或勾选列表选择单元"), self))
        lv.addWidget(self.grid, 3)
        lv.addWidget(GridLegend(self))
        lv.addWidget(self.unit_list, 2)

        self.buyer = QComboBox(self)
        self.buyer.setEditable(True)
        self.buyer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.buyer.addItem(tr("（请选择受让企业）"), None)
        for b in self.buyers:
            self.buyer.addItem(f"{b.name}  {b.uscc}", b.id)
        completer = self.buyer.completer()
        if isinstance(completer, QCompleter):
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.buyer.currentIndexChanged.connect(self._changed)
        self.date = DateEdit(self, allow_blank=False, value=on)
        self.date.dateChanged.connect(self._changed)
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(tr("万元"))
        self.price.textChanged.connect(self._validate_save)
        self.approval = QLineEdit(self)
        self.approval.setPlaceholderText(tr("如 临分转〔2025〕18号"))
        self.resale = QCheckBox(tr("再转让（受让后再次转让）"), self)
        self.resale.setChecked(is_resale)
        self.resale.toggled.connect(self._mode_changed)
        form = QFormLayout()
        form.addRow(tr("受让企业"), self.buyer)
        form.addRow(tr("转让日期"), self.date)
        form.addRow(tr("成交价（万元）"), self.price)
        form.addRow(tr("批准文号"), self.approval)
        form.addRow("", self.resale)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.checks = QListWidget(self)
        self.checks.setWordWrap(True)
        self.checks.setAlternatingRowColors(True)

        self.override_box = QGroupBox(tr("越权批准（仅管理员，须写明理由与文号，记入审计）"), self)
        self.override_box.setCheckable(True)
        self.override_box.setChecked(False)
        self.override_reason = QPlainTextEdit(self.override_box)
        self.override_reason.setPlaceholderText(tr("理由"))
        self.override_reason.setFixedHeight(54)
        self.override_doc = QLineEdit(self.override_box)
        self.override_doc.setPlaceholderText(tr("批准文号"))
        ov = QFormLayout(self.override_box)
        ov.addRow(tr("理由"), self.override_reason)
        ov.addRow(tr("文号"), self.override_doc)
        self.override_box.toggled.connect(self._validate_save)
        self.override_reason.textChanged.connect(self._validate_save)
        self.override_doc.textChanged.connect(self._validate_save)
        self.override_box.setVisible(self.ctx.user.is_admin)

        self.buttons = ok_cancel(self, ok=tr("登记转让"), on_ok=self.save)
        self.save_button = self.buttons.button(OK)
        self.sheet_button = self.buttons.addButton(tr("审核表…"), QDialogButtonBox.ButtonRole.ActionRole)
        sheet_menu = QMenu(self.sheet_button)
        add_print_actions(sheet_menu, self, self.approval_sheet)
        self.sheet_button.setMenu(sheet_menu)

        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(form)
        rv.addWidget(QLabel(tr("规则核验（实时）"), self))
        rv.addWidget(self.summary)
        rv.addWidget(self.checks, 1)
        rv.addWidget(self.override_box)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 620])
        outer = QVBoxLayout(self)
        outer.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

    # --- state -----------------------------------------------------------------------------------
    def _selectable(self) -> set[int]:
        wanted = UnitStatus.TRANSFERRED.value if self.resale.isChecked() else None
        return {u.id for u in self.units if (u.status == wanted) == (wanted is not None)}

    def _apply_mode(self) -> None:
        ok = self._selectable()
        self.grid.set_selectable(ok)
        self.grid.set_selected([i for i in self.grid.selected_ids() if i in ok])
        self.unit_list.blockSignals(True)
        for row in range(self.unit_list.count()):
            item = self.unit_list.item(row)
            uid = item.data(Qt.ItemDataRole.UserRole)
            flags = Qt.ItemFlag.ItemIsUserCheckable | (
                Qt.ItemFlag.ItemIsEnabled if uid in ok else Qt.ItemFlag.NoItemFlags
            )
            item.setFlags(flags)
        self.unit_list.blockSignals(False)
        self._sync_list_from_grid()

    def _mode_changed(self) -> None:
        self._apply_mode()
        self._changed()

    def _grid_changed(self, _ids: list[int]) -> None:
        self._sync_list_from_grid()
        self._changed()

    def _sync_list_from_grid(self) -> None:
        chosen = set(self.grid.selected_ids())
        self.unit_list.blockSignals(True)
        for row in range(self.unit_list.count()):
            item = self.unit_list.item(row)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in chosen
                else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)
        self.unit_list.blockSignals(False)

    def _sync_grid_from_list(self, _item: QListWidgetItem | None = None) -> None:
        ids = [
            self.unit_list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.unit_list.count())
            if self.unit_list.item(r).checkState() == Qt.CheckState.Checked
        ]
        self.grid.set_selected(ids)
        self._changed()

    def set_buyer(self, enterprise_id: int) -> None:
        self.buyer.setCurrentIndex(max(0, self.buyer.findData(enterprise_id)))

    def buyer_id(self) -> int | None:
        data = self.buyer.currentData()
        return int(data) if data is not None else None

    def transfer_date(self) -> dt.date:
        value = self.date.value()
        if value is None:
            raise ValueError(self.date.text())
        return value

    def price_value(self) -> Decimal | None:
        text = self.price.text().strip().replace(",", "")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return Decimal(-1)

    def _changed(self, *_args: object) -> None:
        self._timer.start()

    # --- checks ----------------------------------------------------------------------------------
    def run_checks(self) -> None:
        """Re-evaluate every rule for the current choice (one building: fast enough inline)."""
        ids, buyer = self.grid.selected_ids(), self.buyer_id()
        self.results = []
        if ids and buyer is not None and self.date.is_valid():
            try:
                with self.ctx.db.read() as s:
                    self.results = compliance.check_transfer(
                        s,
                        building_id=self.building.id,
                        unit_ids=ids,
                        buyer_id=buyer,
                        transfer_date=self.transfer_date(),
                        is_resale=self.resale.isChecked(),
                    )
            except DomainError as exc:
                self.results = [CheckResult("", p.code, "error", dict(p.fields)) for p in exc.problems]
        self._show_results(ids, buyer)
        self._validate_save()

    def _show_results(self, ids: list[int], buyer: int | None) -> None:
        self.checks.clear()
        area = sum((u.area_m2 for u in self.units if u.id in ids), Decimal(0))
        if not ids or buyer is None:
            self.summary.setText(tr("请选择单元和受让企业，系统将逐条核验规则。"))
            return
        order = {"error": 0, "warning": 1, "ok": 2}
        for r in sorted(self.results, key=lambda r: order.get(r.severity, 3)):
            item = QListWidgetItem(f"{SEVERITY_MARK.get(r.severity, '·')}  {check_text(r)}")
            item.setForeground(SEVERITY_COLOURS.get(r.severity, QColor("#333333")))
            item.setData(Qt.ItemDataRole.UserRole, r.code)
            self.checks.addItem(item)
        n_err = sum(1 for r in self.results if r.severity == "error")
        n_warn = sum(1 for r in self.results if r.severity == "warning")
        self.summary.setText(
            tr(
                "已选 {n} 个单元，共 {area} ㎡。{verdict}",
                n=len(ids),
                area=area_text(area),
                verdict=tr("不符合 {e} 项规则，不能登记。", e=n_err)
                if n_err
                else tr("全部规则符合（{w} 项提醒）。", w=n_warn)
                if n_warn
                else tr("全部规则符合。"),
            )
        )
        self.summary.setStyleSheet(f"color: {SEVERITY_COLOURS['error' if n_err else 'ok'].name()};")

    def approval_sheet(self) -> PrintDocument:
        """分割转让审核表 of the current choice and its check results."""
        ids = set(self.grid.selected_ids())
        return approval_sheet(
            self.building,
            [u for u in self.units if u.id in ids],
            buyer=self.buyer.currentText() if self.buyer_id() is not None else "—",
            transfer_date=self.transfer_date(),
            price=self.price_value(),
            approval_no=self.approval.text().strip(),
            is_resale=self.resale.isChecked(),
            results=self.results,
            author=self.ctx.user.username,
        )

    def errors(self) -> list[CheckResult]:
        return compliance.errors(self.results)

    def can_save(self) -> bool:
        if (
            not self.grid.selected_ids()
            or self.buyer_id() is None
            or not self.results
            or not self.date.is_valid()
        ):
            return False
        price = self.price_value()
        if price is not None and price < 0:
            return False
        failed = self.errors()
        if not failed:
            return True
        if any(not r.rule_key for r in failed):  # structural problems are never overridden
            return False
        return self.override_ready()

    def override_ready(self) -> bool:
        return (
            self.ctx.user.is_admin
            and self.override_box.isChecked()
            and bool(self.override_reason.toPlainText().strip())
            and bool(self.override_doc.text().strip())
        )

    def _validate_save(self, *_args: object) -> None:
        self.save_button.setEnabled(self.can_save())

    # --- save ------------------------------------------------------------------------------------
    def save(self) -> None:
        self.run_checks()
        if not self.can_save():
            return
        override = (
            services.Override(self.override_reason.toPlainText().strip(), self.override_doc.text().strip())
            if self.errors()
            else None
        )
        ids, buyer = self.grid.selected_ids(), self.buyer_id()
        assert buyer is not None
        changes = self.ctx.write(
            lambda s: services.record_transfer(
                s,
                building_id=self.building.id,
                unit_ids=ids,
                buyer_id=buyer,
                transfer_date=self.transfer_date(),
                price=self.price_value(),
                approval_no=self.approval.text(),
                is_resale=self.resale.isChecked(),
                override=override,
            ),
            self,
        )
        if changes is not None:
            self.saved_changes = changes
            self.accept()
