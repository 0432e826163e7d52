"""Keyboard: Tab leaves tables, typing does not edit, F2/Enter edit and Esc cancels; form fields
carry their label as accessible name and buddy; Ctrl+S and Enter save page forms; Qt's own
strings are Chinese in the Chinese UI."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.enterprises.form import EnterpriseForm
from desktop.i18n import set_language
from desktop.qt_setup import load_qt_translations, prepare_application
from desktop.quotas.dialogs import GrantDialog
from desktop.widgets.keyboard import form_position, label_form
from desktop.widgets.table_view import RowTableView
from tests.desktop.shell.test_row_table import make_model


def _table(
    qtbot: QtBot,
) -> tuple[QWidget, QLineEdit, RowTableView, QLineEdit, list[tuple[int, int, str]]]:
    model = make_model()
    edits: list[tuple[int, int, str]] = []

    def on_edit(row: Any, col: int, text: str) -> bool:
        edits.append((row.id, col, text))
        return True

    model.on_edit = on_edit
    box = QWidget()
    layout = QVBoxLayout(box)
    before, view, after = QLineEdit(), RowTableView(model, "test_keys"), QLineEdit()
    for w in (before, view, after):
        layout.addWidget(w)
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitActive(box)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(model.index(0, 1))  # an editable cell
    return box, before, view, after, edits


def test_tab_and_shift_tab_leave_the_table_arrows_move_inside(qtbot) -> None:  # type: ignore[no-untyped-def]
    _box, before, view, after, _ = _table(qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1 and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(before.hasFocus)


def test_typing_does_not_edit_f2_and_enter_do_esc_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    _box, _before, view, _after, edits = _table(qtbot)
    qtbot.keyClicks(view, "zz")
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert edits == []
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "renamed")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert view.state() != QAbstractItemView.State.EditingState and edits == []
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() == QAbstractItemView.State.EditingState


def test_every_form_field_is_named_after_its_label_and_is_its_buddy(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = GrantDialog(ctx, year=2025)
    qtbot.addWidget(dialog)
    assert label_form(dialog.form) >= 7
    for field_widget in dialog.findChildren(QWidget):
        row, role = form_position(dialog.form, field_widget)
        label_widget = dialog.form.labelForField(field_widget) if row >= 0 else None
        if role != QFormLayout.ItemRole.FieldRole or not isinstance(label_widget, QLabel):
            continue
        text = label_widget.text().rstrip(":：")
        assert field_widget.accessibleName() == text
        assert label_widget.buddy() in (field_widget, field_widget.focusProxy())
    assert dialog.granted_on.line.accessibleName() == "下达日期"


def test_windows_get_names_when_shown(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    prepare_application(app)
    dialog = GrantDialog(ctx, year=2025)
    qtbot.addWidget(dialog)
    assert dialog.document_no.accessibleName() == ""
    dialog.show()
    assert dialog.document_no.accessibleName() == "下达文号"


def test_enterprise_form_saves_on_ctrl_s_and_enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = EnterpriseForm()
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    saved: list[bool] = []
    form.save_requested.connect(lambda: saved.append(True))
    name = form.form.editor("name")
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved == [True]
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert saved == [True, True]
    form.save_button.setEnabled(False)  # read-only: nothing saves
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert saved == [True, True]


def test_qt_standard_strings_follow_the_ui_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    try:
        set_language("zh")
        assert load_qt_translations(app)
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        set_language("en")
        assert load_qt_translations(app) == []
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        set_language("zh")
        load_qt_translations(app)
