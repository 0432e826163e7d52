"""Choice-list values show in English through ``choice_items.label_en``: the seeded lists carry
their English (also on a database seeded before), a value the bureau adds shows the English it
is given, and a table cell edited in English still stores the Chinese value."""

from __future__ import annotations

from sqlalchemy import select

from desktop import choice_labels
from desktop.choice_labels import choice_text, land_use_text
from desktop.i18n import set_language
from models.policy import services
from models.policy.entities import ChoiceItem
from models.policy.seed import seed_defaults


def test_seeded_lists_have_english_and_an_older_database_gets_it(db) -> None:  # type: ignore[no-untyped-def]
    from models.seed import seed_defaults as seed_all

    with db.write() as s:
        empty = list(s.scalars(select(ChoiceItem).where(ChoiceItem.label_en == "")))
        assert empty == []  # every seeded value has its English
        item = s.scalars(select(ChoiceItem).where(ChoiceItem.value == "切块")).one()
        item.label_en = ""  # as a database seeded before the English existed
        seed_all(s)
        assert item.label_en == "Block allocation"
        item.label_en = "Quota block"  # a label the bureau wrote stays
        seed_defaults(s)
        seed_all(s)
        assert item.label_en == "Quota block"


def test_values_show_in_the_ui_language(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        services.add_choice(s, category="industry_chain", value="新材料", label_en="New materials")
    with db.read() as s:
        choice_labels.refresh(s)
    assert choice_text("industry_chain", "新材料") == "新材料"
    assert land_use_text("0601") == "0601 工业用地" and land_use_text("其他") == "其他用地"
    set_language("en")
    try:
        assert choice_text("industry_chain", "新材料") == "New materials"
        assert choice_text("quota_source", "省级预留") == "Provincial reserve"
        assert choice_text("industry_chain", "未登记") == "未登记"  # no English: the value as stored
        assert land_use_text("0601") == "0601 Industrial" and land_use_text("其他") == "Other"
    finally:
        set_language("zh")


def test_a_cell_chosen_in_english_stores_the_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

    from desktop.widgets.table_view import ChoiceDelegate

    model = QStandardItemModel(1, 1)
    model.setData(model.index(0, 0), "高端装备", Qt.ItemDataRole.EditRole)
    host = QWidget()
    qtbot.addWidget(host)
    delegate = ChoiceDelegate(
        lambda: ["", ("高端装备", "High-end equipment"), ("集成电路", "Integrated circuits")]
    )
    editor = delegate.createEditor(host, QStyleOptionViewItem(), QModelIndex())
    delegate.setEditorData(editor, model.index(0, 0))
    assert editor.currentText() == "High-end equipment"  # type: ignore[attr-defined]
    editor.setCurrentIndex(2)  # type: ignore[attr-defined]
    delegate.setModelData(editor, model, model.index(0, 0))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.EditRole) == "集成电路"
