"""The import wizard's and export dialog's 年度 box starts blank: an import then keeps each
row's own 年度 (a year set in the box would override the workbook's, so a clerk importing a
2024 workbook without touching it once had every row stored as last year)."""

from __future__ import annotations

from typing import Any

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSpinBox

from desktop.widgets.kind_options import option_editor, option_value
from models.exchange.registry import get_kind


def test_the_year_box_starts_blank_and_gives_what_is_typed(qtbot: Any) -> None:
    option = next(o for o in get_kind("efficiency").options if o.name == "year")
    editor = option_editor(option)
    assert isinstance(editor, QSpinBox)
    qtbot.addWidget(editor)
    assert option_value(option, editor) is None
    assert editor.text() == "（不指定）"
    editor.selectAll()
    QTest.keyClicks(editor, "2024")
    assert option_value(option, editor) == 2024
    editor.setValue(editor.minimum())  # back to blank
    assert option_value(option, editor) is None
