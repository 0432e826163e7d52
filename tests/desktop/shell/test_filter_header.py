"""The filter header keeps each section's size while its title stays; a new title is measured."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.widgets.table_view import BUTTON_WIDTH, RowTableView


def test_section_sizes_follow_the_titles(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RowTableModel([TableColumn("面积", lambda r: r), TableColumn("名称", lambda r: r)])
    view = RowTableView(model)
    qtbot.addWidget(view)
    header = view.horizontalHeader()
    short = header.sectionSizeFromContents(0)
    assert short.width() > BUTTON_WIDTH  # the text plus room for the filter button
    model.set_rows([1, 2, 3])  # a reload: same titles, same sizes
    assert header.sectionSizeFromContents(0) == short
    model.columns[0] = TableColumn("证载面积（平方米，按土地证）", lambda r: r)
    model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
    assert header.sectionSizeFromContents(0).width() > short.width()
    assert header.sectionSizeFromContents(1) == header.sectionSizeFromContents(1)
