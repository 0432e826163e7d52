"""The one way a page builds a plain list table (a ``QTableView`` over a ``RowTableModel``
that is read, not edited in place): keys, the print menu, whole-row single selection, no row
numbers, the columns' own widths, the last column stretched.

A page adds what is its own after (sorting, row height); the large editable tables use
``desktop.widgets.table_view.RowTableView`` instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from desktop.item_models.row_table import RowTableModel
from desktop.printing.attach import attach_print_menu
from desktop.widgets.keyboard import table_keys


def list_table(model: RowTableModel, title: str = "", *, parent: QWidget | None = None) -> QTableView:
    """A list table over ``model``; ``title`` heads what its print menu prints."""
    view = QTableView(parent)
    table_keys(view)
    attach_print_menu(view, title)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(model.columns):
        view.setColumnWidth(i, col.width)
    return view
