"""The monthly usage form (月度使用登记): one carrier, one month, one Save.

Opens prefilled — the month's saved report, or last month's employees with this month's
figures computed from the tenancies — with the computed figures beside each field to
compare. Tab goes month → area → tenants → new → graduated → left → employees → Save;
Ctrl+S (or Enter in the last field) saves. "导出本月登记表" writes the ``usage-reports``
workbook of this carrier and month, the file the bureau imports.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.item_models.formats import format_area, format_percent, unit_label
from desktop.widgets.editors import AreaEdit
from models.incubation.occupancy import add_months, month_start, rate
from models.incubation.usage import ReportDraft
from models.units import AreaUnit

COUNT_FIELDS = ("tenants", "new_tenants", "graduated", "left", "employees")


def _spin() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 1_000_000)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
    return box


class MonthlyReportForm(QWidget):
    """``month_changed(date)`` asks the page for the draft of another month; ``save_requested``
    and ``export_requested`` carry nothing — the page reads ``values()``."""

    month_changed = Signal(object)
    save_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft: ReportDraft | None = None
        self.carrier_name = ""
        outer = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        outer.addWidget(self.heading)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        entry = QGroupBox(tr("本月登记"))
        form = QFormLayout(entry)
        self.month = QComboBox()  # Tab leaves it at once (a QDateEdit tabs through its sections)
        self.set_months(dt.date.today())
        self.month.currentIndexChanged.connect(self._month_edited)
        form.addRow(tr("月份"), self.month)
        self.area = AreaEdit(unit=AreaUnit.M2)
        form.addRow(tr("已使用面积"), self.area)
        self.counts = {key: _spin() for key in COUNT_FIELDS}
        labels = {
            "tenants": tr("在孵企业数"),
            "new_tenants": tr("本月新入驻"),
            "graduated": tr("本月毕业"),
            "left": tr("本月退出"),
            "employees": tr("从业人员"),
        }
        for key in COUNT_FIELDS:
            form.addRow(labels[key], self.counts[key])
        self.source = QLabel()
        self.source.setWordWrap(True)
        form.addRow("", self.source)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.fill_button = QPushButton(tr("按入驻台账填入"))
        self.fill_button.clicked.connect(self.fill_computed)
        self.export_button = QPushButton(tr("导出本月登记表…"))
        self.export_button.clicked.connect(self.export_requested)
        for b in (self.save_button, self.fill_button, self.export_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        body.addWidget(entry, 3)

        compare = QGroupBox(tr("对照：入驻台账与上月"))
        grid = QGridLayout(compare)
        self.compare_labels: dict[tuple[int, int], QLabel] = {}
        for col, text in enumerate(("", tr("入驻台账"), tr("上月报送"))):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        self.row_names = (
            tr("月初占用面积"),
            tr("日均占用面积"),
            tr("使用率（日均）"),
            tr("在孵企业数"),
            tr("新入驻"),
            tr("毕业"),
            tr("退出"),
            tr("从业人员"),
        )
        for r, name in enumerate(self.row_names, start=1):
            grid.addWidget(QLabel(name), r, 0)
            for c in (1, 2):
                label = QLabel()
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, r, c)
                self.compare_labels[r, c] = label
        grid.setRowStretch(len(self.row_names) + 1, 1)
        body.addWidget(compare, 2)

        QWidget.setTabOrder(self.month, self.area)
        previous: QWidget = self.area
        for key in COUNT_FIELDS:
            QWidget.setTabOrder(previous, self.counts[key])
            previous = self.counts[key]
        QWidget.setTabOrder(previous, self.save_button)
        self.counts["employees"].editingFinished.connect(self._maybe_save_on_enter)
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save_requested.emit)
        self.set_draft(None)

    # --- in -------------------------------------------------------------------------------
    def set_draft(self, draft: ReportDraft | None, carrier_name: str = "") -> None:
        self.draft = draft
        self.carrier_name = carrier_name
        enabled = draft is not None
        for w in (self.area, *self.counts.values(), self.save_button, self.fill_button, self.export_button):
            w.setEnabled(enabled and self.isEnabled())
        if draft is None:
            self.heading.setText(tr("请选择一个载体"))
            self.source.setText("")
            for label in self.compare_labels.values():
                label.setText("")
            return
        self.heading.setText(
            tr("{carrier} · {month} 使用登记", carrier=carrier_name, month=f"{draft.month:%Y-%m}")
        )
        self.month.blockSignals(True)
        index = self.month.findData(draft.month.toordinal())
        if index < 0:
            self.month.addItem(f"{draft.month:%Y-%m}", draft.month.toordinal())
            index = self.month.count() - 1
        self.month.setCurrentIndex(index)
        self.month.blockSignals(False)
        self.area.set_value(draft.occupied_area_m2)
        values = {
            "tenants": draft.tenants,
            "new_tenants": draft.new_tenants,
            "graduated": draft.graduated,
            "left": draft.left,
            "employees": draft.employees,
        }
        for key, value in values.items():
            self.counts[key].setValue(value)
        self.source.setText(
            {
                "saved": tr("已保存的登记（第 {version} 版），修改后再保存。", version=draft.version),
                "previous": tr("未登记：面积和企业数按入驻台账预填，从业人员沿用上月。"),
                "computed": tr("未登记：按入驻台账预填。"),
            }[draft.source]
        )
        self._fill_compare(draft)

    def _fill_compare(self, d: ReportDraft) -> None:
        prev = d.previous
        computed = (
            format_area(d.computed_start_m2, AreaUnit.M2, with_unit=True),
            format_area(d.computed_prorated_m2, AreaUnit.M2, with_unit=True),
            format_percent(rate(d.computed_prorated_m2, d.usable_area_m2)),
            str(d.computed.tenants),
            str(d.computed.new_tenants),
            str(d.computed.graduated),
            str(d.computed.left),
            "",
        )
        last = (
            "",
            format_area(prev.occupied_area_m2, AreaUnit.M2, with_unit=True) if prev else "",
            format_percent(prev.reported_rate) if prev else "",
            *(
                (str(v) for v in (prev.tenants, prev.new_tenants, prev.graduated, prev.left, prev.employees))
                if prev
                else ("",) * 5
            ),
        )
        for r in range(len(self.row_names)):
            self.compare_labels[r + 1, 1].setText(computed[r])
            self.compare_labels[r + 1, 2].setText(last[r] if prev else (tr("（无）") if r == 1 else ""))

    def fill_computed(self) -> None:
        d = self.draft
        if d is None:
            return
        self.area.set_value(d.computed_prorated_m2.quantize(Decimal("0.01")))
        for key in ("tenants", "new_tenants", "graduated", "left"):
            self.counts[key].setValue(getattr(d.computed, key))

    # --- out ------------------------------------------------------------------------------
    def set_months(self, today: dt.date, count: int = 37) -> None:
        """This month and the ``count - 1`` before it, newest first; last month selected."""
        self.month.blockSignals(True)
        self.month.clear()
        m = month_start(today)
        for _ in range(count):
            self.month.addItem(f"{m:%Y-%m}", m.toordinal())  # an int: Qt would turn a date into a QDate
            m = add_months(m, -1)
        self.month.setCurrentIndex(1)
        self.month.blockSignals(False)

    def select_month(self, month: dt.date) -> None:
        index = self.month.findData(month_start(month).toordinal())
        if index >= 0:
            self.month.setCurrentIndex(index)

    def selected_month(self) -> dt.date:
        value = self.month.currentData()
        return (
            dt.date.fromordinal(value)
            if isinstance(value, int)
            else add_months(month_start(dt.date.today()), -1)
        )

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {"month": self.selected_month(), "occupied_area_m2": self.area.value()}
        out.update({key: box.value() for key, box in self.counts.items()})
        return out

    def problems(self) -> list[str]:
        if not self.area.is_valid() or self.area.value() is None:
            return [tr("已使用面积：请填写数字（{unit}）", unit=unit_label(AreaUnit.M2))]
        return []

    def _month_edited(self, _index: int) -> None:
        self.month_changed.emit(month_start(self.selected_month()))

    def _maybe_save_on_enter(self) -> None:
        """Enter in the last field saves (editingFinished also fires on focus loss: ignore that)."""
        if self.counts["employees"].hasFocus():
            self.save_requested.emit()
