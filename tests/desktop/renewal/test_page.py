"""The renewal page: cases by stage, the stage dialog, before/after figures, charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from desktop.renewal import page as page_mod
from desktop.renewal.dialogs import StageDialog
from desktop.renewal.page import RenewalPage
from desktop.settings import Settings
from models.database import Database
from models.land.entities import Plot
from models.renewal import queries as Q
from models.renewal import services as S
from models.units import AreaUnit, to_m2
from tests.desktop.loads import settle
from tests.models.efficiency.util import enterprise, platform_id, record


@pytest.fixture
def cases(db: Database) -> Database:
    with db.write() as s:
        old, new = enterprise(s, 1, "老厂"), enterprise(s, 2, "新厂")
        record(s, old, 2022, mu=30, tax=24, value_added=120)
        record(s, new, 2024, mu=30, tax=600, value_added=2400)
        plot = Plot(
            code="DK-1",
            platform_id=platform_id(s),
            cert_area_m2=to_m2(Decimal(30), AreaUnit.MU),
            land_source="existing",
        )
        s.add(plot)
        s.flush()
        S.create_project(
            s,
            code="TL-1",
            name="老厂腾退",
            identified_on=dt.date(2022, 3, 1),
            plot_ids=(plot.id,),
            old_enterprise_id=old,
            new_enterprise_id=new,
            treatment="vacate",
        )
        S.create_project(s, code="TL-2", name="另一项目", identified_on=dt.date(2023, 3, 1))
        pid = Q.list_projects(s)[0].id
        for stage, on in (("negotiated", dt.date(2022, 6, 1)), ("vacated", dt.date(2023, 1, 5))):
            S.advance_stage(s, project_id=pid, stage=stage, on_date=on)
    return db


def _page(qtbot, ctx) -> RenewalPage:  # type: ignore[no-untyped-def]
    page = RenewalPage(ctx)
    qtbot.addWidget(page)
    ctx.changes_applied.connect(page.on_changes)
    page.reload()
    settle(ctx)
    return page


def test_list_filter_and_detail(qtbot, qtmodeltester, ctx, cases) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    page.stage_box.setCurrentIndex(page.stage_box.findData("vacated"))
    assert [r.code for r in page.model.rows()] == ["TL-1"]
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.history.rowCount() == 3
    qtmodeltester.check(page.history)
    assert "腾退收储" in page.detail_title.text()
    assert "累计腾出用地 30.00 亩" in page.summary.text()


def test_stage_dialog_asks_for_a_reason_going_back(qtbot, cases) -> None:  # type: ignore[no-untyped-def]
    with cases.read() as s:
        row = Q.list_projects(s)[0]
    dialog = StageDialog(row)
    qtbot.addWidget(dialog)
    assert dialog.stage.value() == "resupplied" and not dialog.going_back() and dialog.supply.isEnabled()
    dialog.stage.set_value("negotiated")
    dialog._update()
    assert dialog.going_back() and "原因" in dialog.hint.text() and not dialog.supply.isEnabled()


def test_advance_through_the_page(qtbot, ctx, cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    page.view.setCurrentIndex(page.model.index(0, 0))

    def fake_exec(self: StageDialog) -> int:
        self.stage.set_value("resupplied")
        self.date.set_value(dt.date(2023, 5, 1))
        self.supply.set_value("标准地")
        self.accept()
        return self.result()

    monkeypatch.setattr(StageDialog, "exec", fake_exec)
    page.advance()
    settle(ctx)  # the page reloads on the worker after the dialog's save
    current = page.current()
    assert current is not None
    row = page.model.row_at(page.model.find_row(current.id))
    assert (row.stage, row.supply_method, row.stage_date) == ("resupplied", "标准地", dt.date(2023, 5, 1))
    # a date before the last one is refused and shown beside the date; the dialog stays open
    errors = []
    monkeypatch.setattr(ctx, "show_error", lambda exc, parent=None: errors.append(exc.code))
    seen = []

    def early(self: StageDialog) -> int:
        self.stage.set_value("building")
        self.date.set_value(dt.date(2023, 1, 1))
        self.accept()
        seen.append((self.result(), self.errors.text(self.date), self.date.value(), self.stage.value()))
        return self.result()

    monkeypatch.setattr(StageDialog, "exec", early)
    page.advance()
    assert errors == []  # no message box: the refusal is in the dialog
    [(result, text, kept_date, kept_stage)] = seen
    assert result != QDialog.DialogCode.Accepted and "2023-05-01" in text
    assert (kept_date, kept_stage) == (dt.date(2023, 1, 1), "building")


def test_going_back_without_a_reason_keeps_the_dialog_and_the_input(qtbot, ctx, cases) -> None:  # type: ignore[no-untyped-def]
    from models.renewal import services as S

    with cases.read() as s:
        row = Q.list_projects(s)[0]
    saved = []

    def operation(s: Any, values: dict[str, Any]) -> Any:
        saved.append(values)
        return S.advance_stage(s, project_id=row.id, version=row.version, **values)

    dialog = StageDialog(row, ctx=ctx, operation=operation)
    qtbot.addWidget(dialog)
    dialog.stage.set_value("identified")
    dialog.date.set_value(dt.date(2030, 1, 2))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and saved == []
    assert "原因" in dialog.errors.text(dialog.reason)
    assert (dialog.stage.value(), dialog.date.value()) == ("identified", dt.date(2030, 1, 2))
    dialog.reason.setPlainText("资料有误，退回重新摸排")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changes is not None
    assert not dialog.errors.all_text()


def test_charts_draw(qtbot, ctx, cases) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    assert page.funnel_chart.kind == "hbars" and page.freed_chart.kind == "bars"


def test_unknown_plot_code_in_the_form_is_refused(qtbot, ctx, cases) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s, pytest.raises(Exception) as err:
        page_mod._plot_ids(s, ["DK-1", "DK-9"])
    assert getattr(err.value, "code", "") == "renewal.unknown_plot"


def test_delete_after_confirmation(qtbot, ctx, cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    page = _page(qtbot, ctx)
    page.view.setCurrentIndex(page.model.index(1, 0))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.delete_project()
    assert page.model.rowCount() == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_project()
    assert [r.code for r in page.model.all_rows()] == ["TL-1"]


def test_new_project_through_the_dialog(qtbot, ctx, cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.renewal.dialogs import ProjectDialog

    def fake_exec(self: ProjectDialog) -> int:
        self.code.setText("TL-9")
        self.name.setText("新建测试")
        self.plots.setText("DK-1")
        self.compensation.setText("１,２００")
        self.identified_on.set_value(dt.date(2024, 1, 2))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ProjectDialog, "exec", fake_exec)
    page = _page(qtbot, ctx)
    page.new_project()
    row = page.current()
    assert row is not None and (row.code, row.plot_codes, row.compensation, row.stage_date) == (
        "TL-9",
        ("DK-1",),
        Decimal("1200"),
        dt.date(2024, 1, 2),
    )


def test_the_area_unit_of_the_settings_applies_to_plots_map_and_renewal(
    qtbot: QtBot, ctx: AppContext, cases: Database, isolated_settings: Settings
) -> None:
    from decimal import Decimal

    from desktop.land.map_page import MapPage
    from desktop.land.page import plot_columns
    from desktop.settings import AREA_UNIT

    isolated_settings.set(AREA_UNIT, "ha")
    assert any("公顷" in c.title for c in plot_columns()) and not any("亩" in c.title for c in plot_columns())
    row = type(
        "Row",
        (),
        {
            "code": "LA-1",
            "name": "甲",
            "platform_name": "青山湖",
            "status": "",
            "holder_name": "",
            "geom_area_m2": Decimal("20000"),
        },
    )()
    assert "2.0000 公顷" in MapPage._describe(row, []) or "2 公顷" in MapPage._describe(row, [])
    page = _page(qtbot, ctx)
    page.reload()
    assert "公顷" in page.summary.text() and "亩" not in page.summary.text().split("；")[0]
    titles = [page.funnel_chart.title_label.text(), page.freed_chart.title_label.text()]
    assert all("公顷" in t and "亩" not in t for t in titles), titles  # the charts follow the unit too


def test_plot_statuses_are_translated_in_the_tables(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from desktop.i18n import set_language
    from desktop.land.page import plot_columns

    set_language("en")
    try:
        [status] = [c for c in plot_columns() if c.title == "Status"]
        assert status.text is not None
        assert status.text("储备") == "Reserve" and status.text("已投产") != "已投产"
    finally:
        set_language("zh")
