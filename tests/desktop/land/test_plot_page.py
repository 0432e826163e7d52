from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.context import AppContext
from desktop.land.page import PlotPage, PlotTableModel, plot_columns
from models.land import queries, services


@pytest.fixture
def page(ctx: AppContext, qtbot: Any) -> PlotPage:
    p = PlotPage(ctx)
    ctx.changes_applied.connect(p.on_changes)
    p.reload()
    qtbot.addWidget(p)
    return p


def test_table_model_passes_modeltester(ctx: AppContext, qtmodeltester: Any) -> None:
    model = PlotTableModel(plot_columns())
    with ctx.db.read() as s:
        model.set_rows(queries.list_plots(s))
    qtmodeltester.check(model)


def test_register_shows_demo_plots_and_checks(page: PlotPage) -> None:
    assert page.model.rowCount() == len(page.data.rows) > 50
    codes = {f.problem.code for f in page.checks.model.all_rows()}
    assert {"land.overlap", "land.area_mismatch", "land.outside_platform"} <= codes
    assert "重叠" in page.checks.summary.text()


def test_filter_mismatch_only(page: PlotPage) -> None:
    page.mismatch_only.setChecked(True)
    assert page.model.rowCount() >= 1
    assert all(r.area_mismatch for r in page.model.rows())


def test_selecting_fills_form_and_vertices_and_save_writes(page: PlotPage, ctx: AppContext) -> None:
    row = page.data.rows[0]
    page.select_plot(row.id)
    assert page.form.code.text() == row.code
    assert page.vertex_model.rowCount() == row.point_count
    page.form._pick(page.form.status, "收回")
    page.form.cert_area.setText("15")
    page.form.cert_unit.setCurrentIndex(1)  # 亩
    page.form.save.click()
    with ctx.db.read() as s:
        saved = queries.get_plot_row(s, row.id)
    assert saved is not None and saved.status == "收回" and saved.cert_area_m2 == Decimal("10000.0000")


def test_stale_save_shows_conflict(page: PlotPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    row = page.data.rows[0]
    page.select_plot(row.id)
    ctx.changes_applied.disconnect(page.on_changes)  # the page keeps its stale version
    page.form.name.setText("甲")
    page.form.save.click()
    page.form.name.setText("乙")
    page.form.save.click()
    assert shown and "他人修改" in shown[0]


def test_bad_date_is_said_in_the_form(page: PlotPage) -> None:
    page.select_plot(page.data.rows[0].id)
    page.form.supply_date.setText("去年春天")
    page.form.save.click()
    assert "供地日期" in page.form.error.text()


def test_paste_boundary_refuses_swapped_then_accepts_when_confirmed(page: PlotPage, ctx: AppContext) -> None:
    row = page.data.rows[0]
    text = "J1\t480700\t3347900\nJ2\t480800\t3347900\nJ3\t480800\t3347800\nJ4\t480700\t3347800\n"
    problems = page.paste_boundary(row, text, False, False)
    assert [p.code for p in problems] == ["land.coords_swapped_xy"]
    assert page.paste_boundary(row, text, True, False) == []
    with ctx.db.read() as s:
        assert queries.get_plot_row(s, row.id).geom_area_m2 == Decimal("10000.0000")  # type: ignore[union-attr]


def test_indicator_saved_from_panel(page: PlotPage, ctx: AppContext) -> None:
    row = page.data.rows[0]
    page.select_plot(row.id)
    page.indicators.indicator.setCurrentIndex(page.indicators.indicator.findData("tax_per_mu"))
    page.indicators.promised.setText("30")
    page.indicators.actual.setText("28.5")
    page.indicators._save()
    with ctx.db.read() as s:
        rows = {r.indicator: r for r in queries.plot_indicators(s, row.id)}
    assert rows["tax_per_mu"].met is False
    assert page.indicators.model.rowCount() == len(rows)


def test_indicators_are_built_when_their_tab_is_first_shown(
    page: PlotPage, ctx: AppContext, qtbot: Any
) -> None:
    first, second = page.data.rows[0].id, page.data.rows[1].id
    with ctx.db.write() as s:
        services.set_indicator(
            s, plot_id=first, indicator="tax_per_mu", promised=Decimal(30), actual=Decimal(28)
        )
    with ctx.db.read() as s:
        counts = {pid: len(queries.plot_indicators(s, pid)) for pid in (first, second)}
    assert counts[first] >= 1
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    page.select_plot(first)
    assert not page.indicators_tab.built  # the page's first show builds only what is seen
    page.tabs.setCurrentWidget(page.indicators_tab)
    assert page.indicators_tab.built
    panel = page.indicators
    assert panel.isVisible() and panel.model.rowCount() == counts[first]  # given before it was built
    page.select_plot(second)
    assert page.indicators is panel and panel.model.rowCount() == counts[second]


def test_side_models_pass_modeltester(page: PlotPage, qtmodeltester: Any) -> None:
    row = next(r for r in page.data.rows if r.point_count)
    page.select_plot(row.id)
    qtmodeltester.check(page.vertex_model)
    qtmodeltester.check(page.indicators.model)
    qtmodeltester.check(page.checks.model)


def test_vertex_coordinates_edited_and_pasted_in_the_table(
    page: PlotPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    row = next(r for r in page.data.rows if r.point_count == 4)
    page.select_plot(row.id)
    page.tabs.setCurrentIndex(2)
    v = page.vertex_model.row_at(0)
    index = page.vertex_model.index(0, 2)
    assert page.vertex_model.setData(index, f"{v.x + 10:.3f}")  # move J1 10 m north
    with ctx.db.read() as s:
        moved = queries.plot_vertices(s, row.id)[0]
        new_row = queries.get_plot_row(s, row.id)
    assert moved.x == v.x + 10 and new_row is not None and new_row.geom_area_m2 != row.geom_area_m2
    # paste a block of X, Y that makes a bow tie: refused with the reason, nothing stored
    page.select_plot(row.id)
    verts = page.vertex_model.all_rows()
    block = f"{verts[2].x}\t{verts[2].y}\n{verts[1].x}\t{verts[1].y}"
    page.vertices.setCurrentIndex(page.vertex_model.index(1, 2))
    assert page.vertices.paste(block) == 0 or shown
    assert shown and "自相交" in shown[-1]
    with ctx.db.read() as s:
        assert queries.plot_vertices(s, row.id)[1].x == verts[1].x


def test_a_boundary_is_cleared_after_asking_and_the_plot_stays(
    page: PlotPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = next(r for r in page.data.rows if r.point_count)
    page.select_plot(row.id)
    assert page.clear_boundary_button.isEnabled()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: next(answers))
    page.clear_boundary_button.click()
    with ctx.db.read() as s:
        assert queries.plot_vertices(s, row.id)
    page.clear_boundary_button.click()
    with ctx.db.read() as s:
        kept = queries.get_plot_row(s, row.id)
        assert queries.plot_vertices(s, row.id) == []
    assert kept is not None and kept.code == row.code and kept.point_count == 0


def test_contract_dates_are_edited_in_the_form_and_make_the_plot_idle(
    page: PlotPage, ctx: AppContext
) -> None:
    import datetime as dt

    from models.land.idle import idle_plots

    row = next(r for r in page.data.rows if r.contract_value("agreed_start_on") is None)
    page.select_plot(row.id)
    form = page.form
    assert form.tabs.tabText(1) == "出让合同与开发进度"
    form.contract["agreed_start_on"].setText("2023/5/1")
    form.contract["committed_investment"].setText("24000")
    form.contract["developed_share"].setText("20")
    form.contract["halted_since"].setText("2024.3.1")
    form.contract["started_on"].setText("not a date")
    form.save.click()
    assert "实际动工日期" in form.error.text()  # nothing saved while a field cannot be read
    form.contract["started_on"].setText("2023-06-10")
    form.save.click()
    with ctx.db.read() as s:
        saved = queries.get_plot_row(s, row.id)
        assert saved is not None and saved.contract_value("developed_share") == Decimal("0.2")
        assert saved.contract_value("agreed_start_on") == dt.date(2023, 5, 1)
        idle = idle_plots(s, on=dt.date(2025, 6, 1), plot_ids=[row.id])
    assert [f.reason for f in idle] == ["halted_underdeveloped"]
    page.select_plot(row.id)
    assert (
        form.contract["developed_share"].text() == "20"
        and form.contract["halted_since"].text() == "2024-03-01"
    )
