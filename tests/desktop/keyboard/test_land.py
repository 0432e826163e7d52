"""docs/guide/land.md by keyboard alone: 从 Excel 粘贴坐标 (a plot chosen with the arrows,
粘贴坐标…, Ctrl+V of the block copied in Excel, 确定), checked in the database."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QPlainTextEdit
from sqlalchemy import select

from desktop.main_window import MainWindow
from models.land.entities import Plot
from tests.desktop.keyboard.driver import (
    CTRL,
    button,
    cell,
    choose_row,
    go_to,
    key,
    press_button,
    tab_to,
    table_in,
)

BLOCK = "J1\t3347800\t480700\r\nJ2\t3347800\t480800\r\nJ3\t3347900\t480800\r\nJ4\t3347900\t480700\r\n"


def test_paste_coordinates(window: MainWindow) -> None:
    page = go_to(window, "plots")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: r == 0, window.ctx)
    code = cell(view, row, "地块编号")

    def act(dialog: QDialog) -> None:
        tab_to(lambda w: isinstance(w, QPlainTextEdit))
        QApplication.clipboard().setText(BLOCK)  # copied in Excel: 点号, X, Y
        key(Qt.Key.Key_V, CTRL)
        tab_to(button("确定"))
        key(Qt.Key.Key_Space)
        assert not dialog.isVisible()

    assert press_button(window, "粘贴坐标…", act) == []
    with window.ctx.db.read() as s:
        plot = s.scalars(select(Plot).where(Plot.code == code)).one()
        assert plot.geom_area_m2 == Decimal(10000)


def test_plot_detail_saves_on_ctrl_s(window: MainWindow) -> None:
    """详情: a plot's attributes changed in the page form and saved with Ctrl+S."""
    from tests.desktop.keyboard.driver import focus, named, set_field
    from tests.desktop.loads import settle

    page = go_to(window, "plots")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: r == 1, window.ctx)
    code = cell(view, row, "地块编号")
    tab_to(named("地块名称"))
    set_field(focus(), "键盘改名地块")
    key(Qt.Key.Key_S, CTRL)
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.scalars(select(Plot).where(Plot.code == code)).one().name == "键盘改名地块"
