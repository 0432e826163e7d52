"""docs/guide/enterprises.md by keyboard alone: 新建 (the detail form, Ctrl+S), 修改 (a row chosen
with the arrows, the detail form, Enter), 从 Excel 粘贴一列 (Ctrl+V into the 电话 column) and
删除 (the detail's 删除, confirmed with the keyboard), checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog
from sqlalchemy import select

from desktop.main_window import MainWindow
from models.enterprises.entities import Enterprise
from models.uscc import check_char
from tests.desktop.keyboard.driver import (
    CTRL,
    button,
    cell,
    choose_row,
    focus,
    go_to,
    key,
    named,
    press_button,
    set_field,
    tab_to,
    table_in,
    type_text,
)
from tests.desktop.loads import settle

NEW_USCC = "91330185KB0000001"
NEW_USCC += check_char(NEW_USCC)


def _new(window: MainWindow, name: str) -> None:
    go_to(window, "enterprises")
    press_button(window, "新建企业")
    tab_to(named("统一社会信用代码"))
    type_text(NEW_USCC.lower())  # lower case is converted
    key(Qt.Key.Key_Tab)
    set_field(focus(), name)
    tab_to(named("地址"))
    type_text("锦城街道 1 号")
    key(Qt.Key.Key_S, CTRL)
    settle(window.ctx)


def test_new(window: MainWindow) -> None:
    _new(window, "键盘科技有限公司")
    with window.ctx.db.read() as s:
        e = s.scalars(select(Enterprise).where(Enterprise.uscc == NEW_USCC)).one()
        assert e.name == "键盘科技有限公司" and e.address == "锦城街道 1 号"


def test_edit(window: MainWindow) -> None:
    page = go_to(window, "enterprises")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    row = choose_row(view, lambda r: r == 2, window.ctx)
    name = cell(view, row, "企业名称")
    tab_to(named("联系人"))
    set_field(focus(), "王键盘")
    key(Qt.Key.Key_Return)  # Enter saves the page form
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.scalars(select(Enterprise).where(Enterprise.name == name)).one().contact == "王键盘"


def test_paste_a_column(window: MainWindow) -> None:
    page = go_to(window, "enterprises")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    choose_row(view, lambda r: r == 0, window.ctx)
    names = [cell(view, r, "企业名称") for r in (0, 1)]
    for _ in range(view.model().columnCount()):  # right to the 电话 column
        if view.model().headerData(view.currentIndex().column(), Qt.Orientation.Horizontal) == "电话":
            break
        key(Qt.Key.Key_Right)
    QApplication.clipboard().setText("0571-63700001\r\n0571-63700002\r\n")  # copied in Excel
    key(Qt.Key.Key_V, CTRL)
    settle(window.ctx)
    with window.ctx.db.read() as s:
        phones = [s.scalars(select(Enterprise).where(Enterprise.name == n)).one().phone for n in names]
    assert phones == ["0571-63700001", "0571-63700002"]


def test_delete(window: MainWindow, real_question: None) -> None:
    _new(window, "待删除键盘公司")
    page = go_to(window, "enterprises")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    choose_row(view, lambda r: cell(view, r, "企业名称") == "待删除键盘公司", window.ctx)
    tab_to(button("删除"))

    def confirm(_box: QDialog) -> None:
        tab_to(lambda w: getattr(w, "text", lambda: "")().replace("&", "").startswith(("是", "Yes")))
        key(Qt.Key.Key_Space)

    from tests.desktop.keyboard.driver import with_dialog

    assert with_dialog(lambda: key(Qt.Key.Key_Space), confirm) == []
    settle(window.ctx)
    with window.ctx.db.read() as s:
        assert s.scalars(select(Enterprise).where(Enterprise.uscc == NEW_USCC)).first() is None
