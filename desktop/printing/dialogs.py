"""打印 / 打印预览 / 导出 PDF for any ``PrintDocument``: the same three actions on every
table, chart, the map sheet and the forms. ``make_doc`` builds the document when the
action is chosen (so it shows the rows and filters in force at that moment).

Given ``submit`` (``AppContext.submit``), 导出 PDF and 打印 lay the pages out on the task
worker (``QPdfWriter``/``QPrinter`` with a ``QPainter`` need no GUI thread), with the
worker's progress dialog and Cancel: a 5,000-row table no longer freezes the window.
The preview stays on the UI thread (Qt's preview dialog asks for the pages there): a
long table shows a progress dialog with Cancel while its pages are laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QMenu,
    QProgressDialog,
    QWidget,
)

from desktop.i18n import tr
from desktop.printing.document import PrintDocument
from desktop.printing.render import count_rows, page_layout, render, with_paper, write_pdf
from desktop.widgets.dialog_buttons import ok_cancel
from desktop.widgets.file_dialogs import save_file_name
from models.progress import CancelledError, Progress

DocumentFactory = Callable[[], PrintDocument]
Submit = Callable[..., None]  # AppContext.submit(work, on_done, title=, parent=, on_cancelled=)


class PaperDialog(QDialog):
    """A4 (default) or A3, orientation automatic (fits the widest table), portrait or landscape."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("纸张"))
        form = QFormLayout(self)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.orientation = QComboBox()
        for text, key in (
            (tr("自动（按表格宽度）"), "auto"),
            (tr("纵向"), "portrait"),
            (tr("横向"), "landscape"),
        ):
            self.orientation.addItem(text, key)
        form.addRow(tr("纸张大小"), self.paper)
        form.addRow(tr("方向"), self.orientation)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def apply(self, doc: PrintDocument) -> PrintDocument:
        return with_paper(doc, self.paper.currentText(), str(self.orientation.currentData()))


def _printer(doc: PrintDocument):  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(doc))
    printer.setDocName(doc.title)
    return printer


PREVIEW_PROGRESS_ROWS = 1000  # longer tables show the layout's progress in the preview


class PreviewProgress(Progress):
    """The layout's progress in a modal ``QProgressDialog`` on the UI thread (its
    ``setValue`` keeps the window painting); Cancel stops the layout."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__()
        self.dialog = QProgressDialog(title, tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(tr("LandSpace"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)

    def on_update(self) -> None:
        if self.total:
            self.dialog.setMaximum(self.total)
        self.dialog.setValue(min(self.done, self.total))
        if self.dialog.wasCanceled():
            self.cancel()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()


def preview_pages(doc: PrintDocument, device: Any, parent: QWidget | None) -> bool:
    """Lay ``doc`` out for the preview; False when the user cancelled (the preview closes)."""
    if count_rows(doc) < PREVIEW_PROGRESS_ROWS:
        render(doc, device)
        return True
    progress = PreviewProgress(parent, tr("正在生成打印预览“{title}”…", title=doc.title))
    try:
        render(doc, device, progress)
    except CancelledError:
        return False
    finally:
        progress.close()
    return True


def print_preview(parent: QWidget | None, make_doc: DocumentFactory) -> None:
    """Qt's print preview (its page setup offers A3 and the orientation)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    doc = make_doc()
    printer = _printer(doc)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("打印预览 — {title}", title=doc.title))

    def paint(device: Any) -> None:
        if not preview_pages(doc, device, dialog):
            QTimer.singleShot(0, dialog.reject)

    dialog.paintRequested.connect(paint)
    dialog.exec()


def print_document(
    parent: QWidget | None, make_doc: DocumentFactory, *, submit: Submit | None = None
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    doc = make_doc()
    printer = _printer(doc)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    if submit is None:
        render(doc, printer)
        return
    # the printer lives in the closure until the worker is done with it
    submit(
        lambda progress: render(doc, printer, progress),
        lambda _pages: None,
        title=tr("正在打印“{title}”…", title=doc.title),
        parent=parent,
    )


def write_in_background(
    parent: QWidget | None,
    doc: PrintDocument,
    path: Path,
    submit: Submit,
    on_done: Callable[[int], Any] | None = None,
) -> None:
    """``write_pdf`` on the task worker (progress and Cancel; a cancelled file is removed)."""
    submit(
        lambda progress: write_pdf(doc, path, progress),
        on_done or (lambda _pages: None),
        title=tr("正在导出 PDF：{name}", name=path.name),
        parent=parent,
    )


def export_pdf(
    parent: QWidget | None, make_doc: DocumentFactory, *, ask_paper: bool = True, submit: Submit | None = None
) -> Path | None:
    """Ask the paper (unless the caller did), then the file name, and write the PDF (on the
    worker when ``submit`` is given: the path is returned before the file is complete)."""
    doc = make_doc()
    if ask_paper:
        paper = PaperDialog(parent)
        if paper.exec() != QDialog.DialogCode.Accepted:
            return None
        doc = paper.apply(doc)
    name, _ = save_file_name(parent, tr("导出 PDF"), f"{doc.title}.pdf", tr("PDF 文件 (*.pdf)"))
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
    if submit is None:
        write_pdf(doc, path)
    else:
        write_in_background(parent, doc, path, submit)
    return path


def add_print_actions(
    menu: QMenu, parent: QWidget, make_doc: DocumentFactory, *, submit: Submit | None = None
) -> None:
    menu.addAction(tr("打印…"), lambda: print_document(parent, make_doc, submit=submit))
    menu.addAction(tr("打印预览…"), lambda: print_preview(parent, make_doc))
    menu.addAction(tr("导出 PDF…"), lambda: export_pdf(parent, make_doc, submit=submit))
