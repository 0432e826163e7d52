"""The priority planner dialog: the proposal for a year, one line per proposed allocation
with its explanation (which rule, which grant, why), the notes (shortfalls, reserved
grants kept, what is left), and the clerk's adjustments: untick a line or change its
area; 接受 creates the allocations in one transaction (each checked again)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.basis import basis_text
from desktop.context import AppContext
from desktop.i18n import tr, tr_in
from desktop.item_models.formats import area_header, area_unit, format_area
from desktop.messages import render
from desktop.printing.attach import attach_print_menu
from desktop.widgets.dialog_buttons import OK, ok_cancel
from desktop.widgets.editors import DateEdit, parse_decimal_text
from desktop.widgets.keyboard import table_keys
from models.changes import Changes
from models.quotas.planner import Plan, PlanLine, accept_plan, adjust_line, propose_plan
from models.units import from_m2, to_m2


class PlannerDialog(QDialog):
    def __init__(
        self, ctx: AppContext, year: int, parent: QWidget | None = None, *, on: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("按优先顺序安排指标"))
        self.resize(1100, 640)
        self.plan: Plan | None = None
        self.changes: Changes | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("年度")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        top.addWidget(self.year)
        top.addWidget(QLabel(tr("安排日期")))
        self.on = DateEdit(allow_blank=False)
        self.on.set_value(on or dt.date.today())
        top.addWidget(self.on)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        top.addWidget(self.rule_label, 1)
        layout.addLayout(top)
        self.table = QTableWidget(0, 5)
        table_keys(self.table)
        attach_print_menu(self.table)
        self.table.setHorizontalHeaderLabels(
            [tr("采纳"), tr("平台"), tr("项目"), area_header(tr("面积")), tr("说明")]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 50), (1, 120), (2, 200), (3, 100)):
            self.table.setColumnWidth(col, width)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(tr("提示")))
        self.notes = QListWidget()
        layout.addWidget(self.notes, 1)
        self.total = QLabel()
        layout.addWidget(self.total)
        self.buttons = ok_cancel(self, ok=tr("接受并分配"), on_ok=self.accept_plan)
        self.accept_button = self.buttons.button(OK)
        layout.addWidget(self.buttons)
        self.year.valueChanged.connect(self.propose)
        self.on.edited.connect(self.propose)
        self.table.itemChanged.connect(lambda _i: self._update_total())
        self.propose()

    def propose(self) -> None:
        with self.ctx.db.read() as session:
            self.plan = propose_plan(session, year=self.year.value(), on=self.on.value() or dt.date.today())
        plan = self.plan
        if plan.rule is not None:
            self.rule_label.setText(
                tr(
                    "依据 {basis}（自 {since} 起）：{title}",
                    basis=basis_text(
                        plan.rule.document_no,
                        plan.rule.clause,
                        is_example=plan.rule.is_example,
                        example_source=plan.rule.example_source,
                    ),
                    since=plan.rule.effective_from.isoformat(),
                    title=tr_in("policy", plan.rule.title),
                )
            )
        else:
            self.rule_label.setText(tr("未找到有效的优先顺序规则"))
        unit = area_unit()
        self.table.blockSignals(True)
        self.table.setRowCount(len(plan.allocations))
        for r, line in enumerate(plan.allocations):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(r, 0, check)
            for c, text in ((1, line.platform), (2, line.project), (4, render(line.problem))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
            area = QTableWidgetItem(f"{from_m2(line.area_m2, unit, 4).normalize():f}")
            area.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 3, area)
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        self.notes.clear()
        for line in plan.lines:
            if not line.is_allocation:
                self.notes.addItem(render(line.problem))
        self._update_total()

    def adjusted_lines(self) -> list[PlanLine]:
        """The lines the clerk keeps, with the areas as edited (in the user's unit)."""
        assert self.plan is not None
        unit = area_unit()
        lines = []
        for r, line in enumerate(self.plan.allocations):
            check, cell = self.table.item(r, 0), self.table.item(r, 3)
            if check is None or cell is None or check.checkState() != Qt.CheckState.Checked:
                continue
            text = cell.text()
            shown = f"{from_m2(line.area_m2, unit, 4).normalize():f}"
            if text.strip() == shown:
                lines.append(line)  # unchanged: the exact ㎡ of the proposal
                continue
            try:
                value = parse_decimal_text(text)
            except ValueError:
                value = None
            if value is not None and value > 0:
                lines.append(adjust_line(line, to_m2(value, unit)))
        return lines

    def _update_total(self) -> None:
        if self.plan is None:
            return
        lines = self.adjusted_lines()
        total = sum((line.area_m2 for line in lines), start=self.plan.total_m2() * 0)
        self.total.setText(
            tr("采纳 {n} 条，合计 {area}", n=len(lines), area=format_area(total, with_unit=True))
        )
        self.accept_button.setEnabled(bool(lines))

    def accept_plan(self) -> None:
        lines = self.adjusted_lines()
        on = self.on.value() or dt.date.today()
        self.changes = self.ctx.write(lambda s: accept_plan(s, lines=lines, allocated_on=on), self)
        if self.changes is not None:
            self.accept()
        else:
            self.propose()
