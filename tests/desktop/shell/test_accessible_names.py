"""Editors outside a plain form row get names too: a label followed by an editor in a row, the
first editor of a form row made of several widgets, and an editor with only a placeholder."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.widgets.keyboard import label_all
from tests.desktop.shell.visible_text import unnamed_editors


@pytest.fixture
def no_naming_on_show(qapp):  # type: ignore[no-untyped-def]
    """An earlier test's ``prepare_application`` names fields on show: off for this test."""
    from desktop.qt_setup import AccessibilityFilter

    filters = [c for c in qapp.children() if isinstance(c, AccessibilityFilter)]
    for f in filters:
        qapp.removeEventFilter(f)
    yield
    for f in filters:
        qapp.installEventFilter(f)


def test_rows_compound_fields_and_placeholders_are_named(qtbot, no_naming_on_show) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    row = QHBoxLayout()
    year_label, year = QLabel("年度："), QComboBox()
    row.addWidget(year_label)
    row.addWidget(year)
    search = QLineEdit()
    search.setPlaceholderText("搜索（所有列）")
    row.addWidget(search)
    form.addRow(row)
    path_row = QHBoxLayout()
    path = QLineEdit()
    path_row.addWidget(path)
    path_row.addWidget(QPushButton("浏览…"))
    form.addRow("文件", path_row)
    lonely = QLineEdit()
    form.addRow(lonely)
    root.show()
    assert len(unnamed_editors(root)) == 4
    label_all(root)
    assert year.accessibleName() == "年度" and year_label.buddy() is year
    assert path.accessibleName() == "文件"
    assert search.accessibleName() == "搜索（所有列）"
    assert unnamed_editors(root) == ["QLineEdit: ''"]  # nothing says what it is: the walk reports it
    assert lonely.accessibleName() == ""
