"""Correct one enterprise-year of efficiency figures (or its 免评 / 保护期 status) by hand.

The figures normally arrive by import; this dialog is for the odd correction the sending
department phones in. Saving goes through ``upsert_record`` with the version the clerk saw.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.efficiency.labels import status_label
from desktop.i18n import tr
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.editors import (
    AreaEdit,
    CheckEdit,
    ChoiceCombo,
    DateEdit,
    DecimalEdit,
    MoneyEdit,
    TextEdit,
)
from models.efficiency.queries import RecordRow
from models.efficiency.services import STATUSES

MONEY = (
    ("tax", "税收（万元）"),
    ("value_added", "工业增加值（万元）"),
    ("output", "工业总产值（万元）"),
    ("main_revenue", "主营业务收入（万元）"),
    ("rd_spending", "研发经费（万元）"),
)
QUANTITIES = (
    ("energy_tce", "综合能耗（吨标煤）"),
    ("emissions_t", "主要污染物排放量（吨）"),
    ("electricity_mwh", "用电量（兆瓦时）"),
    ("employees", "年平均职工人数"),
)


class RecordDialog(QDialog):
    def __init__(self, row: RecordRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(tr("修改亩均效益数据：{name}（{year}年度）", name=row.name, year=row.year))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("统一社会信用代码：{uscc}", uscc=row.uscc)))
        form = QFormLayout()
        layout.addLayout(form)
        self.above = CheckEdit(tr("规模以上工业企业"))
        self.above.setChecked(row.above_scale)
        form.addRow(tr("规模"), self.above)
        self.land = AreaEdit()
        self.land.set_value(row.land_m2)
        form.addRow(tr("用地面积"), self.land)
        self.edits: dict[str, DecimalEdit] = {}
        for key, label in MONEY:
            edit: DecimalEdit = MoneyEdit()
            edit.set_value(getattr(row, key))
            self.edits[key] = edit
            form.addRow(tr(label), edit)
        for key, label in QUANTITIES:
            edit = DecimalEdit(places=0 if key == "employees" else 6)
            edit.set_value(getattr(row, key))
            self.edits[key] = edit
            form.addRow(tr(label), edit)
        self.status = ChoiceCombo([(s, status_label(s)) for s in STATUSES])
        self.status.set_value(row.status)
        form.addRow(tr("评价状态"), self.status)
        self.p_from = DateEdit()
        self.p_from.set_value(row.protection_from)
        self.p_to = DateEdit()
        self.p_to.set_value(row.protection_to)
        form.addRow(tr("保护期起"), self.p_from)
        form.addRow(tr("保护期止"), self.p_to)
        # what the rule's deductions and vetoes read
        self.rented = QSpinBox()
        self.rented.setRange(0, 99)
        self.rented.setValue(row.rented_out_plants)
        form.addRow(tr("出租厂房数（处）"), self.rented)
        self.incident = QCheckBox(tr("发生重大安全或环保事故（按规则不得评 A、B 类）"))
        self.incident.setChecked(row.major_incident)
        form.addRow("", self.incident)
        self.note = TextEdit()
        self.note.set_value(row.note)
        form.addRow(tr("备注"), self.note)
        layout.addWidget(QLabel(tr("修改后请重新评价该年度。")))
        box = ok_cancel(self, ok=tr("保存"))
        layout.addWidget(box)

    def changed(self) -> dict[str, Any]:
        """The fields that differ from the row; ValueError names a field that is not a number."""
        values: dict[str, Any] = {
            "above_scale": self.above.isChecked(),
            "status": self.status.value(),
            "protection_from": self.p_from.value(),
            "protection_to": self.p_to.value(),
            "rented_out_plants": self.rented.value(),
            "major_incident": self.incident.isChecked(),
            "note": self.note.value(),
        }
        if not self.land.is_valid():
            raise ValueError(tr("用地面积"))
        values["land_area_m2"] = self.land.value()
        for key, label in (*MONEY, *QUANTITIES):
            edit = self.edits[key]
            if not edit.is_valid():
                raise ValueError(tr(label))
            value = edit.value()
            values[key] = int(value) if key == "employees" and value is not None else value
        return {
            k: v for k, v in values.items() if getattr(self.row, k if k != "land_area_m2" else "land_m2") != v
        }

    def accept(self) -> None:
        try:
            self.changed()
        except ValueError as exc:
            QMessageBox.warning(self, tr("无法保存"), tr("“{field}”不是数字", field=str(exc)))
            return
        super().accept()
