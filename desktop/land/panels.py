"""Panels of the plot page: the checks list, the standard-land indicators, and the
dialog that turns coordinates pasted from Excel into a plot's boundary."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import bracketed, language, tr, tr_in
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.land.format import dec
from desktop.land.map_page import make_table
from desktop.messages import render
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.keyboard import save_shortcuts
from models.checks import Finding
from models.errors import Problem
from models.land.queries import IndicatorRow
from models.land.seed import INDICATORS

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


class ChecksPanel(QWidget):
    """The land checks (overlaps, outside platform, area mismatch), each explained;
    double-click a finding to select its plot. ``run_requested`` asks the page to run them."""

    plot_activated = Signal(int)
    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowTableModel(
            [
                TableColumn(
                    tr("级别"), lambda f: tr(_SEVERITY.get(f.problem.severity, f.problem.severity)), width=44
                ),
                TableColumn(tr("地块"), lambda f: f.record_label, width=110),
                TableColumn(tr("说明"), lambda f: render(f.problem), width=600),
            ],
            self,
        )
        self.view = make_table(self.model)
        self.view.doubleClicked.connect(self._activated)
        self.summary = QLabel(tr("尚未运行检查"))
        run = QPushButton(tr("运行检查"))
        run.clicked.connect(self.run_requested)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("检查")))
        top.addWidget(self.summary, 1)
        top.addWidget(run)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def set_findings(self, findings: list[Finding]) -> None:
        self.model.set_rows(findings)
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.problem.code] = counts.get(f.problem.code, 0) + 1
        self.summary.setText(
            tr(
                "重叠 {o} 处，超出平台边界 {b} 宗，面积不符 {a} 宗",
                o=counts.get("land.overlap", 0),
                b=counts.get("land.outside_platform", 0),
                a=counts.get("land.area_mismatch", 0),
            )
        )

    def _activated(self, index: QModelIndex) -> None:
        finding = self.model.row_at(index.row())
        if finding.record_id is not None:
            self.plot_activated.emit(finding.record_id)


def _indicator_name(key: str) -> str:
    return next((tr(n) for k, n, _, _ in INDICATORS if k == key), key)


def _unit_text(unit: str) -> str:
    return tr_in(("land", "efficiency"), unit) if unit else ""


def _indicator_unit(key: str) -> str:
    return _unit_text(next((u for k, _, u, _ in INDICATORS if k == key), ""))


class IndicatorPanel(QWidget):
    """Standard-land (标准地) indicators of the selected plot: promised vs actual, met or not.
    ``save_requested(indicator, promised, actual)``."""

    save_requested = Signal(str, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        def met_text(m: bool | None) -> str:
            return "" if m is None else (tr("达标") if m else tr("未达标"))

        self.model = RowTableModel(
            [
                TableColumn(tr("指标"), lambda r: _indicator_name(r.indicator), width=120),
                TableColumn(tr("承诺值"), lambda r: r.promised, dec, align_right=True, width=70),
                TableColumn(tr("实际值"), lambda r: r.actual, dec, align_right=True, width=70),
                TableColumn(tr("单位"), lambda r: _indicator_unit(r.indicator), width=80),
                TableColumn(tr("要求"), lambda r: r.comparison, width=40),
                TableColumn(tr("结果"), lambda r: r.met, met_text, width=60),
            ],
            self,
        )
        self.view = make_table(self.model, sortable=False)
        self.view.clicked.connect(self._pick_row)
        self.indicator = QComboBox()
        self.indicator.setAccessibleName(tr("指标"))
        for key, name, unit, cmp in INDICATORS:
            shown = (", " if language() == "en" else "，").join((_unit_text(unit) or "—", cmp))
            self.indicator.addItem(bracketed(tr(name), shown), key)
        self.promised, self.actual = QLineEdit(), QLineEdit()
        self.promised.setPlaceholderText(tr("承诺值"))
        self.actual.setPlaceholderText(tr("实际值"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        save = self.save_button = QPushButton(tr("保存指标"))
        save.clicked.connect(self._save)
        edit = QHBoxLayout()
        edit.addWidget(self.indicator, 2)
        edit.addWidget(self.promised, 1)
        edit.addWidget(self.actual, 1)
        edit.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(edit)
        layout.addWidget(self.error)
        save_shortcuts(self, save.click, [self.promised, self.actual])  # Ctrl+S, Enter in a value

    def set_rows(self, rows: list[IndicatorRow]) -> None:
        self.model.set_rows(rows)

    def _pick_row(self, index: QModelIndex) -> None:
        r = self.model.row_at(index.row())
        self.indicator.setCurrentIndex(max(0, self.indicator.findData(r.indicator)))
        self.promised.setText("" if r.promised is None else f"{r.promised.normalize():f}")
        self.actual.setText("" if r.actual is None else f"{r.actual.normalize():f}")

    def _save(self) -> None:
        try:
            values = [
                None if not t.strip() else Decimal(t.strip().replace(",", ""))
                for t in (self.promised.text(), self.actual.text())
            ]
        except InvalidOperation:
            self.error.setText(tr("请输入数字"))
            return
        self.error.clear()
        self.save_requested.emit(str(self.indicator.currentData()), values[0], values[1])


class PasteBoundaryDialog(QDialog):
    """Paste a 界址点 table (点号 X Y or 点号 圈号 X Y) copied from Excel. ``apply`` is given
    (text, swap_xy, strip_zone) and returns the problems (empty when stored)."""

    def __init__(
        self, code: str, apply: Callable[[str, bool, bool], list[Problem]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("粘贴界址点坐标 — {code}", code=code))
        self._apply = apply
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("J1\t3347900.000\t480700.000\nJ2\t3347900.000\t480800.000\n…")
        self.swap = QCheckBox(tr("X、Y 两列填反，交换后导入"))
        self.strip = QCheckBox(tr("去掉 Y 坐标的 40 带号"))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020")
        buttons = ok_cancel(self, on_ok=self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(tr("每行一个点：点号、X（北坐标）、Y（东坐标），可带圈号；首尾闭合点可有可无。"))
        )
        layout.addWidget(self.text)
        layout.addWidget(self.swap)
        layout.addWidget(self.strip)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _ok(self) -> None:
        problems = self._apply(self.text.toPlainText(), self.swap.isChecked(), self.strip.isChecked())
        if problems:
            self.problems.setText("\n".join(render(p) for p in problems))
            return
        self.accept()
