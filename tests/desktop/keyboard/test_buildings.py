"""docs/guide/buildings.md by keyboard alone: 楼宇 ▾ → 新建楼宇… and 编辑楼宇…, 单元 → 新增单元… and
按层生成…, and 登记转让… (a unit ticked in the list with Space, the buyer found by typing part of its
name), checked in the database."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QDialog, QListWidget, QWidget
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from models.buildings.entities import Building, Transfer, TransferUnit, Unit, UnitStatus
from models.enterprises.entities import Enterprise
from tests.desktop.keyboard.driver import (
    CTRL,
    accept,
    button,
    choose_row,
    complete,
    fill,
    focus,
    go_to,
    key,
    named,
    press_button,
    press_menu,
    switch_tab,
    tab_to,
    table_in,
)


def _choose_building(window: MainWindow, page: object, code: str | None = None) -> str:
    view = tab_to(table_in(page))  # type: ignore[arg-type]
    assert isinstance(view, QAbstractItemView)
    model = view.model()
    row = choose_row(view, lambda r: code is None or model.index(r, 0).data() == code, window.ctx)
    return str(model.index(row, 0).data())


def test_new_building(window: MainWindow) -> None:
    go_to(window, "buildings")

    def act(dialog: QDialog) -> None:
        fill({"楼宇编号": "KB-B1", "楼宇名称": "键盘楼", "总建筑面积": "12000", "层数（地上）": "6"})
        accept(dialog)

    assert press_menu(window, "楼宇", "新建楼宇…", act) == []
    with window.ctx.db.read() as s:
        b = s.scalars(select(Building).where(Building.code == "KB-B1")).one()
        assert b.name == "键盘楼" and b.total_floor_area_m2 == Decimal(12000) and b.floors == 6


def test_edit_building(window: MainWindow) -> None:
    page = go_to(window, "buildings")
    code = _choose_building(window, page)

    def act(dialog: QDialog) -> None:
        fill({"楼宇名称": "键盘改名楼"})
        accept(dialog)

    assert press_menu(window, "楼宇", "编辑楼宇…", act) == []
    with window.ctx.db.read() as s:
        assert s.scalars(select(Building).where(Building.code == code)).one().name == "键盘改名楼"


def _units(window: MainWindow, code: str) -> int:
    with window.ctx.db.read() as s:
        bid = s.scalar(select(Building.id).where(Building.code == code))
        return int(s.scalar(select(func.count()).select_from(Unit).where(Unit.building_id == bid)) or 0)


def test_add_unit(window: MainWindow) -> None:
    page = go_to(window, "buildings")
    code = _choose_building(window, page)
    before = _units(window, code)
    switch_tab("单元")

    def act(dialog: QDialog) -> None:
        fill({"楼层（地下为负）": "9", "单元号": "KB901", "建筑面积": "450"})
        accept(dialog)

    assert press_button(window, "新增单元…", act) == []
    assert _units(window, code) == before + 1


def test_generate_units(window: MainWindow) -> None:
    page = go_to(window, "buildings")
    code = _choose_building(window, page)
    before = _units(window, code)
    switch_tab("单元")

    def act(dialog: QDialog) -> None:
        fill({"起始楼层": "-3", "结束楼层": "-3", "每层单元数": "2", "每个单元面积": "300"})
        accept(dialog)

    assert press_button(window, "按层生成…", act) == []
    assert _units(window, code) == before + 2


def _unit_list(w: QWidget) -> bool:
    return (
        isinstance(w, QListWidget)
        and w.count() > 0
        and bool(w.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable)
    )


def test_transfer(window: MainWindow) -> None:
    page = go_to(window, "buildings")
    code = _choose_building(window, page)
    buyer = "杭州临安兆丰机器人科技有限公司"
    chosen: list[str] = []

    def act(dialog: QDialog) -> None:
        units = tab_to(_unit_list)
        assert isinstance(units, QListWidget)
        key(Qt.Key.Key_Home, CTRL)
        for _ in range(units.count()):  # down to a production unit the owner still holds
            if units.currentItem().text().endswith("生产 · 自持"):
                break
            key(Qt.Key.Key_Down)
        key(Qt.Key.Key_Space)
        item = units.currentItem()
        assert item.checkState() == Qt.CheckState.Checked, item.text()
        chosen.append(item.text().split(" · ")[0].split()[-1])
        (save,) = [b for b in dialog.findChildren(QAbstractButton) if button("登记转让")(b)]
        assert not save.isEnabled()  # a unit but no buyer yet
        tab_to(lambda w: isinstance(w, QComboBox) and named("受让企业")(w))
        complete("兆丰机器人科技")
        assert buyer in focus().currentText()  # type: ignore[attr-defined]
        QTest.qWait(300)  # the live checks run shortly after each change
        tab_to(button("登记转让"))
        key(Qt.Key.Key_Space)
        assert not dialog.isVisible(), "the transfer was not recorded"

    assert press_button(window, "登记转让…", act) == []
    with window.ctx.db.read() as s:
        bid = s.scalar(select(Building.id).where(Building.code == code))
        unit = s.scalars(select(Unit).where(Unit.building_id == bid, Unit.number == chosen[0])).one()
        eid = s.scalar(select(Enterprise.id).where(Enterprise.name == buyer))
        assert unit.status == UnitStatus.TRANSFERRED.value and unit.owner_id == eid
        t = s.scalars(select(Transfer).join(TransferUnit).where(TransferUnit.unit_id == unit.id)).one()
        assert t.buyer_id == eid
