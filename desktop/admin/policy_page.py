"""政策参数: every rule by key with its versions (document, clause, effective dates),
seeded examples marked; administrators add a new dated version. Also the editable
choice lists (industry chains …)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.admin.documents_tab import DocumentsTab
from desktop.basis import basis_text
from desktop.context import AppContext
from desktop.i18n import bracketed, tr, tr_in
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.page import Page
from desktop.permissions_ui import guard
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.list_table import list_table
from models.policy import services
from models.policy.documents import list_documents
from models.policy.queries import ChoiceRow, RuleRow, list_choices, list_platforms, list_rules

EXAMPLE_COLOR = QColor("#b35c00")
VALUE_COLUMN = 2


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else tr("至今")


class RuleTableModel(RowTableModel):
    """Rule versions; seeded example values in amber, versions no longer in force in grey."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            row: RuleRow = self.row_at(index.row())
            if row.is_example:
                return QBrush(EXAMPLE_COLOR)
            if not row.in_force(dt.date.today()):
                return QBrush(QColor("#888888"))
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            row = self.row_at(index.row())
            if index.column() == VALUE_COLUMN:
                return row.value_text
            return row.note or None
        return super().data(index, role)


def rule_title(title: str) -> str:
    """A seeded rule's title in the UI language (a title typed by the bureau stays as typed)."""
    return tr_in("policy", title) if title else title


class RuleVersionDialog(QDialog):
    """A new version of one rule: value, start date, document number, clause, example flag."""

    def __init__(self, rule: RuleRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("新增版本：{title}", title=rule_title(rule.title) or rule.key))
        self.value = QPlainTextEdit(rule.value_text)
        self.value.setFixedHeight(70)
        self.start = DateEdit(allow_blank=False)
        tomorrow = max(dt.date.today(), rule.effective_from + dt.timedelta(days=1))
        self.start.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.document = QLineEdit()
        self.document.setPlaceholderText(tr("例如 临政函〔2023〕74号"))
        self.clause = QLineEdit()
        self.example = QCheckBox(tr("示例值（待区里正式文件确定）"))
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(tr("规则"), QLabel(bracketed(rule_title(rule.title), rule.key)))
        form.addRow(
            tr("现行取值"),
            QLabel(
                f"{rule.value_text}  ·  "
                + basis_text(
                    rule.document_no,
                    rule.clause,
                    is_example=rule.is_example,
                    example_source=rule.example_source,
                )
            ),
        )
        form.addRow(tr("新取值"), self.value)
        form.addRow(tr("生效日期"), self.start)
        form.addRow(tr("文件文号"), self.document)
        form.addRow(tr("条款"), self.clause)
        form.addRow("", self.example)
        form.addRow(tr("备注"), self.note)
        form.addRow(QLabel(tr("旧版本不会被覆盖：它的失效日期设为新版本生效的前一天。")))
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        if not self.start.is_valid():  # the field is red and says why; the dialog keeps what was typed
            self.start.setFocus()
            return
        super().accept()

    def parsed_value(self) -> Any:
        text = self.value.toPlainText().strip()
        try:
            return json.loads(text)
        except ValueError:
            return text

    def start_date(self) -> dt.date:
        value = self.start.value()
        if value is None:
            raise ValueError(self.start.text())
        return value


class PolicyPage(Page):
    key = "policy"
    areas = ("policy", "platforms")
    reads = ("policy_rules", "choice_items", "policy_documents")

    @classmethod
    def title(cls) -> str:
        return tr("政策参数")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:  # noqa: PLR0915  builds the page's three tabs in reading order
        super().__init__(ctx, parent)
        self._platforms: dict[int, str] = {}
        # --- rules tab
        self.keys = QListWidget()
        self.keys.setMinimumWidth(220)
        self.versions = RuleTableModel(
            [
                TableColumn(tr("生效日期"), lambda r: r.effective_from, lambda v: v.isoformat(), width=90),
                TableColumn(tr("失效日期"), lambda r: r.effective_to, _date, width=90),
                TableColumn(tr("取值"), lambda r: r.value_text, width=220),
                TableColumn(
                    tr("适用范围"),
                    lambda r: (
                        r.platform_name
                        or (tr("楼宇 {id}", id=r.building_id) if r.building_id else tr("全区"))
                    ),
                    width=110,
                ),
                TableColumn(
                    tr("文件文号"),
                    lambda r: (
                        r.document_no
                        or basis_text("", is_example=r.is_example, example_source=r.example_source)
                    ),
                    width=150,
                ),
                TableColumn(tr("条款"), lambda r: r.clause, width=60),
                TableColumn(
                    tr("示例值"), lambda r: r.is_example, lambda v: tr("示例") if v else "", width=50
                ),
            ],
            self,
        )
        self.table = list_table(self.versions)
        self.rule_title = QLabel()
        self.rule_title.setStyleSheet("font-weight: bold")
        self.rule_note = QLabel()
        self.rule_note.setWordWrap(True)
        self.add_version_button = QPushButton(tr("新增版本…"))
        self.legend = QLabel(tr("橙色：示例值，等待区里的正式规定；灰色：已失效的版本。"))
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.rule_title, 1)
        top.addWidget(self.add_version_button)
        rv.addLayout(top)
        rv.addWidget(self.rule_note)
        rv.addWidget(self.table, 1)
        rv.addWidget(self.legend)
        rules_split = QSplitter(Qt.Orientation.Horizontal)
        rules_split.addWidget(self.keys)
        rules_split.addWidget(right)
        rules_split.setStretchFactor(1, 1)
        rules_split.setSizes([380, 820])
        self.keys.setWordWrap(True)

        # --- choice lists tab
        self.category = QComboBox()
        self.choices = RowTableModel(
            [
                TableColumn(tr("选项"), lambda r: r.value, width=200),
                TableColumn(tr("英文"), lambda r: r.label_en, width=240),
                TableColumn(
                    tr("状态"), lambda r: r.active, lambda v: tr("启用") if v else tr("停用"), width=60
                ),
            ],
            self,
        )
        self.choice_table = list_table(self.choices)
        self.new_choice = QLineEdit()
        self.new_choice.setPlaceholderText(tr("新选项"))
        self.new_choice.setAccessibleName(tr("新选项"))
        self.new_choice_en = QLineEdit()
        self.new_choice_en.setPlaceholderText(tr("英文名称（可选）"))
        self.new_choice_en.setAccessibleName(tr("英文名称（可选）"))
        self.english_button = QPushButton(tr("英文名称…"))
        self.english_button.setToolTip(tr("修改所选选项在英文界面中显示的名称"))
        self.add_choice_button = QPushButton(tr("添加"))
        self.up_button = QPushButton(tr("上移"))
        self.down_button = QPushButton(tr("下移"))
        self.active_button = QPushButton(tr("停用/启用"))
        choice_bar = QHBoxLayout()
        choice_bar.addWidget(QLabel(tr("列表")))
        choice_bar.addWidget(self.category)
        choice_bar.addWidget(self.new_choice, 1)
        choice_bar.addWidget(self.new_choice_en, 1)
        for b in (
            self.add_choice_button,
            self.up_button,
            self.down_button,
            self.active_button,
            self.english_button,
        ):
            choice_bar.addWidget(b)
        guard(self.ctx, self.add_version_button, "policy_rules", operation="insert")
        for b in (
            self.add_choice_button,
            self.up_button,
            self.down_button,
            self.active_button,
            self.english_button,
        ):
            guard(self.ctx, b, "choice_items")
        choices_tab = QWidget()
        cv = QVBoxLayout(choices_tab)
        cv.addLayout(choice_bar)
        cv.addWidget(self.choice_table, 1)
        cv.addWidget(QLabel(tr("停用的选项保留在已有记录上，新录入和导入不再接受。")))

        # --- platforms tab (read-only; edit through the platforms workbook)
        self.platforms = RowTableModel(
            [
                TableColumn(tr("优先顺序"), lambda r: r.priority, align_right=True, width=70),
                TableColumn(tr("代码"), lambda r: r.code, width=70),
                TableColumn(tr("平台名称"), lambda r: r.name, width=200),
                TableColumn(tr("简称"), lambda r: r.short_name, width=100),
                TableColumn(
                    tr("主平台"), lambda r: r.is_main, lambda v: tr("是") if v else tr("否"), width=60
                ),
            ],
            self,
        )
        platform_table = list_table(self.platforms)
        platforms_tab = QWidget()
        pv = QVBoxLayout(platforms_tab)
        pv.addWidget(platform_table, 1)
        pv.addWidget(QLabel(tr("平台用“landspace import platforms 文件.xlsx”按代码更新。")))

        self.tabs = QTabWidget()
        self.tabs.addTab(rules_split, tr("政策参数"))
        self.tabs.addTab(choices_tab, tr("选项列表"))
        self.tabs.addTab(platforms_tab, tr("平台"))
        self.documents_tab = DocumentsTab(ctx, self)
        self.tabs.addTab(self.documents_tab, tr("政策文件"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.keys.currentRowChanged.connect(lambda _r: self.show_key())
        self.add_version_button.clicked.connect(self.add_version)
        self.category.currentIndexChanged.connect(lambda _i: self.show_choices())
        self.add_choice_button.clicked.connect(self.add_choice)
        self.new_choice.returnPressed.connect(self.add_choice)
        self.new_choice_en.returnPressed.connect(self.add_choice)
        self.english_button.clicked.connect(self.edit_english)
        self.up_button.clicked.connect(lambda: self.move_choice(-1))
        self.down_button.clicked.connect(lambda: self.move_choice(1))
        self.active_button.clicked.connect(self.toggle_choice)
        self.reload()

    # --- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        db = self.ctx.db

        def query(_progress: Any) -> tuple[Any, ...]:
            with db.read() as s:
                return list_rules(s), list_choices(s), list_platforms(s), list_documents(s)

        self.load(query, self._apply, title=tr("正在读取政策参数…"))

    def _apply(self, data: tuple[Any, ...]) -> None:
        self._rules, self._choices, platforms, documents = data
        self.platforms.set_rows(platforms)
        self.documents_tab.set_data(documents, self._rules)
        current = self.keys.currentItem().data(Qt.ItemDataRole.UserRole) if self.keys.currentItem() else None
        self.keys.blockSignals(True)
        self.keys.clear()
        latest: dict[str, RuleRow] = {}
        for r in self._rules:
            if r.key not in latest or (
                r.platform_id is None
                and r.building_id is None
                and r.effective_from > latest[r.key].effective_from
            ):
                latest[r.key] = r
        for key, rule in sorted(latest.items()):
            item = QListWidgetItem(rule_title(rule.title) or key)
            item.setToolTip(key)
            item.setData(Qt.ItemDataRole.UserRole, key)
            if any(r.is_example for r in self._rules if r.key == key and r.in_force(dt.date.today())):
                item.setText(tr("{title}（示例值）", title=rule_title(rule.title) or key))
                item.setForeground(QBrush(EXAMPLE_COLOR))
            self.keys.addItem(item)
        self.keys.blockSignals(False)
        keys = [self.keys.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.keys.count())]
        self.keys.setCurrentRow(keys.index(current) if current in keys else 0 if keys else -1)
        self.show_key()
        categories = sorted({c.category for c in self._choices})
        chosen = self.category.currentData()
        self.category.clear()
        for c in categories:
            self.category.addItem(self._category_label(c), c)
        if chosen in categories:
            self.category.setCurrentIndex(categories.index(chosen))
        self.show_choices()

    @staticmethod
    def _category_label(category: str) -> str:
        return {
            "industry_chain": tr("产业链"),
            "quota_source": tr("指标来源"),
            "land_use": tr("用地性质"),
            "supply_method": tr("供地方式"),
            "low_eff_kind": tr("低效类型"),
            "plot_status": tr("地块状态"),
        }.get(category, category)

    def selected_key(self) -> str | None:
        item = self.keys.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def show_key(self) -> None:
        key = self.selected_key()
        rows = [r for r in self._rules if r.key == key]
        self.versions.set_rows(rows)
        if rows:
            head = rows[0]
            self.rule_title.setText(f"{rule_title(head.title)}  ·  {head.key}")
            self.rule_note.setText(head.note)
        else:
            self.rule_title.setText("")
            self.rule_note.setText("")
        self.add_version_button.setEnabled(bool(rows) and self.ctx.user.is_admin)
        self.add_version_button.setToolTip(
            "" if self.ctx.user.is_admin else tr("只有管理员可以修改政策参数。")
        )

    def show_choices(self) -> None:
        category = self.category.currentData()
        self.choices.set_rows([c for c in self._choices if c.category == category])
        can = self.ctx.user.can_write and self.ctx.user.role != "carrier_manager"
        for w in (
            self.add_choice_button,
            self.up_button,
            self.down_button,
            self.active_button,
            self.new_choice,
            self.new_choice_en,
            self.english_button,
        ):
            w.setEnabled(can)

    # --- commands --------------------------------------------------------------------------
    def _base_rule(self) -> RuleRow | None:
        index = self.table.currentIndex()
        if index.isValid():
            return self.versions.row_at(index.row())  # type: ignore[no-any-return]
        rows = self.versions.rows()
        return rows[0] if rows else None

    def add_version(self) -> None:
        rule = self._base_rule()
        if rule is None:
            return
        dialog = RuleVersionDialog(rule, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.ctx.write(
            lambda s: services.add_rule_version(
                s,
                key=rule.key,
                value=dialog.parsed_value(),
                effective_from=dialog.start_date(),
                document_no=dialog.document.text(),
                clause=dialog.clause.text(),
                title=rule.title,
                is_example=dialog.example.isChecked(),
                platform_id=rule.platform_id,
                building_id=rule.building_id,
                note=dialog.note.text(),
            ),
            self,
        )

    def _selected_choice(self) -> ChoiceRow | None:
        index = self.choice_table.currentIndex()
        return self.choices.row_at(index.row()) if index.isValid() else None

    def add_choice(self) -> None:
        category = self.category.currentData()
        text, english = self.new_choice.text(), self.new_choice_en.text()
        if category and text.strip():
            if (
                self.ctx.write(
                    lambda s: services.add_choice(s, category=category, value=text, label_en=english), self
                )
                is not None
            ):
                self.new_choice.clear()
                self.new_choice_en.clear()

    def edit_english(self) -> None:
        row = self._selected_choice()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self, tr("英文名称"), tr("“{value}”在英文界面中显示为：", value=row.value), text=row.label_en
        )
        if ok:
            self.ctx.write(
                lambda s: services.update_choice(s, choice_id=row.id, version=row.version, label_en=text),
                self,
            )

    def move_choice(self, offset: int) -> None:
        row = self._selected_choice()
        if row is not None:
            self.ctx.write(lambda s: services.move_choice(s, choice_id=row.id, offset=offset), self)

    def toggle_choice(self) -> None:
        row = self._selected_choice()
        if row is not None:
            self.ctx.write(
                lambda s: services.update_choice(
                    s, choice_id=row.id, version=row.version, active=not row.active
                ),
                self,
            )


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(PolicyPage, sys.argv[1:]))
