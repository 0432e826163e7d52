from __future__ import annotations

from sqlalchemy import func, select

from desktop.buildings.dialogs import BuildingRatioDialog, BuyBackDialog
from desktop.buildings.page import BuildingPage
from desktop.buildings.transfer_dialog import TransferDialog
from models.buildings import queries
from models.buildings.entities import BuyBackOffer, Transfer, Unit, UnitStatus
from models.changes import Changes
from models.database import Database
from models.policy.entities import PolicyRule
from tests.desktop.buildings.conftest import ON, enterprise_id, make_ctx


def dialog(qtbot, db: Database, role: str = "admin") -> TransferDialog:  # type: ignore[no-untyped-def]
    ctx = make_ctx(db, role)
    with db.read() as s:
        (row,) = queries.list_buildings(s, on=ON)
    dlg = TransferDialog(ctx, row, on=ON)
    qtbot.addWidget(dlg)
    return dlg


def unit_ids(dlg: TransferDialog, n: int) -> list[int]:
    return [u.id for u in sorted(dlg.units, key=lambda u: u.id)[:n]]


def lines(dlg: TransferDialog) -> list[str]:
    return [dlg.checks.item(i).text() for i in range(dlg.checks.count())]


def test_save_waits_for_units_and_buyer(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog(qtbot, small_db)
    assert not dlg.save_button.isEnabled()
    dlg.grid.set_selected(unit_ids(dlg, 2), emit=True)
    dlg.run_checks()
    assert not dlg.save_button.isEnabled()
    dlg.set_buyer(enterprise_id(small_db, "受让甲精密制造有限公司"))
    dlg.run_checks()
    assert dlg.save_button.isEnabled()
    assert all(line.startswith("✓") for line in lines(dlg))
    assert any("转让后比例 20%" in line and "示例（无文件依据）" in line for line in lines(dlg))
    # the list mirrors the grid
    checked = [
        dlg.unit_list.item(i)
        for i in range(dlg.unit_list.count())
        if dlg.unit_list.item(i).checkState().name == "Checked"
    ]
    assert len(checked) == 2


def test_live_checks_block_and_admin_override_records(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog(qtbot, small_db)
    dlg.set_buyer(enterprise_id(small_db, "乙贸易有限公司"))
    dlg.grid.set_selected(unit_ids(dlg, 7), emit=True)
    dlg.run_checks()
    errors = [line for line in lines(dlg) if line.startswith("✗")]
    assert len(errors) == 2  # over the cap; neither a manufacturer nor in the seller's chain
    assert errors[0].startswith("✗  转让后比例 70% 超过 上限 60%（依据 示例（无文件依据），来源：惠州")
    assert not dlg.save_button.isEnabled()
    dlg.override_box.setChecked(True)
    dlg.override_reason.setPlainText("重大项目")
    assert not dlg.save_button.isEnabled()  # a document number is required too
    dlg.override_doc.setText("临政办〔2024〕9号")
    assert dlg.save_button.isEnabled()
    dlg.price.setText("1,500")
    dlg.approval.setText("临分转〔2024〕7号")
    dlg.save()
    assert dlg.result() == TransferDialog.DialogCode.Accepted
    with small_db.read() as s:
        t = s.scalar(select(Transfer))
        assert t is not None and t.override_document == "临政办〔2024〕9号" and str(t.price) == "1500.000000"
        assert (
            s.scalar(
                select(func.count()).select_from(Unit).where(Unit.status == UnitStatus.TRANSFERRED.value)
            )
            == 7
        )


def test_clerk_cannot_override(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog(qtbot, small_db, role="clerk")
    assert dlg.override_box.isHidden()
    dlg.set_buyer(enterprise_id(small_db, "受让甲精密制造有限公司"))
    dlg.grid.set_selected(unit_ids(dlg, 7), emit=True)
    dlg.override_box.setChecked(True)
    dlg.override_reason.setPlainText("x")
    dlg.override_doc.setText("y")
    dlg.run_checks()
    assert not dlg.save_button.isEnabled()


def test_resale_mode_offers_only_transferred_units(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog(qtbot, small_db)
    dlg.grid.set_selected(unit_ids(dlg, 1))
    dlg.resale.setChecked(True)
    assert dlg.grid.selected_ids() == []  # a held unit cannot be resold


def test_page_opens_dialogs_and_ratio_is_saved(qtbot, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(small_db)
    page = BuildingPage(ctx)
    qtbot.addWidget(page)
    seen: list[Changes] = []
    ctx.changes_applied.connect(seen.append)
    ratio = page.open_ratio()
    assert isinstance(ratio, BuildingRatioDialog)
    ratio.ratio.setValue(75)
    ratio.document.setText("青科城管〔2024〕5号")
    ratio.save()
    with small_db.read() as s:
        rule = s.scalar(
            select(PolicyRule).where(
                PolicyRule.building_id.is_not(None), PolicyRule.key == "building.max_transfer_ratio"
            )
        )
        assert rule is not None and rule.value == "0.750" and rule.document_no == "青科城管〔2024〕5号"
    assert seen and seen[0].touches("buildings")
    page.on_changes(seen[0])
    assert page._current is not None and page._current.cap_is_own
    buyback = page.open_buyback()
    assert isinstance(buyback, BuyBackDialog)
    buyback.unit.setCurrentIndex(1)
    buyback.price.setText("500")
    buyback.save()
    with small_db.read() as s:
        assert s.scalar(select(func.count()).select_from(BuyBackOffer)) == 1
    answer = page.open_buyback()  # the offer is listed, awaiting an answer, and is answered here
    assert answer is not None and answer.offers.rowCount() == 1
    assert not answer.accept_offer.isEnabled()  # nothing selected yet
    answer.offer_view.setCurrentIndex(answer.offers.index(0, 0))
    assert answer.accept_offer.isEnabled() and answer.decline_offer.isEnabled()
    answer.accept_offer.click()
    with small_db.read() as s:
        assert s.scalar(select(BuyBackOffer.status)) == "accepted"
    assert answer.offers.row_at(0).status == "accepted" and not answer.accept_offer.isEnabled()
    viewer = BuildingPage(make_ctx(small_db, "viewer"))
    qtbot.addWidget(viewer)
    assert not viewer.transfer_button.isEnabled() and not viewer.ratio_button.isEnabled()


def test_the_approval_sheet_lists_every_rule_with_its_source(qtbot, small_db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.printing.document import Signatures, Table
    from desktop.printing.render import write_pdf
    from tests.desktop.printing.pages import ink, page_count, page_image

    dlg = dialog(qtbot, small_db)
    dlg.set_buyer(enterprise_id(small_db, "乙贸易有限公司"))
    dlg.grid.set_selected(unit_ids(dlg, 7), emit=True)
    dlg.approval.setText("临分转〔2024〕7号")
    dlg.run_checks()
    assert [a.text() for a in dlg.sheet_button.menu().actions()] == ["打印…", "打印预览…", "导出 PDF…"]
    doc = dlg.approval_sheet()
    assert doc.title == "分割转让审核表" and doc.lines[0].startswith("楼宇：")
    terms, units, rules = (b for b in doc.blocks if isinstance(b, Table))
    assert terms.rows[0][0] == "受让企业" and terms.rows[0][1].startswith("乙贸易有限公司")
    assert ["批准文号", "临分转〔2024〕7号"] in [list(r) for r in terms.rows]
    assert len(units.rows) == 7
    assert len(rules.rows) == len(dlg.results)
    assert [r[1] for r in rules.rows[:2]] == ["不符合"] * 2  # the ratio cap and the buyer
    # The seeded ratio is an example (惠州): the sheet says so and names where it comes from.
    assert rules.rows[0][3].startswith("示例（无文件依据），来源：惠州")
    assert any(isinstance(b, Signatures) and "审核人" in b.labels for b in doc.blocks)
    pdf = tmp_path / "审核表.pdf"
    pages = write_pdf(doc, pdf)
    assert pages == page_count(pdf) >= 1
    assert ink(page_image(pdf, 1)) > 0.01
