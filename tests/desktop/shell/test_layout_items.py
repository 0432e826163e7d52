"""Nothing asks a layout for its items.

PySide6 keeps the wrapper it makes for a ``QWidgetItem`` (from ``QLayout.itemAt``) alive as a child
of the layout's wrapper. When Qt deletes the item — its widget deleted or moved — the wrapper
stays registered at that address, and the next object Qt allocates there comes back to Python as
the stale ``QWidgetItem``: a fresh-clone CI run failed with ``menu.addAction(text, slot)`` raising
"'QWidgetItem' object has no attribute 'connect'" while a page was built. The keyboard labelling
walks layouts through their widgets and child layouts (QObjects, whose deletion PySide6 tracks).
"""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.widgets.keyboard import label_all, widgets_in

ROOT = Path(__file__).resolve().parents[3]
ITEM_CALL = re.compile(r"\.(" + "itemAt|takeAt|itemAtPosition" + r")\(")


def _labelled_window(rows: int) -> tuple[QWidget, list[QWidget]]:
    window = QWidget()
    outer = QVBoxLayout(window)
    form = QFormLayout()
    outer.addLayout(form)
    made: list[QWidget] = []
    for i in range(rows):
        label, edit = QLabel(f"字段{i}"), QLineEdit()
        form.addRow(label, edit)
        made += [label, edit]
        row = QHBoxLayout()
        row_label, row_edit = QLabel(f"年度{i}"), QLineEdit()
        row.addWidget(row_label)
        row.addWidget(row_edit)
        outer.addLayout(row)
        made += [row_label, row_edit]
    return window, made


def test_labelling_leaves_no_item_wrapper_behind(qtbot: QtBot) -> None:
    window, made = _labelled_window(600)
    qtbot.addWidget(window)
    assert label_all(window) == 1200
    for widget in made:  # Qt deletes each widget's layout item
        widget.setParent(None)
        widget.deleteLater()
    del made
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    menu = QMenu()
    actions = [menu.addAction(f"a{i}", lambda: None) for i in range(5000)]
    assert all(isinstance(action, QAction) for action in actions)


def test_widgets_in_follows_layout_order_through_nested_layouts(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    outer = QVBoxLayout(window)
    first, last = QLabel("a"), QLabel("d")
    inner = QHBoxLayout()
    b, c = QLineEdit(), QLineEdit()
    outer.addWidget(first)
    outer.addLayout(inner)
    inner.addWidget(b)
    inner.addWidget(c)
    outer.addWidget(last)
    outer.insertWidget(0, QLabel("not made first but placed first"))
    placed = widgets_in(outer)
    assert placed[1:] == [first, b, c, last]
    assert isinstance(placed[0], QLabel) and placed[0].text().startswith("not made first")


def test_no_code_asks_a_layout_for_its_items() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("desktop", "tests", "packaging")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ITEM_CALL.search(line.split("#", 1)[0])
    ]
    assert offenders == []


def test_labelling_a_box_qt_made_leaves_the_callers_buttons_valid(qtbot: QtBot) -> None:
    """A message box's button box is made by Qt: asking its temporary wrapper for its children
    made them the wrapper's, and its end invalidated the 复制详情 button the caller held."""
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setText("x")
    box.setDetailedText("details")
    copy = box.addButton("复制详情", QMessageBox.ButtonRole.ActionRole)
    label_all(box)
    box.show()
    assert shiboken6.isValid(copy)
    copy.click()
