"""规则试算 — change weights, benchmarks, caps and class cut-offs in a form, press 试算 to see
who would change class (nothing is written), then 保存为新规则 with a document number and
an effective date (a new dated version of ``efficiency.rule_set``; admin and clerk only).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.basis import basis_text
from desktop.context import AppContext
from desktop.efficiency.labels import benchmark_mode_label, data_years_text, group_label, indicator_label
from desktop.i18n import language, tr, tr_in
from desktop.item_models.formats import format_decimal
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.printing.attach import attach_print_menu
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.keyboard import table_keys
from desktop.widgets.table_view import RowTableView
from models.efficiency import rules as R
from models.efficiency import services as S
from models.errors import DomainError
from models.progress import Progress

# editable columns of the indicator grid
COL_GROUP, COL_INDICATOR, COL_WEIGHT, COL_BENCH, COL_CAP = range(5)
SHARES = (
    ("a_share", "A 类名次比例（%）"),
    ("b_share", "B 类及以上比例（%）"),
    ("c_share", "C 类及以上比例（%）"),
    ("a_max_share", "A 类上限（%）"),
    ("d_min_share", "D 类下限（%）"),
)
SCORES = (("a_score", "A 类最低分"), ("b_score", "B 类最低分"), ("c_score", "C 类最低分"))


def change_columns() -> list[TableColumn]:
    def dec(v: Any) -> str:
        return format_decimal(v, 2)

    return [
        TableColumn(tr("分组"), lambda c: group_label(c.group), width=120),
        TableColumn(tr("企业名称"), lambda c: c.name, width=200),
        TableColumn(tr("统一社会信用代码"), lambda c: c.uscc, width=160),
        TableColumn(tr("现类别"), lambda c: c.old_class or "—", width=60),
        TableColumn(tr("试算类别"), lambda c: c.new_class or "—", width=70),
        TableColumn(tr("现得分"), lambda c: c.old_score, dec, align_right=True, width=70),
        TableColumn(tr("试算得分"), lambda c: c.new_score, dec, align_right=True, width=70),
        TableColumn(tr("现排名"), lambda c: c.old_rank, align_right=True, width=60),
        TableColumn(tr("试算排名"), lambda c: c.new_rank, align_right=True, width=70),
    ]


def _pct(value: Decimal | None) -> str:
    return "" if value is None else format(value * 100, "f").rstrip("0").rstrip(".")


class WhatIfPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.base: R.RuleSet | None = None
        self.trial: R.RuleSet | None = None
        self._rows: list[tuple[R.GroupRule, R.IndicatorRule]] = []
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        left.addWidget(self.rule_label)
        self.grid = QTableWidget(0, 5)
        table_keys(self.grid)
        attach_print_menu(self.grid)
        self.grid.setHorizontalHeaderLabels(
            [tr("分组"), tr("指标"), tr("权重"), tr("基准值（空=当年平均）"), tr("封顶倍数")]
        )
        self.grid.verticalHeader().setVisible(False)
        for col, width in enumerate((150, 120, 60, 170, 80)):
            self.grid.setColumnWidth(col, width)
        left.addWidget(self.grid, 1)
        left.addWidget(self._cutoff_box())
        buttons = QHBoxLayout()
        self.reset_button = QPushButton(tr("恢复现行规则"))
        self.reset_button.clicked.connect(self._fill)
        self.try_button = QPushButton(tr("试算"))
        self.try_button.setDefault(True)
        self.try_button.clicked.connect(self.run_trial)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.try_button)
        left.addLayout(buttons)
        layout.addLayout(left, 5)

        right = QVBoxLayout()
        self.result_label = QLabel(
            tr("修改左侧的权重、基准值或分类比例，按“试算”查看哪些企业类别会变化；试算不保存任何数据。")
        )
        self.result_label.setWordWrap(True)
        right.addWidget(self.result_label)
        self.changes = RowTableModel(change_columns(), self)
        right.addWidget(RowTableView(self.changes, "efficiency.whatif"), 1)
        right.addWidget(self._save_box())
        layout.addLayout(right, 6)

    def _cutoff_box(self) -> QGroupBox:
        box = QGroupBox(tr("分类方法"))
        grid = QGridLayout(box)
        self.method = QComboBox()
        self.method.addItem(tr("按组内排名比例"), "percentile")
        self.method.addItem(tr("按得分"), "score")
        grid.addWidget(QLabel(tr("方法")), 0, 0)
        grid.addWidget(self.method, 0, 1)
        self.edits: dict[str, QLineEdit] = {}
        for i, (key, label) in enumerate((*SHARES, *SCORES)):
            edit = QLineEdit()
            edit.setMaximumWidth(80)
            self.edits[key] = edit
            row, col = 1 + i // 2, (i % 2) * 2
            grid.addWidget(QLabel(tr(label)), row, col)
            grid.addWidget(edit, row, col + 1)
        return box

    def _save_box(self) -> QGroupBox:
        box = QGroupBox(tr("保存为新规则"))
        form = QFormLayout(box)
        self.doc_edit = QLineEdit()
        self.doc_edit.setPlaceholderText(tr("如：临经信〔2025〕12号"))
        self.clause_edit = QLineEdit()
        self.from_edit = DateEdit(allow_blank=False)
        form.addRow(tr("文号"), self.doc_edit)
        form.addRow(tr("条款"), self.clause_edit)
        form.addRow(tr("生效日期"), self.from_edit)
        self.save_button = QPushButton(tr("保存为新规则"))
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        allowed = ctx_role_allows_rules(self.ctx)
        for w in (self.doc_edit, self.clause_edit, self.from_edit, self.save_button):
            w.setEnabled(allowed)
        if not allowed:
            form.addRow("", QLabel(tr("仅管理员和业务人员可保存规则。")))
        return box

    # --- filling -----------------------------------------------------------------------
    def set_year(self, year: int | None) -> None:
        self.year = year
        self.try_button.setEnabled(year is not None)
        if year is None:
            return
        with self.ctx.db.read() as session:
            loaded = R.rule_set_for(session, year)
        ref = loaded.ref
        basis = basis_text(
            ref.document_no, ref.clause, is_example=ref.is_example, example_source=ref.example_source
        )
        split = loaded.rules.industry_groups
        self.rule_label.setText(
            tr(
                "{year}年度数据适用规则：{title}，{basis}，自 {start} 起施行",
                year=year,
                title=tr_in("policy", ref.title),
                basis=basis,
                start=ref.effective_from.isoformat(),
            )
            + tr(
                "；适用数据年度：{years}",
                years=data_years_text(loaded.rules.data_year_from, loaded.rules.data_year_to),
            )
            + (
                tr(
                    "；按行业分组评价：{groups}",
                    groups=(", " if language() == "en" else "、").join(group_label(g) for g in split),
                )
                if split
                else ""
            )
        )
        self.from_edit.setDate(QDate(year, 1, 1))
        if loaded.rules != self.base:
            self.base = loaded.rules
            self._fill()

    def _fill(self) -> None:
        rs = self.base
        if rs is None:
            return
        rows = [(g, ind) for g in rs.groups for ind in g.indicators]
        self.grid.setRowCount(len(rows))
        for r, (g, ind) in enumerate(rows):
            fixed = ind.benchmark if ind.benchmark_mode == "fixed" else None
            texts = (
                group_label(g.key) + ("" if g.graded else tr("（不分类）")),
                indicator_label(ind.key),
                str(ind.weight),
                "" if fixed is None else str(fixed),
                str(ind.cap_factor),
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c in (COL_GROUP, COL_INDICATOR):
                    item.setFlags(item.flags() & ~_editable())
                if c == COL_BENCH and fixed is None:
                    item.setToolTip(benchmark_mode_label(ind.benchmark_mode))
                self.grid.setItem(r, c, item)
        self._rows = rows
        classes = rs.classes
        self.method.setCurrentIndex(0 if classes.method == "percentile" else 1)
        for key, _ in SHARES:
            self.edits[key].setText(_pct(getattr(classes, key)))
        for key, _ in SCORES:
            self.edits[key].setText(str(getattr(classes, key)))

    # --- reading the form ----------------------------------------------------------------
    def _cell(self, row: int, col: int) -> str:
        item = self.grid.item(row, col)
        return "" if item is None else item.text()

    def rule_set(self) -> R.RuleSet:
        """The rule set the form describes; DomainError(efficiency.rule_invalid) for a bad cell."""
        assert self.base is not None
        rs = self.base
        for r, (g, ind) in enumerate(self._rows):
            weight = _decimal(self._cell(r, COL_WEIGHT), f"{g.key}.{ind.key}.weight")
            bench_text = self._cell(r, COL_BENCH).strip()
            cap = _decimal(self._cell(r, COL_CAP), f"{g.key}.{ind.key}.cap_factor")
            rs = rs.with_indicator(g.key, ind.key, weight=weight, cap_factor=cap)
            if bench_text:
                rs = rs.with_benchmark(g.key, ind.key, _decimal(bench_text, f"{g.key}.{ind.key}.benchmark"))
            elif ind.benchmark_mode == "fixed":
                rs = rs.with_benchmark(g.key, ind.key, None)
        changes: dict[str, Any] = {"method": self.method.currentData()}
        for key, _ in SHARES:
            text = self.edits[key].text().strip()
            changes[key] = (
                None
                if not text and key in ("a_max_share", "d_min_share")
                else _decimal(text, f"classes.{key}") / 100
            )
        for key, _ in SCORES:
            changes[key] = _decimal(self.edits[key].text(), f"classes.{key}")
        rs = rs.with_classes(**changes)
        R.validate(rs)
        return rs

    # --- actions -------------------------------------------------------------------------
    def run_trial(self) -> None:
        if self.year is None:
            return
        try:
            trial = self.rule_set()
        except DomainError as exc:
            self.ctx.show_error(exc, self)
            return
        year = self.year

        def work(_progress: Progress) -> list[S.ClassChange]:
            with self.ctx.db.read() as session:
                return S.what_if(session, year=year, rule_set=trial)

        def done(changes: list[S.ClassChange]) -> None:
            self.trial = trial
            self.changes.set_rows(changes)
            up = sum(1 for c in changes if c.new_class and (not c.old_class or c.new_class < c.old_class))
            self.result_label.setText(
                tr(
                    "试算结果（{year}年度）：{n} 家企业类别变化，其中 {up} 家上升、{down} 家下降。尚未保存。",
                    year=year,
                    n=len(changes),
                    up=up,
                    down=len(changes) - up,
                )
                if changes
                else tr("试算结果（{year}年度）：没有企业的类别发生变化。尚未保存。", year=year)
            )

        self.ctx.submit(work, done, title=tr("正在试算…"), parent=self)

    def save(self) -> None:
        try:
            trial = self.rule_set()
        except DomainError as exc:
            self.ctx.show_error(exc, self)
            return
        start = self.from_edit.value()
        if start is None:
            self.from_edit.setFocus()
            return
        answer = QMessageBox.question(
            self,
            tr("保存为新规则"),
            tr(
                "以文号 {doc} 保存新的评价规则，自 {start} 起生效？此前的规则版本保留，已有评价结果不变；"
                "保存后可对相应年度重新评价。",
                doc=self.doc_edit.text().strip(),
                start=start.isoformat(),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        changes = self.ctx.write(
            lambda s: S.save_rule_set(
                s,
                rule_set=trial,
                effective_from=start,
                document_no=self.doc_edit.text(),
                clause=self.clause_edit.text().strip(),
            ),
            self,
        )
        if changes is not None:
            self.result_label.setText(
                tr(
                    "已保存新规则（{doc}，自 {start} 起）。如需按新规则评价，请按“评价本年度”。",
                    doc=self.doc_edit.text().strip(),
                    start=start.isoformat(),
                )
            )


def _decimal(text: str, path: str) -> Decimal:
    cleaned = text.strip().replace("，", "").replace(",", "").replace("%", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise DomainError("efficiency.rule_invalid", path=path, value=text) from None
    if not value.is_finite():
        raise DomainError("efficiency.rule_invalid", path=path, value=text)
    return value


def _editable() -> Any:
    from PySide6.QtCore import Qt

    return Qt.ItemFlag.ItemIsEditable


def ctx_role_allows_rules(ctx: AppContext) -> bool:
    """Saving a rule: administrators and clerks (not viewers, not carrier managers)."""
    return ctx.user.role in ("admin", "clerk")
