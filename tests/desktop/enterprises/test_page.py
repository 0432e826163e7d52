from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.enterprises.page import EnterprisePage
from models.enterprises import queries, services
from models.policy.queries import platform_choices
from models.uscc import check_char
from tests.desktop.loads import settle

BASE = "91330112MA2"


def uscc(n: int) -> str:
    first17 = f"{BASE}{n:06d}"
    return first17 + check_char(first17)


@pytest.fixture
def page(qtbot, ctx, monkeypatch):  # type: ignore[no-untyped-def]
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: errors.append(text))
    with ctx.db.write() as s:
        platforms = platform_choices(s)
        for n, name in enumerate(["杭州甲机械有限公司", "杭州乙电子有限公司", "杭州丙医疗有限公司"], start=1):
            services.create_enterprise(
                s,
                uscc=uscc(n),
                name=name,
                platform_id=platforms[n % 2][0],
                industry_chain="高端装备" if n != 2 else "集成电路",
            )
    p = EnterprisePage(ctx)
    qtbot.addWidget(p)
    ctx.changes_applied.connect(p.on_changes)  # what the main window does for every page
    p.reload()
    settle(ctx)
    p.errors = errors  # type: ignore[attr-defined]
    return p


def names(page: EnterprisePage) -> list[str]:
    return [r.name for r in page.model.rows()]


def test_lists_and_selects(page: EnterprisePage) -> None:
    assert page.model.rowCount() == 3
    assert page.select_enterprise(page.model.row_at(1).id)
    assert page.form.record.name == page.model.row_at(1).name
    assert page.form.form.editor("uscc").text() == page.model.row_at(1).uscc


def test_create_from_the_form_with_explained_uscc(page: EnterprisePage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.new_enterprise()
    form = page.form.form
    form.editor("uscc").setText(uscc(9)[:-1] + ("0" if uscc(9)[-1] != "0" else "1"))
    assert "校验位" in page.form.uscc_hint.text()
    form.editor("name").setText("杭州丁科技有限公司")
    page.save_form()
    assert page.errors and "校验位" in page.errors[0]  # type: ignore[attr-defined]
    form.editor("uscc").setText(uscc(9).lower())
    assert page.form.uscc_hint.text() == ""
    form.editor("platform_id").set_value(page.platforms[0][0])
    page.save_form()
    assert "杭州丁科技有限公司" in names(page)
    assert page.form.record is not None and page.form.record.uscc == uscc(9)  # stored upper-case
    assert page.form.record.platform_name == page.platforms[0][1]


def test_edit_in_form_and_conflict(page: EnterprisePage) -> None:
    row = page.model.row_at(0)
    page.select_enterprise(row.id)
    # someone else changes the record meanwhile
    with page.ctx.db.write() as s:
        services.update_enterprise(s, enterprise_id=row.id, version=row.version, phone="0571-1")
    page.form.form.editor("address").setText("临安区青山湖街道")
    page.save_form()
    settle(page.ctx)
    assert page.errors and "已被他人修改" in page.errors[-1]  # type: ignore[attr-defined]
    fresh = next(r for r in page.model.rows() if r.id == row.id)
    assert fresh.phone == "0571-1" and fresh.address == ""  # re-read, nothing overwritten
    page.select_enterprise(row.id)
    page.form.form.editor("address").setText("临安区青山湖街道")
    page.save_form()
    with page.ctx.db.read() as s:
        assert queries.get_enterprise(s, row.id).address == "临安区青山湖街道"


def test_edit_in_place(page: EnterprisePage) -> None:
    index = page.model.index(0, 6)  # 联系人
    assert page.model.setData(index, "李四")
    assert page.model.row_at(0).contact == "李四"
    manuf = page.model.index(0, 4)
    assert page.model.setData(manuf, "否")
    assert page.model.row_at(0).is_manufacturing is False
    assert not page.model.setData(page.model.index(0, 0), "X")  # the USCC only in the form


def test_paste_a_column_is_all_or_nothing(page: EnterprisePage) -> None:
    page.model.sort(1)
    before = [r.industry_chain for r in page.model.rows()]
    assert page.model.paste_tsv(0, 3, "生命健康\n不存在的链\n其他\n") == 0
    assert page.errors and "不在清单中" in page.errors[-1]  # type: ignore[attr-defined]
    assert [r.industry_chain for r in page.model.rows()] == before
    assert page.model.paste_tsv(0, 3, "生命健康\n其他\n集成电路\n") == 3
    assert [r.industry_chain for r in page.model.rows()] == ["生命健康", "其他", "集成电路"]


def test_paste_platform_names(page: EnterprisePage) -> None:
    name = page.platforms[2][1]
    assert page.model.paste_tsv(0, 2, f"{name}\n{name}\n") == 2
    assert [r.platform_name for r in page.model.rows()][:2] == [name, name]
    page.model.sort(1)
    assert page.model.paste_tsv(0, 2, "qsh\n科技城\n") == 2  # code (any case) and short name
    assert {r.platform_name for r in page.model.rows()[:2]} == {"青山湖科技城"}
    assert page.model.paste_tsv(0, 2, "火星园区\n") == 0
    assert "火星园区" in page.errors[-1]  # type: ignore[attr-defined]


def test_choice_editor_in_the_table(page: EnterprisePage, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    index = page.model.index(0, 3)
    delegate = page.view.itemDelegateForColumn(3)
    editor = delegate.createEditor(page.view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "",
        "高端装备",
        "集成电路",
        "生命健康",
        "其他",
    ]
    editor.setCurrentText("其他")
    delegate.setModelData(editor, page.model, index)
    assert page.model.row_at(0).industry_chain == "其他"


def test_filters_and_search(page: EnterprisePage) -> None:
    page.view.open_filter(3).set_checked({"集成电路"})
    page.view._popup.apply()  # type: ignore[union-attr]
    assert names(page) == ["杭州乙电子有限公司"]
    page.filter_bar.clear()
    page.filter_bar.search.setText("医疗")
    page.filter_bar.apply_search()
    assert names(page) == ["杭州丙医疗有限公司"]


def test_delete_with_confirmation(page: EnterprisePage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    row = page.model.row_at(0)
    page.select_enterprise(row.id)
    page.delete_current()
    assert row.id not in [r.id for r in page.model.rows()]
    assert page.form.record is None


def test_viewer_cannot_edit(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from desktop.context import AppContext, CurrentUser

    viewer = AppContext(ctx.db, CurrentUser(None, "leader", "viewer"))
    p = EnterprisePage(viewer)
    qtbot.addWidget(p)
    p.reload()
    assert not p.new_button.isEnabled() and not p.form.save_button.isEnabled()
    assert p.model.on_edit is None


def test_export_shown_rows(page: EnterprisePage, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from desktop.widgets.exchange_dialogs import write_shown_rows

    page.filter_bar.search.setText("甲")
    page.filter_bar.apply_search()
    out = tmp_path / "shown.xlsx"
    assert write_shown_rows(page.model, out) == 1
    wb = load_workbook(out, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    wb.close()
    assert rows[0][:2] == ("统一社会信用代码", "企业名称")
    assert rows[1][1] == "杭州甲机械有限公司"
