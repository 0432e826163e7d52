"""The bar above a table: a search box across every column, the "N / M 行" count,
and 清除筛选 (clears the search and every column filter)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel

SEARCH_DELAY_MS = 200


class FilterBar(QWidget):
    def __init__(self, model: RowTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = self._layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索（所有列）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        layout.addWidget(self.search, 1)
        self.clear_button = QPushButton(tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.count = QLabel()
        layout.addWidget(self.count)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        model.filters_changed.connect(self._update_count)
        self._update_count()

    def add_widget(self, widget: QWidget) -> None:
        """Put a page's own control (a year picker, a platform filter…) on the bar."""
        self._layout.insertWidget(self._layout.count() - 2, widget)

    def apply_search(self) -> None:
        self._timer.stop()
        if self.search.text().strip().casefold() != self.model.search_text():
            self.model.set_search(self.search.text())

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear_filters()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            self.count.setText(tr("共 {total} 行", total=total))
        else:
            self.count.setText(tr("显示 {shown} / 共 {total} 行", shown=shown, total=total))
        self.clear_button.setEnabled(self.model.has_user_filters())
