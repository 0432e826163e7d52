"""A clerk's tasks with the keyboard alone at 1280×720: on every page Tab goes round and comes
back to the navigation (nothing traps it) and reaches every button; a quota grant (登记下达) and an
enterprise's detail are entered with key presses only (QTest key events, no clicks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from desktop.context import AppContext, CurrentUser
from desktop.main_window import MainWindow, page_key
from desktop.qt_setup import prepare_application
from desktop.tasks import TaskRunner
from desktop.widgets.preview import demo_database
from tests.desktop.loads import settle

TAB = Qt.Key.Key_Tab


@pytest.fixture
def window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    prepare_application(app)
    db = demo_database(tmp_path)
    ctx = AppContext(db, CurrentUser(None, "admin", "admin"))
    ctx.tasks = TaskRunner(ctx.show_error)
    main = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.activateWindow()
    yield main
    ctx.tasks.wait(10_000)
    db.dispose()


def _focus(main: QWidget) -> QWidget:
    widget = main.focusWidget()
    assert widget is not None
    return widget


def _lap(main: MainWindow, limit: int = 300) -> list[QWidget]:
    """Tab from the navigation until the focus is back on it; the widgets passed."""
    main.nav.setFocus()
    seen: list[QWidget] = []
    for _ in range(limit):
        QTest.keyClick(_focus(main), TAB)
        if main.focusWidget() is main.nav:
            return seen
        seen.append(_focus(main))
    raise AssertionError(f"Tab is trapped in {type(seen[-1]).__name__} ({seen[-1].objectName()})")


def test_tab_goes_round_every_page_and_reaches_every_button(window: MainWindow) -> None:
    for row, cls in enumerate(window.classes):
        window.nav.setFocus()  # the navigation list: Home, then the arrow keys
        QTest.keyClick(window.nav, Qt.Key.Key_Home)
        for _ in range(row):
            QTest.keyClick(window.nav, Qt.Key.Key_Down)
        settle(window.ctx)
        assert window.stack.currentWidget() is window.pages[row], page_key(cls)
        page = window.pages[row]
        seen = _lap(window) + _lap(window)  # the second lap: a row is chosen, its buttons enabled
        buttons = [
            b
            for b in page.findChildren(QAbstractButton)
            if b.isVisibleTo(page) and b.isEnabled() and b.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        missed = [b.text() or b.toolTip() for b in buttons if b not in seen]
        assert not missed, (page_key(cls), missed)


def _type(widget: QWidget, text: str) -> None:
    """Key presses for ``text``; a Chinese character arrives as an input method commits it."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)  # type: ignore[call-overload]  # a str key: not in the stubs
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                )


def _type_into(dialog: QDialog, values: dict[str, str]) -> list[str]:
    """Tab through ``dialog`` typing each value into the field of that accessible name."""
    typed: list[str] = []
    dialog.activateWindow()  # as the window system does when the dialog opens: its first field has the focus
    QApplication.processEvents()
    if dialog.focusWidget() is None:
        dialog.focusNextChild()
    for _ in range(40):
        field = dialog.focusWidget()
        assert field is not None
        name = field.accessibleName()
        if name in values and name not in typed:
            QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            _type(field, values[name])
            typed.append(name)
        if len(typed) == len(values):
            return typed
        QTest.keyClick(field, TAB)
    return typed


def test_a_grant_is_registered_with_the_keyboard_alone(window: MainWindow) -> None:
    from models.quotas.entities import QuotaGrant
    from models.units import AreaUnit, to_m2

    row = next(i for i, cls in enumerate(window.classes) if page_key(cls) == "quotas")
    window.nav.setFocus()
    QTest.keyClick(window, Qt.Key.Key_1 + row, Qt.KeyboardModifier.ControlModifier)
    settle(window.ctx)
    page = window.pages[row]
    assert window.stack.currentWidget() is page
    window.nav.setFocus()
    for _ in range(30):  # Tab to 下达…
        QTest.keyClick(_focus(window), TAB)
        focused = window.focusWidget()
        if isinstance(focused, QAbstractButton) and focused.text() == "下达…":
            break
    button = _focus(window)
    assert isinstance(button, QAbstractButton) and button.text() == "下达…"
    done: list[Any] = []

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        try:
            done.append(
                _type_into(
                    dialog, {"下达文号": "临规资〔2026〕7号", "下达日期": "2026/3/1", "下达面积": "12.5"}
                )
            )
            QTest.keyClick(_focus(dialog), Qt.Key.Key_Return)  # Enter saves, as in every dialog
            done.append(dialog.isVisible())
        finally:
            if dialog.isVisible():  # never leave the modal loop waiting
                dialog.reject()

    QTimer.singleShot(0, fill)
    QTest.keyClick(button, Qt.Key.Key_Space)
    settle(window.ctx)
    assert done == [["下达文号", "下达日期", "下达面积"], False], done  # typed, saved and closed
    with window.ctx.db.read() as s:
        grant = s.query(QuotaGrant).filter_by(document_no="临规资〔2026〕7号").one()
        assert grant.granted_on == dt.date(2026, 3, 1)
        assert grant.area_m2 == to_m2(Decimal("12.5"), AreaUnit.MU)  # typed in 亩, the unit in settings


def test_an_enterprise_is_edited_with_the_keyboard_alone(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    from models.enterprises.entities import Enterprise

    row = next(i for i, cls in enumerate(window.classes) if page_key(cls) == "enterprises")
    window.nav.setFocus()
    QTest.keyClick(window, Qt.Key.Key_1 + row, Qt.KeyboardModifier.ControlModifier)
    settle(window.ctx)
    page = window.pages[row]
    assert window.stack.currentWidget() is page
    window.nav.setFocus()
    for _ in range(30):  # Tab to the enterprise table, then the arrow keys choose the second row
        QTest.keyClick(_focus(window), TAB)
        if isinstance(window.focusWidget(), QAbstractItemView) and page.isAncestorOf(_focus(window)):
            break
    table = _focus(window)
    assert isinstance(table, QAbstractItemView)
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Down)
    settle(window.ctx)
    chosen = table.model().index(table.currentIndex().row(), 1).data()
    for _ in range(40):  # on to the detail form's address
        QTest.keyClick(_focus(window), TAB)
        if _focus(window).accessibleName() == "地址":
            break
    address = _focus(window)
    assert address.accessibleName() == "地址"
    QTest.keyClick(address, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _type(address, "青山湖街道 88 号")
    QTest.keyClick(address, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves the page form
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.query(Enterprise).filter_by(name=chosen).one().address == "青山湖街道 88 号"
