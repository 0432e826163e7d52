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
from typing import cast

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


# Layouts are walked without ever asking a layout for its items (``itemAt``/``takeAt``): the
# wrapper PySide6 makes for a QWidgetItem is kept alive by the layout's wrapper, and once Qt
# deletes the item (its widget deleted or moved) a new object at the same address comes back to
# Python as that stale QWidgetItem (``menu.addAction(text, slot)`` then raised "'QWidgetItem' object
# has no attribute 'connect'"). Widgets and layouts are QObjects, whose deletion PySide6 tracks.
#
# And ``findChildren`` is asked of the root only: PySide6 makes each object found a child of the
# wrapper asked, and when that wrapper is a temporary one (``layout.parentWidget()`` of a widget
# Qt made, such as a message box's button box) its end invalidates the wrappers of every child —
# a message box's 复制详情 button, held by its caller, was "already deleted" after labelling.
class _Tree:
    """The widgets and layouts under ``root``, found once (their wrappers held by the root's),
    with each one's children."""

    def __init__(self, root: QWidget) -> None:
        self.root = root
        self.widgets = root.findChildren(QWidget)
        self.layouts = root.findChildren(QLayout)
        self.children: dict[int, list[QWidget]] = {}
        for widget in self.widgets:
            self.children.setdefault(id(widget.parentWidget()), []).append(widget)
        self.sublayouts: dict[int, list[QLayout]] = {}
        for layout in self.layouts:
            self.sublayouts.setdefault(id(layout.parent()), []).append(layout)

    @classmethod
    def of(cls, layout: QLayout) -> _Tree | None:
        owner = layout.parentWidget()
        return None if owner is None else cls(owner)

    def members(self, layout: QLayout) -> list[QWidget]:
        """The widgets that may be in ``layout``: the children of its widget."""
        return self.children.get(id(layout.parentWidget()), [])


def widgets_in(layout: QLayout, tree: _Tree | None = None) -> list[QWidget]:
    """The widgets of ``layout``, nested layouts included, in layout order. Without ``tree`` the
    layout's widget is searched (it should be one made in Python, not a temporary wrapper)."""
    tree = tree or _Tree.of(layout)
    if tree is None:
        return []
    placed: list[tuple[int, list[QWidget]]] = []
    for widget in tree.members(layout):
        index = layout.indexOf(widget)
        if index >= 0:
            placed.append((index, [widget]))
    for sub in tree.sublayouts.get(id(layout), []):
        index = layout.indexOf(sub)
        if index >= 0:
            placed.append((index, widgets_in(sub, tree)))
    placed.sort(key=lambda entry: entry[0])
    return [widget for _, widgets in placed for widget in widgets]


def _first_editor(field: QWidget | QLayout, tree: _Tree) -> QWidget | None:
    """The field of a form row: the widget, or the first editor of a row of widgets (an area
    with its "全部剩余" button, a path with "浏览…")."""
    if isinstance(field, QWidget):
        if not _is_editor(field) and field.layout() is not None:
            inner = [w for w in field.findChildren(QWidget) if _is_editor(w)]
            return inner[0] if inner else field
        return field
    editors = [w for w in widgets_in(field, tree) if _is_editor(w)]
    return editors[0] if editors else None


def form_position(form: QFormLayout, field: QWidget | QLayout) -> tuple[int, QFormLayout.ItemRole]:
    """(row, role) of a widget or layout in ``form``; row −1 when it is not there."""
    found = form.getWidgetPosition(field) if isinstance(field, QWidget) else form.getLayoutPosition(field)
    row, role = cast("tuple[int, QFormLayout.ItemRole]", found)
    return row, role


def _form_fields(form: QFormLayout, tree: _Tree) -> list[tuple[QWidget, QWidget | QLayout]]:
    """(label, field) for each row of ``form`` whose field has a label widget."""
    rows: list[tuple[int, QWidget, QWidget | QLayout]] = []
    fields: list[QWidget | QLayout] = [*tree.members(form), *tree.sublayouts.get(id(form), [])]
    for field in fields:
        row, role = form_position(form, field)
        label = form.labelForField(field) if row >= 0 and role == QFormLayout.ItemRole.FieldRole else None
        if label is not None:
            rows.append((row, label, field))
    rows.sort(key=lambda entry: entry[0])
    return [(label, field) for _, label, field in rows]


def label_form(form: QFormLayout, tree: _Tree | None = None) -> int:
    """Buddy + accessible name for each labelled field; the number of fields named. A form not
    yet placed in a widget names nothing (``label_all`` names it when its window is shown)."""
    tree = tree or _Tree.of(form)
    if tree is None:
        return 0
    named = 0
    for label, field_or_layout in _form_fields(form, tree):
        field = _first_editor(field_or_layout, tree)
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


def label_row(layout: QBoxLayout, tree: _Tree | None = None) -> int:
    """In a row of widgets, a label followed by an editor (``年度 [2025 ▾]``): the label is the
    editor's buddy and names it; the number of editors named."""
    tree = tree or _Tree.of(layout)
    if tree is None:
        return 0
    named = 0
    at = {index: w for w in tree.members(layout) if (index := layout.indexOf(w)) >= 0}
    for index, label in at.items():
        field = at.get(index + 1)  # the next item of this layout, if it is a widget
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
    tree = _Tree(root)
    named = 0
    for layout in tree.layouts:
        if isinstance(layout, QFormLayout):
            named += label_form(layout, tree)
        elif isinstance(layout, QBoxLayout):
            named += label_row(layout, tree)
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
