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
    window.ctx.tasks.wait(60_000)  # type: ignore[union-attr]
    from tests.desktop.loads import settle

    settle(window.ctx)
    with window.ctx.db.read() as s:
        after = s.scalar(select(func.max(EfficiencyResult.evaluated_at)).where(EfficiencyResult.year == year))
        graded = s.scalar(
            select(func.count()).select_from(EfficiencyResult).where(EfficiencyResult.year == year)
        )
    assert after is not None and (before is None or after > before) and graded
