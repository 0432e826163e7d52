"""Keyboard and screen-reader manners shared by every page and dialog.

- ``table_keys(view)``: Tab and Shift+Tab leave a table (arrow keys move inside it); typing
  does not start editing — F2, Enter or a double click does, Esc cancels.
- ``label_form(form)``: every field of a ``QFormLayout`` gets its label as buddy (so the
  label's mnemonic and a click on it reach the field) and as accessible name.
- ``label_all(widget)``: ``label_form`` on every form layout under ``widget``.
- ``save_shortcuts(widget, save)``: Ctrl+S and Enter save a page form, as in dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLayout,
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


def label_form(form: QFormLayout) -> int:
    """Buddy + accessible name for each labelled field; the number of fields named."""
    named = 0
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
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
        if child is not None:
            found.extend(_layouts(child))
    return found


def label_all(root: QWidget) -> int:
    named = 0
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        layout = widget.layout()
        if layout is None:
            continue
        for sub in _layouts(layout):
            if isinstance(sub, QFormLayout):
                named += label_form(sub)
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

        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier) \
                and not isinstance(watched, QPlainTextEdit | QTextEdit | QAbstractButton | QAbstractItemView):
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
