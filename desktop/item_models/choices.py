"""``ChoiceModel``: the items of a drop-down with thousands of entries (e.g. every enterprise as
a plot's holder) as one list model, filled in one step.

``QComboBox.addItem`` makes one item per call (33,000 holders took 0.15 s of the UI thread on
every load of 地块管理); ``set_items`` replaces the whole list with a model reset, and
``findData`` (what the combo uses to select a value) looks the value up in a dict instead of
asking every row. ``addItem``, ``clear``, ``currentData`` and ``findData`` on the combo keep
working (``insertRows``/``removeRows``/``setData``/``match`` are implemented).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox

Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class ChoiceModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._texts: list[str] = []
        self._data: list[Any] = []
        self._where: dict[Any, int] | None = None  # value → first row, built on first lookup

    def set_items(self, items: Sequence[tuple[str, Any]]) -> None:
        self.beginResetModel()
        self._texts = [text for text, _value in items]
        self._data = [value for _text, value in items]
        self._where = None
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._texts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return None
        if role in _TEXT_ROLES:
            return self._texts[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return self._data[index.row()]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return False
        if role in _TEXT_ROLES:
            self._texts[index.row()] = str(value)
        elif role == Qt.ItemDataRole.UserRole:
            self._data[index.row()] = value
            self._where = None
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or not 0 <= row <= len(self._texts) or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._texts[row:row] = [""] * count
        self._data[row:row] = [None] * count
        self._where = None
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._texts):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._texts[row : row + count]
        del self._data[row : row + count]
        self._where = None
        self.endRemoveRows()
        return True

    def match(
        self,
        start: Index,
        role: int,
        value: Any,
        hits: int = 1,  # noqa: N802
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchWrap,
    ) -> list[QModelIndex]:
        """The combo's ``findData``: an exact match on the value, through a dict."""
        exact = (flags & Qt.MatchFlag.MatchTypeMask) == Qt.MatchFlag.MatchExactly
        if role != Qt.ItemDataRole.UserRole or not exact or start.row() != 0 or hits != 1:
            return super().match(start, role, value, hits, flags)
        if self._where is None:
            where: dict[Any, int] = {}
            for position, data in enumerate(self._data):
                try:
                    where.setdefault(data, position)
                except TypeError:  # an unhashable value: ask every row
                    return super().match(start, role, value, hits, flags)
            self._where = where
        try:
            found = self._where.get(value)
        except TypeError:
            return super().match(start, role, value, hits, flags)
        return [] if found is None else [self.index(found, 0)]


def use_choice_model(combo: QComboBox) -> ChoiceModel:
    """Give ``combo`` a ``ChoiceModel`` (fill it with ``set_items``)."""
    model = ChoiceModel(combo)
    combo.setModel(model)
    return model
