"""docs/guide/renewal.md by keyboard alone: 新建项目, 推进阶段 and the 改造前后数据 entered
through 编辑…, checked in the database."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QAbstractItemView, QDialog
from sqlalchemy import select

from desktop.main_window import MainWindow
from models.renewal.entities import RenewalProject
from tests.desktop.keyboard.driver import accept, choose_row, fill, go_to, press_button, tab_to, table_in


def _choose(window: MainWindow, page: QAbstractItemView, code_of: object) -> str:
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    model = view.model()
    stopped = {"终止", "达产复核"}
    row = choose_row(view, lambda r: model.index(r, 2).data() not in stopped, window.ctx)
    return str(model.index(row, 0).data())


def test_new_project(window: MainWindow) -> None:
    go_to(window, "renewal")

    def act(dialog: QDialog) -> None:
        fill({"项目编号": "KB-2026-01", "项目名称": "键盘腾换项目", "摸排认定日期": "2026.1.5"})
        accept(dialog)

    assert press_button(window, "新建项目", act) == []
    with window.ctx.db.read() as s:
        p = s.scalars(select(RenewalProject).where(RenewalProject.code == "KB-2026-01")).one()
        assert p.name == "键盘腾换项目" and p.stage == "identified"


def test_advance_stage(window: MainWindow) -> None:
    page = go_to(window, "renewal")
    code = _choose(window, page, None)  # type: ignore[arg-type]
    with window.ctx.db.read() as s:
        before = s.scalars(select(RenewalProject).where(RenewalProject.code == code)).one().stage

    def act(dialog: QDialog) -> None:
        tab_to(lambda w: w.accessibleName() == "进入阶段")  # the next stage is offered
        accept(dialog)

    assert press_button(window, "推进阶段…", act) == []
    with window.ctx.db.read() as s:
        assert s.scalars(select(RenewalProject).where(RenewalProject.code == code)).one().stage != before


def test_before_and_after_figures(window: MainWindow) -> None:
    page = go_to(window, "renewal")
    code = _choose(window, page, None)  # type: ignore[arg-type]

    def act(dialog: QDialog) -> None:
        fill({"改造后容积率": "2.4", "新增建筑面积": "1500", "引进企业数": "3"})
        accept(dialog)

    assert press_button(window, "编辑…", act) == []
    with window.ctx.db.read() as s:
        p = s.scalars(select(RenewalProject).where(RenewalProject.code == code)).one()
        assert p.plot_ratio_after == Decimal("2.4") and p.firms_in == 3
        assert p.floor_area_added_m2 is not None and p.floor_area_added_m2 > 0
