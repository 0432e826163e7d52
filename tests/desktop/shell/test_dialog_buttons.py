"""``ok_cancel``: the one way a dialog gets OK and Cancel, named in the UI language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFrame, QVBoxLayout

from desktop.i18n import set_language
from desktop.widgets.dialog_buttons import CANCEL, OK, ok_cancel


@pytest.mark.parametrize(("language", "ok", "cancel"), [("zh", "确定", "取消"), ("en", "OK", "Cancel")])
def test_the_buttons_are_named_in_the_ui_language(qtbot, language: str, ok: str, cancel: str) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    try:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        box = ok_cancel(dialog)
        assert (box.button(OK).text(), box.button(CANCEL).text()) == (ok, cancel)
    finally:
        set_language("zh")


def test_ok_runs_its_action_and_cancel_rejects(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    saved: list[bool] = []
    box = ok_cancel(dialog, ok="保存", on_ok=lambda: saved.append(True))
    QVBoxLayout(dialog).addWidget(box)
    assert box.button(OK).text() == "保存"
    box.button(OK).click()
    assert saved == [True] and dialog.result() == 0  # OK ran the action; the dialog decides
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_a_dialog_accepts_by_default(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = ok_cancel(dialog)
    dialog.show()
    box.button(OK).click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_widget_that_is_not_a_dialog_names_both_actions(qtbot) -> None:  # type: ignore[no-untyped-def]
    frame = QFrame()
    qtbot.addWidget(frame)
    with pytest.raises(TypeError):
        ok_cancel(frame)
    closed: list[str] = []
    box = ok_cancel(frame, on_ok=lambda: closed.append("ok"), on_cancel=lambda: closed.append("cancel"))
    box.button(CANCEL).click()
    assert closed == ["cancel"]
