"""The one way the window asks for a file: ``open_file_name`` and ``save_file_name``.

On a desktop they are the platform's own dialogs (typed into by a keyboard user as any other
program's). Without a window system (``QT_QPA_PLATFORM=offscreen``: the tests, the screenshot
renderer) they are Qt's own dialog, a ``QFileDialog`` whose file-name field has the focus: the
keyboard tests type the path there and press Enter, as a clerk does."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

HEADLESS_PLATFORMS = ("offscreen", "minimal")


def _options(confirm_overwrite: bool = True) -> QFileDialog.Option:
    options = QFileDialog.Option(0)
    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        options |= QFileDialog.Option.DontUseNativeDialog
    if not confirm_overwrite:
        options |= QFileDialog.Option.DontConfirmOverwrite
    return options


def open_file_name(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    """The file chosen to read ("" when cancelled)."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, folder, filters, options=_options())
    return path


def save_file_name(
    parent: QWidget | None, title: str, suggested: str, filters: str, *, confirm_overwrite: bool = True
) -> tuple[str, str]:
    """The file to write and the filter chosen (("", "") when cancelled); an existing file is
    confirmed before it is replaced unless ``confirm_overwrite`` is False."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, suggested, filters, options=_options(confirm_overwrite)
    )
    return path, chosen
