"""docs/guide/exchange.md and the pages' 导入… / 导出… / 下载模板… / 导出显示的行… by keyboard
alone: the import wizard (浏览… answered in the file dialog by typing the path, 检查, 导入, 完成),
the export and the template (the path typed in the save dialog), checked in the database and
in the written workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from desktop.main_window import MainWindow
from models.enterprises.entities import Enterprise
from models.enterprises.uscc import check_char
from tests.desktop.keyboard.driver import (
    button,
    file_name,
    go_to,
    key,
    press_button,
    tab_to,
    with_dialog,
)
from tests.desktop.loads import settle

USCC = "91330185KB0000002"
USCC += check_char(USCC)


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "企业名称", "地址", "联系人"])
    sheet.append([USCC, "导入键盘科技有限公司", "锦城街道 2 号", "李导入"])
    book.save(path)
    return path


def _space() -> None:
    key(Qt.Key.Key_Space)


def test_import_through_the_wizard(window: MainWindow, tmp_path: Path) -> None:
    source = _workbook(tmp_path / "企业.xlsx")
    go_to(window, "enterprises")

    def wizard(dialog: QDialog) -> None:
        tab_to(button("浏览…"))
        assert with_dialog(_space, file_name(source)) == []
        tab_to(button("检查"))
        _space()
        settle(window.ctx)
        tab_to(button("导入"))
        _space()
        settle(window.ctx)
        tab_to(button("完成"))
        _space()
        assert not dialog.isVisible()

    assert press_button(window, "导入…", wizard) == []
    with window.ctx.db.read() as s:
        e = s.scalars(select(Enterprise).where(Enterprise.uscc == USCC)).one()
        assert (e.name, e.address, e.contact) == ("导入键盘科技有限公司", "锦城街道 2 号", "李导入")


def _rows(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def test_export(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "企业导出.xlsx"
    go_to(window, "enterprises")
    assert press_button(window, "导出…", file_name(target)) == []
    settle(window.ctx)
    rows = _rows(target)
    with window.ctx.db.read() as s:
        names = set(s.scalars(select(Enterprise.name)))
    header = next(i for i, r in enumerate(rows) if "企业名称" in r)
    column = rows[header].index("企业名称")
    assert {r[column] for r in rows[header + 1 :] if r[column]} == names


def test_template(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    go_to(window, "enterprises")
    assert press_button(window, "下载模板…", file_name(target)) == []
    assert any("统一社会信用代码" in r and "企业名称" in r for r in _rows(target))


def test_export_shown_rows(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "显示的行.xlsx"
    page = go_to(window, "enterprises")
    assert press_button(window, "导出显示的行…", file_name(target)) == []
    rows = _rows(target)
    model = page.model  # type: ignore[attr-defined]
    assert rows[0][0] == model.headerData(0, Qt.Orientation.Horizontal)
    assert len(rows) == model.rowCount() + 1
    assert rows[1][1] == model.index(0, 1).data()
