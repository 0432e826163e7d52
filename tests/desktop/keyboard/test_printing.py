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
    cell,
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


def _pdf_text(text: str) -> bytes:
    """``text`` as it stands in a PDF literal string (the document title): UTF-16 with the
    bytes ``\\``, ``(`` and ``)`` escaped (潜 is U+6F5C: its second byte is a backslash)."""
    raw = text.encode("utf-16-be")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _print_form(
    window: MainWindow, tmp_path: Path, page_key: str, master: str, detail: str, title: str, column: str = ""
) -> None:
    """The first row of the page's ``master`` table (arrows), then the context-menu key on its
    ``detail`` table: 导出 PDF… writes the record's form (titled ``title``) with its name."""
    target = tmp_path / "表单.pdf"
    page = go_to(window, page_key)
    rows = tab_to(lambda w: w is getattr(page, master))
    assert isinstance(rows, QAbstractItemView)
    choose_row(rows, lambda r: r == 0, window.ctx)
    settle(window.ctx)
    name = cell(rows, 0, column) if column else ""
    tab_to(lambda w: w is getattr(page, detail))
    errors: list[str] = []
    menu_entry("导出 PDF…")
    errors += with_dialog(menu_key, _paper_then_save(target, errors))  # type: ignore[arg-type]
    settle(window.ctx)
    assert errors == []
    assert pdf_pages(target) >= 1
    data = target.read_bytes()
    assert _pdf_text(title) in data and _pdf_text(name) in data


def test_form(window: MainWindow, tmp_path: Path) -> None:
    """表单: the efficiency page's 得分明细 prints the shown enterprise's 亩均效益评价卡."""
    _print_form(
        window, tmp_path, "efficiency", "results_view", "breakdown_view", "亩均效益评价卡", "企业名称"
    )


def test_stage_record_form(window: MainWindow, tmp_path: Path) -> None:
    """表单: the renewal page's 阶段记录 prints the chosen project's 腾笼换鸟项目阶段记录."""
    _print_form(window, tmp_path, "renewal", "view", "history_view", "腾笼换鸟项目阶段记录")
