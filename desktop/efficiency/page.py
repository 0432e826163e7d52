"""亩均效益评价 — records, results with the reasons for every score, class distribution per
platform, and the what-if panel (try a rule before saving it).

Run alone on a demo database: ``python -m desktop.efficiency.page [DB]``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import choice_labels
from desktop.context import AppContext
from desktop.efficiency.labels import group_label, group_text, indicator_label, indicator_unit, status_label
from desktop.efficiency.score_card import basis_lines, headline, score_card
from desktop.efficiency.whatif import WhatIfPanel
from desktop.i18n import language, tr
from desktop.item_models.formats import format_area, format_date, format_decimal, format_money
from desktop.item_models.row_table import RowTableModel, TableColumn, decimal_column
from desktop.master_detail import MasterDetailPage, pane, section_title
from desktop.permissions_ui import allowed, guard
from desktop.printing.document import PrintDocument
from desktop.widgets.chart_panel import ChartPanel
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.lazy_tab import LazyTab
from desktop.widgets.table_view import RowTableView
from models.changes import Changes
from models.efficiency import queries as Q
from models.efficiency import services as S
from models.efficiency.engine import ItemScore
from models.efficiency.measures import measures_for
from models.errors import NotFoundError
from models.progress import Progress


def result_columns() -> list[TableColumn]:
    # the group first: ranks restart in each group (and each industry, where the rule splits by it)
    return [
        # wide enough for 规上企业·集成电路 / Above-scale firms · Integrated circuits
        TableColumn(
            tr("分组"), lambda r: group_text(r.group, r.industry), width=230 if language() == "en" else 130
        ),
        TableColumn(tr("组内排名"), lambda r: r.rank, align_right=True, width=80),
        TableColumn(tr("类别"), lambda r: r.klass, width=55),
        TableColumn(tr("企业名称"), lambda r: r.name, width=230),
        decimal_column(tr("综合得分"), lambda r: r.score, places=2, width=80),
        TableColumn(tr("所属平台"), lambda r: r.platform_name, width=110),
        TableColumn(tr("统一社会信用代码"), lambda r: r.uscc, width=160),
    ]


def _note(it: ItemScore) -> str:
    parts = []
    if it.capped:
        parts.append(tr("封顶"))
    if it.floored:
        parts.append(tr("负值记0分"))
    if it.missing:
        parts.append(tr("缺失，取同组该项平均得分") if it.imputed else tr("缺失，记0分"))
    if it.benchmark is None:
        parts.append(tr("无基准值"))
    return "；".join(parts)


def _value_text(it: ItemScore, v: Any) -> str:
    if v is None:
        return ""
    return format_decimal(v * 100, 2) + "%" if it.key == "rd_ratio" else format_decimal(v, 2)


def breakdown_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("指标"), lambda it: indicator_label(it.key), width=110),
        TableColumn(
            tr("指标值"), lambda it: it, lambda it: _value_text(it, it.value), align_right=True, width=75
        ),
        TableColumn(
            tr("基准值"), lambda it: it, lambda it: _value_text(it, it.benchmark), align_right=True, width=75
        ),
        decimal_column(tr("权重"), lambda it: it.weight, places=0, width=50),
        decimal_column(tr("得分"), lambda it: it.points, places=2, width=65),
        # beside the points: capped, floored, missing
        TableColumn(tr("说明"), _note, width=210 if language() == "en" else 170),
        decimal_column(tr("计算得分"), lambda it: it.raw_points, places=2, width=75),
        decimal_column(tr("封顶分"), lambda it: it.cap, places=1, width=60),
        TableColumn(tr("单位"), lambda it: indicator_unit(it.key), width=90),
    ]


def history_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("年度"), lambda h: h.year, width=60),
        TableColumn(
            tr("分组"), lambda h: group_text(h.group, h.industry), width=230 if language() == "en" else 130
        ),
        TableColumn(tr("类别"), lambda h: h.klass, width=50),
        decimal_column(tr("综合得分"), lambda h: h.score, places=2, width=80),
        TableColumn(tr("组内排名"), lambda h: h.rank, align_right=True, width=70),
    ]


def record_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("年度"), lambda r: r.year, width=62),
        TableColumn(tr("企业名称"), lambda r: r.name, width=210),
        TableColumn(tr("统一社会信用代码"), lambda r: r.uscc, width=160),
        TableColumn(tr("所属平台"), lambda r: r.platform_name, width=100),
        TableColumn(tr("规上"), lambda r: r.above_scale, lambda v: tr("是") if v else tr("否"), width=62),
        TableColumn(tr("状态"), lambda r: status_label(r.status), width=62),
        TableColumn(
            tr("用地（亩）"), lambda r: r.land_m2, lambda v: format_area(v), align_right=True, width=104
        ),
        TableColumn(tr("税收（万元）"), lambda r: r.tax, format_money, align_right=True, width=118),
        decimal_column(tr("亩均税收"), lambda r: r.tax_per_mu, places=2, width=90),
        TableColumn(
            tr("工业增加值（万元）"), lambda r: r.value_added, format_money, align_right=True, width=160
        ),
        decimal_column(tr("亩均增加值"), lambda r: r.va_per_mu, places=2, width=104),
        TableColumn(
            tr("主营收入（万元）"), lambda r: r.main_revenue, format_money, align_right=True, width=146
        ),
        decimal_column(tr("能耗（吨标煤）"), lambda r: r.energy_tce, places=2, width=132),
        decimal_column(tr("排放（吨）"), lambda r: r.emissions_t, places=3, width=104),
        decimal_column(tr("用电（兆瓦时）"), lambda r: r.electricity_mwh, places=2, width=146),
        TableColumn(
            tr("研发经费（万元）"), lambda r: r.rd_spending, format_money, align_right=True, width=146
        ),
        TableColumn(tr("职工人数"), lambda r: r.employees, align_right=True, width=90),
        TableColumn(tr("保护期止"), lambda r: r.protection_to, format_date, width=90),
    ]


class EfficiencyPage(MasterDetailPage):
    key: ClassVar[str] = "efficiency"
    areas: ClassVar[tuple[str, ...]] = ("efficiency", "enterprises", "policy")
    reads = ("efficiency_records", "efficiency_results")
    kinds: ClassVar[tuple[str, ...]] = ("efficiency", "efficiency-results", "efficiency-publicity")

    @classmethod
    def title(cls) -> str:
        return tr("亩均效益评价")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.years: list[int] = []
        self._streaks: list[Q.StreakFlag] = []
        layout = QVBoxLayout(self)
        self.year_box = QComboBox()
        self.year_box.setMinimumWidth(90)
        self.year_box.currentIndexChanged.connect(lambda _i: self._load_year())
        self.evaluate_button = QPushButton(tr("评价本年度"))
        self.evaluate_button.setToolTip(tr("按该年度生效的评价规则重新计算得分、排名和类别"))
        self.evaluate_button.clicked.connect(self.evaluate)
        self.exchange_buttons(self.open_import, self.open_export, self.open_template)
        layout.addLayout(
            self.page_heading(
                QLabel(tr("年度")),
                self.year_box,
                spacing=16,
                buttons=(self.evaluate_button, self.import_button, self.export_button, self.template_button),
            )
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._results_tab(), tr("评价结果"))
        self.tabs.addTab(self._records_tab(), tr("基础数据"))
        self.tabs.addTab(self._distribution_tab(), tr("分类分布"))
        # built when its tab is first shown (or ``whatif`` is asked for): a third of the page's build
        self._whatif_year: int | None = None
        self.whatif_tab: LazyTab[WhatIfPanel] = LazyTab(self._build_whatif)
        self.tabs.addTab(self.whatif_tab, tr("规则试算"))
        guard(ctx, self.evaluate_button, "efficiency_results")
        guard(ctx, self.import_button, "efficiency_records")

    @property
    def whatif(self) -> WhatIfPanel:
        """The 规则试算 panel (built on first use)."""
        return self.whatif_tab.content()

    def _build_whatif(self, parent: QWidget) -> WhatIfPanel:
        panel = WhatIfPanel(self.ctx, parent)
        guard(self.ctx, panel.save_button, "policy_rules", operation="insert")
        panel.set_year(self._whatif_year)
        return panel

    def _set_whatif_year(self, year: int | None) -> None:
        """The year for 规则试算; its rule set is read only once the panel is built."""
        self._whatif_year = year
        if self.whatif_tab.built:
            self.whatif.set_year(year)

    # --- building ----------------------------------------------------------------------
    def _results_tab(self) -> QWidget:
        self.results = RowTableModel(result_columns(), self)
        self.results.key = lambda r: r.enterprise_id
        self.results_view = RowTableView(self.results, "efficiency.results")
        self.follow_current(self.results_view, self._show_detail)
        self.detail_title = section_title(tr("选择一家企业查看得分构成"))
        self.breakdown = RowTableModel(breakdown_columns(), self)
        self.breakdown_view = RowTableView(self.breakdown, "efficiency.breakdown")
        self.breakdown_view.print_title = tr("亩均效益评价卡")
        self.breakdown_view.print_factory = self._score_card
        self._card: tuple[Any, ...] | None = None
        self.citation = QLabel()
        self.citation.setWordWrap(True)
        self.history = RowTableModel(history_columns(), self)
        self.history_view = RowTableView(self.history, "efficiency.history")
        detail = pane(
            self.detail_title,
            (self.breakdown_view, 3),
            self.citation,
            QLabel(tr("历年评价")),
            (self.history_view, 2),
        )
        return self.master_detail(
            pane(FilterBar(self.results), (self.results_view, 1)), detail, sizes=(640, 720)
        )

    def _records_tab(self) -> QWidget:
        self.records = RowTableModel(record_columns(), self)
        self.records.key = lambda r: r.id
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(0, 0, 0, 0)
        records_bar = FilterBar(self.records)
        self.delete_record_button = QPushButton(tr("删除所选记录…"))
        self.delete_record_button.clicked.connect(self.delete_record)
        guard(self.ctx, self.delete_record_button, "efficiency_records", operation="delete")
        records_bar.add_widget(self.delete_record_button)
        v.addWidget(records_bar)
        self.records_view = RowTableView(self.records, "efficiency.records")
        self.records_view.doubleClicked.connect(lambda index: self.edit_record(index.row()))
        self.records_view.setToolTip(tr("双击一行修改数据"))
        v.addWidget(self.records_view, 1)
        return w

    def _distribution_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.chart = ChartPanel(tr("各平台亩均效益分类"), source=tr("LandSpace 数据库：亩均效益评价结果"))
        v.addWidget(self.chart, 3)
        self.streaks = QLabel()
        self.streaks.setWordWrap(True)
        self.streaks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Scrolled: hundreds of streaks at ten times the district made the label 5,000 px tall, and
        # its height became the page's minimum, the stack's and the window's (it grew off the screen).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.streaks)
        v.addWidget(scroll, 1)
        return w

    # --- reading -----------------------------------------------------------------------
    def year(self) -> int | None:
        data = self.year_box.currentData()
        return int(data) if data is not None else None

    def reload(self) -> None:
        """Years and class streaks (which span every year: read once per change, not per year
        switch) on the worker; then the selected year."""
        db = self.ctx.db

        def query(_progress: Progress) -> tuple[list[int], list[Q.StreakFlag]]:
            with db.read() as session:
                choice_labels.refresh(session)  # the industry chains' English names (分组)
                years = Q.years(session)
                return years, Q.d_streaks(session) if Q.has_results(session) else []

        self.load(query, self._apply_years, title=tr("正在读取亩均效益…"))

    def _apply_years(self, data: tuple[list[int], list[Q.StreakFlag]]) -> None:
        years, self._streaks = data
        if years != self.years:
            keep = self.year()
            self.years = years
            self.year_box.blockSignals(True)
            self.year_box.clear()
            for y in years:
                self.year_box.addItem(tr("{year}年度", year=y), y)
            pos = years.index(keep) if keep in years else 0
            self.year_box.setCurrentIndex(pos if years else -1)
            self.year_box.blockSignals(False)
        self._load_year()

    def _load_year(self) -> None:
        year = self.year()
        if year is None:
            for m in (self.results, self.records, self.breakdown, self.history):
                m.set_rows([])
            self.status.setText(tr("还没有亩均效益数据：请导入经信、税务部门的年度数据表。"))
            self.chart.set_message(tr("暂无数据"))
            self._set_whatif_year(None)
            return
        db = self.ctx.db

        def query(_progress: Progress) -> tuple[int, list[Q.ResultRow], list[Any], list[Q.ClassCount]]:
            with db.read() as session:
                return (
                    year,
                    Q.list_results(session, year=year),
                    Q.list_records(session, year=year),
                    Q.class_distribution(session, year=year),
                )

        self.load(query, self._apply_year, title=tr("正在读取 {year} 年度…", year=year))

    def _apply_year(self, data: tuple[int, list[Q.ResultRow], list[Any], list[Q.ClassCount]]) -> None:
        year, results, records, dist = data
        streaks = self._streaks if results else []
        current = self.current_result()
        self.results.set_rows(results)
        self.records.set_rows(records)
        self._status(year, len(records), results)
        self._chart(dist, year)
        self.streaks.setText(self._streak_text(streaks))
        self._set_whatif_year(year)
        if current is not None and self.results.find_row(current.enterprise_id) >= 0:
            pos = self.results.find_row(current.enterprise_id)
            self.results_view.setCurrentIndex(self.results.index(pos, 0))
            self._show_detail(pos)
        else:
            self.breakdown.set_rows([])
            self.history.set_rows([])
            self._card = None

    def _status(self, year: int, n_records: int, results: list[Q.ResultRow]) -> None:
        if not results:
            self.status.setText(tr("{year}年度有 {n} 条数据，尚未评价。", year=year, n=n_records))
            return
        counts = {k: sum(1 for r in results if r.klass == k) for k in "ABCD"}
        when = max(r.evaluated_at for r in results)
        stale = tr("（数据条数与评价结果不一致，请重新评价）") if n_records != len(results) else ""
        split = sorted({r.group for r in results if r.industry})  # graded within each industry
        if split:
            names = (", " if language() == "en" else "、").join(group_label(g) for g in split)
            stale += tr("；按行业分组评价：{groups}", groups=names)
        self.status.setText(
            tr(
                "{year}年度：{n} 家企业，A 类 {a}、B 类 {b}、C 类 {c}、D 类 {d}；评价于 {when}{stale}",
                year=year,
                n=len(results),
                a=counts["A"],
                b=counts["B"],
                c=counts["C"],
                d=counts["D"],
                when=when.strftime("%Y-%m-%d %H:%M"),
                stale=stale,
            )
        )

    def _chart(self, dist: list[Q.ClassCount], year: int) -> None:
        if not dist:
            self.chart.set_message(tr("暂无评价结果"))
            return
        cats = [d.platform_name or tr("未归属平台") for d in dist]
        series = [(f"{k}{tr('类')}", [getattr(d, k.lower()) for d in dist]) for k in "ABCD"]
        series.append((tr("不参与分类"), [d.ungraded for d in dist]))
        self.chart.set_bars(
            cats,
            series,
            stacked=True,
            y_label=tr("企业数（家）"),
            title=tr("{year}年度各平台亩均效益分类", year=year),
        )

    @staticmethod
    def _streak_text(streaks: list[Q.StreakFlag]) -> str:
        if not streaks:
            return tr("没有连续多年评为 D 类的企业。")
        lines = [tr("连续多年评为 D 类（可据此落实差别化政策）：")]
        lines += [
            tr(
                "· {name}（{uscc}）：{years}",
                name=f.name,
                uscc=f.uscc,
                years="、".join(str(y) for y in f.years),
            )
            for f in streaks
        ]
        return "\n".join(lines)

    def _score_card(self) -> PrintDocument | None:
        """The shown enterprise's score card (``desktop.efficiency.score_card``)."""
        if self._card is None:
            return None
        row, detail, history, measures = self._card
        return score_card(row, detail, history, measures, author=self.ctx.user.username)

    def current_result(self) -> Q.ResultRow | None:
        index = self.results_view.currentIndex()
        return self.results.row_at(index.row()) if index.isValid() else None

    def _show_detail(self, pos: int) -> None:
        year = self.year()
        if pos < 0 or year is None:
            return
        row: Q.ResultRow = self.results.row_at(pos)
        try:
            with self.ctx.db.read() as session:
                detail = Q.result_detail(session, enterprise_id=row.enterprise_id, year=year)
                history = Q.class_history(session, enterprise_id=row.enterprise_id)
                measures = measures_for(session, enterprise_id=row.enterprise_id, year=year)
        except NotFoundError:
            return
        self.breakdown.set_rows(list(detail.items))
        self.history.set_rows(history)
        self.breakdown_view.print_title = tr("亩均效益评价卡 — {name}（{year} 年）", name=row.name, year=year)
        self._card = (row, detail, history, measures)
        self.detail_title.setText(headline(row))
        text = "\n".join(basis_lines(detail, measures))
        self.citation.setText(text)

    # --- writing -----------------------------------------------------------------------
    def evaluate(self) -> None:
        year = self.year()
        if year is None:
            return

        def work(progress: Progress) -> Changes:
            with self.ctx.db.write() as session:
                return S.evaluate_year(session, year=year, progress=progress)

        self.ctx.submit(
            work, self.ctx.changes_applied.emit, title=tr("正在评价 {year} 年度…", year=year), parent=self
        )

    def edit_record(self, pos: int) -> None:
        if pos < 0 or not allowed(self.ctx, "efficiency_records"):
            return
        from desktop.efficiency.record_dialog import RecordDialog

        row: Q.RecordRow = self.records.row_at(pos)
        dialog = RecordDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.changed()
        if (
            changed
            and self.ctx.write(
                lambda s: S.upsert_record(
                    s, enterprise_id=row.enterprise_id, year=row.year, version=row.version, **changed
                ),
                self,
            )
            is None
        ):
            self.reload()

    def delete_record(self) -> None:
        """Delete the selected base-data record (a wrong enterprise or year); the year's
        results stay until it is evaluated again."""
        index = self.records_view.currentIndex()
        if not index.isValid():
            return
        row: Q.RecordRow = self.records.row_at(index.row())
        answer = QMessageBox.question(
            self,
            tr("删除基础数据"),
            tr(
                "删除“{name}”{year} 年度的基础数据？该年度的评价结果需重新评价后才会更新。",
                name=row.name,
                year=row.year,
            ),
        )
        if (
            answer == QMessageBox.StandardButton.Yes
            and self.ctx.write(lambda s: S.delete_record(s, record_id=row.id, version=row.version), self)
            is None
        ):
            self.reload()

    def open_import(self) -> None:
        from desktop.widgets.import_wizard import ImportWizard

        ImportWizard(self.ctx, "efficiency", self).exec()

    def open_export(self) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, None, self, kinds=list(self.kinds))

    def open_template(self) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, "efficiency", self)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(EfficiencyPage, sys.argv[1:]))
