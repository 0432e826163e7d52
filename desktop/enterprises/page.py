"""企业库 — the enterprise register: a table that sorts, filters per column (Excel-like)
and by a search box, edits in place (safe text columns), accepts a column pasted from
Excel (one transaction, all or nothing), exports what is shown; a detail form to
create, edit and delete, with the version the clerk saw (a stale edit is refused with
"changed by someone else" and the row is re-read). Import / export / template of the
kinds ``enterprises`` and ``platforms`` go through the generic wizard and dialogs.

Run alone on a demo database: ``python -m desktop.enterprises.page [DB]``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop import choice_labels
from desktop.choice_labels import choice_text
from desktop.context import AppContext
from desktop.enterprises.form import EnterpriseForm
from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.master_detail import MasterDetailPage
from desktop.messages import render
from desktop.permissions_ui import allowed, guard
from desktop.widgets.filter_bar import FilterBar
from desktop.widgets.table_view import RowTableView
from models.changes import Changes
from models.enterprises import queries, services
from models.enterprises.queries import EnterpriseRow
from models.errors import DomainError, Problem
from models.exchange.keys import KeyIndex
from models.policy.queries import platform_choices, platform_index
from models.progress import Progress

YES_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "制造业"}
NO_WORDS = {"否", "n", "no", "false", "0", "×", "非制造业", ""}

# At most this many edited enterprises are re-read row by row after a change (more: the whole list).
PATCH_LIMIT = 200

# Columns a clerk may edit in the table (or paste into); the USCC only in the form.
EDIT_FIELDS = {
    2: "platform_id",
    3: "industry_chain",
    4: "is_manufacturing",
    5: "address",
    6: "contact",
    7: "phone",
    8: "note",
    1: "name",
}


def enterprise_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("统一社会信用代码"), lambda r: r.uscc, width=170),
        TableColumn(tr("企业名称"), lambda r: r.name, editable=True, width=240),
        TableColumn(tr("所属平台"), lambda r: r.platform_name, editable=True, width=120),
        TableColumn(
            tr("产业链"),
            lambda r: r.industry_chain,
            lambda v: choice_text("industry_chain", v),
            editable=True,
            width=90,
        ),
        TableColumn(
            tr("制造业"),
            lambda r: r.is_manufacturing,
            lambda v: tr("是") if v else tr("否"),
            editable=True,
            width=60,
        ),
        TableColumn(tr("地址"), lambda r: r.address, editable=True, width=220),
        TableColumn(tr("联系人"), lambda r: r.contact, editable=True, width=80),
        TableColumn(tr("电话"), lambda r: r.phone, editable=True, width=120),
        TableColumn(tr("备注"), lambda r: r.note, editable=True, width=160),
    ]


class EnterprisePage(MasterDetailPage):
    key: ClassVar[str] = "enterprises"
    areas: ClassVar[tuple[str, ...]] = ("enterprises", "platforms", "policy")
    reads = ("enterprises",)
    kinds: ClassVar[tuple[str, ...]] = ("enterprises", "platforms")

    @classmethod
    def title(cls) -> str:
        return tr("企业库")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.platforms: list[tuple[int, str]] = []
        self.platform_aliases: KeyIndex | None = None
        self.chains: list[str] = []
        layout = QVBoxLayout(self)
        self.new_button = QPushButton(tr("新建企业"))
        self.new_button.clicked.connect(self.new_enterprise)
        self.exchange_buttons(self.open_import, self.open_export, self.open_template)
        self.shown_button = QPushButton(tr("导出显示的行…"))
        self.shown_button.clicked.connect(self._export_shown_clicked)
        layout.addLayout(
            self.page_heading(
                buttons=(
                    self.new_button,
                    self.import_button,
                    self.export_button,
                    self.template_button,
                    self.shown_button,
                )
            )
        )

        self.model = RowTableModel(enterprise_columns(), self)
        self.model.key = lambda r: r.id
        self.model.on_edit = self.edit_cell
        self.model.on_paste = self.paste_cells
        self.filter_bar = FilterBar(self.model)
        layout.addWidget(self.filter_bar)
        self.view = RowTableView(self.model, "enterprises")
        self.view.export_shown = self.export_shown
        self.view.set_column_choices(2, lambda: ["", *(name for _pid, name in self.platforms)])
        self.view.set_column_choices(
            3, lambda: ["", *((c, choice_text("industry_chain", c)) for c in self.chains)]
        )
        self.view.set_column_choices(4, lambda: [tr("是"), tr("否")])
        self.follow_current(self.view, self._current_changed)
        self.form = EnterpriseForm(self)
        self.form.save_requested.connect(self.save_form)
        self.form.delete_requested.connect(self.delete_current)
        layout.addWidget(self.master_detail(self.view, self.form, sizes=(900, 360), stretch=(3, 1)), 1)
        self._apply_role()

    def _apply_role(self) -> None:
        can_write = allowed(self.ctx, "enterprises")
        guard(self.ctx, self.new_button, "enterprises", operation="insert")
        guard(self.ctx, self.import_button, "enterprises")
        guard(self.ctx, self.form.save_button, "enterprises", operation="update")
        guard(self.ctx, self.form.delete_button, "enterprises", operation="delete")
        for button in (self.new_button, self.import_button):
            button.setEnabled(can_write)
        if not can_write:
            self.model.on_edit = None
            self.model.on_paste = None
        self.form.set_read_only(not can_write)

    # --- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        db = self.ctx.db

        def query(_progress: Progress) -> tuple[Any, ...]:
            with db.read() as session:
                choice_labels.refresh(session)
                return (
                    queries.list_enterprises(session),
                    platform_choices(session),
                    platform_index(session),
                    queries.industry_chains(session),
                )

        self.load(query, self._apply, title=tr("正在读取企业…"))

    def on_changes(self, changes: Changes) -> None:
        """Seen, after a few enterprises were edited (no other area, none added or deleted):
        re-read only those rows (an edit in a register of 33,000 does not re-read it all)."""
        ids = frozenset(changes.ids)
        if (
            changes.areas == frozenset({"enterprises"})
            and ids
            and not changes.created
            and not changes.deleted
            and changes.updated == len(ids) <= PATCH_LIMIT
            and self.model.total_count()
            and not self.loading
            and not self.hidden_in_stack()
        ):
            db = self.ctx.db

            def query(_progress: Progress) -> list[EnterpriseRow]:
                with db.read() as session:
                    return [queries.get_enterprise(session, i) for i in sorted(ids)]

            self.load(query, self._patch, title=tr("正在读取企业…"), on_error=lambda _exc: self.reload())
            return
        super().on_changes(changes)

    def _patch(self, changed: list[EnterpriseRow]) -> None:
        """The edited rows put in place (no pass over the other 33,000); a renamed enterprise
        moves, so the list is re-ordered as ``list_enterprises`` reads it."""
        by_id = {r.id: r for r in changed}
        held = [self.model.row_by_key(i) for i in by_id]
        renamed = any(r is not None and r.name != by_id[r.id].name for r in held)
        if renamed or not self.model.replace_rows(changed):
            rows = [by_id.get(r.id, r) for r in self.model.all_rows()]
            rows.sort(key=lambda r: (r.name, r.id))  # the order ``list_enterprises`` reads
            self._show_rows(rows)
            return
        current = self.current_row()
        if current is not None and current.id in by_id:
            self.form.set_record(current)

    def _apply(self, data: tuple[Any, ...]) -> None:
        rows, self.platforms, self.platform_aliases, self.chains = data
        self.form.set_choices(self.platforms, self.chains)
        self._show_rows(rows)

    def _show_rows(self, rows: list[EnterpriseRow]) -> None:
        current = self.current_row()
        self.model.set_rows(rows)
        if current is not None:
            self.select_enterprise(current.id)
        elif self.form.record is not None:
            self.form.set_record(None)

    def current_row(self) -> EnterpriseRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_enterprise(self, enterprise_id: int) -> bool:
        pos = self.model.find_row(enterprise_id)
        if pos < 0:
            self.form.set_record(None)
            return False
        self.view.setCurrentIndex(self.model.index(pos, 0))
        self.view.scrollTo(self.model.index(pos, 0))
        self.form.set_record(self.model.row_at(pos))
        return True

    def _current_changed(self, pos: int) -> None:
        row = self.model.row_at(pos) if pos >= 0 else None
        if row is not None and (self.form.record is None or self.form.record.id != row.id):
            self.form.set_record(row)

    # --- writing ---------------------------------------------------------------------
    def _field_value(self, col: int, text: str) -> tuple[str, Any]:
        """Cell text → (service field, value); DomainError when it cannot be one."""
        field = EDIT_FIELDS[col]
        text = text.strip()
        if field == "platform_id":
            if not text:
                return field, None
            pid = self.platform_aliases.get(text) if self.platform_aliases is not None else None
            if pid is not None:
                return field, pid
            raise DomainError("enterprise.unknown_platform_name", value=text)
        if field == "is_manufacturing":
            low = text.casefold()
            if low in YES_WORDS:
                return field, True
            if low in NO_WORDS:
                return field, False
            raise DomainError("value.not_yes_no", value=text)
        return field, text

    def edit_cell(self, row: EnterpriseRow, col: int, text: str) -> bool:
        return self.paste_cells([(row, col, text)])

    def paste_cells(self, cells: list[tuple[EnterpriseRow, int, str]]) -> bool:
        """Write the cells of one edit or paste in ONE transaction: all or none."""
        if not cells:
            return False
        by_row: dict[int, dict[str, Any]] = defaultdict(dict)
        rows: dict[int, EnterpriseRow] = {}
        try:
            for row, col, text in cells:
                if col not in EDIT_FIELDS:
                    continue
                field, value = self._field_value(col, text)
                by_row[row.id][field] = value
                rows[row.id] = row
        except DomainError as exc:
            self.ctx.show_error(exc, self)
            return False

        def op(session: Session) -> Changes:
            total = Changes.of("enterprises")
            for ent_id, fields in by_row.items():
                try:
                    total = total | services.update_enterprise(
                        session, enterprise_id=ent_id, version=rows[ent_id].version, **fields
                    )
                except DomainError as exc:
                    raise _with_row(exc, rows[ent_id]) from exc
            return total

        changes = self.ctx.write(op, self)
        if changes is None:
            self.reload()  # show what is stored now (someone else's change, or nothing)
            return False
        return True

    def new_enterprise(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, -1))
        self.form.set_record(None)
        self.form.focus_first()

    def save_form(self) -> None:
        problems = self.form.validate()
        if problems:
            QMessageBox.warning(self, tr("无法保存"), "\n".join(problems))
            return
        values = self.form.values()
        record: EnterpriseRow | None = self.form.record
        if record is None:
            changes = self.ctx.write(lambda s: services.create_enterprise(s, **values), self)
            if changes is not None and changes.ids:
                self.select_enterprise(changes.ids[0])
            return
        changed = {k: v for k, v in values.items() if getattr(record, k) != v}
        if not changed:
            return
        changes = self.ctx.write(
            lambda s: services.update_enterprise(
                s, enterprise_id=record.id, version=record.version, **changed
            ),
            self,
        )
        if changes is None:
            self.reload()

    def delete_current(self) -> None:
        record: EnterpriseRow | None = self.form.record
        if record is None:
            return
        answer = QMessageBox.question(
            self, tr("删除企业"), tr("删除“{name}”（{uscc}）？", name=record.name, uscc=record.uscc)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        changes = self.ctx.write(
            lambda s: services.delete_enterprise(s, enterprise_id=record.id, version=record.version), self
        )
        if changes is None:
            self.reload()
        else:
            self.form.set_record(None)

    # --- exchange --------------------------------------------------------------------
    def open_import(self, kind: str = "enterprises") -> None:
        from desktop.widgets.import_wizard import ImportWizard

        ImportWizard(self.ctx, kind if isinstance(kind, str) else "enterprises", self).exec()

    def open_export(self) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, "enterprises", self)

    def open_template(self) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, "enterprises", self)

    def _export_shown_clicked(self) -> None:
        self.export_shown(self.model.rows())

    def export_shown(self, rows: list[Any]) -> None:
        from desktop.widgets.exchange_dialogs import export_shown_rows

        export_shown_rows(self.model, self, tr("企业库"), rows)


def _with_row(exc: DomainError, row: EnterpriseRow) -> DomainError:
    """Name the enterprise in a refusal during a multi-row paste."""
    problems = [Problem(p.code, {**p.fields, "enterprise": row.name}, p.severity) for p in exc.problems]
    err = type(exc).from_problems(problems)
    return err


def describe(problem: Problem) -> str:
    return render(problem)


if __name__ == "__main__":  # pragma: no cover - review helper
    import sys

    from desktop.widgets.preview import preview

    sys.exit(preview(EnterprisePage, sys.argv[1:]))
