"""政策文件: the register of the documents the rules rely on (文号, title, issuer, dates,
status and successor, the clauses rules may cite and whether each holds figures), with the
rules citing the selected document. Administrators register and correct documents; the
one enforcement point (models/accounts/enforcement.py) refuses anyone else at the flush."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.basis import basis_text
from desktop.context import AppContext
from desktop.i18n import tr, tr_in
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.messages import render
from desktop.permissions_ui import guard
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.list_table import list_table
from models.changes import Changes
from models.errors import DomainError
from models.policy import services
from models.policy.documents import STATUSES, DocumentRow
from models.policy.queries import RuleRow


def status_label(status: str) -> str:
    return {"in_force": tr("现行有效"), "superseded": tr("已被替代"), "unverified": tr("未核实")}.get(
        status, status
    )


def status_text(d: DocumentRow, on: dt.date) -> str:
    """现行有效 / 已被替代（工信部科〔2025〕131号，2025-09-09起）/ 未核实."""
    if d.status == "superseded":
        when = d.superseded_on.isoformat() if d.superseded_on else tr("日期未知")
        text = tr("已被 {by} 替代（{on} 起）", by=d.superseded_by, on=when)
        return text if d.superseded_at(on) else text + tr("，尚未到替代日期")
    return status_label(d.status)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else tr("未核实")


def document_columns(today: Callable[[], dt.date]) -> list[TableColumn]:
    return [
        TableColumn(tr("文号"), lambda d: d.document_no, width=170),
        TableColumn(tr("标题"), lambda d: d.title, width=300),
        TableColumn(tr("发文机关"), lambda d: d.issuer, width=150),
        TableColumn(tr("发文日期"), lambda d: d.issued_on, _date, width=86),
        TableColumn(tr("施行日期"), lambda d: d.in_force_from, _date, width=86),
        TableColumn(tr("状态"), lambda d: status_text(d, today()), width=220),
    ]


def clause_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("条款"), lambda c: str(c.get("clause") or tr("（全文）")), width=110),
        TableColumn(tr("内容摘要"), lambda c: str(c.get("summary", "")), width=520),
        TableColumn(
            tr("可作数值依据"),
            lambda c: bool(c.get("figures", True)),
            lambda v: tr("是") if v else tr("否（只授权，不含数值）"),
            width=150,
        ),
    ]


def citing_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("规则"), lambda r: tr_in("policy", r.title) if r.title else r.key, width=300),
        TableColumn(tr("条款"), lambda r: r.clause, width=70),
        TableColumn(tr("生效日期"), lambda r: r.effective_from, lambda v: v.isoformat(), width=90),
        TableColumn(tr("取值"), lambda r: r.value_text, width=220),
        TableColumn(
            tr("依据"),
            lambda r: basis_text(
                r.document_no, r.clause, is_example=r.is_example, example_source=r.example_source
            ),
            width=200,
        ),
    ]


def _table(model: RowTableModel, title: str) -> QTableView:
    view = list_table(model, title)
    view.setWordWrap(False)
    return view


class DocumentDialog(QDialog):
    """Register a document or correct one. The live check shows the service's own refusal
    before anything is saved; OK saves through ``ctx.write``."""

    def __init__(  # noqa: PLR0915  builds the dialog's fields, one statement each
        self, ctx: AppContext, document: DocumentRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.document = document
        self.setWindowTitle(
            tr("登记政策文件") if document is None else tr("修改政策文件：{no}", no=document.document_no)
        )
        self.number = QLineEdit(document.document_no if document else "")
        self.number.setPlaceholderText(tr("例如 临政函〔2023〕74号"))
        self.title_edit = QLineEdit(document.title if document else "")
        self.issuer = QLineEdit(document.issuer if document else "")
        self.issued_on = DateEdit()
        self.in_force_from = DateEdit()
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        self.superseded_by = QLineEdit(document.superseded_by if document else "")
        self.superseded_on = DateEdit()
        self.note = QLineEdit(document.note if document else "")
        if document is not None:
            self.issued_on.set_value(document.issued_on)
            self.in_force_from.set_value(document.in_force_from)
            self.superseded_on.set_value(document.superseded_on)
            self.status.setCurrentIndex(STATUSES.index(document.status) if document.status in STATUSES else 0)
        self.clauses = QTableWidget(0, 3)
        self.clauses.setHorizontalHeaderLabels([tr("条款"), tr("内容摘要"), tr("可作数值依据")])
        header = self.clauses.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.clauses.setColumnWidth(0, 110)
        self.clauses.verticalHeader().setVisible(False)
        for c in document.clauses if document else ():
            self._add_clause(
                str(c.get("clause", "")), str(c.get("summary", "")), bool(c.get("figures", True))
            )
        add = QPushButton(tr("添加条款"))
        add.clicked.connect(lambda: self._add_clause("", "", True))
        remove = QPushButton(tr("删除所选条款"))
        remove.clicked.connect(self._remove_clause)
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("文号"), self.number)
        form.addRow(tr("标题"), self.title_edit)
        form.addRow(tr("发文机关"), self.issuer)
        form.addRow(tr("发文日期"), self.issued_on)
        form.addRow(tr("施行日期"), self.in_force_from)
        form.addRow(tr("状态"), self.status)
        form.addRow(tr("被替代为"), self.superseded_by)
        form.addRow(tr("替代日期"), self.superseded_on)
        form.addRow(tr("备注"), self.note)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("规则可引用的条款（不含数值的条款只能作为授权依据）")), 1)
        bar.addWidget(add)
        bar.addWidget(remove)
        self.buttons = ok_cancel(self, on_ok=self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(bar)
        layout.addWidget(self.clauses, 1)
        layout.addWidget(QLabel(tr("日期未经核实的留空；被替代的文件在“检查”中标出仍引用它的规则。")))
        layout.addWidget(self.status_line)
        layout.addWidget(self.buttons)
        for edit in (self.number, self.title_edit, self.issuer, self.superseded_by, self.note):
            edit.textChanged.connect(lambda _t: self.refresh())
        for date in (self.issued_on, self.in_force_from, self.superseded_on):
            date.edited.connect(self.refresh)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.clauses.itemChanged.connect(lambda _i: self.refresh())
        self.setMinimumSize(640, 560)
        self.refresh()

    def _add_clause(self, clause: str, summary: str, figures: bool) -> None:
        row = self.clauses.rowCount()
        self.clauses.insertRow(row)
        self.clauses.setItem(row, 0, QTableWidgetItem(clause))
        self.clauses.setItem(row, 1, QTableWidgetItem(summary))
        check = QTableWidgetItem()
        check.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        )
        check.setCheckState(Qt.CheckState.Checked if figures else Qt.CheckState.Unchecked)
        self.clauses.setItem(row, 2, check)

    def _remove_clause(self) -> None:
        row = self.clauses.currentRow()
        if row >= 0:
            self.clauses.removeRow(row)
            self.refresh()

    def clause_values(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.clauses.rowCount()):

            def text(column: int, r: int = row) -> str:
                item = self.clauses.item(r, column)
                return item.text() if item is not None else ""

            check = self.clauses.item(row, 2)
            out.append(
                {
                    "clause": text(0),
                    "summary": text(1),
                    "figures": check is not None and check.checkState() == Qt.CheckState.Checked,
                }
            )
        return out

    def values(self) -> dict[str, Any]:
        return {
            "document_no": self.number.text(),
            "title": self.title_edit.text(),
            "issuer": self.issuer.text(),
            "issued_on": self.issued_on.value(),
            "in_force_from": self.in_force_from.value(),
            "status": self.status.currentData(),
            "superseded_by": self.superseded_by.text(),
            "superseded_on": self.superseded_on.value(),
            "clauses": self.clause_values(),
            "note": self.note.text(),
            "document_id": self.document.id if self.document else None,
        }

    def _apply(self, session: Any) -> Changes:
        return services.save_document(session, **self.values())

    def refresh(self) -> bool:
        """Run the service on a read session (rolled back) and show its refusal, if any."""
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dates_valid = all(d.is_valid() for d in (self.issued_on, self.in_force_from, self.superseded_on))
        try:
            if not dates_valid:
                raise DomainError("policy.date_invalid")
            with self.ctx.db.read() as session:
                self._apply(session)
                session.rollback()
        except DomainError as exc:
            self.status_line.setText(
                render(exc.problems[0]) if exc.code != "policy.date_invalid" else tr("请更正标红的日期。")
            )
            self.status_line.setStyleSheet("color: #cf222e;")
            if ok_button is not None:
                ok_button.setEnabled(False)
            return False
        self.status_line.setText(tr("可以保存。"))
        self.status_line.setStyleSheet("color: #1a7f37;")
        if ok_button is not None:
            ok_button.setEnabled(True)
        return True

    def save(self) -> None:
        if not self.refresh():
            return
        if self.ctx.write(self._apply, self) is not None:
            self.accept()


class DocumentsTab(QWidget):
    """The register: documents (top), the selected one's clauses and the rules citing it."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._rules: list[RuleRow] = []
        self.documents = RowTableModel(document_columns(today), self)
        self.clauses = RowTableModel(clause_columns(), self)
        self.citing = RowTableModel(citing_columns(), self)
        self.document_view = _table(self.documents, tr("政策文件登记"))
        self.clause_view = _table(self.clauses, tr("文件条款"))
        self.citing_view = _table(self.citing, tr("引用该文件的规则"))
        self.add_button = QPushButton(tr("登记文件…"))
        self.edit_button = QPushButton(tr("修改…"))
        guard(ctx, self.add_button, "policy_documents", operation="insert")
        guard(ctx, self.edit_button, "policy_documents", operation="update")
        self.add_button.clicked.connect(self.add_document)
        self.edit_button.clicked.connect(self.edit_document)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold")
        bar = QHBoxLayout()
        bar.addWidget(
            QLabel(
                tr("规则引用的文件：每个数值要么出自登记文件中含该数值的条款，要么标为“示例（无文件依据）”。")
            ),
            1,
        )
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.heading)
        lv.addWidget(self.clause_view, 1)
        lv.addWidget(QLabel(tr("引用本文件的规则")))
        lv.addWidget(self.citing_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.document_view)
        split.addWidget(lower)
        split.setSizes([260, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.document_view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_selected())

    def set_data(self, documents: list[DocumentRow], rules: list[RuleRow]) -> None:
        current = self.selected()
        self._rules = rules
        self.documents.set_rows(documents)
        numbers = [d.document_no for d in documents]
        row = (
            numbers.index(current.document_no)
            if current is not None and current.document_no in numbers
            else 0
        )
        if documents:
            self.document_view.selectRow(row)
        self.show_selected()

    def selected(self) -> DocumentRow | None:
        index = self.document_view.currentIndex()
        return self.documents.row_at(index.row()) if index.isValid() else None

    def show_selected(self) -> None:
        d = self.selected()
        self.edit_button.setEnabled(d is not None and self.ctx.user.is_admin)
        self.add_button.setEnabled(self.ctx.user.is_admin)
        tip = "" if self.ctx.user.is_admin else tr("只有管理员可以登记或修改政策文件。")
        self.add_button.setToolTip(tip)
        self.edit_button.setToolTip(tip)
        if d is None:
            self.heading.setText("")
            self.clauses.set_rows([])
            self.citing.set_rows([])
            return
        parts = [f"{d.document_no}　{d.title}", status_text(d, self.today())]
        if d.note:
            parts.append(d.note)
        self.heading.setText(" · ".join(p for p in parts if p))
        self.clauses.set_rows(list(d.clauses))
        self.citing.set_rows([r for r in self._rules if r.document_no == d.document_no])

    def add_document(self) -> None:
        DocumentDialog(self.ctx, None, self).exec()

    def edit_document(self) -> None:
        d = self.selected()
        if d is not None:
            DocumentDialog(self.ctx, d, self).exec()
