"""A tab built on first show gets what the window gives a page at its first show: each form
field its label as buddy and accessible name (the page's own show came before the tab's
content existed; the keyboard test of 月度登记 found its fields unnamed and unreachable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QTabWidget, QWidget

from desktop.widgets.lazy_tab import LazyTab


def test_a_lazily_built_tab_names_its_fields(qtbot: Any) -> None:
    made: list[QLineEdit] = []

    def build(parent: QWidget) -> QWidget:
        content = QWidget(parent)
        form = QFormLayout(content)
        made.append(QLineEdit())
        form.addRow(QLabel("从业人员"), made[0])
        return content

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "载体")
    lazy: LazyTab[QWidget] = LazyTab(build)
    tabs.addTab(lazy, "月度登记")
    tabs.show()
    assert not lazy.built
    tabs.setCurrentWidget(lazy)
    assert lazy.built
    assert made[0].accessibleName() == "从业人员"
    label = made[0].parentWidget().findChild(QLabel)
    assert label is not None and label.buddy() is made[0]
