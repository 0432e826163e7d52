"""审计日志: who changed what and when, with before/after values; filter and verify the chain."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.admin.labels import action_label
from desktop.context import AppContext
from desktop.i18n import listed, tr
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.messages import render
from desktop.messages.labels import FIELD_LABELS, field_label, table_label
from desktop.page import Page
from desktop.permissions_ui import allowed, guard
from desktop.printing.attach import attach_print_menu
from desktop.widgets.date_edit import DateEdit
from desktop.widgets.keyboard import table_keys
from desktop.widgets.list_table import list_table
from models.accounts.queries import (
    AuditFilter,
    AuditNews,
    AuditRow,
    audit_entries,
    audit_facets,
    audit_news,
    last_audit_id,
)
from models.changes import AREAS, Changes
from models.errors import Problem
from models.progress import Progress

LIST_SHOWN = 20  # items of a long list shown in the detail (the entry keeps them all)


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and len(value) > LIST_SHOWN:  # e.g. an evaluation's 20,000 results
        import json

        shown = json.dumps(value[:LIST_SHOWN], ensure_ascii=False)[:-1]
        return tr("{shown} …（共 {n} 项）", shown=shown, n=f"{len(value):,}")
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    return str(value)


def _short_field(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return tr(label) if label else name


def change_rows(entry: AuditRow) -> list[tuple[str, str, str]]:
    """(field, before, after) of one entry, for the detail table."""
    rows: list[tuple[str, str, str]] = []
    for name, pair in entry.changes.items():
        if isinstance(pair, list) and len(pair) == 2:
            rows.append((name, _value_text(pair[0]), _value_text(pair[1])))
        else:
            rows.append((name, "", _value_text(pair)))
    return rows


class AuditPage(Page):
    key = "audit"
    areas = AREAS  # every change writes an audit row
    reads = ("audit_entries",)

    @classmethod
    def title(cls) -> str:
        return tr("审计日志")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:  # noqa: PLR0915  builds the page's filters, table and detail in reading order
        super().__init__(ctx, parent)
        self._last_id: int | None = None  # the newest entry read: changes append what follows it
        self.entity = QComboBox()
        self.actor = QComboBox()
        self.use_dates = QCheckBox(tr("日期"))
        self.date_from = DateEdit(allow_blank=False)
        self.date_to = DateEdit(allow_blank=False)
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(False)
        today = QDate.currentDate()
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索字段值、原因…"))
        self.search.setClearButtonEnabled(True)
        self.apply_button = QPushButton(tr("查询"))
        self.verify_button = QPushButton(tr("校验审计链"))
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("对象")))
        bar.addWidget(self.entity)
        bar.addWidget(QLabel(tr("操作人")))
        bar.addWidget(self.actor)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.date_to)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.apply_button)
        bar.addWidget(self.verify_button)

        self.model = RowTableModel(
            [
                # (time, id): entries of one transaction share a time; the id keeps their order
                TableColumn(
                    tr("时间"),
                    lambda r: (r.at, r.id),
                    lambda v: v[0].strftime("%Y-%m-%d %H:%M:%S"),
                    width=150,
                ),
                TableColumn(tr("操作人"), lambda r: r.actor, width=100),
                TableColumn(tr("动作"), lambda r: r.action, action_label, width=70),
                TableColumn(tr("对象"), lambda r: r.entity, table_label, width=100),
                TableColumn(tr("记录号"), lambda r: r.record_id, align_right=True, width=70),
                TableColumn(tr("字段"), lambda r: listed(_short_field(f) for f in r.fields), width=320),
                TableColumn(tr("原因"), lambda r: r.reason, width=160),
            ],
            self,
        )
        self.table = list_table(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first, as queried
        self.table.verticalHeader().setDefaultSectionSize(24)

        self.detail_title = QLabel(tr("选中一条记录查看修改前后的值"))
        self.detail = RowTableModel(
            [
                TableColumn(tr("字段"), lambda r: r[0], field_label, width=160),
                TableColumn(tr("修改前"), lambda r: r[1], width=260),
                TableColumn(tr("修改后"), lambda r: r[2], width=260),
            ],
            self,
        )
        self.detail_view = QTableView()
        table_keys(self.detail_view)
        attach_print_menu(self.detail_view, lambda: self.detail_title.text())
        self.detail_view.setModel(self.detail)
        self.detail_view.verticalHeader().setVisible(False)
        self.detail_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.detail_view.setWordWrap(True)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_title)
        lower_layout.addWidget(self.detail_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.apply_button.clicked.connect(self.reload)
        self.search.returnPressed.connect(self.reload)
        self.entity.activated.connect(lambda _i: self.reload())
        self.actor.activated.connect(lambda _i: self.reload())
        self.verify_button.clicked.connect(self.verify)
        for b in (self.apply_button, self.verify_button):  # reads of the audit log
            guard(self.ctx, b, "audit_entries", operation="read")
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))
        self.reload()

    # --- data ----------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            entity=self.entity.currentData() or None,
            actor=self.actor.currentData() or None,
            date_from=self.date_from.value() if self.use_dates.isChecked() else None,
            date_to=self.date_to.value() if self.use_dates.isChecked() else None,
            text=self.search.text(),
        )

    def _fill_combo(self, combo: QComboBox, values: list[str], label: Any) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("全部"), "")
        for value in values:
            combo.addItem(label(value), value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def reload(self) -> None:
        """The whole filtered list (on a filter change, or when shown after being stale)."""
        if not allowed(self.ctx, "audit_entries", "read"):  # the core would refuse the query
            self.model.set_rows([])
            self.status.setText(tr("当前角色无权查看审计日志。"))
            return
        db, flt = self.ctx.db, self.current_filter()

        def query(_progress: Progress) -> tuple[list[str], list[str], list[AuditRow], int]:
            with db.read() as s:
                entities, actors = audit_facets(s)
                return entities, actors, audit_entries(s, flt), last_audit_id(s)

        self.load(query, lambda data: self._apply(flt, *data), title=tr("正在读取审计日志…"))

    def on_changes(self, changes: Changes) -> None:
        """Seen: append what the log gained (never re-read it); hidden: reload when shown."""
        if self.hidden_in_stack() or self._last_id is None or self.loading:
            super().on_changes(changes)
            return
        db, flt, after = self.ctx.db, self.current_filter(), self._last_id

        def query(_progress: Progress) -> AuditNews:
            with db.read() as s:
                return audit_news(s, flt, after_id=after)

        self.load(query, lambda news: self._append(flt, news), title=tr("正在读取审计日志…"))

    def _add_choices(self, combo: QComboBox, values: list[str], label: Any) -> None:
        have = {combo.itemData(i) for i in range(combo.count())}
        for value in values:
            if value not in have:
                combo.addItem(label(value), value)

    def _append(self, flt: AuditFilter, news: AuditNews) -> None:
        self._add_choices(self.entity, news.entities, table_label)
        self._add_choices(self.actor, news.actors, str)
        self._last_id = news.last_id
        if news.rows:
            rows = (list(news.rows) + list(self.model.all_rows()))[: flt.limit]
            self.model.set_rows(rows)
            self._status(flt, rows)

    def _apply(
        self, flt: AuditFilter, entities: list[str], actors: list[str], rows: list[AuditRow], last_id: int
    ) -> None:
        self._fill_combo(self.entity, entities, table_label)
        self._fill_combo(self.actor, actors, str)
        self._last_id = last_id
        self.model.set_rows(rows)
        self._status(flt, rows)
        if rows:
            self.table.selectRow(0)
        else:
            self.show_detail(-1)

    def _status(self, flt: AuditFilter, rows: list[AuditRow]) -> None:
        more = tr("（仅显示最新 {n} 条）", n=flt.limit) if len(rows) >= flt.limit else ""
        self.status.setText(tr("共 {n} 条", n=len(rows)) + more)

    def show_detail(self, row: int) -> None:
        if row < 0 or row >= self.model.rowCount():
            self.detail.set_rows([])
            self.detail_title.setText(tr("选中一条记录查看修改前后的值"))
            return
        entry: AuditRow = self.model.row_at(row)
        self.detail.set_rows(change_rows(entry))
        record = f" #{entry.record_id}" if entry.record_id is not None else ""
        self.detail_title.setText(
            tr(
                "{when} {actor} {action}{entity}{record}",
                when=entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                actor=entry.actor,
                action=action_label(entry.action),
                entity=table_label(entry.entity),
                record=record,
            )
        )

    def verify(self) -> None:
        from models.accounts.audit import verify_chain

        def work(_progress: Any) -> list[Problem]:
            with self.ctx.db.read() as s:
                return verify_chain(s)

        def done(problems: list[Problem]) -> None:
            if not problems:
                self.status.setText(tr("审计链完整：没有发现在程序之外的修改。"))
            else:
                self.status.setText("\n".join(render(p) for p in problems[:5]))

        self.ctx.submit(work, done, title=tr("校验审计链"), parent=self)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(AuditPage, sys.argv[1:]))
