from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.widgets.detail_form import DetailForm, FieldSpec
from desktop.widgets.editors import AreaEdit, ChoiceCombo, DateEdit, DecimalEdit, TextEdit, parse_decimal_text
from models.units import AreaUnit


def test_parse_decimal_text_accepts_office_spellings() -> None:
    assert parse_decimal_text("１２，３４５．６") == Decimal("12345.6")
    assert parse_decimal_text(" 1,000 ") == Decimal("1000")
    assert parse_decimal_text("") is None
    with pytest.raises(ValueError):
        parse_decimal_text("十二")
    with pytest.raises(ValueError):
        parse_decimal_text("NaN")


def test_area_edit_converts_exactly(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = AreaEdit(unit=AreaUnit.MU)
    qtbot.addWidget(edit)
    edit.setText("15")
    assert edit.value() == Decimal("10000.0000")
    edit.setText("1")
    assert edit.value() == Decimal("666.6667")  # rounded to the stored 0.0001 ㎡
    edit.set_value(Decimal("1234.5678"))  # not edited: given back exactly
    assert edit.value() == Decimal("1234.5678")
    assert edit.suffix.text() == "亩"
    edit.set_unit(AreaUnit.HA)
    assert edit.value() == Decimal("1234.5678") and edit.text() == "0.1235"
    edit.setText("")
    assert edit.value() is None


def test_area_edit_uses_the_chosen_unit(qtbot, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    from desktop.settings import AREA_UNIT

    isolated_settings.set(AREA_UNIT, "ha")
    edit = AreaEdit()
    qtbot.addWidget(edit)
    edit.setText("2")
    assert edit.unit is AreaUnit.HA and edit.value() == Decimal("20000")


def test_decimal_edit_flags_bad_input(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DecimalEdit(minimum=Decimal(0))
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "-5")
    assert not edit.is_valid()
    edit.set_value(Decimal("3.50"))
    assert edit.is_valid() and edit.value() == Decimal("3.50")


def test_date_edit_blank(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None
    edit.set_value(dt.date(2024, 3, 15))
    assert edit.value() == dt.date(2024, 3, 15)
    edit.set_value(None)
    assert edit.value() is None


def test_choice_combo(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = ChoiceCombo([(1, "青山湖科技城"), (2, "高新园")], allow_blank=True)
    qtbot.addWidget(combo)
    assert combo.value() is None
    combo.set_value(2)
    assert combo.currentText() == "高新园"
    combo.set_choices([(2, "高新园"), (3, "玲珑")])
    assert combo.value() == 2


def test_detail_form_fill_values_validate(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = DetailForm(
        [
            FieldSpec("name", "名称", TextEdit, required=True),
            FieldSpec("area_m2", "面积", lambda: AreaEdit(unit=AreaUnit.M2)),
            FieldSpec("price", "价格", DecimalEdit),
        ]
    )
    qtbot.addWidget(form)
    form.set_record(None)
    assert form.validate() == ["名称：必填"]
    form.editor("name").setText("甲")
    form.editor("price").setText("abc")
    assert form.validate() == ["价格：不是有效的数字"]
    form.editor("price").setText("1.5")
    assert form.values() == {"name": "甲", "area_m2": None, "price": Decimal("1.5")}
    qtbot.keyClicks(form.editor("name"), "b")
    assert form.dirty
