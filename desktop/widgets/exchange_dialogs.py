"""Generic export / template / kind-picker dialogs around the exchange engine.

- ``pick_kind(parent, purpose, kinds=None) -> str | None``: the File menu's kind picker.
- ``export_kind_dialog(ctx, kind_name, parent)``: asks a file (.xlsx or .csv by
  extension) and the kind's options, writes it in a task.
- ``save_template(ctx, kind_name, parent)``: the empty import workbook of a kind.
- ``export_shown_rows(model, parent, name)``: "export what is shown" — the rows and
  columns of a table as displayed (filtered, sorted, areas in the user's unit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import bracketed, tr
from desktop.item_models.row_table import RowTableModel
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.file_dialogs import save_file_name
from desktop.widgets.kind_options import (
    carrier_names,
    is_flag,
    kind_title,
    option_editor,
    option_label,
    option_value,
)
from models.exchange.registry import all_kinds, get_kind
from models.progress import Progress

EXPORT_FILTER = "Excel (*.xlsx);;CSV (*.csv)"


def _last_folder() -> str:
    from desktop.settings import LAST_FOLDER, settings

    return settings().get(LAST_FOLDER)


def _remember(path: str) -> None:
    from desktop.settings import LAST_FOLDER, settings

    settings().set(LAST_FOLDER, str(Path(path).parent))
    settings().add_recent_file(path)


def _ask_save(parent: QWidget | None, title: str, name: str, *, xlsx_only: bool = False) -> Path | None:
    suggested = str(Path(_last_folder() or ".") / name)
    path, chosen = save_file_name(parent, title, suggested, "Excel (*.xlsx)" if xlsx_only else EXPORT_FILTER)
    if not path:
        return None
    target = Path(path)
    if xlsx_only and target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")  # a template needs dropdowns: .xlsx only
    elif target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
    _remember(str(target))
    return target


class KindDialog(QDialog):
    """Choose a kind (and its options, for export)."""

    def __init__(
        self,
        purpose: str,
        kinds: list[str] | None = None,
        parent: QWidget | None = None,
        with_options: bool = False,
        ctx: AppContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(purpose)
        available = all_kinds()
        names = [k for k in (kinds or list(available)) if k in available]
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.combo = QComboBox()
        for name in names:
            self.combo.addItem(bracketed(kind_title(available[name]), name), name)
        form.addRow(tr("数据类别"), self.combo)
        layout.addLayout(form)
        self.with_options = with_options
        self.options_form = QFormLayout()
        layout.addLayout(self.options_form)
        self.option_editors: dict[str, QWidget] = {}
        if not names:
            layout.addWidget(QLabel(tr("没有可用的数据类别。")))
        buttons = ok_cancel(self)
        layout.addWidget(buttons)
        self.combo.currentIndexChanged.connect(self._options)
        self._options()

    def kind_name(self) -> str | None:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def _options(self) -> None:
        while self.options_form.rowCount():
            self.options_form.removeRow(0)
        self.option_editors = {}
        name = self.kind_name()
        if not self.with_options or name is None:
            return
        options = get_kind(name).options
        carriers = (
            carrier_names(self.ctx)
            if self.ctx is not None and any(o.name == "carrier" for o in options)
            else []
        )
        for option in options:
            editor = option_editor(option, carriers)
            self.option_editors[option.name] = editor
            self.options_form.addRow("" if is_flag(option) else option_label(option), editor)

    def options(self) -> dict[str, Any]:
        name = self.kind_name()
        if name is None:
            return {}
        values = {}
        for option in get_kind(name).options:
            value = (
                option_value(option, self.option_editors[option.name])
                if option.name in self.option_editors
                else None
            )
            if value is not None:
                values[option.name] = value
        return values


def pick_kind(
    parent: QWidget | None, purpose: str, kinds: list[str] | None = None, first: list[str] | None = None
) -> str | None:
    """Ask for a kind; ``first`` (the current page's kinds) are listed at the top."""
    if kinds is None and first:
        kinds = [*first, *(k for k in all_kinds() if k not in first)]
    dialog = KindDialog(purpose, kinds, parent)
    return dialog.kind_name() if dialog.exec() == QDialog.DialogCode.Accepted else None


def export_kind_dialog(
    ctx: AppContext,
    kind_name: str | None = None,
    parent: QWidget | None = None,
    kinds: list[str] | None = None,
    first: list[str] | None = None,
) -> None:
    """Export a kind (asking which when ``kind_name`` is None) to a file in a task."""
    options: dict[str, Any] = {}
    if kind_name is None or get_kind(kind_name).options:
        if kind_name is None and kinds is None and first:
            kinds = [*first, *(k for k in all_kinds() if k not in first)]
        dialog = KindDialog(
            tr("导出"), [kind_name] if kind_name else kinds, parent, with_options=True, ctx=ctx
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.kind_name() is None:
            return
        kind_name, options = dialog.kind_name(), dialog.options()
    assert kind_name is not None
    kind = get_kind(kind_name)
    target = _ask_save(parent, tr("导出：{title}", title=kind_title(kind)), f"{kind_title(kind)}.xlsx")
    if target is None:
        return

    def work(progress: Progress) -> int:
        from models.exchange.writer import export_kind

        return int(export_kind(ctx.db, kind, target, options=options, user_id=ctx.user.id, progress=progress))

    def done(count: int) -> None:
        QMessageBox.information(
            parent, tr("导出完成"), tr("已导出 {count} 行到 {path}", count=count, path=str(target))
        )

    ctx.submit(work, done, title=tr("正在导出…"), parent=parent)


def save_template(
    ctx: AppContext,  # noqa: ARG001  the (ctx, kind, parent) shape every exchange dialog helper shares
    kind_name: str | None = None,
    parent: QWidget | None = None,
    first: list[str] | None = None,
) -> Path | None:
    if kind_name is None:
        kind_name = pick_kind(parent, tr("下载模板"), first=first)
        if kind_name is None:
            return None
    kind = get_kind(kind_name)
    target = _ask_save(
        parent,
        tr("保存模板：{title}", title=kind_title(kind)),
        tr("{title}_导入模板", title=kind_title(kind)) + ".xlsx",
        xlsx_only=True,
    )
    if target is None:
        return None
    from models.exchange.writer import write_template

    write_template(kind, target)
    QMessageBox.information(parent, tr("模板已保存"), tr("模板已保存到 {path}", path=str(target)))
    return target


def write_shown_rows(model: RowTableModel, path: Path, rows: list[Any] | None = None) -> int:
    """Write the table as shown (titles, display texts) to .xlsx or .csv. Every text is
    written as text, never as a formula; numbers in right-aligned columns as numbers."""
    from desktop.widgets.table_export import write_table

    return write_table(model, path, rows)


def export_shown_rows(
    model: RowTableModel, parent: QWidget | None, name: str, rows: list[Any] | None = None
) -> Path | None:
    target = _ask_save(parent, tr("导出显示的行"), f"{name}.xlsx")
    if target is None:
        return None
    count = write_shown_rows(model, target, rows)
    QMessageBox.information(
        parent, tr("导出完成"), tr("已导出 {count} 行到 {path}", count=count, path=str(target))
    )
    return target
