"""docs/guide/incubation.md by keyboard alone: the operator's 月度登记 (Tab through the prefilled
fields, Enter in 从业人员 saves), 登记入驻 (新增入驻: the firm found by typing part of its name, a
room ticked with the arrows and Space) and 毕业 (a firm chosen with the arrows in 入驻企业, 毕业…, Enter),
checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialog, QListWidget, QWidget
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models.enterprises.entities import Enterprise
from models.incubation.entities import Space, Tenancy, TenancySpace, UsageReport
from tests.desktop.keyboard.driver import (
    CTRL,
    accept,
    cell,
    choose_row,
    complete,
    focus,
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


def _rooms(w: QWidget) -> bool:
    return (
        isinstance(w, QListWidget)
        and w.count() > 0
        and bool(w.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable)
    )


def test_new_tenancy(window: MainWindow, qt_test_isolation: list[tuple[str, str]]) -> None:
    _carrier(window)
    switch_tab("入驻企业")
    settle(window.ctx)
    firm = "杭州临安兆丰机器人科技有限公司"
    room: list[str] = []
    with window.ctx.db.read() as s:
        last = int(s.scalar(select(func.max(Tenancy.id))) or 0)

    def act(dialog: QDialog) -> None:
        tab_to(lambda w: isinstance(w, QComboBox) and named("企业")(w))
        complete("兆丰机器人科技")
        assert firm in focus().currentText()  # type: ignore[attr-defined]
        rooms = tab_to(_rooms)
        assert isinstance(rooms, QListWidget)
        key(Qt.Key.Key_Home, CTRL)
        for _ in range(rooms.count()):  # down to a vacant room (not one 即将空出, still let today)
            if "即将空出" not in rooms.currentItem().text():
                break
            key(Qt.Key.Key_Down)
        key(Qt.Key.Key_Space)
        item = rooms.currentItem()
        assert item.checkState() == Qt.CheckState.Checked, item.text()
        room.append(item.text().split()[0])
        tab_to(named("入驻面积"))
        accept(dialog)

    assert press_button(window, "新增入驻", act) == []
    assert qt_test_isolation == []  # no refusal shown
    with window.ctx.db.read() as s:
        eid = s.scalar(select(Enterprise.id).where(Enterprise.name == firm))
        tenancy = s.scalars(select(Tenancy).where(Tenancy.id > last)).one()
        assert tenancy.enterprise_id == eid
        codes = s.scalars(
            select(Space.code).join(TenancySpace).where(TenancySpace.tenancy_id == tenancy.id)
        ).all()
        assert codes == room
        area = s.scalar(select(Space.area_m2).join(TenancySpace).where(TenancySpace.tenancy_id == tenancy.id))
        assert tenancy.area_m2 == area  # 入驻面积 left blank: the room's area
