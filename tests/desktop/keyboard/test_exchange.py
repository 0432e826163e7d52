"""docs/guide/exchange.md and the pages' 导入… / 导出… / 下载模板… / 导出显示的行… by keyboard
alone: the import wizard (浏览… answered in the file dialog by typing the path, 检查, 导入, 完成),
the export and the template (the path typed in the save dialog), checked in the database and
in the written workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from desktop.main_window import MainWindow
from desktop.widgets.exchange_dialogs import KindDialog
from desktop.widgets.import_wizard import ImportWizard
from desktop.widgets.kind_options import option_label
from models.efficiency.entities import EfficiencyRecord
from models.enterprises.entities import Enterprise
from models.exchange.registry import get_kind
from models.uscc import check_char
from tests.desktop.keyboard.driver import (
    button,
    describe,
    expect_dialog,
    file_name,
    fill,
    focus,
    go_to,
    key,
    press_button,
    press_menu,
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


def _kind_then(
    kind: str, then: Callable[[QDialog], None], errors: list[str], options: dict[str, object] | None = None
) -> Callable[[QDialog], None]:
    """The kind dialog (when the page asks which kind): arrows to ``kind``, Enter; ``then`` runs
    in the dialog that follows (the save dialog, the wizard). Without a kind dialog: ``then``."""

    def act(dialog: QDialog) -> None:
        if not isinstance(dialog, KindDialog):
            then(dialog)
            return
        combo = focus()
        assert combo is dialog.combo, describe(combo)
        key(Qt.Key.Key_Home)
        for _ in range(dialog.combo.count()):
            if dialog.combo.currentData() == kind:
                break
            key(Qt.Key.Key_Down)
        assert dialog.combo.currentData() == kind
        _option_fields(kind, options)
        expect_dialog(then, errors)
        key(Qt.Key.Key_Return)

    return act


def _option_fields(kind: str, options: dict[str, object] | None) -> None:
    if options:  # typed in the option fields, by their labels
        labels = {o.name: option_label(o) for o in get_kind(kind).options}
        fill({labels[name]: value for name, value in options.items()})


def _wizard(
    window: MainWindow, source: Path, kind: str = "", options: dict[str, object] | None = None
) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, ImportWizard), type(dialog).__name__
        _option_fields(kind, options)
        tab_to(button("浏览…"))
        assert with_dialog(_space, file_name(source)) == []
        tab_to(button("检查"))
        _space()
        settle(window.ctx)
        assert dialog.report is not None and dialog.report.ok, dialog.summary.text()
        tab_to(button("导入"))
        _space()
        settle(window.ctx)
        tab_to(button("完成"))
        _space()
        assert dialog.final_report is not None and dialog.final_report.committed

    return act


def _mark_a_note(path: Path, note: str) -> None:
    """As a clerk edits the exported workbook: the first row's 备注 changed."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for header in sheet.iter_rows(min_row=1, max_row=10):
        titles = [c.value for c in header]
        if "备注" in titles:
            sheet.cell(header[0].row + 1, titles.index("备注") + 1, note)
            book.save(path)
            return
    raise AssertionError("no 备注 column in the export")


def _notes(window: MainWindow, kind: str, path: Path, options: dict[str, object] | None) -> set[object]:
    """The kind's 备注 column as the database holds it now (written by the exporter)."""
    from models.exchange.writer import export_kind

    export_kind(window.ctx.db, get_kind(kind), path, options=options)
    rows = _rows(path)
    header = next(i for i, r in enumerate(rows) if "备注" in r)
    column = rows[header].index("备注")
    return {r[column] for r in rows[header + 1 :]}


def _round_trip(
    window: MainWindow,
    tmp_path: Path,
    page: str,
    kind: str,
    press: Callable[..., list[str]],
    options: dict[str, object] | None = None,
) -> None:
    """导出… the kind (the path typed), a note changed in the workbook, 导入… it back through
    the wizard; the database then holds the note."""
    exported = tmp_path / f"{kind}.xlsx"
    go_to(window, page)
    errors: list[str] = []
    errors += press("export", _kind_then(kind, file_name(exported), errors, options))
    settle(window.ctx)
    assert errors == []
    assert len(_rows(exported)) >= 2
    note = f"键盘往返 {kind}"
    assert note not in _notes(window, kind, tmp_path / "before.xlsx", options)
    _mark_a_note(exported, note)
    errors += press("import", _kind_then(kind, _wizard(window, exported, kind, options), errors))
    settle(window.ctx)
    assert errors == []
    assert note in _notes(window, kind, tmp_path / "after.xlsx", options)


def _buttons(window: MainWindow) -> Callable[..., list[str]]:
    labels = {"export": "导出…", "import": "导入…"}
    return lambda which, act: press_button(window, labels[which], act)


def test_quotas_round_trip(window: MainWindow, tmp_path: Path) -> None:
    _round_trip(window, tmp_path, "quotas", "quota-grants", _buttons(window))


def test_efficiency_round_trip(window: MainWindow, tmp_path: Path) -> None:
    with window.ctx.db.read() as s:
        year = s.scalar(select(func.max(EfficiencyRecord.year)))
    _round_trip(window, tmp_path, "efficiency", "efficiency", _buttons(window), {"year": year})


def test_incubation_round_trip(window: MainWindow, tmp_path: Path) -> None:
    _round_trip(window, tmp_path, "incubation", "carriers", _buttons(window))


def test_buildings_round_trip(window: MainWindow, tmp_path: Path) -> None:
    labels = {"export": "导出楼宇…", "import": "导入楼宇…"}
    _round_trip(
        window,
        tmp_path,
        "buildings",
        "buildings",
        lambda which, act: press_menu(window, "Excel", labels[which], act),
    )
