from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.widgets.import_wizard import ImportWizard
from models.enterprises import queries
from models.uscc import check_char


def uscc(n: int) -> str:
    first17 = f"91330112MA2{n:06d}"
    return first17 + check_char(first17)


def roster(path: Path, bad: bool) -> Path:
    """A department's roster: a title row, its own column order, lower-case codes, a total row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(["2024年青山湖科技城企业名册"])
    ws.append(["企业名称", "信用代码", "平台", "产业链"])
    ws.append(["杭州甲有限公司", uscc(1).lower(), "科技城", "高端装备"])
    ws.append(
        ["杭州乙有限公司", uscc(2)[:-1] + "0" if bad and uscc(2)[-1] != "0" else uscc(2), "QSH", "集成电路"]
    )
    ws.append(["杭州丙有限公司", uscc(3), "青山湖科技城", "不存在的链" if bad else "生命健康"])
    ws.append(["合计", "3 家"])
    wb.save(path)
    return path


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def test_happy_path_imports_and_announces_changes(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = roster(tmp_path / "名册.xlsx", bad=False)
    wizard = ImportWizard(ctx, "enterprises", path=path)
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1, timeout=10_000)
    assert wizard.report.ok and wizard.report.rows_read == 3
    assert "将新增 3 条" in wizard.summary.text()
    assert "跳过 1 行" in wizard.summary.text()  # the 合计 row, listed
    assert any(p.code == "import.row_skipped" for p in wizard.problems_model.rows())
    with ctx.db.read() as s:
        assert queries.list_enterprises(s) == []  # the dry run wrote nothing
    assert wizard.import_button.isEnabled()
    with qtbot.waitSignal(ctx.changes_applied, timeout=10_000) as blocker:
        wizard.start_import()
    assert blocker.args[0].touches("enterprises")
    assert wizard.stack.currentIndex() == 2
    with ctx.db.read() as s:
        rows = queries.list_enterprises(s)
    assert sorted(r.uscc for r in rows) == [uscc(1), uscc(2), uscc(3)]
    assert {r.platform_name for r in rows} == {"青山湖科技城"}


def test_bad_rows_refuse_the_whole_file(qtbot, ctx, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = roster(tmp_path / "名册.xlsx", bad=True)
    wizard = ImportWizard(ctx, "enterprises", path=path)
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1, timeout=10_000)
    assert not wizard.report.ok
    assert not wizard.import_button.isEnabled()
    assert "不会写入任何数据" in wizard.summary.text()
    errors = [p for p in wizard.problems_model.rows() if p.is_error]
    assert {p.row for p in errors} == {4, 5}  # Excel row numbers as the clerk sees them
    texts = [wizard.problems_model.text_at(i, 5) for i in range(len(errors))]
    assert any("校验位" in t for t in texts) and any("不在清单中" in t for t in texts)
    assert wizard.problems_model.text_at(0, 2) in ("信用代码", "产业链")  # the file's own header
    marked = tmp_path / "标注.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(marked), ""))
    assert wizard.errors_button.isEnabled()
    assert wizard.save_error_workbook() == marked
    wb = load_workbook(marked)
    commented = [c.coordinate for row in wb.active.iter_rows() for c in row if c.comment is not None]
    wb.close()
    assert "B4" in commented and "D5" in commented
    with ctx.db.read() as s:
        assert queries.list_enterprises(s) == []


def test_not_a_workbook_is_refused_in_one_line(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"this is not a zip file")
    wizard = ImportWizard(ctx, "enterprises", path=path)
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1, timeout=10_000)
    assert wizard.report.file_refused and not wizard.import_button.isEnabled()
    assert not wizard.errors_button.isEnabled()
    assert wizard.problems_model.rowCount() >= 1


def test_missing_file_is_said(qtbot, ctx, tmp_path: Path, no_dialogs) -> None:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ctx, "enterprises", path=tmp_path / "nope.xlsx")
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    assert wizard.stack.currentIndex() == 0 and "找不到文件" in no_dialogs[-1]


def test_lenient_uscc_and_sheet_options(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "名册.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append(["本工作簿第二张表为名册"])
    data = wb.create_sheet("名册")
    data.append(["统一社会信用代码", "企业名称"])
    bad = uscc(7)[:-1] + ("0" if uscc(7)[-1] != "0" else "1")
    data.append([bad, "杭州早期试点有限公司"])
    wb.save(path)
    wizard = ImportWizard(ctx, "enterprises", path=path)
    qtbot.addWidget(wizard)
    wizard.sheet_edit.setText("名册")
    wizard.lenient_uscc.setChecked(True)
    assert wizard.options() == {"sheet": "名册", "uscc_checksum_warning": True}
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1, timeout=10_000)
    assert wizard.report.ok and wizard.report.sheet == "名册"
    with qtbot.waitSignal(ctx.changes_applied, timeout=10_000):
        wizard.start_import()
    with ctx.db.read() as s:
        assert [r.uscc for r in queries.list_enterprises(s)] == [bad]


def test_kind_options_are_controls_with_labels_the_messages_name(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QCheckBox, QComboBox

    from desktop.messages import render
    from desktop.widgets.kind_options import option_value
    from models.errors import Problem
    from models.incubation.entities import Carrier

    wizard = ImportWizard(ctx, "boundary-points")
    qtbot.addWidget(wizard)
    strip, swap = wizard.option_editors["strip_zone"], wizard.option_editors["swap_xy"]
    assert isinstance(strip, QCheckBox) and strip.text() == "Y 坐标含 40 带号，去掉后导入"
    assert isinstance(swap, QCheckBox) and "交换" in swap.text()
    message = render(Problem("land.coords_zone_prefix", {"y": "40512345.1", "points": 3, "total": 3}))
    assert strip.text() in message
    assert swap.text() in render(Problem("land.coords_swapped_xy", {"x": 1, "y": 2, "points": 3, "total": 3}))
    strip.setChecked(True)
    assert wizard.option_editors and option_value(wizard.kind.options[1], strip) is True
    with ctx.db.write() as s:
        s.add(Carrier(code="QSH-01", name="青山湖众创空间", usable_area_m2=Decimal(100)))
    wizard = ImportWizard(ctx, "usage-reports")
    qtbot.addWidget(wizard)
    carrier, month = wizard.option_editors["carrier"], wizard.option_editors["month"]
    assert isinstance(carrier, QComboBox) and carrier.findText("青山湖众创空间") >= 0
    assert isinstance(month, QComboBox) and month.count() > 12
    carrier.setCurrentIndex(carrier.findText("青山湖众创空间"))
    month.setCurrentIndex(2)
    options = {o.name: option_value(o, wizard.option_editors[o.name]) for o in wizard.kind.options}
    assert options["carrier"] == "青山湖众创空间" and len(options["month"]) == 7


def _two_years(path: Path, active: int | None) -> Path:
    """Two sheets of the same headers, as offices keep a list per year ("2024年名单", "2025年名单")."""
    wb = Workbook()
    first = wb.active
    first.title = "2024年名单"
    second = wb.create_sheet("2025年名单")
    for ws, n in ((first, 11), (second, 21)):
        ws.append(["企业名称", "信用代码", "平台"])
        ws.append([f"杭州{n}有限公司", uscc(n), "QSH"])
    if active is None:  # a third, unrelated sheet is the active one
        wb.active = wb.index(wb.create_sheet("说明"))
    else:
        wb.active = active
    wb.save(path)
    return path


def test_several_matching_sheets_are_offered_and_the_one_read_is_said(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ctx, "enterprises", path=_two_years(tmp_path / "名单.xlsx", active=1))
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1 and wizard.report is not None, timeout=10_000)
    assert wizard.report.sheet == "2025年名单" and "工作表“2025年名单”" in wizard.summary.text()
    assert not wizard.sheet_row.isHidden()
    assert [wizard.sheet_choice.itemText(i) for i in range(wizard.sheet_choice.count())] == [
        "2024年名单",
        "2025年名单",
    ]
    assert wizard.sheet_choice.currentText() == "2025年名单"
    before = wizard.report
    wizard.sheet_choice.setCurrentIndex(0)
    wizard.sheet_choice.activated.emit(0)  # as a click on the item does
    qtbot.waitUntil(lambda: wizard.report is not before, timeout=10_000)
    assert wizard.report.sheet == "2024年名单" and wizard.report.ok
    assert "工作表“2024年名单”" in wizard.summary.text()


def test_several_matching_sheets_none_active_ask_for_a_choice(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ctx, "enterprises", path=_two_years(tmp_path / "名单.xlsx", active=None))
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1 and wizard.report is not None, timeout=10_000)
    assert [p.code for p in wizard.report.errors] == ["exchange.several_sheets"]
    assert not wizard.sheet_row.isHidden() and wizard.sheet_choice.currentData() is None
    before = wizard.report
    wizard.sheet_choice.activated.emit(2)  # "2025年名单"
    qtbot.waitUntil(lambda: wizard.report is not before, timeout=10_000)
    assert wizard.report.sheet == "2025年名单" and wizard.report.ok and wizard.report.rows_read == 1


def test_one_matching_sheet_offers_no_choice(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ctx, "enterprises", path=roster(tmp_path / "名册.xlsx", bad=False))
    qtbot.addWidget(wizard)
    wizard.start_dry_run()
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1, timeout=10_000)
    assert wizard.sheet_row.isHidden() and "工作表“名册”" in wizard.summary.text()
