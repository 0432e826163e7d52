"""The list-left / detail-right page skeleton, written once.

A register page (enterprises, plots, buildings, carriers, renewal projects, efficiency
results) shows a heading — the page title, the page's own controls (a year, a stage), a
stretch, its buttons — over a list (a filter bar above a table) beside the details of the row
chosen in it. ``MasterDetailPage`` builds those parts; the page still builds what is its own
(the table's columns, the form, the tabs of the detail) and loads through ``Page.load``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.page import Page

# One part of a pane: a widget, a layout, or either with its stretch factor.
PaneItem = QWidget | QLayout | tuple[QWidget | QLayout, int]


class MasterDetailPage(Page):
    """A ``Page`` whose body is a list beside the details of its current row."""

    def page_heading(
        self, *controls: QWidget, buttons: Sequence[QAbstractButton] = (), spacing: int = 0
    ) -> QHBoxLayout:
        """The title row: the page's title, ``controls`` (after ``spacing`` pixels), a stretch,
        then ``buttons`` in order."""
        heading = QHBoxLayout()
        title = QLabel(self.title())
        title.setObjectName("pageTitle")
        heading.addWidget(title)
        if spacing:
            heading.addSpacing(spacing)
        for control in controls:
            heading.addWidget(control)
        heading.addStretch(1)
        for button in buttons:
            heading.addWidget(button)
        return heading

    def exchange_buttons(
        self,
        open_import: Callable[[], object],
        open_export: Callable[[], object],
        open_template: Callable[[], object],
    ) -> tuple[QPushButton, QPushButton, QPushButton]:
        """导入… / 导出… / 下载模板…, kept as ``import_button`` / ``export_button`` /
        ``template_button`` (guard the import button with the tables it writes)."""
        self.import_button = QPushButton(tr("导入…"))
        self.import_button.clicked.connect(lambda: open_import())
        self.export_button = QPushButton(tr("导出…"))
        self.export_button.clicked.connect(lambda: open_export())
        self.template_button = QPushButton(tr("下载模板…"))
        self.template_button.clicked.connect(lambda: open_template())
        return self.import_button, self.export_button, self.template_button

    def master_detail(
        self,
        master: QWidget,
        detail: QWidget,
        *,
        sizes: tuple[int, int],
        orientation: Qt.Orientation = Qt.Orientation.Horizontal,
        stretch: tuple[int, int] | None = None,
    ) -> QSplitter:
        """``master`` and ``detail`` side by side (or one above the other), in a splitter
        starting at ``sizes``; ``stretch``: how extra room is shared when the page grows."""
        splitter = QSplitter(
            orientation
        )  # parented where the page lays it out (splitter order is remembered)
        splitter.addWidget(master)
        splitter.addWidget(detail)
        if stretch is not None:
            splitter.setStretchFactor(0, stretch[0])
            splitter.setStretchFactor(1, stretch[1])
        splitter.setSizes(list(sizes))
        return splitter

    def follow_current(self, view: Any, show: Callable[[int], None]) -> None:
        """Call ``show(row)`` whenever the current row of ``view`` (a table view) changes;
        row −1 when there is none."""

        def changed(current: QModelIndex, _previous: QModelIndex) -> None:
            show(current.row() if current.isValid() else -1)

        view.selectionModel().currentRowChanged.connect(changed)


def pane(*items: PaneItem, parent: QWidget | None = None) -> QWidget:
    """A column of widgets and layouts without margins (a filter bar over a table; a detail
    title over its tables); ``(item, stretch)`` gives an item its stretch factor."""
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for item in items:
        part, factor = item if isinstance(item, tuple) else (item, 0)
        if isinstance(part, QLayout):
            column.addLayout(part, factor)
        else:
            column.addWidget(part, factor)
    return box


def section_title(text: str) -> QLabel:
    """The title over a detail pane ("选择一家企业查看得分构成" until a row is chosen)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("sectionTitle")
    return label
