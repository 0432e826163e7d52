"""The language walk: every page (every tab of it), and every dialog its buttons, menus and
double-clicks open (and the dialogs no page opens, listed in the walk; every QDialog subclass in
desktop/ is walked or exempt with a reason: tests/desktop/shell/dialog_classes.py), shown in English has no
Chinese but data (names, document numbers, addresses as stored), and shown in Chinese no English
word but data, file types and codes; and every editor on them has an accessible name or a label
whose buddy it is (screen readers, the label's mnemonic). Labels, buttons, group and tab titles,
headers, tooltips, placeholder texts, window titles, combo items and the first rows of every table are read.

Choice-list values (industry chains, quota sources, land uses, plot statuses …) and seeded rule
titles do not count as data here: the English interface shows them in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

from desktop.context import AppContext, CurrentUser
from desktop.i18n import set_language
from desktop.main_window import MainWindow, page_key
from desktop.qt_setup import prepare_application
from desktop.tasks import TaskRunner
from desktop.widgets.preview import demo_database
from tests.desktop.loads import settle
from tests.desktop.shell.dialog_classes import EXEMPT, dialog_classes
from tests.desktop.shell.visible_text import (
    TRANSLATED,
    database_text,
    english_words,
    foreign_runs,
    unnamed_editors,
    with_chinese,
    with_english,
)


def _press_everything(page: QWidget, ctx: AppContext) -> None:
    """Choose the first row of every table shown, double-click it (the dialogs tables open), and
    press every button and menu entry ending in … shown; a row is chosen again before each button
    (a button's write reloads the table and clears the choice)."""

    def choose() -> None:
        for view in page.findChildren(QAbstractItemView):
            if (
                view.isVisibleTo(page)
                and view.model() is not None
                and view.model().rowCount()
                and hasattr(view, "selectRow")
            ):
                view.selectRow(0)
        settle(ctx)

    choose()
    for view in page.findChildren(QAbstractItemView):
        if view.isVisibleTo(page) and view.model() is not None and view.model().rowCount():
            view.doubleClicked.emit(view.model().index(0, 0))
            settle(ctx)
    for button in page.findChildren(QPushButton):
        if button.isVisibleTo(page):
            choose()
            if button.isEnabled():
                button.click()
                settle(ctx)
    for tool in page.findChildren(QToolButton):  # menus: the entries that open a dialog (…)
        menu = tool.menu()
        if menu is not None and tool.isVisibleTo(page) and tool.isEnabled():
            for action in menu.actions():
                if action.isEnabled() and action.text().endswith("…"):
                    action.trigger()
                    settle(ctx)


def _user_id(db: Any, username: str) -> int:
    from models.accounts.queries import list_users

    with db.read() as s:
        return next(u.id for u in list_users(s) if u.username == username)


def _a_tenancy(db: Any) -> Any:
    import datetime as dt

    from models.incubation.queries import list_tenancies

    with db.read() as s:
        return list_tenancies(s, on=dt.date.today())[0]


def _walk(qtbot: Any, monkeypatch: Any, tmp_path: Path, language: str) -> tuple[list[str], set[str]]:
    db = demo_database(tmp_path)
    with db.read() as s:
        data = database_text(s, translated=TRANSLATED)
    data += f"\n简体中文\nEnglish\n{db.path}"  # each language named in itself; the file path
    found: list[str] = []
    dialogs: set[str] = set()
    where = ["?"]

    def look(widget: QWidget, name: str) -> None:
        found.extend(
            f"{where[0]} {name}: no accessible name or label for {e}" for e in unnamed_editors(widget)
        )
        if language == "en":
            found.extend(
                f"{where[0]} {name} {w}: {foreign_runs(t, data)} in {t[:90]!r}"
                for w, t in with_chinese(widget, data)
            )
        else:
            found.extend(
                f"{where[0]} {name} {w}: {english_words(t, data)} in {t[:90]!r}"
                for w, t in with_english(widget, data)
            )

    def shown(dialog: QDialog) -> int:  # every dialog a button opens is shown, read, then cancelled
        dialog.show()
        QApplication.processEvents()
        dialogs.add(f"{type(dialog).__module__}.{type(dialog).__qualname__}")
        look(dialog, type(dialog).__name__)
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    def box(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> QMessageBox.StandardButton:
        wrong = foreign_runs(title + text, data) if language == "en" else english_words(title + text, data)
        if wrong:
            found.append(f"{where[0]} message box: {wrong} in {(title + ' ' + text)[:90]!r}")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QDialog, "exec", shown)
    monkeypatch.setattr(QDialog, "open", shown)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(box))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))

    set_language(language)
    app = QApplication.instance()
    assert app is not None
    prepare_application(app)
    ctx = AppContext(db, CurrentUser(None, "admin", "admin"))
    ctx.tasks = TaskRunner(ctx.show_error)
    try:
        window = MainWindow(ctx, show_welcome=False)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        for row, cls in enumerate(window.classes):
            where[0] = page_key(cls)
            window.show_page(row)
            settle(ctx)
            page = window.pages[row]
            look(page, "page")
            _press_everything(page, ctx)
            for tabs in page.findChildren(QTabWidget):  # every tab, and its buttons; then back to
                first = tabs.currentIndex()  # the first, so the tabs inside it are shown in turn
                for index in range(tabs.count()):
                    if tabs.isVisibleTo(page) and tabs.isTabEnabled(index):
                        tabs.setCurrentIndex(index)
                        settle(ctx)
                        _press_everything(page, ctx)
                tabs.setCurrentIndex(first)
                settle(ctx)
        where[0] = "settings"
        from desktop.admin.first_admin import first_admin_dialog
        from desktop.admin.login_dialog import LoginDialog
        from desktop.admin.users_page import CarrierDialog, OwnPasswordDialog
        from desktop.incubation.dialogs import EndDialog
        from desktop.printing.dialogs import PaperDialog
        from desktop.quotas.input_dialogs import DemandDialog, DisposalDialog
        from desktop.widgets.settings_dialog import SettingsDialog

        for other in (
            SettingsDialog(str(db.path), window),
            LoginDialog(db, window),
            PaperDialog(window),
            DemandDialog(ctx, window),
            DisposalDialog(ctx, window),
            first_admin_dialog(ctx, window),  # the welcome panel's, on a database without users
            OwnPasswordDialog(ctx, _user_id(db, "admin"), window),  # 文件 → 修改密码 (a logged-in user)
            CarrierDialog("zhangmin", [(1, "科技城大学生创业园")], {1}, window),  # a carrier manager's row
            EndDialog(_a_tenancy(db), True, window),  # 毕业… (enabled only on an incubating firm's row)
            EndDialog(_a_tenancy(db), False, window),  # 退出…
        ):  # dialogs no page button opens
            qtbot.addWidget(other)
            shown(other)
        window.close()
    finally:
        ctx.tasks.wait(10_000)
        set_language("zh")
        prepare_application(app)
        db.dispose()
    return found, dialogs


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_page_and_dialog_speaks_one_language(qtbot, monkeypatch, tmp_path, language: str) -> None:  # type: ignore[no-untyped-def]
    found, dialogs = _walk(qtbot, monkeypatch, tmp_path, language)
    assert not found, "\n".join(found[:40])
    assert len(dialogs) >= 23, sorted(dialogs)  # the walk did open the pages' dialogs
    unwalked = dialog_classes() - dialogs - EXEMPT.keys()
    assert not unwalked, f"dialogs neither walked nor exempt: {sorted(unwalked)}"


def test_every_dialog_class_is_found_and_the_exemptions_are_real() -> None:
    classes = dialog_classes()
    assert {
        "desktop.efficiency.record_dialog.RecordDialog",
        "desktop.admin.users_page.OwnPasswordDialog",
        "desktop.admin.users_page.PasswordDialog",
        "desktop.admin.users_page.UserDialog",
        "desktop.widgets.import_wizard.ImportWizard",
    } <= classes
    assert EXEMPT.keys() <= classes, sorted(EXEMPT.keys() - classes)  # no stale exemption


def test_the_walk_finds_a_word_of_the_other_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The reader itself: a Chinese label in English, an English button in Chinese, brackets
    around an English unit, while data and codes pass."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    for text in ("Area（mu）", "保存", "Owner 杭州临安万向医疗器械科技有限公司", "临政函〔2023〕74号"):
        layout.addWidget(QLabel(text))
    layout.addWidget(QPushButton("Cancel"))
    data = "杭州临安万向医疗器械科技有限公司\n临政函〔2023〕74号"
    assert [t for _w, t in with_chinese(host, data)] == ["Area（mu）", "保存"]
    assert [t for _w, t in with_english(host, data)] == [
        "Area（mu）",
        "Owner 杭州临安万向医疗器械科技有限公司",
        "Cancel",
    ]
