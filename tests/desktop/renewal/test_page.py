"""The renewal page: cases by stage, the stage dialog, before/after figures, charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from desktop.renewal import page as page_mod
from desktop.renewal.dialogs import StageDialog
from desktop.renewal.page import RenewalPage
from models.db.engine import Database
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
        plot = Plot(code="DK-1", platform_id=platform_id(s), cert_area_m2=to_m2(Decimal(30), AreaUnit.MU),
                    land_source="existing")
        s.add(plot)
        s.flush()
        S.create_project(s, code="TL-1", name="老厂腾退", identified_on=dt.date(2022, 3, 1), plot_ids=(plot.id,),
                         old_enterprise_id=old, new_enterprise_id=new, treatment="vacate")
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
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(StageDialog, "exec", fake_exec)
    page.advance()
    row = page.model.row_at(page.model.find_row(page.current().id))
    assert (row.stage, row.supply_method, row.stage_date) == ("resupplied", "标准地", dt.date(2023, 5, 1))
    # a date before the last one is refused and shown
    errors = []
    monkeypatch.setattr(ctx, "show_error", lambda exc, parent=None: errors.append(exc.code))

    def early(self: StageDialog) -> int:
        self.stage.set_value("building")
        self.date.set_value(dt.date(2023, 1, 1))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(StageDialog, "exec", early)
    page.advance()
    assert errors == ["renewal.date_before_last"]


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
    assert row is not None and (row.code, row.plot_codes, row.compensation, row.stage_date) == \
        ("TL-9", ("DK-1",), Decimal("1200"), dt.date(2024, 1, 2))
