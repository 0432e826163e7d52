"""The one date editor: a date typed over a selection is the date typed (QDateEdit kept the old
year), blank optional dates accept typing, and the calendar opens at today in the UI language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from desktop.i18n import set_language
from desktop.quotas.dialogs import GrantDialog
from desktop.widgets.date_edit import DateEdit, parse_date_text
from models.quotas.entities import QuotaGrant

TYPED = ["2025-11-30", "2025/11/30", "2025.11.30", "20251130", "2025年11月30日", "２０２５－１１－３０"]


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key presses as a keyboard (or an input method, for 年月日) sends them."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.mark.parametrize("typed", TYPED)
def test_parse_date_text(typed: str) -> None:
    assert parse_date_text(typed) == dt.date(2025, 11, 30)


def test_parse_date_text_refuses_what_is_not_a_date() -> None:
    assert parse_date_text("  ") is None
    for bad in ("2025-02-30", "30.11.2025", "明天", "2025-11"):
        with pytest.raises(ValueError):
            parse_date_text(bad)


@pytest.mark.parametrize("typed", TYPED[:5])
@pytest.mark.parametrize("allow_blank", [True, False])
def test_typed_over_a_selection_is_exactly_the_date_typed(qtbot, typed: str, allow_blank: bool) -> None:  # type: ignore[no-untyped-def]
    edit = DateEdit(allow_blank=allow_blank, value=dt.date(2026, 1, 1))
    qtbot.addWidget(edit)
    edit.show()
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit.line, typed)
    assert edit.value() == dt.date(2025, 11, 30)
    assert edit.is_valid()
    qtbot.keyClick(edit.line, Qt.Key.Key_Tab)  # leaving the field shows it in one spelling
    edit.line.editingFinished.emit()
    assert edit.text() == "2025-11-30"


def test_blank_optional_date_accepts_typing_and_can_be_cleared(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.is_valid()
    qtbot.keyClicks(edit.line, "20270101")
    assert edit.value() == dt.date(2027, 1, 1)
    edit.line.selectAll()
    qtbot.keyClick(edit.line, Qt.Key.Key_Delete)
    assert edit.value() is None and edit.is_valid()


def test_required_date_blank_or_wrong_is_not_valid_and_says_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DateEdit(allow_blank=False)
    qtbot.addWidget(edit)
    assert edit.value() == dt.date.today()
    edit.line.clear()
    assert not edit.is_valid() and edit.problem()
    qtbot.keyClicks(edit.line, "2025-13-01")
    assert edit.value() is None and not edit.is_valid()
    assert "2025-13-01" in edit.problem()
    assert edit.line.styleSheet()  # marked red


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", QLocale.Language.Chinese), ("en", QLocale.Language.English)]
)
def test_calendar_opens_at_today_in_the_ui_language(qtbot, lang: str, expected: QLocale.Language) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    try:
        edit = DateEdit()
        qtbot.addWidget(edit)
        edit.menu.aboutToShow.emit()
        today = dt.date.today()
        assert edit.calendar.yearShown() == today.year and edit.calendar.monthShown() == today.month
        assert edit.calendar.locale().language() == expected
        edit.set_value(dt.date(2024, 3, 15))
        edit.menu.aboutToShow.emit()
        assert (edit.calendar.yearShown(), edit.calendar.monthShown()) == (2024, 3)
        edit.calendar.clicked.emit(edit.calendar.selectedDate().addDays(1))
        assert edit.value() == dt.date(2024, 3, 16)
    finally:
        set_language("zh")


def test_grant_dialog_saves_the_date_as_typed(qtbot, ctx, db) -> None:  # type: ignore[no-untyped-def]
    grant = GrantDialog(ctx, year=2025)
    qtbot.addWidget(grant)
    grant.show()
    grant.document_no.setText("临自然资〔2025〕7号")
    grant.granted_on.line.setFocus()
    qtbot.keyClick(grant.granted_on.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(grant.granted_on.line, "2025-11-30")
    grant.area.setText("300")
    grant.save()
    with db.read() as s:
        assert s.scalar(select(QuotaGrant.granted_on)) == dt.date(2025, 11, 30)


def test_no_qdateedit_is_left_in_the_desktop() -> None:
    root = Path(__file__).resolve().parents[3] / "desktop"
    users = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if "QDateEdit(" in p.read_text(encoding="utf-8") or "QDateEdit," in p.read_text(encoding="utf-8")
    ]
    assert users == []
