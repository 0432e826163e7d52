"""Keyboard and screen-reader manners shared by every page and dialog.

- ``table_keys(view)``: Tab and Shift+Tab leave a table (arrow keys move inside it); typing
  does not start editing — F2, Enter or a double click does, Esc cancels.
- ``label_form(form)``: every field of a ``QFormLayout`` gets its label as buddy (so the
  label's mnemonic and a click on it reach the field) and as accessible name.
- ``label_all(widget)``: ``label_form`` on every form layout under ``widget``, a label followed
  by an editor in a row likewise, and the placeholder text or tooltip for an editor with no label.
- ``tab_leaves(widget)``: ``table_keys`` on every table under ``widget`` that still keeps Tab,
  and Tab leaves every multi-line text field.
- ``save_shortcuts(widget, save)``: Ctrl+S and Enter save a page form, as in dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def table_keys(view: QAbstractItemView) -> None:
    view.setTabKeyNavigation(False)
    triggers = view.editTriggers() & ~QAbstractItemView.EditTrigger.AnyKeyPressed
    view.setEditTriggers(triggers | QAbstractItemView.EditTrigger.EditKeyPressed)


def _plain(text: str) -> str:
    """A label's text without its mnemonic ampersand, trailing colon, or rich text."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip(":：").strip()


def _first_editor(item: QLayoutItem) -> QWidget | None:
    """The field of a form row: the widget, or the first editor of a row of widgets (an area
    with its "全部剩余" button, a path with "浏览…")."""
    widget = item.widget()
    if widget is not None and not _is_editor(widget) and widget.layout() is not None:
        inner = [w for w in widget.findChildren(QWidget) if _is_editor(w)]
        return inner[0] if inner else widget
    inner_layout = item.layout() if widget is None else None
    if inner_layout is not None:
        for sub in _layouts(inner_layout):
            for i in range(sub.count()):
                sub_item = sub.itemAt(i)
                child = sub_item.widget() if sub_item is not None else None
                if child is not None and _is_editor(child):
                    return child
    return widget


def label_form(form: QFormLayout) -> int:
    """Buddy + accessible name for each labelled field; the number of fields named."""
    named = 0
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = _first_editor(field_item) if field_item is not None else None
        if not isinstance(label, QLabel) or field is None or not _plain(label.text()):
            continue
        target = field.focusProxy() or field
        if label.buddy() is None:
            label.setBuddy(target)
        name = _plain(label.text())
        for widget in {field, target}:
            if not widget.accessibleName():
                widget.setAccessibleName(name)
        named += 1
    return named


def _layouts(layout: QLayout) -> list[QLayout]:
    found = [layout]
    for i in range(layout.count()):
        item = layout.itemAt(i)
        child = item.layout() if item is not None else None
        if isinstance(child, QLayout):  # (PySide6 has handed back the QWidgetItem itself here)
            found.extend(_layouts(child))
    return found


def tab_leaves(root: QWidget) -> None:
    """Tab and Shift+Tab leave every table and multi-line text field under ``root`` (a table
    keeps its arrow keys, a text field its Enter): nothing traps the keyboard."""
    for view in root.findChildren(QAbstractItemView):
        if view.tabKeyNavigation():
            table_keys(view)
    for edit in root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        edit.setTabChangesFocus(True)


EDITORS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit)


def _is_editor(widget: QWidget) -> bool:
    target = widget.focusProxy() or widget
    return isinstance(widget, EDITORS) or isinstance(target, EDITORS)


def label_row(layout: QBoxLayout) -> int:
    """In a row of widgets, a label followed by an editor (``年度 [2025 ▾]``): the label is the
    editor's buddy and names it; the number of editors named."""
    named = 0
    items = [
        item.widget() if item is not None else None for item in map(layout.itemAt, range(layout.count()))
    ]
    for label, field in zip(items, items[1:], strict=False):
        if (
            not isinstance(label, QLabel)
            or field is None
            or not _is_editor(field)
            or not _plain(label.text())
        ):
            continue
        target = field.focusProxy() or field
        if label.buddy() is None:
            label.setBuddy(target)
        for widget in {field, target}:
            if not widget.accessibleName():
                widget.setAccessibleName(_plain(label.text()))
        named += 1
    return named


def _name_the_rest(root: QWidget) -> None:
    """An editor with no label at all is named by its placeholder text or its tooltip."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, EDITORS) or widget.accessibleName():
            continue
        placeholder = (
            widget.placeholderText()
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit))
            else widget.placeholderText()
            if isinstance(widget, QComboBox)
            else ""
        )
        name = placeholder.splitlines()[0] if placeholder else widget.toolTip()
        if name:
            widget.setAccessibleName(name)


def label_all(root: QWidget) -> int:
    """Name every editor under ``root``: form fields and editors after a label in a row get
    the label as buddy and name; an editor with no label its placeholder text or tooltip."""
    named = 0
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        layout = widget.layout()
        if layout is None:
            continue
        for sub in _layouts(layout):
            if isinstance(sub, QFormLayout):
                named += label_form(sub)
            elif isinstance(sub, QBoxLayout):
                named += label_row(sub)
    _name_the_rest(root)
    return named


class _EnterSaves(QObject):
    """Enter in a one-line field of the form saves (not in a multi-line text or on a button)."""

    def __init__(self, root: QWidget, save: Callable[[], object]) -> None:
        super().__init__(root)
        self.root = root
        self.save = save

    def eventFilter(self, watched: QObject, event: object) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and not isinstance(watched, QPlainTextEdit | QTextEdit | QAbstractButton | QAbstractItemView)
        ):
            self.save()
            return True
        return False


def save_shortcuts(root: QWidget, save: Callable[[], object], editors: list[QWidget] | None = None) -> None:
    """Ctrl+S anywhere in ``root`` and Enter in one of its one-line ``editors`` call ``save``."""
    shortcut = QShortcut(QKeySequence.StandardKey.Save, root)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(save)
    enter = _EnterSaves(root, save)
    for editor in editors or []:
        target = editor.focusProxy() or editor
        target.installEventFilter(enter)
