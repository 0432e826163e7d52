"""docs/guide/efficiency.md by keyboard alone: 评价 (评价本年度 with the year chosen by the arrow
keys), checked in the database."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models.efficiency.entities import EfficiencyResult
from tests.desktop.keyboard.driver import go_to, press_button


def test_evaluate(window: MainWindow) -> None:
    page = go_to(window, "efficiency")
    year = page.year()  # type: ignore[attr-defined]
    with window.ctx.db.read() as s:
        before = s.scalar(
            select(func.max(EfficiencyResult.evaluated_at)).where(EfficiencyResult.year == year)
        )
    press_button(window, "评价本年度")
    window.ctx.tasks.wait(60_000)
    from tests.desktop.loads import settle

    settle(window.ctx)
    with window.ctx.db.read() as s:
        after = s.scalar(select(func.max(EfficiencyResult.evaluated_at)).where(EfficiencyResult.year == year))
        graded = s.scalar(
            select(func.count()).select_from(EfficiencyResult).where(EfficiencyResult.year == year)
        )
    assert after is not None and (before is None or after > before) and graded


def test_adjust_rules(window: MainWindow, real_question: None) -> None:
    """调整规则: in 规则试算 the first indicator's 封顶倍数 changed in the grid (arrows, F2, typed,
    Enter), 试算, a document number typed, 保存为新规则 confirmed with the keyboard: a new rule
    version with that cap and that number."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog

    from models.efficiency import rules as R
    from models.policy.entities import PolicyRule
    from tests.desktop.keyboard.driver import (
        button,
        key,
        switch_tab,
        tab_to,
        type_text,
        with_dialog,
    )
    from tests.desktop.loads import settle

    page = go_to(window, "efficiency")
    switch_tab("规则试算")
    settle(window.ctx)
    grid = tab_to(lambda w: w is page.whatif.grid)  # type: ignore[attr-defined]
    key(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(4):
        key(Qt.Key.Key_Right)
    assert grid.currentIndex().column() == 4  # type: ignore[attr-defined]
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("1.7")
    key(Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits the cell on a queued call
    assert page.whatif.grid.item(0, 4).text() == "1.7"  # type: ignore[attr-defined]
    press_button(window, "试算")
    assert "试算结果" in page.whatif.result_label.text()  # type: ignore[attr-defined]
    tab_to(lambda w: w is page.whatif.doc_edit)  # type: ignore[attr-defined]
    type_text("临经信〔2026〕99号")
    tab_to(button("保存为新规则"))

    def confirm(_box: QDialog) -> None:
        tab_to(lambda w: getattr(w, "text", lambda: "")().replace("&", "").startswith(("是", "Yes")))
        key(Qt.Key.Key_Space)

    assert with_dialog(lambda: key(Qt.Key.Key_Space), confirm) == []
    settle(window.ctx)
    with window.ctx.db.read() as s:
        rule = s.scalars(select(PolicyRule).where(PolicyRule.document_no == "临经信〔2026〕99号")).one()
        assert rule.key == R.RULE_KEY and "1.7" in str(rule.value)
