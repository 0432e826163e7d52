from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.incubation.page import CarrierPage
from desktop.incubation.panels import QualificationPanel
from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.incubation.entities import UsageReport
from models.incubation.occupancy import add_months, month_start
from tests.desktop.incubation.conftest import make_ctx
from tests.desktop.loads import settle
from tests.template_db import new_database


def open_page(qtbot, db: Database, user_id: int | None = None, role: str = "admin") -> CarrierPage:  # type: ignore[no-untyped-def]
    ctx = make_ctx(db, user_id, role)
    page = CarrierPage(ctx)
    ctx.changes_applied.connect(page.on_changes)  # as the main window does
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.reload()
    settle(ctx)
    qtbot.waitUntil(lambda: page._chart_data is not None)  # the 图表 tab itself is built when shown
    return page


def test_page_shows_carriers_details_and_passes_model_checks(
    qtbot: QtBot,
    qtmodeltester: Any,
    db: Database,
    register: dict[str, int],
) -> None:
    page = open_page(qtbot, db)
    assert page.model.rowCount() == 2
    for model in (page.model, page.space_model, page.tenancy_model, page.usage_model, page.vacancy_model):
        qtmodeltester.check(model)
    assert page.select_carrier(register["mine"])
    settle(page.ctx)  # the carrier's spaces, tenancies and reports load on the worker
    assert page.space_model.rowCount() == 4 and page.tenancy_model.rowCount() == 3
    # six tests + the tenants' age on entry, then the four 卓越级 tests of the 2025 set (examples)
    assert page.qualification.table.rowCount() == 11
    table = page.qualification.table
    excellent, example, area = table.item(7, 0), table.item(7, 4), table.item(0, 3)
    assert excellent is not None and example is not None and area is not None
    assert excellent.text().startswith("卓越级：")
    assert "示例（无文件依据）" in example.text()
    assert area.text() == "✗"  # 3,000 ㎡ < 10,000 ㎡
    statuses = {page.vacancy_model.row_at(i).code for i in range(page.vacancy_model.rowCount())}
    assert {"104", "A-1"} <= statuses  # vacant rooms of both carriers


def test_manager_sees_only_own_carrier_and_cannot_create(
    qtbot: QtBot, db: Database, register: dict[str, int]
) -> None:
    page = open_page(qtbot, db, register["manager"], "carrier_manager")
    assert [page.model.row_at(i).name for i in range(page.model.rowCount())] == ["於潜创业孵化基地"]
    assert page.new_button.isHidden() and page.form.delete_button.isHidden()
    vacancy_carriers = {
        page.vacancy_model.row_at(i).carrier_name for i in range(page.vacancy_model.rowCount())
    }
    assert vacancy_carriers == {"於潜创业孵化基地"}
    assert page.charts.data is not None
    assert [s.label for s in page.charts.data.by_carrier] == ["於潜创业孵化基地"]


def test_monthly_form_is_prefilled_tabbed_and_saved_once(
    qtbot: QtBot, db: Database, register: dict[str, int]
) -> None:
    page = open_page(qtbot, db, register["manager"], "carrier_manager")
    page.show()
    page.detail.setCurrentIndex(3)
    form = page.report_form
    last_month = add_months(month_start(dt.date.today()), -1)
    assert form.draft is not None and form.draft.month == last_month
    assert form.counts["tenants"].value() == 3  # three firms in, from the tenancies
    assert form.draft.computed_prorated_m2 is not None
    area_value = form.area.value()
    assert area_value is not None
    assert area_value == form.draft.computed_prorated_m2.quantize(area_value)  # prefilled, 450 ㎡
    # Tab order: month → area → tenants → new → graduated → left → employees → Save
    page.activateWindow()
    qtbot.waitExposed(page)
    chain = [form.month, form.area, *form.counts.values(), form.save_button]
    form.month.setFocus()
    qtbot.waitUntil(lambda: _has_focus(form.month))
    for target in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # type: ignore[no-untyped-call]
        assert _has_focus(target), (target, QApplication.focusWidget())
    form.counts["employees"].setValue(25)
    form.save_button.click()
    with db.read() as s:
        report = s.scalar(select(UsageReport).where(UsageReport.month == last_month))
    assert report is not None and report.tenants == 3 and report.employees == 25
    assert form.draft.source == "saved" and form.draft.version == 1


def _has_focus(widget) -> bool:  # type: ignore[no-untyped-def]
    focused = QApplication.focusWidget()
    return focused is widget or (focused is not None and widget.isAncestorOf(focused))


def test_month_export_is_the_workbook_the_bureau_imports(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db: Database,
    register: dict[str, int],
) -> None:
    page = open_page(qtbot, db, register["manager"], "carrier_manager")
    page.detail.setCurrentIndex(3)
    page.report_form.select_month(dt.date(2025, 1, 1))
    assert page.report_form.draft is not None and page.report_form.draft.source == "saved"
    target = tmp_path / "month.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    page.report_form.export_button.click()
    page.ctx.tasks.wait(10_000)
    qtbot.waitUntil(lambda: bool(told))
    assert target.exists()
    bureau = new_database(tmp_path / "bureau.sqlite3", actor="bureau")
    try:
        from models.incubation import services

        with bureau.write() as s:
            services.create_carrier(s, code="於潜创业孵化基地", name="於潜创业孵化基地", usable_area_m2=3000)  # type: ignore[arg-type]
        report = run_import(bureau, get_kind("usage-reports"), target)
        assert report.ok and report.created == 1
    finally:
        bureau.dispose()


def test_viewer_cannot_save(qtbot: QtBot, db: Database, register: dict[str, int]) -> None:
    with db.write() as s:
        from tests.models.incubation.helpers import user

        viewer = user(s, "li", "viewer")
    page = open_page(qtbot, db, viewer, "viewer")
    assert not page.report_form.isEnabled() and not page.form.save_button.isEnabled()
    assert not page.add_tenancy_button.isEnabled()
    QApplication.processEvents()


def test_carrier_form_and_tenancy_dialog_edit_the_qualification_fields(
    qtbot: QtBot,
    db: Database,
    register: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.incubation.dialogs import TenancyDialog
    from models.incubation.entities import Carrier, Tenancy

    page = open_page(qtbot, db)
    assert page.select_carrier(register["mine"])
    editors = page.form.form.editors
    editors["public_service_area_m2"].set_value(Decimal("300"))
    editors["specialty"].set_value("集成电路")
    page.save_carrier()
    settle(page.ctx)
    with db.read() as s:
        c = s.get(Carrier, register["mine"])
        assert c is not None and (c.public_service_area_m2, c.specialty) == (Decimal("300"), "集成电路")
    page.tenancy_view.selectRow(0)

    def fill(self: TenancyDialog) -> int:
        self.sector.setEditText("生物医药")
        self.founded_on.set_value(dt.date(2020, 1, 2))
        return int(TenancyDialog.DialogCode.Accepted)

    monkeypatch.setattr(TenancyDialog, "exec", fill)
    tenancy = page.tenancy_model.row_at(0)
    page.edit_tenancy()
    with db.read() as s:
        t = s.get(Tenancy, tenancy.id)
        assert t is not None and (t.sector, t.founded_on) == ("生物医药", dt.date(2020, 1, 2))


def test_qualification_is_built_when_its_tab_is_first_shown_with_the_carrier_shown(
    qtbot: QtBot, db: Database, register: dict[str, int]
) -> None:
    page = open_page(qtbot, db)
    page.show()
    qtbot.waitExposed(page)
    assert page.select_carrier(register["mine"])
    settle(page.ctx)
    assert not page.qualification_tab.built  # the page's first show builds only what is seen
    page.detail.setCurrentWidget(page.qualification_tab)
    assert page.qualification_tab.built
    panel = page.qualification
    assert panel.isVisible() and panel.table.rowCount() == 11  # the result given before it was built
    assert page.select_carrier(register["other"])
    settle(page.ctx)
    assert page.qualification is panel  # built once, kept up to date from then on
    fresh = QualificationPanel()
    q, applies = page._qualification_result
    fresh.set_result(q, applies=applies)
    assert q is not None and panel.summary.text() == fresh.summary.text()
    assert panel.table.rowCount() == fresh.table.rowCount()


def test_monthly_report_vacancies_and_charts_are_built_when_their_tab_is_first_shown(
    qtbot: QtBot, db: Database, register: dict[str, int]
) -> None:
    page = open_page(qtbot, db)
    page.show()
    qtbot.waitExposed(page)
    assert page.select_carrier(register["mine"])
    settle(page.ctx)
    assert not page.monthly_tab.built  # the page's first show builds only what is seen
    assert not page.charts_tab.built and page._chart_data is not None
    assert not page.vacancy_tab.built and page.vacancy_model.rowCount() > 0
    page.tabs.setCurrentWidget(page.charts_tab)
    assert page.charts.isVisible() and page.charts.data is page._chart_data  # the figures read before
    page.tabs.setCurrentWidget(page.vacancy_tab)
    assert page.vacancy_view.isVisible() and page.vacancy_view.model() is page.vacancy_model
    assert page.include_soon.isVisible() and page.vacancy_summary.text()
    page.tabs.setCurrentIndex(0)
    history, draft, name = page._monthly
    assert history and draft is not None and draft.carrier_id == register["mine"]
    page.detail.setCurrentWidget(page.monthly_tab)
    assert page.monthly_tab.built
    form = page.report_form
    assert form.isVisible() and form.draft is draft and form.carrier_name == name  # given before it was built
    assert page.usage_model.rowCount() == len(history)
    assert form.save_button.isEnabled()
    assert page.select_carrier(register["other"])
    settle(page.ctx)
    assert page.report_form is form  # built once, kept up to date from then on
    assert form.draft is not None and form.draft.carrier_id == register["other"]
    assert page.usage_model.rowCount() == len(page._monthly[0])
