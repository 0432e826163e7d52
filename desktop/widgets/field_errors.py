"""Say what is wrong beside the field, and keep the dialog open with what was typed.

``FieldErrors(form)`` puts a red line under a field of a ``QFormLayout`` (``set(editor, text)``);
``write_in_dialog`` runs a service command like ``AppContext.write`` but, on a refusal, shows
each problem beside the field it names (``field_for(problem)``) instead of in a message box,
so the dialog that called it can simply stay open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.messages import render
from models.changes import Changes
from models.errors import DomainError, Problem

ERROR_STYLE = "color: #b00020;"


class FieldErrors:
    def __init__(self, form: QFormLayout, fallback: QWidget | None = None) -> None:
        self.form = form
        self.fallback = fallback
        self.labels: dict[int, QLabel] = {}

    def set(self, editor: QWidget | None, text: str) -> QLabel:
        editor = editor or self.fallback
        key = id(editor)
        label = self.labels.get(key)
        if label is None:
            label = QLabel()
            label.setWordWrap(True)
            label.setStyleSheet(ERROR_STYLE)
            row = -1
            if editor is not None:
                position = self.form.getWidgetPosition(editor)
                row = int(position[0])  # type: ignore[index]
            if row < 0:
                self.form.addRow(label)
            else:
                self.form.insertRow(row + 1, "", label)
            self.labels[key] = label
        label.setText(text)
        label.setVisible(True)
        if editor is not None:
            editor.setFocus()
        return label

    def text(self, editor: QWidget | None = None) -> str:
        label = self.labels.get(id(editor or self.fallback))
        return label.text() if label is not None and not label.isHidden() else ""

    def all_text(self) -> str:
        return "\n".join(label.text() for label in self.labels.values() if not label.isHidden())

    def clear(self) -> None:
        for label in self.labels.values():
            label.setText("")
            label.setVisible(False)


def write_in_dialog(
    ctx: AppContext,
    operation: Callable[[Session], Changes],
    errors: FieldErrors,
    field_for: Callable[[Problem], QWidget | None],
) -> Changes | None:
    """The changes, or None with every problem shown beside its field."""
    errors.clear()
    try:
        with ctx.db.write() as session:
            changes = operation(session)
    except DomainError as exc:
        shown: dict[int, list[str]] = {}
        editors: dict[int, QWidget | None] = {}
        for problem in exc.problems:
            editor = field_for(problem)
            shown.setdefault(id(editor), []).append(render(problem))
            editors[id(editor)] = editor
        for key, texts in shown.items():
            errors.set(editors[key], "\n".join(texts))
        return None
    ctx.changes_applied.emit(changes)
    return changes
