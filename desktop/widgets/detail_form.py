"""A form built from field specs: ``FieldSpec(key, label, editor, get)``.

``DetailForm.set_record(row)`` fills every editor with ``spec.get(row)`` (or clears
them for None: a new record); ``values()`` returns ``{key: editor.value()}``;
``validate()`` lists the labels of required fields left blank and numbers that do
not parse; ``dirty`` turns True on any edit (``edited`` signal). Editors follow the
protocol of ``desktop.widgets.editors`` (``value``/``set_value``/``edited``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QWidget

from desktop.i18n import tr
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.keyboard import label_form


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # translated
    editor: Callable[[], QWidget]
    get: Callable[[Any], Any] | None = None  # default: getattr(row, key)
    required: bool = False
    tooltip: str = ""
    read_only: bool = False


class DetailForm(QWidget):
    edited = Signal()

    def __init__(self, fields: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = list(fields)
        self.editors: dict[str, Any] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in self.specs:
            editor = spec.editor()
            policy = editor.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
            editor.setSizePolicy(policy)
            label = QLabel(spec.label + (" *" if spec.required else ""))
            if spec.tooltip:
                label.setToolTip(spec.tooltip)
                editor.setToolTip(spec.tooltip)
            if spec.read_only:
                editor.setEnabled(False)
            signal = getattr(editor, "edited", None)
            if signal is not None:
                signal.connect(self._on_edited)
            layout.addRow(label, editor)
            self.editors[spec.key] = editor
            self.labels[spec.key] = label
        label_form(layout)
        self.record: Any = None
        self.dirty = False

    def _on_edited(self) -> None:
        self.dirty = True
        self.edited.emit()

    def editor(self, key: str) -> Any:
        return self.editors[key]

    def set_record(self, row: Any) -> None:
        self.record = row
        for spec in self.specs:
            value = None if row is None else (spec.get(row) if spec.get else getattr(row, spec.key))
            self.editors[spec.key].set_value(value)
        self.dirty = False

    def values(self) -> dict[str, Any]:
        return {spec.key: self.editors[spec.key].value() for spec in self.specs if not spec.read_only}

    def validate(self) -> list[str]:
        """Translated sentences naming what is missing or malformed (empty when fine)."""
        problems: list[str] = []
        for spec in self.specs:
            editor = self.editors[spec.key]
            is_valid = getattr(editor, "is_valid", None)
            if isinstance(editor, DateEdit) and not editor.is_valid():
                problems.append(tr("{label}：{problem}", label=spec.label, problem=editor.problem()))
                continue
            if is_valid is not None and not is_valid():
                problems.append(tr("{label}：不是有效的数字", label=spec.label))
                continue
            if spec.required and not spec.read_only and editor.value() in (None, ""):
                problems.append(tr("{label}：必填", label=spec.label))
        return problems

    def set_read_only(self, read_only: bool) -> None:
        for spec in self.specs:
            self.editors[spec.key].setEnabled(not read_only and not spec.read_only)
