"""打印… / 打印预览… / 导出 PDF… on a plain ``QTableView`` or ``QTableWidget`` (the tables
that are not a ``RowTableView``: the buildings page's lists, the map's point table, the
land checks, the admin pages, the calculators' grids), by a right-click menu.

Over a ``RowTableModel`` the document is ``table_document`` (the rows as shown, filters
written out); over any other model the cells are read as displayed.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel
from desktop.printing.dialogs import Submit, add_print_actions
from desktop.printing.document import PrintDocument, Table
from desktop.printing.table import table_document

if TYPE_CHECKING:
    from desktop.page import Page


def model_table(model: QAbstractItemModel) -> Table:
    """Any table model's cells as displayed (numbers right-aligned as on screen)."""
    columns = range(model.columnCount())
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in columns
    ]
    rows = [
        [str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "") for c in columns]
        for r in range(model.rowCount())
    ]
    right = []
    for c in columns:
        align = model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) if model.rowCount() else None
        right.append(bool(align is not None and int(align) & int(Qt.AlignmentFlag.AlignRight)))
    return Table(headers, rows, right)


def _page(widget: QWidget) -> Page | None:
    from desktop.page import Page

    parent = widget.parent()
    while parent is not None and not isinstance(parent, Page):
        parent = parent.parent()
    return parent if isinstance(parent, Page) else None


def view_document(view: QTableView, title: str = "") -> PrintDocument:
    page = _page(view)
    heading = title or (page.title() if page is not None else "") or view.window().windowTitle() or tr("表格")
    author = page.ctx.user.username if page is not None else ""
    model = view.model()
    if isinstance(model, RowTableModel):
        return table_document(model, heading, author=author)
    return PrintDocument(
        heading, [tr("共 {n} 行", n=model.rowCount())], author=author, blocks=[model_table(model)]
    )


# forms a view's menu also offers (the selected row as its own sheet), by view
_FORMS: weakref.WeakKeyDictionary[QTableView, list[tuple[str, Callable[[], PrintDocument | None]]]] = (
    weakref.WeakKeyDictionary()
)


def attach_print_form(view: QTableView, label: str, make_doc: Callable[[], PrintDocument | None]) -> None:
    """Offer ``make_doc`` (the selected row as a form, None when no row is selected) in a
    sub-menu ``label`` of ``view``'s print menu (``attach_print_menu`` given first)."""
    _FORMS.setdefault(view, []).append((label, make_doc))


def _constant(doc: PrintDocument) -> Callable[[], PrintDocument]:
    return lambda: doc


def attach_print_menu(view: QTableView, title: str | Callable[[], str] = "") -> QTableView:
    """Give ``view`` the print actions in a right-click menu; ``title`` (text or callback)
    heads the page (default: the page's title). Returns ``view``."""

    def document() -> PrintDocument:
        return view_document(view, title() if callable(title) else title)

    def show(pos: QPoint) -> None:
        page = _page(view)
        submit: Submit | None = page.ctx.submit if page is not None else None
        menu = QMenu(view)
        add_print_actions(menu, view, document, submit=submit)
        for label, make_doc in _FORMS.get(view, []):
            form = make_doc()
            if form is not None:
                menu.addSeparator()
                add_print_actions(menu.addMenu(label), view, _constant(form), submit=submit)
        menu.exec(view.viewport().mapToGlobal(pos))

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(show)
    return view
