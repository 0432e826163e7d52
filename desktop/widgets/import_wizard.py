"""``ImportWizard(ctx, kind_name)``: choose a file → dry run (in a task) → preview with
the counts and every problem (sheet, Excel row, column header, value, message) →
confirm → the real import (in a task, all or nothing) → ``ctx.changes_applied``.

From the preview, "保存错误标注工作簿…" writes a copy of the input with the bad cells
marked and commented (``models.exchange.importer.write_error_workbook``), to send back
to the department that made the file. Kind options (``year``, ``as_of`` …) are asked
on the first step. Every page opens it for its kinds; the File menu opens it with a
kind picker (``desktop.widgets.exchange_dialogs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import tr
from desktop.item_models.row_table import RowTableModel, TableColumn
from desktop.messages import format_value, render
from desktop.widgets.exchange_dialogs import save_template
from desktop.widgets.file_dialogs import open_file_name, save_file_name
from desktop.widgets.kind_options import (
    carrier_names,
    is_flag,
    kind_title,
    option_editor,
    option_label,
    option_value,
)
from desktop.widgets.table_view import RowTableView
from models.errors import DomainError, Problem
from models.exchange.registry import get_kind
from models.exchange.spec import Kind, RowProblem
from models.progress import Progress

WORKBOOK_FILTER = "Excel (*.xlsx *.xlsm *.xls);;OpenDocument (*.ods);;CSV (*.csv *.txt);;" + "* (*)"
SKIP_REASONS = {"blank": "空行", "total": "合计/小计行", "note": "注释行", "unit_row": "单位行"}


def problem_columns() -> list[TableColumn]:
    return [
        TableColumn(tr("工作表"), lambda p: p.sheet, width=90),
        TableColumn(tr("行"), lambda p: p.row, align_right=True, width=50),
        TableColumn(tr("列"), lambda p: p.column or "", width=120),
        TableColumn(tr("值"), lambda p: p.value, lambda v: "" if v is None else format_value(v), width=175),
        TableColumn(
            tr("级别"),
            lambda p: p.problem.severity,
            lambda s: tr("错误") if s == "error" else tr("提示") if s == "info" else tr("警告"),
            width=60,
        ),
        TableColumn(tr("问题"), lambda p: render(p.problem), width=520),
    ]


class ImportWizard(QDialog):
    imported = Signal(object)  # ImportReport of the committed import

    def __init__(
        self, ctx: AppContext, kind_name: str, parent: QWidget | None = None, path: str | Path | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind: Kind = get_kind(kind_name)
        self.report: Any = None  # models.exchange.importer.ImportReport of the dry run
        self.final_report: Any = None
        self.setWindowTitle(tr("导入：{title}", title=kind_title(self.kind)))
        self.resize(980, 620)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._build_choose()
        self._build_preview()
        self._build_done()
        if path is not None:
            self.path_edit.setText(str(path))
        self._update_buttons()

    # --- step 1: choose ----------------------------------------------------------------
    def _build_choose(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            tr(
                "选择要导入的工作簿（.xlsx 或 .csv）。先检查每一行，全部无误才写入；"
                "有任何错误则一行也不写入。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(tr("浏览…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(tr("文件"), row)
        self.option_editors: dict[str, QWidget] = {}
        carriers = carrier_names(self.ctx) if any(o.name == "carrier" for o in self.kind.options) else []
        for option in self.kind.options:
            editor = option_editor(option, carriers)
            self.option_editors[option.name] = editor
            if is_flag(option):  # a check box says what it does itself
                form.addRow("", editor)
            else:
                form.addRow(option_label(option) + (" *" if option.required else ""), editor)
        self.sheet_edit = QLineEdit()
        self.sheet_edit.setPlaceholderText(tr("留空：自动选择表头最匹配的工作表"))
        form.addRow(tr("工作表"), self.sheet_edit)
        self.lenient_uscc = QCheckBox(tr("统一社会信用代码校验位不符时只警告（早期试点代码）"))
        if any(c.key == "uscc" for c in self.kind.columns):
            form.addRow("", self.lenient_uscc)
        else:
            self.lenient_uscc.setVisible(False)
        layout.addLayout(form)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        template = QPushButton(tr("下载模板…"))
        template.clicked.connect(self._template)
        buttons.addWidget(template)
        buttons.addStretch(1)
        cancel = QPushButton(tr("取消"))
        cancel.clicked.connect(self.reject)
        self.check_button = QPushButton(tr("检查"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.start_dry_run)
        buttons.addWidget(cancel)
        buttons.addWidget(self.check_button)
        layout.addLayout(buttons)
        self.stack.addWidget(page)

    def _browse(self) -> None:
        from desktop.settings import LAST_FOLDER, settings

        path = open_file_name(self, tr("选择工作簿"), settings().get(LAST_FOLDER), tr(WORKBOOK_FILTER))
        if path:
            settings().set(LAST_FOLDER, str(Path(path).parent))
            self.path_edit.setText(path)

    def _template(self) -> None:
        save_template(self.ctx, self.kind.name, self)

    def options(self) -> dict[str, Any]:
        """The kind's options, plus the sheet to read and the USCC leniency (as the CLI's
        ``--sheet`` and ``--lenient-uscc``)."""
        options = {
            o.name: option_value(o, self.option_editors[o.name])
            for o in self.kind.options
            if option_value(o, self.option_editors[o.name]) is not None
        }
        if self.sheet_edit.text().strip():
            options["sheet"] = self.sheet_edit.text().strip()
        if self.lenient_uscc.isChecked():
            options["uscc_checksum_warning"] = True
        return options

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _update_buttons(self) -> None:
        self.check_button.setEnabled(bool(self.path_edit.text().strip()))

    def _run(self, dry_run: bool, progress: Progress) -> Any:
        from models.exchange.importer import run_import

        return run_import(
            self.ctx.db,
            self.kind,
            self.path(),
            dry_run=dry_run,
            options=self.options(),
            user_id=self.ctx.user.id,
            progress=progress,
        )

    def start_dry_run(self) -> None:
        path = self.path()
        if not path.is_file():
            QMessageBox.warning(self, tr("无法导入"), tr("找不到文件：{path}", path=str(path)))
            return
        self.check_button.setEnabled(False)
        self.ctx.submit(
            lambda p: self._run(True, p),
            self.show_preview,
            title=tr("正在检查工作簿…"),
            parent=self,
            on_error=self._failed,
            on_cancelled=self._update_buttons,
        )

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, DomainError):
            self.ctx.show_error(exc, self)
        else:
            QMessageBox.critical(self, tr("无法导入"), f"{type(exc).__name__}: {exc}")

    # --- step 2: preview ---------------------------------------------------------------
    def _build_preview(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # several sheets with the kind's headers: the one read (or none) and the others, to choose
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(QLabel(tr("工作表")))
        self.sheet_choice = QComboBox()
        self.sheet_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_choice.setMinimumContentsLength(12)
        self.sheet_choice.activated.connect(self._sheet_chosen)
        sheet_layout.addWidget(self.sheet_choice)
        sheet_layout.addStretch(1)
        self.sheet_row.setVisible(False)
        layout.addWidget(self.sheet_row)
        self.problems_model = RowTableModel(problem_columns(), self)
        self.problems_view = RowTableView(self.problems_model, "import_problems")
        layout.addWidget(self.problems_view, 1)
        buttons = QHBoxLayout()
        self.errors_button = QPushButton(tr("保存错误标注工作簿…"))
        self.errors_button.clicked.connect(self.save_error_workbook)
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        back = QPushButton(tr("上一步"))
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.cancel_button = QPushButton(tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton(tr("导入"))
        self.import_button.clicked.connect(self.start_import)
        buttons.addWidget(back)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self.stack.addWidget(page)

    def show_preview(self, report: Any) -> None:
        self.report = report
        self._update_buttons()
        self.summary.setText(self.summary_text(report))
        self._offer_sheets(report)
        self.problems_model.set_rows(self.problem_list(report))
        self.errors_button.setEnabled(
            bool(report.errors)
            and (not report.file_refused or bool(report.sheet))
            and self.path().suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
        )
        self.import_button.setEnabled(report.ok and report.rows_read > 0)
        self.import_button.setDefault(report.ok)
        self.stack.setCurrentIndex(1)

    def _offer_sheets(self, report: Any) -> None:
        """With several sheets of the kind's headers, a choice of them: the one read is shown
        (none when the file was refused for it); choosing another checks that one."""
        sheets = list(report.sheets)
        self.sheet_row.setVisible(len(sheets) > 1)
        self.sheet_choice.clear()
        if len(sheets) < 2:
            return
        if not report.sheet:
            self.sheet_choice.addItem(tr("（请选择）"), None)
        for name in sheets:
            self.sheet_choice.addItem(name, name)
        self.sheet_choice.setCurrentIndex(
            max(0, self.sheet_choice.findData(report.sheet)) if report.sheet else 0
        )

    def _sheet_chosen(self, index: int) -> None:
        name = self.sheet_choice.itemData(index)
        if name and name != (self.report.sheet if self.report is not None else None):
            self.sheet_edit.setText(name)
            self.start_dry_run()

    @staticmethod
    def problem_list(report: Any) -> list[RowProblem]:
        problems = list(report.problems)
        for note in report.notes:
            problems.append(
                RowProblem(report.sheet, None, None, None, Problem(note.code, note.fields, "info"))
            )
        for skipped in report.skipped:
            reason = tr(SKIP_REASONS.get(skipped.reason, skipped.reason))
            problems.append(
                RowProblem(
                    skipped.sheet,
                    skipped.row,
                    None,
                    skipped.text or None,
                    Problem("import.row_skipped", {"reason": reason}, "info"),
                )
            )
        order = {"error": 0, "warning": 1, "info": 2}
        problems.sort(key=lambda p: (order.get(p.problem.severity, 3), p.row is not None, p.row or 0))
        return problems

    def summary_text(self, report: Any) -> str:
        lines = [tr("文件：{path}", path=str(report.path))]
        if report.sheet:
            lines.append(
                tr(
                    "工作表“{sheet}”，表头在第 {row} 行，读到 {n} 行数据。",
                    sheet=report.sheet,
                    row=report.header_row or "?",
                    n=report.rows_read,
                )
            )
        if report.skipped:
            lines.append(tr("跳过 {n} 行（空行、合计行、注释），见下表。", n=len(report.skipped)))
        if report.ignored_headers:
            lines.append(tr("未使用的列：{cols}", cols="、".join(report.ignored_headers)))
        if report.ok:
            lines.append(
                tr(
                    "检查通过：将新增 {created} 条，更新 {updated} 条，{unchanged} 条无变化。点“导入”写入。",
                    created=report.created,
                    updated=report.updated,
                    unchanged=report.unchanged,
                )
            )
        else:
            rows = len({p.row for p in report.errors if p.row is not None})
            lines.append(
                tr(
                    "发现 {n} 个错误（涉及 {rows} 行）。按“全部或全不”原则，本次不会写入任何数据；"
                    "请修改后重新导入，或保存错误标注工作簿发回填报单位。",
                    n=len(report.errors),
                    rows=rows,
                )
            )
        return "\n".join(lines)

    def save_error_workbook(self) -> Path | None:
        if self.report is None:
            return None
        suggested = self.path().with_name(self.path().stem + "_错误标注.xlsx")
        path, _ = save_file_name(self, tr("保存错误标注工作簿"), str(suggested), "Excel (*.xlsx)")
        if not path:
            return None
        from models.exchange.importer import write_error_workbook

        marked = write_error_workbook(self.path(), self.report, Path(path), render)
        QMessageBox.information(self, tr("已保存"), tr("已标注 {n} 个单元格：{path}", n=marked, path=path))
        return Path(path)

    # --- step 3: import ----------------------------------------------------------------
    def start_import(self) -> None:
        self.import_button.setEnabled(False)
        self.ctx.submit(
            lambda p: self._run(False, p),
            self.finish,
            title=tr("正在导入…"),
            parent=self,
            on_error=self._failed,
            on_cancelled=lambda: self.import_button.setEnabled(True),
        )

    def _build_done(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(tr("完成"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.stack.addWidget(page)

    def finish(self, report: Any) -> None:
        self.final_report = report
        if not report.committed:  # the file changed between the check and the import
            self.show_preview(report)
            return
        self.done_label.setText(
            tr(
                "导入完成：新增 {created} 条，更新 {updated} 条，{unchanged} 条无变化。",
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
            )
        )
        self.stack.setCurrentIndex(2)
        self.imported.emit(report)
        self.ctx.changes_applied.emit(report.changes)
