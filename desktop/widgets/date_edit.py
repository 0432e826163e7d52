"""One date editor for every date field: a line edit that takes a date exactly as typed
(2025-11-30, 2025/11/30, 2025.11.30, 20251130, 2025年11月30日, full-width digits too) and a
button that opens a calendar at the date shown, or at today, in the UI language.

``QDateEdit`` was replaced because typing a full date over a selection kept the old year
(its sections keep what the typed text does not overwrite). Here text is text: what is typed
is what is parsed. ``value()`` is a ``datetime.date`` or ``None`` (blank, or text that is not a
date: ``is_valid()`` tells the two apart and the field turns red with a tooltip saying why).
``date()`` / ``setDate()`` / ``dateChanged`` keep the ``QDateEdit`` calls that pages used.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.i18n import language, tr

_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    re.compile(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)

INVALID_STYLE = "background: #fde8e8;"


def parse_date_text(text: str) -> dt.date | None:
    """A typed date; None when blank; ValueError when the text is not a date."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return None
    for pattern in _PATTERNS:
        m = pattern.fullmatch(cleaned)
        if m:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))  # ValueError for 2025-02-30
    raise ValueError(text)


def ui_locale() -> QLocale:
    if language() == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


class DateEdit(QWidget):
    """A typed date with a calendar button; blank allowed unless ``allow_blank=False``."""

    edited = Signal()
    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit name, kept for callers

    def __init__(
        self, parent: QWidget | None = None, *, allow_blank: bool = True, value: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.allow_blank = allow_blank
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(tr("未填") if allow_blank else tr("年-月-日"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("2025-11-30") + 24)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(tr("选择日期"))
        self.button.setAccessibleName(tr("选择日期"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.button.setMenu(self.menu)
        self.menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self._last: dt.date | None = None
        self.line.textEdited.connect(self._on_edit)
        self.line.editingFinished.connect(self._normalize)
        if value is not None or allow_blank:
            self.set_value(value)
        else:
            self.set_value(dt.date.today())

    # --- the protocol of desktop.widgets.editors -----------------------------------------
    def value(self) -> dt.date | None:
        try:
            return parse_date_text(self.line.text())
        except ValueError:
            return None

    def set_value(self, value: dt.date | None) -> None:
        if value is None and not self.allow_blank:
            value = dt.date.today()
        self.line.setText("" if value is None else value.isoformat())
        self._mark()
        self._emit_if_changed()

    def is_valid(self) -> bool:
        """False when the text is not a date, or blank where a date is required."""
        try:
            value = parse_date_text(self.line.text())
        except ValueError:
            return False
        return value is not None or self.allow_blank

    def problem(self) -> str:
        """What is wrong with the text, translated ("" when fine)."""
        if self.is_valid():
            return ""
        if not self.line.text().strip():
            return tr("请填写日期")
        return tr("不是有效的日期：{text}（例如 2025-11-30）", text=self.line.text().strip())

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit-compatible for tests and paste
        self.line.setText(text)
        self._mark()
        self._emit_if_changed()

    # --- QDateEdit compatibility -----------------------------------------------------------
    def date(self) -> QDate:
        value = self.value()
        return QDate() if value is None else QDate(value.year, value.month, value.day)

    def setDate(self, date: QDate) -> None:  # noqa: N802 - the QDateEdit name
        self.set_value(dt.date(date.year(), date.month(), date.day()) if date.isValid() else None)

    # --- internals ---------------------------------------------------------------------
    def _on_edit(self, _text: str) -> None:
        self._mark()
        self.edited.emit()
        self._emit_if_changed()

    def _mark(self) -> None:
        ok = self.is_valid() or not self.line.text().strip()
        self.line.setStyleSheet("" if ok else INVALID_STYLE)
        self.line.setToolTip(
            self.problem() if not ok else tr("例如 2025-11-30、2025/11/30、20251130、2025年11月30日")
        )

    def _normalize(self) -> None:
        value = self.value()
        if value is not None and self.line.text() != value.isoformat():
            self.line.setText(value.isoformat())
        self._mark()

    def _emit_if_changed(self) -> None:
        value = self.value()
        if value != self._last:
            self._last = value
            self.dateChanged.emit(self.date())

    def _prepare_calendar(self) -> None:
        self.calendar.setLocale(ui_locale())
        shown = self.value() or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.setCurrentPage(shown.year, shown.month)

    def _picked(self, date: QDate) -> None:
        self.line.setText(dt.date(date.year(), date.month(), date.day()).isoformat())
        self._mark()
        self.menu.hide()
        self.edited.emit()
        self._emit_if_changed()
        self.line.setFocus()
