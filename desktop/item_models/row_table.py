"""One generic table model over a list of frozen rows, driven by column specs.

Sorting and filtering happen on the model's own row list (``QSortFilterProxyModel``
took ~26 s to sort 100k rows; ``list.sort`` 0.05 s). Display strings are computed
once per row when rows are set, so painting never formats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TableColumn:
    """``title`` (already translated), ``value`` gets the raw value from a row (used for
    sorting and filtering), ``text`` formats it for display (default ``str``, blank for None)."""

    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    align_right: bool = False
    editable: bool = False
    width: int = 120


def _default_text(value: Any) -> str:
    return "" if value is None else str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    # None last; mixed types compare by their text.
    if value is None:
        return (2, "")
    if isinstance(value, (int, float)) or hasattr(value, "as_tuple"):
        return (0, value)
    return (1, str(value))


class RowTableModel(QAbstractTableModel):
    """Rows are any objects (frozen dataclasses from ``queries``). ``set_rows`` replaces them."""

    def __init__(self, columns: Sequence[TableColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self._texts: list[list[str]] = []
        self._filter: Callable[[Any], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.on_edit: Callable[[Any, int, str], bool] | None = None

    # --- data in -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._apply()
        self.endResetModel()

    def set_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginResetModel()
        self._filter = predicate
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        rows = self._all if self._filter is None else [r for r in self._all if self._filter(r)]
        if self._sort is not None:
            col, order = self._sort
            getter = self.columns[col].value
            rows = sorted(rows, key=lambda r: _sort_key(getter(r)),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = list(rows)
        self._texts = []

    def _text(self, row: int, col: int) -> str:
        spec = self.columns[col]
        value = spec.value(self._rows[row])
        return (spec.text or _default_text)(value)

    # --- data out ----------------------------------------------------------------
    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def all_rows(self) -> list[Any]:
        return list(self._all)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.columns[section].title
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable and self.on_edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        return self.on_edit(self._rows[index.row()], index.column(), str(value))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()
