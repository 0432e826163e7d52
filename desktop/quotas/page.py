"""用地指标 — the quota ledger page.

On top, the figure a leader wants first ("科技城 2025 年剩余指标 X 亩") and every other
platform's remainder; then a year picker and an as-of date; the operations (下达, 分配,
使用, 推进环节, 收回, 撤销, 按优先顺序安排, 导入/导出/模板). Tabs: the entries table
(filters per column, search, kind), the balance tree (year → source → platform: granted,
allocated, used by stage, returned, remaining, utilisation, as of the date), the charts,
增存挂钩 with the what-if deduction, and the pending demands the planner works from.
Reading runs through ``ctx.submit`` (off the UI thread when the task runner is there).

Run alone on a demo database: ``python -m desktop.quotas.page [DB]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import choice_labels
from desktop.basis import basis_text
from desktop.choice_labels import choice_text
from desktop.context import AppContext
from desktop.i18n import spaced, tr
from desktop.item_models.formats import area_header, area_unit, format_area, format_percent
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.messages import render
from desktop.page import Page
from desktop.permissions_ui import guard
from desktop.quotas.charts import QuotaCharts
from desktop.quotas.dialogs import (
    STAGE_TEXT,
    AdvanceDialog,
    AllocationDialog,
    CarryOverDialog,
    GrantDialog,
    RepaymentDialog,
    ReturnDialog,
    UseDialog,
)
from desktop.widgets.editors import DateEdit
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.lazy_tab import LazyTab
from desktop.widgets.table_view import RowTableView
from models.progress import Progress
from models.quotas.entries import DemandRow, LedgerEntry, UseRow, demand_rows, ledger_entries, use_rows
from models.quotas.linkage import Linkage, linkage_for_year
from models.quotas.queries import BalanceTree, Figures, PlatformBalance, balance_tree, platform_balances
from models.quotas.queries import years_with_entries as ledger_years
from models.units import AreaUnit

IMPORTABLE = ("quota-grants", "quota-allocations", "quota-uses", "quota-returns", "quota-repayments")
KIND_TEXT = {"grant": "下达", "allocation": "分配", "use": "使用", "return": "收回"}
SOURCE_TEXT = {"new": "新增", "existing": "存量"}
STATUS_TEXT = {"pending": "待安排", "met": "已安排", "withdrawn": "已撤回"}


@dataclass(frozen=True)
class PageData:
    """Everything one reload reads (frozen rows only)."""

    years: list[int]
    year: int
    as_of: dt.date
    entries: list[LedgerEntry]
    uses: dict[int, UseRow]
    tree: BalanceTree
    all_years: BalanceTree
    totals: Figures
    platforms: list[PlatformBalance]
    linkage: Linkage
    demands: list[DemandRow]


def read_page(db: Any, year: int | None, as_of: dt.date, progress: Progress) -> PageData:
    with db.read() as s:
        choice_labels.refresh(s)
        years = ledger_years(s) or [as_of.year]
        year = year if year in years else years[0]
        progress.set(1, 5)
        entries = ledger_entries(s, year=year)
        uses = {u.id: u for u in use_rows(s, year=year)}
        progress.set(2, 5)
        tree = balance_tree(s, as_of=as_of, year=year)
        all_years = balance_tree(s, as_of=as_of)
        totals, plats = platform_balances(s, year=year, as_of=as_of)
        progress.set(4, 5)
        link = linkage_for_year(s, year=year)
        demands = demand_rows(s, year=year)
    return PageData(years, year, as_of, entries, uses, tree, all_years, totals, plats, link, demands)


def entry_columns() -> list[TableColumn]:
    def area(e: LedgerEntry) -> str:
        return format_area(e.area_m2)

    return [
        TableColumn(tr("日期"), lambda e: e.on, lambda v: v.isoformat(), width=96),
        TableColumn(tr("类别"), lambda e: tr(KIND_TEXT[e.kind]), width=56),
        TableColumn(tr("年度"), lambda e: e.year, width=56),
        TableColumn(tr("来源"), lambda e: choice_text("quota_source", e.source) or tr("存量"), width=86),
        TableColumn(tr("下达文号"), lambda e: e.grant_document_no, width=190),
        TableColumn(tr("平台"), lambda e: e.platform, width=80),
        TableColumn(tr("项目"), lambda e: e.project, width=190),
        TableColumn(
            area_header(tr("面积")), lambda e: e.area_m2, lambda v: format_area(v), align_right=True, width=96
        ),
        TableColumn(tr("环节"), lambda e: _stage_text(e), width=112),
        TableColumn(tr("文号/批准文号"), lambda e: e.document_no, width=170),
        TableColumn(tr("说明"), lambda e: e.detail, width=220),
    ]


def _stage_text(e: LedgerEntry) -> str:
    if e.kind != "use":
        return ""
    text = tr(STAGE_TEXT.get(e.stage, e.stage))
    if e.land_source == "existing":
        text += tr("（存量）")
    if e.cancelled_on is not None:
        text = tr("已撤销")
    return text


def demand_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("年度"), lambda d: d.year, width=56),
        TableColumn(tr("平台"), lambda d: d.platform, width=80),
        TableColumn(tr("项目"), lambda d: d.project, width=220),
        TableColumn(
            tr("用途"), lambda d: tr("产业用地") if d.purpose == "industrial" else tr("其他用地"), width=76
        ),
        TableColumn(tr("重大项目"), lambda d: d.is_major, lambda v: tr("是") if v else "", width=84),
        TableColumn(tr("优先级"), lambda d: d.priority, width=60),
        TableColumn(area_header(tr("需求")), lambda d: d.area_m2, lambda v: format_area(v), align_right=True),
        TableColumn(
            area_header(tr("已安排")), lambda d: d.allocated_m2, lambda v: format_area(v), align_right=True
        ),
        TableColumn(area_header(tr("尚缺")), lambda d: d.open_m2, lambda v: format_area(v), align_right=True),
        TableColumn(tr("状态"), lambda d: tr(STATUS_TEXT.get(d.status, d.status)), width=70),
    ]


TREE_COLUMNS = (
    "下达",
    "分配",
    "预安排",
    "报批核销",
    "批准",
    "供地",
    "收回",
    "已用",
    "剩余",
    "未分配",
    "利用率",
)


def figure_cells(f: Figures, *, platform: bool) -> list[str]:
    """The tree's number columns for one node, in the user's unit."""
    cells = [
        "" if platform else format_area(f.granted - f.carried_out),
        format_area(f.allocated),
        format_area(f.reserved),
        format_area(f.deducted),
        format_area(f.approved),
        format_area(f.supplied),
        format_area(f.returned),
        format_area(f.used),
        format_area(f.remaining),
        "" if platform else format_area(f.unallocated),
        format_percent(f.utilisation(of_allocated=platform)),
    ]
    return cells


class QuotaPage(Page):
    key: ClassVar[str] = "quotas"
    areas: ClassVar[tuple[str, ...]] = ("quotas", "platforms", "policy")
    reads = (
        "quota_grants",
        "quota_allocations",
        "quota_uses",
        "quota_returns",
        "quota_demands",
        "land_disposals",
        "quota_repayments",
    )
    kinds: ClassVar[tuple[str, ...]] = (
        "quota-grants",
        "quota-allocations",
        "quota-uses",
        "quota-returns",
        "quota-repayments",
        "quota-balances",
    )

    @classmethod
    def title(cls) -> str:
        return tr("用地指标")

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.data: PageData | None = None
        layout = QVBoxLayout(self)
        self._build_heading(layout)
        self._build_controls(layout)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_entries()
        self._build_tree()
        # 图表 and 待安排需求 are built when their tab is first shown (or ``charts``/``demand_view``
        # are asked for): the figures are kept and given to them then
        self._chart_data: tuple[PageData, AreaUnit] | None = None
        self.charts_tab: LazyTab[QuotaCharts] = LazyTab(self._build_charts)
        self.tabs.addTab(self.charts_tab, tr("图表"))
        self._build_linkage()
        self._build_demands()
        self._apply_role()

    # --- layout --------------------------------------------------------------------------
    def _build_heading(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        title = QLabel(self.title())
        title.setObjectName("pageTitle")
        row.addWidget(title)
        self.headline = QLabel()
        self.headline.setObjectName("quotaHeadline")
        self.headline.setStyleSheet("font-size: 20pt; font-weight: bold; color: #0b5cad; padding: 0 16px;")
        row.addWidget(self.headline)
        self.others = QLabel()
        self.others.setStyleSheet("color: #444; font-size: 11pt;")
        self.others.setWordWrap(True)
        row.addWidget(self.others, 1)
        layout.addLayout(row)

    def _build_controls(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("年度")))
        self.year_combo = QComboBox()
        self.year_combo.activated.connect(lambda _i: self.reload())
        row.addWidget(self.year_combo)
        row.addWidget(QLabel(tr("截至")))
        self.as_of = DateEdit(allow_blank=False)
        self.as_of.set_value(self.today)
        self.as_of.edited.connect(self.reload)
        row.addWidget(self.as_of)
        row.addStretch(1)
        # Two rows of buttons: one row needed 1336 px, more than a 1280×720 screen gives.
        second = QHBoxLayout()
        second.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, target in (
            ("grant", tr("下达…"), self.new_grant, row),
            ("allocate", tr("分配…"), self.new_allocation, row),
            ("use", tr("使用…"), self.new_use, row),
            ("advance", tr("推进环节…"), self.advance_selected, row),
            ("return", tr("收回…"), self.return_selected, row),
            ("cancel", tr("撤销…"), self.cancel_selected, row),
            ("plan", tr("按优先顺序安排…"), self.open_planner, second),
            ("repay", tr("归还预支…"), self.repay_advance, second),
            ("carry", tr("结转…"), self.carry_over, second),
            ("import", tr("导入…"), self.open_import, second),
            ("export", tr("导出…"), self.open_export, second),
            ("template", tr("模板…"), self.open_template, second),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            target.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(row)
        layout.addLayout(second)

    def _build_entries(self) -> None:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        self.entry_model = RowTableModel(entry_columns(), self)
        self.entry_model.key = lambda e: (e.kind, e.id)
        self.filter_bar = FilterBar(self.entry_model)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(tr("类别"))
        self.kind_combo.addItem(tr("全部类别"), None)
        for kind, text in KIND_TEXT.items():
            self.kind_combo.addItem(tr(text), kind)
        self.kind_combo.activated.connect(lambda _i: self._apply_kind())
        self.filter_bar.add_widget(self.kind_combo)
        inner.addWidget(self.filter_bar)
        self.entry_view = RowTableView(self.entry_model, "quota_entries")
        self.entry_view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        inner.addWidget(self.entry_view, 1)
        self.tabs.addTab(box, tr("台账明细"))

    def _build_tree(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setColumnCount(1 + len(TREE_COLUMNS))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 200)
        for c in range(1, 1 + len(TREE_COLUMNS)):
            self.tree.setColumnWidth(c, 92)
        self.tabs.addTab(self.tree, tr("余额"))

    def _build_linkage(self) -> None:
        box = QWidget()
        inner = QVBoxLayout(box)
        self.linkage_summary = QLabel()
        self.linkage_summary.setWordWrap(True)
        self.linkage_summary.setStyleSheet("font-size: 12pt;")
        self.linkage_detail = QLabel()
        self.linkage_detail.setWordWrap(True)
        self.linkage_detail.setTextFormat(Qt.TextFormat.RichText)
        inner.addWidget(self.linkage_summary)
        inner.addWidget(self.linkage_detail)
        self.buttons["disposal"] = QPushButton(tr("登记处置…"))
        self.buttons["disposal"].clicked.connect(self.new_disposal)
        row = QHBoxLayout()
        row.addWidget(self.buttons["disposal"])
        row.addStretch(1)
        inner.addLayout(row)
        inner.addStretch(1)
        self.tabs.addTab(box, tr("增存挂钩"))

    @property
    def charts(self) -> QuotaCharts:
        """The 图表 tab's charts (built on first use)."""
        return self.charts_tab.content()

    def _build_charts(self, parent: QWidget) -> QuotaCharts:
        charts = QuotaCharts(parent)
        if self._chart_data is not None:
            self._draw_charts(charts, *self._chart_data)
        return charts

    @staticmethod
    def _draw_charts(charts: QuotaCharts, data: PageData, unit: AreaUnit) -> None:
        charts.show_year(data.year, data.platforms, data.totals, unit)
        charts.show_utilisation(data.all_years)

    def _build_demands(self) -> None:
        # the buttons and the model now (the role and the rows are applied to them at once), the
        # table and the tab's layout when the tab is first shown
        self.buttons["demand"] = QPushButton(tr("新增需求…"))
        self.buttons["demand"].clicked.connect(self.new_demand)
        self.buttons["withdraw"] = QPushButton(tr("撤回需求"))
        self.buttons["withdraw"].clicked.connect(self.withdraw_demand)
        self.demand_model = RowTableModel(demand_columns(), self)
        self.demands_tab: LazyTab[QWidget] = LazyTab(self._build_demand_box)
        self.tabs.addTab(self.demands_tab, tr("待安排需求"))

    @property
    def demand_view(self) -> RowTableView:
        """The 待安排需求 table (its tab is built on first use)."""
        self.demands_tab.content()
        return self._demand_view

    def _build_demand_box(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.buttons["demand"])
        row.addWidget(self.buttons["withdraw"])
        row.addStretch(1)
        inner.addLayout(row)
        self._demand_view = RowTableView(self.demand_model, "quota_demands")
        inner.addWidget(self._demand_view, 1)
        return box

    def _apply_role(self) -> None:
        for key in (
            "grant",
            "allocate",
            "use",
            "advance",
            "return",
            "cancel",
            "plan",
            "import",
            "demand",
            "withdraw",
            "disposal",
            "repay",
            "carry",
        ):
            self.buttons[key].setEnabled(self.ctx.user.can_write)
        for key, tables in (
            ("grant", ("quota_grants",)),
            ("allocate", ("quota_allocations",)),
            ("use", ("quota_uses",)),
            ("advance", ("quota_uses",)),
            ("return", ("quota_returns",)),
            ("cancel", ("quota_uses",)),
            ("plan", ("quota_allocations",)),
            ("repay", ("quota_repayments",)),
            ("carry", ("quota_grants",)),
            (
                "import",
                ("quota_grants", "quota_allocations", "quota_uses", "quota_returns", "quota_repayments"),
            ),
            ("demand", ("quota_demands",)),
            ("withdraw", ("quota_demands",)),
            ("disposal", ("land_disposals",)),
        ):
            guard(self.ctx, self.buttons[key], *tables)
        self._update_buttons()

    # --- reading -------------------------------------------------------------------------
    def selected_year(self) -> int | None:
        value = self.year_combo.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        year, as_of, db = self.selected_year(), self.as_of.value() or self.today, self.ctx.db
        self.load(
            lambda progress: read_page(db, year, as_of, progress),
            self.show_data,
            title=tr("读取用地指标台账"),
        )

    def show_data(self, data: PageData) -> None:
        self.data = data
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in data.years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(data.year)))
        self.year_combo.blockSignals(False)
        unit = area_unit()
        self._show_headline(data)
        self.entry_model.set_rows(data.entries)
        self._show_tree(data.tree)
        self._chart_data = (data, unit)
        if self.charts_tab.built:
            self._draw_charts(self.charts, data, unit)
        self._show_linkage(data.linkage)
        self.demand_model.set_rows(data.demands)
        self._update_buttons()

    def _show_headline(self, data: PageData) -> None:
        if not data.platforms:
            self.headline.setText("")
            return
        first = data.platforms[0]
        self.headline.setText(
            tr(
                "{platform} {year} 年剩余指标 {area}",
                platform=first.platform.label,
                year=data.year,
                area=format_area(first.figures.remaining, with_unit=True),
            )
        )
        others = [
            tr(
                "{platform} 剩余 {area}",
                platform=pb.platform.label,
                area=format_area(pb.figures.remaining, with_unit=True),
            )
            for pb in data.platforms[1:]
        ]
        others.append(tr("未分配 {area}", area=format_area(data.totals.unallocated, with_unit=True)))
        others.append(tr("截至 {on}", on=data.as_of.isoformat()))
        self.others.setText(spaced(others))

    def _show_tree(self, tree: BalanceTree) -> None:
        self.tree.clear()
        labels = (
            [tr("年度 / 来源 / 平台")]
            + [area_header(tr(t)) for t in TREE_COLUMNS[:-1]]
            + [tr(TREE_COLUMNS[-1])]
        )
        self.tree.setHeaderLabels(labels)
        metrics = self.tree.header().fontMetrics()
        for c, label in enumerate(labels[1:], start=1):  # headers whole, in either language
            self.tree.setColumnWidth(c, max(92, metrics.horizontalAdvance(label) + 16))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for y in tree.years:
            top = QTreeWidgetItem([tr("{year} 年", year=y.year)] + figure_cells(y.figures, platform=False))
            bold = top.font(0)
            bold.setBold(True)
            for c in range(top.columnCount()):
                top.setFont(c, bold)
            self.tree.addTopLevelItem(top)
            for sb in y.sources:
                src = QTreeWidgetItem(
                    [choice_text("quota_source", sb.source)] + figure_cells(sb.figures, platform=False)
                )
                top.addChild(src)
                for pb in sb.platforms:
                    src.addChild(
                        QTreeWidgetItem([pb.platform.name] + figure_cells(pb.figures, platform=True))
                    )
            top.setExpanded(True)
        root = self.tree.invisibleRootItem()
        stack = [root.child(i) for i in range(root.childCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            for c in range(1, self.tree.columnCount()):
                item.setTextAlignment(c, right)
            stack.extend(item.child(i) for i in range(item.childCount()))
        self.tree.expandAll()

    def _show_linkage(self, link: Linkage) -> None:
        self.linkage_summary.setText(render(link.problem))
        rows = [
            (tr("处置任务"), format_area(link.target_m2, with_unit=True)),
            (
                tr("批而未供处置"),
                format_area(link.recorded_m2.get("unsupplied", link.target_m2 * 0), with_unit=True),
            ),
            (
                tr("闲置土地处置"),
                format_area(link.recorded_m2.get("idle", link.target_m2 * 0), with_unit=True),
            ),
            (tr("存量供地（台账）"), format_area(link.stock_supplied_m2, with_unit=True)),
            (tr("处置合计"), format_area(link.disposed_m2, with_unit=True)),
            (
                tr("近 {n} 年供地率", n=link.rate_years),
                "—" if link.supply_rate is None else f"{(link.supply_rate * 100).quantize(Decimal('0.1'))}%",
            ),
            (
                tr("挂钩可得新增指标（{year} 年）", year=link.year + 1),
                format_area(link.linked_quota_m2, with_unit=True),
            ),
        ]
        rule = link.rule
        cite = (
            tr(
                "规则：{title}（{basis}，自 {since} 起）",
                title=rule.title,
                basis=basis_text(
                    rule.document_no,
                    rule.clause,
                    is_example=rule.is_example,
                    example_source=rule.example_source,
                ),
                since=rule.effective_from.isoformat(),
            )
            if rule
            else tr("未设规则")
        )
        html = (
            "<table cellpadding='4'>"
            + "".join(f"<tr><td>{k}</td><td align='right'><b>{v}</b></td></tr>" for k, v in rows)
            + "</table>"
        )
        self.linkage_detail.setText(html + f"<p>{cite}</p>")

    # --- selection -----------------------------------------------------------------------
    def _apply_kind(self) -> None:
        kind = self.kind_combo.currentData()
        self.entry_model.set_filter(None if kind is None else (lambda e: e.kind == kind))

    def selected_entry(self) -> LedgerEntry | None:
        index = self.entry_view.currentIndex()
        return self.entry_model.row_at(index.row()) if index.isValid() else None

    def selected_use(self) -> UseRow | None:
        entry = self.selected_entry()
        if entry is None or self.data is None:
            return None
        if entry.kind == "use":
            return self.data.uses.get(entry.id)
        return None

    def _update_buttons(self) -> None:
        use = self.selected_use()
        can = self.ctx.user.can_write
        live = use is not None and use.cancelled_on is None
        self.buttons["advance"].setEnabled(can and live and use is not None and use.stage != "supplied")
        self.buttons["return"].setEnabled(can and live and use is not None and use.allocation_id is not None)
        self.buttons["cancel"].setEnabled(can and live)

    # --- operations ----------------------------------------------------------------------
    def _run(self, dialog: Any) -> Any:
        return dialog.exec()

    def new_grant(self) -> None:
        self._run(GrantDialog(self.ctx, self, year=self.selected_year()))

    def new_allocation(self) -> None:
        entry = self.selected_entry()
        grant_id = entry.id if entry is not None and entry.kind == "grant" else None
        self._run(AllocationDialog(self.ctx, self, year=self.selected_year(), grant_id=grant_id))

    def new_use(self) -> None:
        entry = self.selected_entry()
        alloc = entry.id if entry is not None and entry.kind == "allocation" else None
        self._run(UseDialog(self.ctx, self, year=self.selected_year(), allocation_id=alloc))

    def advance_selected(self) -> None:
        use = self.selected_use()
        if use is not None:
            self._run(AdvanceDialog(self.ctx, use, self))

    def return_selected(self) -> None:
        use = self.selected_use()
        if use is not None:
            self._run(ReturnDialog(self.ctx, use, self))

    def cancel_selected(self) -> None:
        use = self.selected_use()
        if use is not None:
            self._run(ReturnDialog(self.ctx, use, self, cancel=True))

    def repay_advance(self) -> None:
        self._run(RepaymentDialog(self.ctx, self))

    def carry_over(self) -> None:
        entry = self.selected_entry()
        grant_id = entry.id if entry is not None and entry.kind == "grant" else None
        self._run(CarryOverDialog(self.ctx, self, grant_id=grant_id))

    def new_demand(self) -> None:
        from desktop.quotas.input_dialogs import DemandDialog

        self._run(DemandDialog(self.ctx, self, year=self.selected_year()))

    def withdraw_demand(self) -> None:
        from models.quotas import services

        index = self.demand_view.currentIndex()
        if not index.isValid():
            return
        demand = self.demand_model.row_at(index.row())
        self.ctx.write(lambda s: services.withdraw_demand(s, demand_id=demand.id), self)

    def new_disposal(self) -> None:
        from desktop.quotas.input_dialogs import DisposalDialog

        self._run(DisposalDialog(self.ctx, self, year=self.selected_year()))

    def open_planner(self) -> None:
        from desktop.quotas.planner_dialog import PlannerDialog

        self._run(PlannerDialog(self.ctx, self.selected_year() or self.today.year, self, on=self.today))

    def open_import(self) -> None:
        from desktop.widgets.exchange_dialogs import pick_kind
        from desktop.widgets.import_wizard import ImportWizard

        kind = pick_kind(self, tr("导入"), list(IMPORTABLE))
        if kind is not None:
            ImportWizard(self.ctx, kind, self).exec()

    def open_export(self) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, None, self, kinds=list(self.kinds))

    def open_template(self) -> None:
        from desktop.widgets.exchange_dialogs import pick_kind, save_template

        kind = pick_kind(self, tr("下载模板"), list(IMPORTABLE))
        if kind is not None:
            save_template(self.ctx, kind, self)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(QuotaPage, sys.argv[1:]))
