"""The efficiency page: results with the score breakdown, records, distribution, what-if."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.efficiency.page import EfficiencyPage
from models.database import Database
from models.efficiency import queries as Q
from models.efficiency import services as S
from tests.desktop.loads import settle
from tests.models.efficiency.util import enterprise, record


@pytest.fixture
def graded(db: Database) -> Database:
    with db.write() as s:
        for i in range(20):
            eid = enterprise(s, i + 1, f"企业{i + 1:02d}", platform=("QSH", "GXY")[i % 2])
            record(
                s,
                eid,
                2024,
                mu=10,
                tax=50 + 2 * i,
                value_added=300 + 10 * i,
                energy_tce=50,
                emissions_t=5,
                employees=40,
                rd_spending=10 + i,
                main_revenue=1000,
            )
        S.evaluate_year(s, year=2024)
    return db


def _page(qtbot, ctx) -> EfficiencyPage:  # type: ignore[no-untyped-def]
    page = EfficiencyPage(ctx)
    qtbot.addWidget(page)
    ctx.changes_applied.connect(page.on_changes)  # as the main window does
    page.reload()
    settle(ctx)
    return page


def test_results_and_breakdown(qtbot, qtmodeltester, ctx, graded) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    assert page.year() == 2024 and page.results.rowCount() == 20 and page.records.rowCount() == 20
    qtmodeltester.check(page.results)
    qtmodeltester.check(page.records)
    first = page.results.row_at(0)
    assert (first.rank, first.klass, first.name) == (1, "A", "企业20")
    page.results_view.setCurrentIndex(page.results.index(0, 0))
    assert page.breakdown.rowCount() == 6
    qtmodeltester.check(page.breakdown)
    items = page.breakdown.all_rows()
    assert sum((it.points for it in items), Decimal(0)) == first.score
    assert page.breakdown.text_at(0, 0) == "亩均税收"
    assert "示例（无文件依据）" in page.citation.text() and "黄岩" in page.citation.text()
    assert "浙政发〔2018〕5号" not in page.citation.text()
    assert page.history.rowCount() == 1
    assert "A 类 5" in page.status.text()  # top 25 % of 20, no hidden 20 % cap


def test_empty_database_says_what_to_do(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    assert page.year() is None and "导入" in page.status.text()


def test_what_if_lists_changes_and_saves_a_new_rule(qtbot, ctx, graded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    panel = page.whatif
    panel.edits["a_share"].setText("10")
    panel.run_trial()
    qtbot.waitUntil(lambda: panel.changes.rowCount() == 3, timeout=10_000)
    assert {panel.changes.text_at(r, 3) + panel.changes.text_at(r, 4) for r in range(3)} == {"AB"}
    assert "3 家企业类别变化" in panel.result_label.text()
    with ctx.db.read() as s:
        assert [r.klass for r in Q.list_results(s, year=2024)].count("A") == 5  # nothing written
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.doc_edit.setText("临经信〔2024〕9号")
    panel.save()
    with ctx.db.read() as s:
        assert [v[2] for v in Q.rule_versions(s)] == ["", "临经信〔2024〕9号"]
    page.evaluate()
    qtbot.waitUntil(lambda: [r.klass for r in page.results.all_rows()].count("A") == 2, timeout=10_000)


def test_what_if_is_built_when_its_tab_is_first_shown(qtbot, ctx, graded) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    assert not page.whatif_tab.built  # the page's first show builds only what is seen
    whatif_layout = page.whatif_tab.layout()
    assert whatif_layout is not None and whatif_layout.count() == 0
    page.tabs.setCurrentWidget(page.whatif_tab)
    assert page.whatif_tab.built
    panel = page.whatif
    assert panel.parent() is page.whatif_tab and panel.isVisible()
    assert panel.year == 2024 and panel.try_button.isEnabled()  # the year given before it was built
    assert "2024年度数据适用规则" in panel.rule_label.text()


def test_what_if_asked_for_before_its_tab_is_shown_is_built_with_the_year(qtbot, ctx, graded) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    assert not page.whatif_tab.built
    assert page.whatif.year == 2024 and page.whatif_tab.built
    assert page.whatif is page.whatif  # built once


def test_a_bad_cell_in_the_form_is_refused(qtbot, ctx, graded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    shown = []
    monkeypatch.setattr(ctx, "show_error", lambda exc, parent=None: shown.append(exc.code))
    cell = page.whatif.grid.item(0, 2)
    assert cell is not None
    cell.setText("三十")
    page.whatif.run_trial()
    assert shown == ["efficiency.rule_invalid"]


def test_viewer_cannot_save_rules_or_evaluate(qtbot, db, graded) -> None:  # type: ignore[no-untyped-def]
    from desktop.context import AppContext, CurrentUser

    ctx = AppContext(db, CurrentUser(None, "leader", "viewer"))
    page = _page(qtbot, ctx)
    assert not page.evaluate_button.isEnabled() and not page.whatif.save_button.isEnabled()
    assert page.whatif.try_button.isEnabled()


def test_a_record_corrected_by_hand(qtbot, ctx, graded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from desktop.efficiency.record_dialog import RecordDialog

    page = _page(qtbot, ctx)
    pos = next(i for i, r in enumerate(page.records.all_rows()) if r.name == "企业01")

    def fake_exec(self: RecordDialog) -> int:
        self.edits["tax"].setText("1,234.5")
        self.status.set_value("exempt")
        self.rented.setValue(2)  # what the rule's deduction reads
        self.incident.setChecked(True)  # what the rule's veto reads
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(RecordDialog, "exec", fake_exec)
    page.edit_record(pos)
    with ctx.db.read() as s:
        [row] = [r for r in Q.list_records(s, year=2024) if r.name == "企业01"]
    assert (row.tax, row.status, row.version) == (Decimal("1234.5"), "exempt", 2)
    assert (row.rented_out_plants, row.major_incident) == (2, True)
    assert "不一致" not in page.status.text()


def test_a_wrong_record_is_deleted_after_asking(qtbot, ctx, graded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    pos = next(i for i, r in enumerate(page.records.rows()) if r.name == "企业01")
    page.records_view.setCurrentIndex(page.records.index(pos, 0))
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def ask(_parent: Any, _title: str, text: str, *a: Any) -> QMessageBox.StandardButton:
            asked.append(text)
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    page.delete_record()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    page.delete_record()
    settle(ctx)
    assert len(asked) == 2 and "企业01" in asked[0]
    with ctx.db.read() as s:
        assert [r.name for r in Q.list_records(s, year=2024) if r.name == "企业01"] == []
    assert page.records.rowCount() == 19


def test_results_show_the_industry_subgroup_and_the_rules_data_years(qtbot, ctx, graded) -> None:  # type: ignore[no-untyped-def]
    """Under a rule version grading 规上 by industry, the results list, headline, score-card
    lines and what-if say the subgroup and the version's data years, in both languages."""
    import datetime as dt
    from dataclasses import replace

    from desktop.i18n import set_language
    from models.efficiency import rules as R
    from models.enterprises.entities import Enterprise

    with ctx.db.write() as s:
        for n, ent in enumerate(s.query(Enterprise).order_by(Enterprise.id)):
            ent.industry_chain = "集成电路" if n < 8 else "高端装备"
        S.save_rule_set(
            s,
            rule_set=replace(R.example_rule_set(), data_year_from=2024, industry_groups=("above",)),
            effective_from=dt.date(2025, 1, 1),
            document_no="",
            is_example=True,
            example_source="测试示例",
        )
        S.evaluate_year(s, year=2024)
    for lang, group, years, split, status in (
        (
            "zh",
            "规上企业·集成电路",
            "适用数据年度：2024 年起",
            "“集成电路”内计算",
            "；按行业分组评价：规上企业",
        ),
        (
            "en",
            "Above-scale firms · Integrated circuits",
            "data years: from 2024",
            "within “Integrated circuits”",
            "; graded by industry: Above-scale firms",
        ),
    ):
        set_language(lang)
        try:
            page = _page(qtbot, ctx)
            rows = page.results.all_rows()
            pos = next(i for i, r in enumerate(rows) if r.industry == "集成电路")
            assert page.results.text_at(pos, 0) == group
            assert [r.rank for r in rows if r.industry == "集成电路"] == list(range(1, 9))
            page.results_view.setCurrentIndex(page.results.index(pos, 0))
            assert group in page.detail_title.text() and "1/8" in page.detail_title.text()
            assert years in page.citation.text() and split in page.citation.text()
            assert years in page.whatif.rule_label.text()
            assert page.status.text().endswith(status)
        finally:
            set_language("zh")


def test_a_long_streak_list_scrolls_instead_of_growing_the_window(qtbot, ctx, graded) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    page.streaks.setText("\n".join(f"· 杭州企业{i:03d}有限公司：2019、2020、2021、2022" for i in range(300)))
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    # 300 lines are ~6,000 px: shown in a scroll area, they do not become the page's (and through
    # the window's page stack, the window's) minimum height
    assert page.streaks.sizeHint().height() > 2000
    assert page.minimumSizeHint().height() < 720
