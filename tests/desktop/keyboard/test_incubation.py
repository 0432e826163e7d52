"""docs/guide/incubation.md by keyboard alone: the operator's 月度登记 (Tab through the prefilled
fields, Enter in 从业人员 saves) and 毕业 (a firm chosen with the arrows in 入驻企业, 毕业…, Enter),
checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models.enterprises.entities import Enterprise
from models.incubation.entities import Tenancy, UsageReport
from tests.desktop.keyboard.driver import (
    accept,
    cell,
    choose_row,
    go_to,
    key,
    named,
    press_button,
    set_field,
    switch_tab,
    tab_to,
    table_in,
)
from tests.desktop.loads import settle


def _carrier(window: MainWindow) -> QAbstractItemView:
    page = go_to(window, "incubation")
    view = tab_to(table_in(page, "载体名称"))
    assert isinstance(view, QAbstractItemView)
    choose_row(view, lambda r: r == 0, window.ctx)
    return view


def test_monthly_report(window: MainWindow) -> None:
    _carrier(window)
    with window.ctx.db.read() as s:
        before = int(s.scalar(select(func.count()).select_from(UsageReport)) or 0)
    switch_tab("月度登记")
    settle(window.ctx)
    field = tab_to(named("从业人员"))
    set_field(field, "4321")
    key(Qt.Key.Key_Return)
    settle(window.ctx)
    with window.ctx.db.read() as s:
        after = int(s.scalar(select(func.count()).select_from(UsageReport)) or 0)
        saved = s.scalars(select(UsageReport).where(UsageReport.employees == 4321)).all()
    assert after in (before, before + 1) and len(saved) == 1


def test_graduate(window: MainWindow) -> None:
    page = go_to(window, "incubation")
    carriers = tab_to(table_in(page, "载体名称"))
    assert isinstance(carriers, QAbstractItemView)
    choose_row(carriers, lambda r: r == 0, window.ctx)
    switch_tab("入驻企业")
    settle(window.ctx)
    view = tab_to(lambda w: isinstance(w, QAbstractItemView) and w is not carriers and page.isAncestorOf(w))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: cell(view, r, "状态") == "在孵", window.ctx)
    firm = cell(view, row, "企业名称")

    def act(dialog: QDialog) -> None:
        tab_to(named("毕业日期"))
        accept(dialog)

    assert press_button(window, "毕业…", act) == []
    with window.ctx.db.read() as s:
        ids = s.scalars(select(Enterprise.id).where(Enterprise.name == firm)).all()
        assert any(
            t.graduated_on is not None
            for t in s.scalars(select(Tenancy).where(Tenancy.enterprise_id.in_(ids)))
        )


def test_carrier_form_saves_on_ctrl_s(window: MainWindow) -> None:
    """基本信息: the carrier's page form saved with Ctrl+S."""
    from models.incubation.entities import Carrier
    from tests.desktop.keyboard.driver import CTRL, focus

    view = _carrier(window)
    name = cell(view, view.currentIndex().row(), "载体名称")
    tab_to(named("运营主体"))
    set_field(focus(), "键盘运营公司")
    key(Qt.Key.Key_S, CTRL)
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.scalars(select(Carrier).where(Carrier.name == name)).one().operator == "键盘运营公司"
