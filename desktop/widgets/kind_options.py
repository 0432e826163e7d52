"""The options of an exchange kind as proper controls with labels in the UI language
(used by the import wizard and the export dialog), and the kinds' titles.

- a flag is a check box whose text says what it does ("Y 坐标含 40 带号，去掉后导入");
- ``carrier`` is a picker of the carriers the user may see (typing a name or code works too);
- ``month`` is a picker of months (YYYY-MM), ``year`` a year box, a date a ``DateEdit``.
The import detection messages (``desktop/messages/land.py``) name the check boxes by the
same words (``FLAG_LABELS``), so the user finds the control the message speaks of.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from desktop.context import AppContext
from desktop.i18n import tr, tr_in
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.editors import ChoiceCombo
from models.exchange.spec import Kind, KindOption

BLANK_YEAR = 1989  # the year box's blank position, shown as （不指定）


def flag_labels() -> dict[str, str]:
    return {"swap_xy": tr("X、Y 两列填反，交换后导入"), "strip_zone": tr("Y 坐标含 40 带号，去掉后导入")}


def option_labels() -> dict[str, str]:
    return {
        "year": tr("年度"),
        "as_of": tr("截至日期"),
        "platform": tr("平台"),
        "carrier": tr("孵化载体"),
        "month": tr("月份"),
        "crs": tr("坐标系（EPSG 代码）"),
        **flag_labels(),
    }


def option_label(option: KindOption) -> str:
    return option_labels().get(option.name, option.name)


def kind_title(kind: Kind) -> str:
    """The kind's title in the UI language (the exchange catalogue is its context)."""
    return tr_in("exchange", kind.title)


def month_choices(today: dt.date | None = None, years: int = 6) -> list[tuple[str, str]]:
    today = today or dt.date.today()
    out = []
    y, m = today.year, today.month
    for _ in range(years * 12):
        out.append((f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}"))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def option_editor(option: KindOption, carriers: list[str] | None = None) -> QWidget:
    """The control for ``option``; ``carriers``: the names offered by the carrier picker."""
    if option.type == "flag":
        box = QCheckBox(option_label(option))
        box.setAccessibleName(option_label(option))
        return box
    if option.type == "int":
        spin = QSpinBox()
        spin.setRange(1990, 2100) if option.name == "year" else spin.setRange(-1_000_000, 1_000_000)
        if option.name == "year" and option.required:
            spin.setValue(dt.date.today().year - 1)
        elif option.name == "year":  # blank by default: an import keeps the workbook's own 年度
            spin.setMinimum(BLANK_YEAR)  # (a set year overrides it), an export takes the latest
            spin.setSpecialValueText(tr("（不指定）"))
            spin.setValue(BLANK_YEAR)
        spin.setAccessibleName(option_label(option))
        return spin
    if option.type == "date":
        edit = DateEdit(allow_blank=not option.required)
        if option.required:
            edit.set_value(dt.date.today())
        return edit
    if option.name == "carrier":
        combo = ChoiceCombo(
            [(c, c) for c in carriers or []], allow_blank=not option.required, blank_label=tr("（全部载体）")
        )
        combo.setEditable(True)  # a name or code typed by hand still works
        return combo
    if option.name == "month":
        return ChoiceCombo(month_choices(), allow_blank=not option.required, blank_label=tr("（全部月份）"))
    return QLineEdit()


def option_value(option: KindOption, editor: QWidget) -> Any:  # noqa: ARG001  pairs with option_editor(option, …)
    if isinstance(editor, QCheckBox):
        return True if editor.isChecked() else None
    if isinstance(editor, QSpinBox):
        blank = editor.specialValueText() and editor.value() == editor.minimum()
        return None if blank else editor.value()
    if isinstance(editor, DateEdit):
        return editor.value()
    if isinstance(editor, QComboBox):
        if editor.isEditable():
            text = editor.currentText().strip()
            data = editor.currentData()
            return (
                data if data is not None and editor.itemText(editor.currentIndex()) == text else text
            ) or None
        return editor.currentData()
    assert isinstance(editor, QLineEdit)
    return editor.text().strip() or None


def carrier_names(ctx: AppContext) -> list[str]:
    """The names of the carriers the user may see (the carrier picker's list)."""
    from models.incubation.queries import carrier_choices

    with ctx.db.read() as session:
        return [name for _id, name in carrier_choices(session)]


def is_flag(option: KindOption) -> bool:
    return option.type == "flag"
