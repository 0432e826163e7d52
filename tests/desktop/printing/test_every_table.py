"""Every table in the window prints: a ``RowTableView`` has 打印 / 打印预览 / 导出 PDF in its
menu; every other table view (buildings' lists, the map's point table, the admin pages,
the calculators' grids) gets the same actions by ``attach_print_menu``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCalendarWidget, QTableView, QTableWidget, QTableWidgetItem

from desktop.printing.attach import attach_print_menu, view_document
from desktop.printing.document import Table
from desktop.printing.render import write_pdf
from desktop.widgets.table_view import RowTableView
from tests.desktop.printing.pages import ink, page_count, page_image


def test_every_table_of_every_page_can_be_printed(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow
    from tests.desktop.loads import settle

    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    tables: list[QTableView] = []
    for row in range(len(window.classes)):
        page = window.page(row)
        tables += page.findChildren(QTableView)
    settle(ctx)
    assert len(tables) >= 20

    def in_calendar(view: QTableView) -> bool:  # a date editor's pop-up month grid is no table
        parent = view.parent()
        while parent is not None and not isinstance(parent, QCalendarWidget):
            parent = parent.parent()
        return parent is not None

    plain = [t for t in tables if not isinstance(t, RowTableView) and not in_calendar(t)]
    assert plain, "the plain views are checked too"
    missing = [
        f"{type(t.window()).__name__}/{type(t.parent()).__name__}"
        for t in plain
        if t.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu
    ]
    assert missing == []


def test_a_plain_table_widget_prints_its_cells(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    grid = QTableWidget(3, 2)
    qtbot.addWidget(grid)
    grid.setWindowTitle("测算")
    grid.setHorizontalHeaderLabels(["指标", "权重"])
    for r, (name, weight) in enumerate((("亩均税收", "30"), ("亩均增加值", "20"), ("单位能耗增加值", "20"))):
        grid.setItem(r, 0, QTableWidgetItem(name))
        item = QTableWidgetItem(weight)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.setItem(r, 1, item)
    attach_print_menu(grid)
    assert grid.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    doc = view_document(grid)
    table = doc.blocks[0]
    assert doc.title == "测算" and isinstance(table, Table)
    assert table.headers == ["指标", "权重"] and table.rows[2] == ["单位能耗增加值", "20"]
    assert list(table.align_right) == [False, True]
    pdf = tmp_path / "grid.pdf"
    assert write_pdf(doc, pdf) == 1 == page_count(pdf)
    assert ink(page_image(pdf, 1)) > 0.003
