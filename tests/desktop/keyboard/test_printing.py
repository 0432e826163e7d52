"""docs/guide/printing.md by keyboard alone: a table's menu (the context-menu key) and a chart's
打印/导出 button → 导出 PDF… → the paper dialog (Enter) → the path typed in the save dialog;
checked that the PDF was written and has pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog

from desktop.main_window import MainWindow
from tests.desktop.keyboard.driver import (
    button,
    choose_row,
    expect_dialog,
    file_name,
    fill,
    go_to,
    key,
    menu_entry,
    menu_key,
    pdf_pages,
    press_button,
    press_menu,
    tab_to,
    table_in,
    with_dialog,
)
from tests.desktop.loads import settle


def _paper_then_save(target: Path, errors: list[str]) -> object:
    def paper(_dialog: QDialog) -> None:
        expect_dialog(file_name(target), errors)
        key(Qt.Key.Key_Return)  # A4, automatic orientation

    return paper


def test_table(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "企业库.pdf"
    page = go_to(window, "enterprises")
    view = tab_to(table_in(page))
    assert isinstance(view, QAbstractItemView)
    choose_row(view, lambda r: r == 0, window.ctx)
    errors: list[str] = []
    menu_entry("导出 PDF…")
    errors += with_dialog(menu_key, _paper_then_save(target, errors))  # type: ignore[arg-type]
    settle(window.ctx)
    assert errors == []
    assert pdf_pages(target) >= 1


def test_chart(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "图表.pdf"
    go_to(window, "overview")
    errors: list[str] = []
    errors += press_menu(window, "打印/导出", "导出 PDF…", _paper_then_save(target, errors))  # type: ignore[arg-type]
    settle(window.ctx)
    assert errors == []
    assert pdf_pages(target) == 1


def test_map_sheet(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "地块图.pdf"
    go_to(window, "map")
    errors: list[str] = []

    def sheet(_dialog: QDialog) -> None:
        fill({"标题": "键盘出图"})
        tab_to(button("导出 PDF…"))
        errors.extend(with_dialog(lambda: key(Qt.Key.Key_Space), file_name(target)))
        settle(window.ctx)

    errors += press_button(window, "出图（打印 / PDF）…", sheet)
    assert errors == []
    assert pdf_pages(target) >= 1
    assert "键盘出图".encode("utf-16-be") in target.read_bytes()  # the title typed
