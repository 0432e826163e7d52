"""Editors with one protocol, ``value()`` / ``set_value(v)`` / ``edited`` signal, used by
``DetailForm`` and by pages directly.

- ``TextEdit``: a line of text (stripped); blank → "".
- ``DecimalEdit``: an exact ``Decimal`` (or None when blank); accepts thousands
  separators, full-width digits and a full-width point as clerks type them.
- ``AreaEdit``: an area entered in the user's unit (㎡/亩/公顷, from the settings or
  given), returned as ``Decimal`` ㎡ via ``models.units.to_m2``. A value set and not
  edited comes back exactly as it was set (no round trip through the shown unit).
- ``MoneyEdit``: a ``DecimalEdit`` in 万元 with six places.
- ``DateEdit``: a typed date with a calendar, blank allowed (``None``); see ``date_edit``.
- ``ChoiceCombo``: one of ``(value, label)`` choices, optionally blank (``None``).
- ``CheckEdit``: a yes/no box.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.i18n import tr
from desktop.item_models.formats import UNIT_LABELS
from desktop.widgets.date_edit import DateEdit as DateEdit
from models.units import AreaUnit, from_m2, to_m2

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


def parse_decimal_text(text: str) -> Decimal | None:
    """Text typed or pasted by a clerk as a Decimal; None when blank; ValueError when not a number."""
    cleaned = text.translate(_FULLWIDTH).replace(",", "").replace(" ", "").replace("\u3000", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


class TextEdit(QLineEdit):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, max_length: int = 0) -> None:
        super().__init__(parent)
        if max_length:
            self.setMaxLength(max_length)
        self.textEdited.connect(lambda _t: self.edited.emit())

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class DecimalEdit(QLineEdit):
    """``value()`` raises ``ValueError`` when the text is not a number (``is_valid`` tells)."""

    edited = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, places: int = 2, minimum: Decimal | None = None
    ) -> None:
        super().__init__(parent)
        self.places = places
        self.minimum = minimum
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.textEdited.connect(self._on_edit)

    def _on_edit(self, _text: str) -> None:
        ok = self.is_valid()
        self.setStyleSheet("" if ok else "background: #fde8e8;")
        self.setToolTip("" if ok else tr("请输入数字"))
        self.edited.emit()

    def is_valid(self) -> bool:
        try:
            value = parse_decimal_text(self.text())
        except ValueError:
            return False
        return value is None or self.minimum is None or value >= self.minimum

    def value(self) -> Decimal | None:
        return parse_decimal_text(self.text())

    def set_value(self, value: Decimal | int | None) -> None:
        self.setStyleSheet("")
        self.setText("" if value is None else f"{Decimal(value):f}")


class MoneyEdit(DecimalEdit):
    """万元, exact to 0.01 元."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, places=6)
        self.setPlaceholderText(tr("万元"))


class AreaEdit(QWidget):
    """An area in the user's unit; ``value()`` is ㎡ (Decimal) or None when blank."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, unit: AreaUnit | None = None) -> None:
        super().__init__(parent)
        if unit is None:
            from desktop.settings import settings

            unit = settings().area_unit()
        self.unit = unit
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = DecimalEdit(self, places=4, minimum=Decimal(0))
        self.suffix = QLabel(tr(UNIT_LABELS[unit]))
        layout.addWidget(self.line, 1)
        layout.addWidget(self.suffix)
        self._set_m2: Decimal | None = None
        self._set_text: str | None = None
        self.line.edited.connect(self.edited)
        self.setFocusProxy(self.line)

    def set_unit(self, unit: AreaUnit) -> None:
        value = self.value() if self.is_valid() else None
        self.unit = unit
        self.suffix.setText(tr(UNIT_LABELS[unit]))
        self.set_value(value)

    def is_valid(self) -> bool:
        return self.line.is_valid()

    def set_value(self, value_m2: Decimal | int | None) -> None:
        if value_m2 is None:
            self._set_m2, self._set_text = None, ""
            self.line.set_value(None)
            return
        shown = from_m2(value_m2, self.unit, 4).normalize()
        text = f"{shown:f}"
        self.line.setText(text)
        self._set_m2, self._set_text = Decimal(value_m2), text

    def value(self) -> Decimal | None:
        if self._set_text is not None and self.line.text() == self._set_text:
            return self._set_m2
        typed = self.line.value()
        return None if typed is None else to_m2(typed, self.unit)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit-compatible for tests and paste
        self.line.setText(text)
        self._set_text = None


class ChoiceCombo(QComboBox):
    """``choices`` are ``(value, label)`` pairs (or plain strings: value = label)."""

    edited = Signal()

    def __init__(
        self,
        choices: Sequence[tuple[Any, str] | str] = (),
        parent: QWidget | None = None,
        *,
        allow_blank: bool = False,
        blank_label: str = "",
    ) -> None:
        super().__init__(parent)
        self.allow_blank = allow_blank
        self.blank_label = blank_label or tr("（无）")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.set_choices(choices)
        self.activated.connect(lambda _i: self.edited.emit())

    def set_choices(self, choices: Sequence[tuple[Any, str] | str]) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if self.allow_blank:
            self.addItem(self.blank_label, None)
        for choice in choices:
            value, label = (choice, choice) if isinstance(choice, str) else choice
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        for i in range(self.count()):
            if self.itemData(i) == value:
                self.setCurrentIndex(i)
                return
        if value is not None and isinstance(value, str) and self.isEditable():
            self.setEditText(value)
            return
        self.setCurrentIndex(0 if self.count() else -1)


class CheckEdit(QCheckBox):
    edited = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(lambda _b: self.edited.emit())

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))
