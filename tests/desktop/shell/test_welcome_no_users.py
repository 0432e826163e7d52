"""A database with records but no user account gets the first-administrator offer too (not the
empty database's import and demo cards); a database with users gets no welcome at all."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from desktop.i18n import set_language
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.widgets.welcome import WelcomePanel, welcome_reason
from models.enterprises.entities import Enterprise


def _an_enterprise(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        s.add(Enterprise(uscc="91330185MA2AAAAA0X", name="杭州测试有限公司"))


def test_a_database_with_data_but_no_users_offers_the_first_administrator(
    qtbot: QtBot,
    ctx: AppContext,
    isolated_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.admin.users_page import UserDialog
    from models.accounts.queries import list_users

    _an_enterprise(ctx)
    with ctx.db.read() as s:
        assert welcome_reason(s) == "no_users"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    panel: WelcomePanel | None = window.welcome
    assert panel is not None and window.stack.currentWidget() is panel and not panel.empty
    assert not panel.import_button.isVisibleTo(panel) and not panel.demo_button.isVisibleTo(panel)
    assert panel.admin_button is not None and panel.admin_button.isVisibleTo(panel)
    assert window.focusWidget() is panel.admin_button  # Enter creates the administrator

    def fill(self: UserDialog) -> int:
        self.username.setText("chief")
        self.display_name.setText("科长")
        self.password.setText("password 12")
        self.confirm.setText("password 12")
        self._check()
        return self.result()

    monkeypatch.setattr(UserDialog, "exec", fill)
    panel.admin_button.click()
    with ctx.db.read() as s:
        assert [(u.username, u.role) for u in list_users(s)] == [("chief", "admin")]
        assert welcome_reason(s) is None
    panel.empty_button.click()  # 直接进入
    assert window.welcome is None and window.stack.currentWidget() is window.pages[0]
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.welcome is None


def test_the_no_users_panel_reads_in_english(qtbot: QtBot, ctx: AppContext) -> None:
    from desktop.widgets.welcome import WelcomePanel

    set_language("en")
    try:
        panel = WelcomePanel("demo.sqlite3", empty=False)
        qtbot.addWidget(panel)
        assert panel.empty_button.text() == "Continue"
        texts = " ".join(
            w.text() for w in panel.findChildren(type(panel.empty_button)) if w.isVisibleTo(panel)
        )
        assert "Import" not in texts
    finally:
        set_language("zh")


def test_a_database_with_users_gets_no_welcome(qtbot: QtBot, ctx: AppContext) -> None:
    from models.accounts import services

    _an_enterprise(ctx)
    with ctx.db.write() as s:
        services.create_user(s, username="chief", password="password 12", role="admin", display_name="科长")
        assert welcome_reason(s) is None
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.welcome is None
