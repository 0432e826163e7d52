"""``RowTableView``: the table every page uses over a ``RowTableModel``.

Fixed row heights (no ResizeToContents: 100,000 rows open at once), sorting by
clicking a header, an Excel-like filter button (▾) on each header section
(``ColumnFilterPopup``), Ctrl+C copies the selection as TSV, Ctrl+V pastes a block
from Excel into editable columns (one value pasted over a selection fills it),
a context menu with 复制 / 粘贴 / 导出显示的行… / 打印… / 打印预览… / 导出 PDF… (the rows as
shown, the filters written out: ``desktop.printing``), and column widths remembered under
``name`` in the settings.

``print_title`` (default: the page's title) heads the printed table; ``print_filter`` (a
callback giving the page's own filter in words, e.g. "2025 年 · 青山湖科技城") is printed
under it; ``print_lines`` (a callback) adds lines about the record shown (a form: the
project, the enterprise and its class…) and ``print_signatures`` signature lines below;
``print_factory`` (a callback giving a whole form, or None for the plain table) replaces
them when a page prints a record as its own form (阶段记录, 评价卡).

``export_shown`` (a callback taking the rows as shown) enables "导出显示的行…".
``set_column_choices(col, choices)`` edits a column in place with a drop-down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel, parse_tsv
from desktop.printing.dialogs import add_print_actions
from desktop.printing.document import PrintDocument, Signatures
from desktop.printing.table import table_document
from desktop.widgets.column_filter import ColumnFilterPopup

ROW_HEIGHT = 26
BUTTON_WIDTH = 16


class FilterHeader(QHeaderView):
    """A horizontal header with a filter drop-down button at the right of every section."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.on_filter_clicked: Callable[[int], object] | None = None
        # The header asks every section's size again after each model reset (each load): the
        # style sheet makes that costly, and a title rarely changes. Cleared when the font or
        # style does.
        self._sizes: dict[tuple[int, object], QSize] = {}

    def _button_rect(self, rect: QRect) -> QRect:
        return QRect(rect.right() - BUTTON_WIDTH, rect.top(), BUTTON_WIDTH, rect.height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        painter.save()
        super().paintSection(painter, rect, logical)
        painter.restore()
        model = self.model()
        filtered = isinstance(model, RowTableModel) and model.column_filter(logical) is not None
        button = self._button_rect(rect)
        painter.save()
        painter.setPen(QColor("#1a73e8") if filtered else QColor("#777777"))
        painter.drawText(button, int(Qt.AlignmentFlag.AlignCenter), "▼" if filtered else "▾")
        painter.restore()

    def sectionSizeFromContents(self, logical: int):  # type: ignore[no-untyped-def]
        model = self.model()
        key = (logical, model.headerData(logical, Qt.Orientation.Horizontal) if model is not None else None)
        size = self._sizes.get(key)
        if size is None:
            size = super().sectionSizeFromContents(logical)
            size.setWidth(size.width() + BUTTON_WIDTH)
            self._sizes[key] = size
        return QSize(size)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sizes.clear()
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        logical = self.logicalIndexAt(pos)
        if logical >= 0 and event.button() == Qt.MouseButton.LeftButton:
            x = self.sectionViewportPosition(logical)
            rect = QRect(x, 0, self.sectionSize(logical), self.height())
            if self._button_rect(rect).contains(pos) and self.on_filter_clicked is not None:
                self.on_filter_clicked(logical)
                return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        logical = self.logicalIndexAt(event.pos())
        if logical >= 0 and self.on_filter_clicked is not None:
            self.on_filter_clicked(logical)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a drop-down of ``choices()`` (texts, or ``(value, label)`` pairs: the
    label shown, the value stored); typing another text is allowed when ``editable`` (the page's
    ``on_edit`` then decides)."""

    def __init__(
        self,
        choices: Callable[[], Sequence[str | tuple[str, str]]],
        parent: QWidget | None = None,
        *,
        editable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.choices = choices
        self.editable = editable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:  # noqa: ARG002, N802  Qt override
        combo = QComboBox(parent)
        combo.setEditable(self.editable)
        for choice in self.choices():
            value, label = (choice, choice) if isinstance(choice, str) else choice
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        position = editor.findData(text)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif self.editable:
            editor.setEditText(text)

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        position = editor.currentIndex()
        chosen = editor.currentText()
        if position >= 0 and editor.itemText(position) == chosen:  # a listed item: its value
            chosen = str(editor.itemData(position))
        if chosen != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, chosen, Qt.ItemDataRole.EditRole)


class RowTableView(QTableView):
    def __init__(self, model: RowTableModel, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.export_shown: Callable[[list[Any]], None] | None = None
        self.print_title = ""
        self.print_filter: Callable[[], str] | None = None
        self.print_lines: Callable[[], list[str]] | None = None
        self.print_signatures: tuple[str, ...] = ()
        self.print_factory: Callable[[], PrintDocument | None] | None = None
        header = FilterHeader(self)
        header.on_filter_clicked = self.open_filter
        self.setHorizontalHeader(header)
        self.setModel(model)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setMinimumSectionSize(ROW_HEIGHT)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the rows' own order until a click
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Typing never starts editing (stray keys renamed enterprises): F2, Enter or a double
        # click does, Esc cancels; Tab and Shift+Tab leave the table, arrows move inside it.
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._restore_widths()
        header.sectionResized.connect(self._save_widths)
        self._popup: ColumnFilterPopup | None = None
        self._delegates: dict[int, ChoiceDelegate] = {}

    def set_column_choices(
        self, column: int, choices: Callable[[], Sequence[str | tuple[str, str]]], *, editable: bool = False
    ) -> None:
        """Edit ``column`` in place with a drop-down of ``choices()`` (e.g. platform names)."""
        delegate = ChoiceDelegate(choices, self, editable=editable)
        self._delegates[column] = delegate  # keep a reference: the view does not own it
        self.setItemDelegateForColumn(column, delegate)

    def table_model(self) -> RowTableModel:
        model = self.model()
        assert isinstance(model, RowTableModel)
        return model

    # --- widths ----------------------------------------------------------------------
    def _restore_widths(self) -> None:
        from desktop.settings import settings

        model = self.table_model()
        saved = settings().column_widths(self.name) if self.name else []
        metrics = self.horizontalHeader().fontMetrics()
        for col, spec in enumerate(model.columns):
            if col < len(saved) and saved[col] > 20:
                width = saved[col]  # the clerk's own choice
            else:  # never cut the title: its text, the padding and the filter button
                width = max(spec.width, metrics.horizontalAdvance(spec.title) + 24 + BUTTON_WIDTH)
            self.setColumnWidth(col, width)

    def _save_widths(self, *_args: object) -> None:
        if not self.name:
            return
        from desktop.settings import settings

        widths = [self.columnWidth(c) for c in range(self.table_model().columnCount())]
        settings().set_column_widths(self.name, widths)

    # --- filter ----------------------------------------------------------------------
    def open_filter(self, column: int) -> ColumnFilterPopup:
        header = self.horizontalHeader()
        x = header.sectionViewportPosition(column)
        popup = ColumnFilterPopup(self.table_model(), column, self)
        popup.popup_at(header.mapToGlobal(QPoint(x, header.height())))
        self._popup = popup
        return popup

    # --- clipboard -------------------------------------------------------------------
    def copy_selection(self) -> str:
        text = self.table_model().selection_tsv(self.selectedIndexes())
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> int:
        """Paste ``text`` (default: the clipboard) at the current cell. One value over a
        selection of several cells fills every selected editable cell."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        model = self.table_model()
        current = self.currentIndex()
        if not text or not current.isValid():
            return 0
        grid = parse_tsv(text)
        selected = self.selectedIndexes()
        if len(grid) == 1 and len(grid[0]) == 1 and len(selected) > 1:
            cells = [
                (model.row_at(i.row()), i.column(), grid[0][0])
                for i in selected
                if model.columns[i.column()].editable
            ]
            return model.write_cells(cells)
        top = min((i.row() for i in selected), default=current.row())
        left = min((i.column() for i in selected), default=current.column())
        return model.paste_tsv(top, left, text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_menu()
        menu.exec(event.globalPos())

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(tr("复制"), self.copy_selection)
        paste = menu.addAction(tr("粘贴"), self.paste)
        paste.setEnabled(
            any(c.editable for c in self.table_model().columns) and self.table_model().on_edit is not None
        )
        menu.addSeparator()
        index = self.currentIndex()
        if index.isValid():
            menu.addAction(tr("按此列筛选…"), lambda: self.open_filter(index.column()))
        menu.addAction(tr("清除筛选"), self.table_model().clear_filters)
        if self.export_shown is not None:
            menu.addSeparator()
            menu.addAction(tr("导出显示的行…"), self.do_export_shown)
        menu.addSeparator()
        add_print_actions(menu, self, self.print_document, submit=self._submit())
        return menu

    def _submit(self) -> Any:
        """The page's ``ctx.submit``: long tables are laid out on the task worker."""
        from desktop.page import Page

        page = self.parent()
        while page is not None and not isinstance(page, Page):
            page = page.parent()
        return page.ctx.submit if isinstance(page, Page) else None

    def print_document(self) -> PrintDocument:
        """The rows as shown, as a document to print (title, filters, user, date)."""
        from desktop.page import Page

        form = self.print_factory() if self.print_factory is not None else None
        if form is not None:
            return form

        page = self.parent()
        while page is not None and not isinstance(page, Page):
            page = page.parent()
        title = self.print_title or (page.title() if isinstance(page, Page) else "") or tr("表格")
        author = page.ctx.user.username if isinstance(page, Page) else ""
        page_filter = self.print_filter() if self.print_filter is not None else ""
        doc = table_document(self.table_model(), title, author=author, page_filter=page_filter)
        if self.print_lines is not None:
            doc.lines[:0] = self.print_lines()
        if self.print_signatures:
            doc.add(Signatures(self.print_signatures))
        return doc

    def do_export_shown(self) -> None:
        if self.export_shown is not None:
            self.export_shown(self.table_model().rows())
