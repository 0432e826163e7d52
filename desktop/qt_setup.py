"""What the application gets once the UI language is known (``prepare_application``):

- Qt's own translations (``qtbase_zh_CN`` from PySide6's translations folder, found through
  ``QLibraryInfo``) so standard buttons, file dialogs and calendars speak Chinese, and the
  default ``QLocale`` of the UI language (month and day names, the calendar's first day);
- the accessibility filter: each window or page, when first shown, has every ``QFormLayout``
  field named after its label and the label made its buddy (``keyboard.label_all``), Tab leaves
  every table and text field (``keyboard.tab_leaves``), and a
  page's splitters remember where the clerk left them (``splitters.remember_splitters``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QWidget

from desktop.i18n import language
from desktop.widgets.date_edit import ui_locale
from desktop.widgets.keyboard import label_all, tab_leaves
from desktop.widgets.splitters import remember_splitters

log = logging.getLogger(__name__)

QT_CATALOGUES = ("qtbase",)


def load_qt_translations(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's catalogues for the UI language; the translators installed (kept on ``app``)."""
    for old in getattr(app, "_landspace_translators", []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    if language() == "zh":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGUES:
            translator = QTranslator(app)
            if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
                app.installTranslator(translator)
                installed.append(translator)
            else:
                log.warning("Qt translation %s_zh_CN not found in %s", name, folder)
    app._landspace_translators = installed  # type: ignore[attr-defined]
    QLocale.setDefault(ui_locale())
    return installed


class AccessibilityFilter(QObject):
    """Names the form fields of each window and page the first time it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and not watched.property("landspace_labelled")
        ):
            from desktop.page import Page

            if watched.isWindow() or isinstance(watched, Page):
                watched.setProperty("landspace_labelled", True)
                label_all(watched)
                tab_leaves(watched)
                if isinstance(watched, Page) and watched.key:
                    remember_splitters(watched, watched.key)
        return False


def prepare_application(app: QCoreApplication) -> None:
    load_qt_translations(app)
    if not any(isinstance(c, AccessibilityFilter) for c in app.children()):
        app.installEventFilter(AccessibilityFilter(app))
