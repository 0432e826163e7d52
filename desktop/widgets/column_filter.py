"""Excel-like column filter: a popup under a header section listing the column's
distinct values with check boxes, a text box that narrows the list, 全选, 确定/取消.

``ColumnFilterPopup(model, column)`` applies its choice to the ``RowTableModel`` with
``set_column_filter`` (None when everything is ticked). Long lists are capped at
``MAX_ITEMS`` entries; the text box reaches the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel
from desktop.widgets.dialog_buttons import ok_cancel

MAX_ITEMS = 2000


class ColumnFilterPopup(QFrame):
    def __init__(self, model: RowTableModel, column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = model
        self.column = column
        current = model.column_filter(column)
        self._values = model.distinct_texts(column)
        if current is not None:  # values hidden by this filter are still choices
            self._values = sorted(set(self._values) | set(current), key=lambda t: (t == "", t))
        self._checked: set[str] = set(self._values) if current is None else set(current) & set(self._values)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("筛选：{title}", title=model.columns[column].title)))
        sort_up = QPushButton(tr("升序排列"))
        sort_down = QPushButton(tr("降序排列"))
        sort_up.clicked.connect(lambda: self._sort(Qt.SortOrder.AscendingOrder))
        sort_down.clicked.connect(lambda: self._sort(Qt.SortOrder.DescendingOrder))
        layout.addWidget(sort_up)
        layout.addWidget(sort_down)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        layout.addWidget(self.search)
        self.all_box = QCheckBox(tr("（全选）"))
        self.all_box.clicked.connect(self._toggle_all)
        layout.addWidget(self.all_box)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.itemChanged.connect(self._item_changed)
        layout.addWidget(self.list)
        self.more = QLabel()
        layout.addWidget(self.more)
        buttons = ok_cancel(self, on_ok=self.apply, on_cancel=self.close)
        layout.addWidget(buttons)
        self.resize(260, 380)
        self._fill()

    def shown_values(self) -> list[str]:
        needle = self.search.text().strip().casefold()
        return [v for v in self._values if needle in v.casefold()] if needle else list(self._values)

    def _fill(self) -> None:
        values = self.shown_values()
        self.list.blockSignals(True)
        self.list.clear()
        for value in values[:MAX_ITEMS]:
            item = QListWidgetItem(value if value else tr("（空白）"))
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in self._checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        hidden = len(values) - MAX_ITEMS
        self.more.setText(tr("另有 {n} 项，请输入文字缩小范围", n=hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self._sync_all_box()

    def _sync_all_box(self) -> None:
        values = self.shown_values()
        self.all_box.setChecked(bool(values) and all(v in self._checked for v in values))

    def _toggle_all(self, checked: bool) -> None:
        values = self.shown_values()
        if checked:
            self._checked |= set(values)
        else:
            self._checked -= set(values)
        self._fill()

    def _item_changed(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(value)
        else:
            self._checked.discard(value)
        self._sync_all_box()

    def set_checked(self, values: set[str]) -> None:
        self._checked = set(values) & set(self._values)
        self._fill()

    def apply(self) -> None:
        """Apply: with a search text, only the ticked values among those found (as Excel does)."""
        chosen = self._checked
        if self.search.text().strip():
            chosen = chosen & set(self.shown_values())
        if chosen >= set(self._values):
            self.model.set_column_filter(self.column, None)
        else:
            self.model.set_column_filter(self.column, chosen)
        self.close()

    def _sort(self, order: Qt.SortOrder) -> None:
        view = self.parent()
        sort_by = getattr(view, "sortByColumn", None)
        if sort_by is not None:
            sort_by(self.column, order)
        else:
            self.model.sort(self.column, order)
        self.close()

    def popup_at(self, pos: QPoint) -> None:
        self.move(pos)
        self.show()
        self.search.setFocus()
