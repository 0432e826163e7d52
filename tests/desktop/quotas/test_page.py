"""The quota page on a demo ledger: the headline, the tree as of a date, the entries table,
charts exported to PNG, and the operations through their dialogs with live checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.context import AppContext
from desktop.quotas.dialogs import AdvanceDialog, AllocationDialog, GrantDialog, ReturnDialog, UseDialog
from desktop.quotas.page import QuotaPage
from desktop.quotas.planner_dialog import PlannerDialog
from models.database import Database
from models.quotas import services
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaReturn, QuotaUse
from models.quotas.queries import platform_balances, platforms
from models.units import mu as in_mu
from tests.models.quotas.helpers import mu

TODAY = dt.date(2025, 11, 20)


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, demo: Database) -> QuotaPage:
    widget = QuotaPage(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.reload()
    return widget


def ok_enabled(dialog: Any) -> bool:
    enabled: bool = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    return enabled


def test_headline_is_the_science_city_remainder_as_of_the_date(
    page: Any, demo: Database, qtmodeltester: Any
) -> None:
    with demo.read() as s:
        _, rows = platform_balances(s, year=2025, as_of=TODAY)
    want = f"科技城 2025 年剩余指标 {in_mu(rows[0].figures.remaining):,.2f} 亩"
    assert page.headline.text() == want
    assert page.data is not None and page.data.year == 2025
    qtmodeltester.check(page.entry_model)
    assert page.entry_model.rowCount() == len(page.data.entries) > 0
    top = page.tree.topLevelItem(0)
    assert top.text(0) == "2025 年" and top.childCount() >= 2
    page.as_of.set_value(dt.date(2025, 3, 31))
    page.reload()
    assert "科技城 2025 年剩余指标 0.00 亩" == page.headline.text()  # nothing allocated yet in March


def test_kind_filter_and_year_switch(page: Any) -> None:
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("grant"))
    page._apply_kind()
    assert {page.entry_model.row_at(r).kind for r in range(page.entry_model.rowCount())} == {"grant"}
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    page.reload()
    assert page.headline.text().startswith("科技城 2023 年剩余指标")


def test_charts_draw_and_export_png(page: Any, tmp_path: Path) -> None:
    page.tabs.setCurrentWidget(page.charts_tab)
    assert page.charts.bars.kind == "bars" or page.charts.bars.kind
    out = page.charts.bars.export_png(tmp_path / "bars.png")
    assert out.exists() and out.stat().st_size > 1000


def test_charts_and_demands_are_built_when_their_tab_is_first_shown(page: Any) -> None:
    page.show()
    assert not page.charts_tab.built and not page.demands_tab.built  # only the first tab is built
    assert page._chart_data is not None and page._chart_data[0] is page.data
    page.tabs.setCurrentWidget(page.charts_tab)
    assert page.charts_tab.built and page.charts.isVisible()
    assert page.charts.bars.kind == "bars"  # drawn from the figures read before it was built
    charts = page.charts
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    page.reload()
    assert page.charts is charts  # built once, redrawn from then on
    spec = page.charts.bars.chart_spec()
    assert spec is not None and spec.title == "2023 年各平台指标使用"
    page.tabs.setCurrentWidget(page.demands_tab)
    assert page.demands_tab.built and page.demand_view.model() is page.demand_model
    assert page.buttons["withdraw"].isVisible()


def test_allocation_dialog_refuses_before_saving_then_saves(
    qtbot: QtBot, ctx: AppContext, demo: Database
) -> None:
    with demo.write() as s:
        gid = services.add_grant(
            s,
            year=2025,
            source="奖励",
            document_no="浙自然资函〔2025〕118号",
            granted_on=dt.date(2025, 9, 1),
            area_m2=Decimal("57000"),
        ).ids[0]  # 85.5 亩
    dialog = AllocationDialog(ctx, year=2025, grant_id=gid)
    qtbot.addWidget(dialog)
    dialog.allocated_on.set_value(dt.date(2025, 10, 1))
    dialog.area.setText("120")
    dialog.refresh()
    assert dialog.status.text() == "分配 120.00 亩 超出 该批次剩余 85.50 亩（浙自然资函〔2025〕118号）"
    assert not ok_enabled(dialog)
    dialog.take_rest()
    assert ok_enabled(dialog) and "分配 85.50 亩 后剩余 0.00 亩" in dialog.status.text()
    dialog.save()
    with demo.read() as s:
        assert s.scalar(
            select(func.sum(QuotaAllocation.area_m2)).where(QuotaAllocation.grant_id == gid)
        ) == Decimal("57000")


def test_grant_use_advance_return_cancel_through_dialogs(qtbot: QtBot, ctx: AppContext, db: Database) -> None:
    grant = GrantDialog(ctx, year=2025)
    qtbot.addWidget(grant)
    grant.document_no.setText("临自然资〔2025〕7号")
    grant.granted_on.set_value(dt.date(2025, 2, 1))
    grant.area.setText("300")
    grant.refresh()
    assert ok_enabled(grant)
    grant.save()
    with db.read() as s:
        gid = s.scalar(select(QuotaGrant.id))
        qsh = platforms(s)[0].id
    alloc = AllocationDialog(ctx, year=2025, grant_id=gid)
    qtbot.addWidget(alloc)
    alloc.platform.set_value(qsh)
    alloc.allocated_on.set_value(dt.date(2025, 3, 1))
    alloc.area.setText("100")
    alloc.save()
    with db.read() as s:
        aid = s.scalar(select(QuotaAllocation.id))
    use = UseDialog(ctx, year=2025, allocation_id=aid)
    qtbot.addWidget(use)
    use.project.setText("智能制造项目")
    use.area.setText("101")
    use.reserved_on.set_value(dt.date(2025, 4, 1))
    use.refresh()
    assert "使用 101.00 亩 超出 该分配剩余 100.00 亩" in use.status.text() and not ok_enabled(use)
    use.area.setText("40")
    use.save()
    from models.quotas.entries import use_rows

    with db.read() as s:
        row = use_rows(s)[0]
    adv = AdvanceDialog(ctx, row)
    qtbot.addWidget(adv)
    adv.on.set_value(dt.date(2025, 3, 1))
    adv.refresh()
    assert not ok_enabled(adv) and "早于上一环节日期" in adv.status.text()
    adv.on.set_value(dt.date(2025, 5, 1))
    adv.save()
    with db.read() as s:
        row = use_rows(s)[0]
        assert row.stage == "deducted"
    ret = ReturnDialog(ctx, row)
    qtbot.addWidget(ret)
    ret.area.setText("10")
    ret.on.set_value(dt.date(2025, 6, 1))
    ret.refresh()
    assert not ok_enabled(ret)  # the reason is still blank
    ret.reason.setText("核减用地面积")
    ret.save()
    with db.read() as s:
        row = use_rows(s)[0]
    cancel = ReturnDialog(ctx, row, cancel=True)
    qtbot.addWidget(cancel)
    cancel.on.set_value(dt.date(2025, 7, 1))
    cancel.reason.setText("项目终止")
    cancel.save()
    with db.read() as s:
        assert s.scalar(select(func.sum(QuotaReturn.area_m2))) == mu(40)
        assert s.scalar(select(QuotaUse.cancelled_on)) == dt.date(2025, 7, 1)


def test_planner_dialog_proposes_explains_and_accepts(qtbot: QtBot, ctx: AppContext, db: Database) -> None:
    with db.write() as s:
        qsh, gxy = platforms(s)[0].id, platforms(s)[1].id
        services.add_grant(
            s,
            year=2025,
            source="区年度计划",
            document_no="G1",
            granted_on=dt.date(2025, 2, 1),
            area_m2=mu(150),
        )
        services.add_demand(
            s,
            year=2025,
            platform_id=gxy,
            project="高新项目",
            area_m2=mu(100),
            requested_on=dt.date(2025, 1, 5),
        )
        services.add_demand(
            s,
            year=2025,
            platform_id=qsh,
            project="科技城项目",
            area_m2=mu(100),
            requested_on=dt.date(2025, 1, 9),
        )
    dialog = PlannerDialog(ctx, 2025, on=dt.date(2025, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    first, rank, second = dialog.table.item(0, 1), dialog.table.item(0, 4), dialog.table.item(1, 3)
    assert first is not None and rank is not None and second is not None
    assert first.text() == "青山湖科技城"
    assert "第 1 顺位" in rank.text()
    assert any("尚缺 50.00 亩" in dialog.notes.item(i).text() for i in range(dialog.notes.count()))
    second.setText("20")  # the clerk adjusts the second line
    dialog.accept_plan()
    with db.read() as s:
        areas = sorted(s.scalars(select(QuotaAllocation.area_m2)))
    assert areas == sorted([mu(100), mu(20)])


def test_reload_runs_off_the_ui_thread_with_the_task_runner(
    qtbot: QtBot, ctx: AppContext, demo: Database
) -> None:
    from desktop.pages import page_classes
    from desktop.tasks import TaskRunner

    assert QuotaPage in page_classes()
    ctx.tasks = TaskRunner(ctx.show_error)
    widget = QuotaPage(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.reload()
    qtbot.waitUntil(lambda: widget.data is not None, timeout=10_000)
    assert widget.headline.text().startswith("科技城 2025 年剩余指标")
    ctx.tasks.wait(10_000)


def test_demand_and_disposal_forms_feed_the_planner_and_the_linkage(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    from desktop.quotas.input_dialogs import DemandDialog, DisposalDialog
    from models.quotas.entries import demand_rows
    from models.quotas.linkage import linkage_for_year

    demand = DemandDialog(ctx, year=2025)
    qtbot.addWidget(demand)
    assert not ok_enabled(demand)  # project still blank
    demand.project.setText("新材料中试基地")
    demand.area.setText("45")
    demand.is_major.setChecked(True)
    demand.save()
    disposal = DisposalDialog(ctx, year=2025)
    qtbot.addWidget(disposal)
    disposal.target.setText("100")
    disposal.disposed.setText("70")
    disposal.save()
    with db.read() as s:
        rows = demand_rows(s, year=2025)
        link = linkage_for_year(s, year=2025)
    assert [(r.project, r.area_m2, r.is_major) for r in rows] == [("新材料中试基地", mu(45), True)]
    assert (link.target_m2, link.disposed_m2, link.met) == (mu(100), mu(70), False)


def test_a_new_years_grant_appears_in_the_year_list_at_once(
    qtbot: QtBot, ctx: AppContext, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.main_window import MainWindow
    from desktop.tasks import TaskRunner

    ctx.tasks = TaskRunner(ctx.show_error)  # the page reads in the background, as in the app
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    assert window.select_page("quotas")
    page: Any = window.page_by_key("quotas")
    window.show()
    qtbot.waitUntil(lambda: page.year_combo.count() > 0)
    years_before = [page.year_combo.itemData(i) for i in range(page.year_combo.count())]
    new_year = max(years_before) + 1

    def fill(dialog):  # type: ignore[no-untyped-def]
        dialog.year.setValue(new_year)
        dialog.document_no.setText(f"临自然资〔{new_year}〕1号")
        dialog.granted_on.set_value(dt.date(new_year, 2, 1))
        dialog.area.setText("50")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(page, "_run", fill)
    page.new_grant()
    qtbot.waitUntil(lambda: new_year in [page.year_combo.itemData(i) for i in range(page.year_combo.count())])
    ctx.tasks.wait()


def test_advance_and_its_repayment_through_dialogs(qtbot: QtBot, ctx: AppContext, db: Database) -> None:
    from desktop.quotas.dialogs import RepaymentDialog
    from models.quotas.ledger import advance_outstanding_m2, get_grant

    advance = GrantDialog(ctx, year=2024)
    qtbot.addWidget(advance)
    advance.document_no.setText("浙自然资预〔2024〕3号")
    advance.granted_on.set_value(dt.date(2024, 5, 1))
    advance.area.setText("80")
    advance.is_advance.setChecked(True)
    advance.refresh()
    assert "须写明所对应的省重大项目" in advance.status.text() and not ok_enabled(advance)
    advance.major_project.setText("晶圆厂二期")
    advance.refresh()
    assert "预支指标 80.00 亩（晶圆厂二期）" in advance.status.text() and ok_enabled(advance)
    advance.save()
    with db.write() as s:
        services.add_grant(
            s,
            year=2025,
            source="区年度计划",
            document_no="临自然资〔2025〕9号",
            granted_on=dt.date(2025, 2, 1),
            area_m2=mu(200),
        )
    repay = RepaymentDialog(ctx)
    qtbot.addWidget(repay)
    assert repay.advance.count() == 1 and repay.grant.count() == 1
    repay.repaid_on.set_value(dt.date(2025, 3, 1))
    repay.area.setText("90")
    repay.refresh()
    assert "超过预支指标" in repay.status.text() and not ok_enabled(repay)
    repay.area.setText("30")
    repay.refresh()
    assert "归还 30.00 亩 后尚欠 50.00 亩" in repay.status.text()
    repay.save()
    with db.read() as s:
        gid = s.scalar(select(QuotaGrant.id).where(QuotaGrant.is_advance.is_(True)))
        assert gid is not None
        assert advance_outstanding_m2(s, get_grant(s, gid)) == mu(50)


def test_a_grants_remainder_is_carried_over_through_the_dialog(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    """结转: the page's button opens the dialog on the selected grant; the live check says the
    area, a date before the grant is refused, and OK records the new grant of the next year."""
    from desktop.quotas.dialogs import CarryOverDialog

    with db.write() as s:
        gid = services.add_grant(
            s,
            year=2024,
            source="区年度计划",
            document_no="临自然资〔2024〕5号",
            granted_on=dt.date(2024, 3, 1),
            area_m2=mu(120),
        ).ids[0]
        plat = platforms(s)[0].id
        services.allocate_quota(
            s, grant_id=gid, platform_id=plat, area_m2=mu(20), allocated_on=dt.date(2024, 4, 1)
        )
    dialog = CarryOverDialog(ctx, grant_id=gid)
    qtbot.addWidget(dialog)
    assert dialog.grant.value() == gid and dialog.to_year.value() == 2025
    dialog.on.set_value(dt.date(2024, 1, 1))
    dialog.refresh()
    assert not ok_enabled(dialog)
    dialog.on.set_value(dt.date(2025, 1, 1))
    dialog.refresh()
    assert "将结转 100.00 亩" in dialog.status.text() and ok_enabled(dialog)
    dialog.save()
    with db.read() as s:
        carried = s.scalars(select(QuotaGrant).where(QuotaGrant.carried_over_from_id == gid)).one()
    assert (carried.year, carried.area_m2, carried.document_no) == (
        2025,
        mu(100),
        "临自然资〔2024〕5号（结转2025）",
    )


def test_the_carry_over_button_opens_the_dialog(page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.quotas.dialogs import CarryOverDialog

    opened: list[object] = []
    monkeypatch.setattr(page, "_run", opened.append)
    page.buttons["carry"].click()
    assert len(opened) == 1 and isinstance(opened[0], CarryOverDialog)
    assert page.buttons["carry"].isEnabled()
