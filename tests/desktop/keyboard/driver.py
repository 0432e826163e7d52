"""Driving the window with the keyboard alone: QTest key events sent to the widget that has the
focus, focus moved by Tab / Shift+Tab, arrows, Space and Enter as a clerk would. The only focus
set by hand is the navigation list's, where the window puts it when it opens."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.main_window import MainWindow, page_key
from desktop.page import Page
from tests.desktop.loads import settle

TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), k, modifier)


def type_text(text: str) -> None:
    """Key presses for ``text`` into the focused widget; a Chinese character arrives as an
    input method commits it (a key event carrying the character)."""
    for char in text:
        widget = focus()
        if char.isascii():
            QTest.keyClick(widget, char)  # type: ignore[call-overload]  # a str key: not in the stubs
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                )


def go_to(window: MainWindow, key_name: str) -> QWidget:
    """The page, chosen in the navigation list with Home and the arrow keys."""
    row = next(i for i, cls in enumerate(window.classes) if page_key(cls) == key_name)
    window.nav.setFocus()  # where the window puts the focus when it opens
    key(Qt.Key.Key_Home)
    for _ in range(row):
        key(Qt.Key.Key_Down)
    settle(window.ctx)
    page = window.stack.currentWidget()
    assert isinstance(page, Page) and page_key(type(page)) == key_name, key_name
    return page


def tab_to(pred: Callable[[QWidget], bool], *, limit: int = 250, backwards: bool = False) -> QWidget:
    """Press Tab (Shift+Tab) until the focused widget satisfies ``pred``."""
    for _ in range(limit):
        if pred(focus()):
            return focus()
        if backwards:
            key(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            key(TAB)
        QApplication.processEvents()
    raise AssertionError(f"Tab never reached the widget; the focus is on {describe(focus())}")


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.accessibleName()!r}, {text!r})"


def button(text: str) -> Callable[[QWidget], bool]:
    def pred(w: QWidget) -> bool:
        return isinstance(w, QAbstractButton) and w.text().replace("&", "") == text

    return pred


def named(name: str) -> Callable[[QWidget], bool]:
    """The field labelled ``name`` (a required field's label ends in " *")."""
    return lambda w: w.accessibleName() in (name, f"{name} *")


def table_in(page: QWidget, header: str | None = None) -> Callable[[QWidget], bool]:
    """A table on ``page`` (whose first column is ``header``, if given)."""

    def pred(w: QWidget) -> bool:
        if not isinstance(w, QAbstractItemView) or not page.isAncestorOf(w) or w.model() is None:
            return False
        return header is None or w.model().headerData(0, Qt.Orientation.Horizontal) == header

    return pred


def choose_row(view: QAbstractItemView, pred: Callable[[int], bool], ctx: Any) -> int:
    """Arrow keys down the focused table until row ``pred`` holds (Home first)."""
    assert focus() is view
    key(Qt.Key.Key_Home, CTRL)
    for _ in range(view.model().rowCount() + 1):
        settle(ctx)
        row = view.currentIndex().row()
        if row >= 0 and pred(row):
            return row
        key(Qt.Key.Key_Down)
    raise AssertionError("no such row")


def cell(view: QAbstractItemView, row: int, header: str) -> str:
    model = view.model()
    for c in range(model.columnCount()):
        if model.headerData(c, Qt.Orientation.Horizontal) == header:
            return str(model.index(row, c).data() or "")
    raise AssertionError(f"no column {header!r}")


def set_field(widget: QWidget, value: Any) -> None:
    """Enter ``value`` in the focused field: type into a text field (Ctrl+A first), arrow to the
    item of that label in a list, Space to tick or untick a check box."""
    if isinstance(widget, QCheckBox):
        if widget.isChecked() != bool(value):
            key(Qt.Key.Key_Space)
        assert widget.isChecked() == bool(value)
    elif isinstance(widget, QComboBox) and not widget.isEditable():
        labels = [widget.itemText(i) for i in range(widget.count())]
        assert value in labels, (widget.accessibleName(), value, labels)
        step = Qt.Key.Key_Down if labels.index(value) > widget.currentIndex() else Qt.Key.Key_Up
        for _ in range(len(labels)):
            if widget.currentText() == value:
                break
            key(step)
        assert widget.currentText() == value
    elif isinstance(widget, (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QComboBox)):
        key(Qt.Key.Key_A, CTRL)
        if isinstance(widget, QAbstractSpinBox) or value == "":
            key(Qt.Key.Key_Delete)
        type_text(str(value))
    else:
        raise AssertionError(f"cannot enter a value in {describe(widget)}")


def fill(values: Mapping[str, Any], *, limit: int = 80) -> None:
    """Tab through the active dialog entering each value in the field of that accessible name."""
    todo = dict(values)
    seen = 0
    while todo and seen < limit:
        widget = focus()
        name = widget.accessibleName().removesuffix(" *")
        if name in todo:
            set_field(widget, todo.pop(name))
        if todo:
            key(TAB)
            seen += 1
    assert not todo, f"fields not reached by Tab: {sorted(todo)}"


def with_dialog(open_key: Callable[[], None], act: Callable[[QDialog], None]) -> list[str]:
    """Press the key that opens a modal dialog and run ``act`` in it; the dialog is rejected
    afterwards if ``act`` left it open (never leave a test waiting in its loop). Returns what went
    wrong inside (an assertion cannot leave the modal loop)."""
    errors: list[str] = []

    tries = [0]

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            tries[0] += 1
            if tries[0] < 50:  # not shown yet: look again shortly
                QTimer.singleShot(20, inside)
            else:
                errors.append(f"no dialog opened (active: {dialog})")
            return
        try:
            dialog.activateWindow()  # as the window system does when a dialog opens
            QApplication.processEvents()
            focused = QApplication.focusWidget()
            if focused is None or not dialog.isAncestorOf(focused):
                dialog.focusNextChild()  # the first field in Tab order
            act(dialog)
        except Exception as exc:  # noqa: BLE001  reported after the loop
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            if dialog.isVisible():
                dialog.reject()

    before = QApplication.activeWindow()
    QTimer.singleShot(0, inside)
    open_key()
    while tries[0] and tries[0] < 50 and not errors:  # the key opened no dialog (yet)
        QTest.qWait(20)
    if before is not None and before.isVisible() and QApplication.activeWindow() is not before:
        before.activateWindow()  # as the window system does when a dialog closes
        QApplication.processEvents()
    return errors


def press_button(window: MainWindow, text: str, act: Callable[[QDialog], None] | None = None) -> list[str]:
    """Tab to the button ``text`` and press Space (running ``act`` in the dialog it opens)."""
    tab_to(button(text))
    if act is None:
        key(Qt.Key.Key_Space)
        settle(window.ctx)
        return []
    errors = with_dialog(lambda: key(Qt.Key.Key_Space), act)
    settle(window.ctx)
    return errors


def accept(dialog: QDialog) -> None:
    """Enter in a one-line field saves the dialog; it must have closed."""
    key(Qt.Key.Key_Return)
    QApplication.processEvents()
    assert not dialog.isVisible(), f"the dialog stayed open: {visible_problem(dialog)}"


def visible_problem(dialog: QDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return " | ".join(
        label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()
    )[:400]


def switch_tab(title: str) -> None:
    """Tab to the tab bar holding ``title`` and move to it with the arrow keys."""
    from PySide6.QtWidgets import QTabBar

    def has(w: QWidget) -> bool:
        return isinstance(w, QTabBar) and title in [w.tabText(i).replace("&", "") for i in range(w.count())]

    bar = tab_to(has)
    assert isinstance(bar, QTabBar)
    for _ in range(bar.count()):
        if bar.tabText(bar.currentIndex()).replace("&", "") == title:
            return
        key(Qt.Key.Key_Right)
    raise AssertionError(f"no tab {title!r}")


def menu_entry(text: str) -> None:
    """In the open popup menu, arrow down to ``text`` and press Enter (run from a timer: the menu
    has its own event loop)."""
    from PySide6.QtWidgets import QMenu

    def pick(tries: int = 0) -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if tries < 50:
                QTimer.singleShot(20, lambda: pick(tries + 1))
            return
        for _ in range(len(menu.actions()) + 1):
            active = menu.activeAction()
            if active is not None and active.text() == text:
                QTest.keyClick(menu, Qt.Key.Key_Return)
                return
            QTest.keyClick(menu, Qt.Key.Key_Down)
        menu.close()

    QTimer.singleShot(0, pick)


def press_menu(window: MainWindow, tool_text: str, entry: str, act: Callable[[QDialog], None]) -> list[str]:
    """Tab to the menu button ``tool_text``, open it with Space, choose ``entry`` with the arrows
    and Enter, and run ``act`` in the dialog it opens."""
    tab_to(button(tool_text))
    menu_entry(entry)
    errors = with_dialog(lambda: key(Qt.Key.Key_Space), act)
    settle(window.ctx)
    return errors


def file_name(path: Any) -> Callable[[QDialog], None]:
    """In the open file dialog: the file-name field has the focus; Ctrl+A, type ``path``, Enter."""

    def act(dialog: QDialog) -> None:
        from PySide6.QtWidgets import QFileDialog

        assert isinstance(dialog, QFileDialog), f"not a file dialog: {type(dialog).__name__}"
        field = focus()
        assert isinstance(field, QLineEdit) and dialog.isAncestorOf(field), describe(field)
        key(Qt.Key.Key_A, CTRL)
        type_text(str(path))
        key(Qt.Key.Key_Return)
        QApplication.processEvents()
        assert not dialog.isVisible(), "the file dialog stayed open"

    return act


def menu_key() -> None:
    """The context-menu key on the focused widget: the window system delivers it as
    a keyboard context-menu event at the current cell (what Qt's platform layer sends)."""
    from PySide6.QtGui import QContextMenuEvent

    widget = focus()
    pos = widget.rect().center()
    if isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
        pos = widget.viewport().mapTo(widget, widget.visualRect(widget.currentIndex()).center())
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, pos, widget.mapToGlobal(pos), Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def expect_dialog(act: Callable[[QDialog], None], errors: list[str], *, tries: int = 500) -> None:
    """Run ``act`` in the next modal dialog to open (one that opens after the current one
    closes, as a save dialog after the paper dialog); what went wrong goes to ``errors``."""
    current = QApplication.activeModalWidget()

    def inside(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog is current:
            if left > 0:
                QTimer.singleShot(20, lambda: inside(left - 1))
            else:
                errors.append("no dialog opened")
            return
        try:
            dialog.activateWindow()
            QApplication.processEvents()
            focused = QApplication.focusWidget()
            if focused is None or not dialog.isAncestorOf(focused):
                dialog.focusNextChild()
            act(dialog)
        except Exception as exc:  # noqa: BLE001  reported by the caller
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, inside)


def pdf_pages(path: Any) -> int:
    """The pages of a written PDF (its page objects)."""
    import re
    from pathlib import Path

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(path).read_bytes()))


def complete(text: str) -> None:
    """Type ``text`` into the focused editable list (Ctrl+A first), then Down and Enter in the
    completion popup that opens (the window system sends the keys to the open popup)."""
    key(Qt.Key.Key_A, CTRL)
    type_text(text)
    QApplication.processEvents()
    popup = QApplication.activePopupWidget()
    assert popup is not None, f"no completion popup for {text!r} in {describe(focus())}"
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
