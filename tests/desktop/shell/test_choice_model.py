"""``ChoiceModel``: a drop-down's items as one list model (thousands of enterprises at once)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop.item_models.choices import use_choice_model


def test_combo_over_a_choice_model_finds_picks_adds_and_clears(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    combo = QComboBox()
    qtbot.addWidget(combo)
    model = use_choice_model(combo)
    model.set_items([("（无）", None), *((f"企业{i}", i) for i in range(5000))])
    qtmodeltester.check(model)
    assert combo.count() == 5001
    assert combo.findData(4321) == 4322
    assert combo.findData(None) == 0
    assert combo.findData(99999) == -1
    combo.setCurrentIndex(combo.findData(17))
    assert combo.currentData() == 17 and combo.currentText() == "企业17"
    combo.addItem("已停用的企业", 99999)  # a value no longer in the list stays pickable
    assert combo.findData(99999) == 5001 and combo.itemText(5001) == "已停用的企业"
    model.set_items([("（无）", None), ("甲", 1)])
    assert combo.count() == 2 and combo.findData(17) == -1 and combo.findData(1) == 1
    combo.clear()
    assert combo.count() == 0
