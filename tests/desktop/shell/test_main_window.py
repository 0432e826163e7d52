from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from desktop.main_window import MainWindow, describe_database, page_key
from desktop.pages import page_classes
from desktop.settings import AREA_UNIT, WELCOME_DONE, Settings
from desktop.widgets.welcome import WelcomePanel
from models.changes import Changes
from models.enterprises import queries


def test_opens_and_lists_only_existing_pages(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [cls.title() for cls in page_classes()]
    assert "企业库" in titles and "总览" in titles
    assert str(ctx.db.path) in window.db_label.text()
    assert "tester" in window.user_label.text() and "管理员" in window.user_label.text()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "视图(&V)", "帮助(&H)"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    file_actions = [a.text() for a in file_menu.actions() if a.text() and a.isVisible()]
    assert file_actions == ["导入…", "导出…", "下载模板…", "年度报告…", "备份…", "设置…", "退出"]


def test_pages_are_built_lazily_and_get_changes(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    built = set(window.pages)
    assert len(built) == 1  # only the first page
    assert window.select_page("enterprises")
    page: Any = window.page_by_key("enterprises")
    assert page is not None and page.model.rowCount() == 0
    from models.enterprises import services
    from models.uscc import check_char

    code = "91330112MA2000001" + check_char("91330112MA2000001")
    ctx.write(lambda s: services.create_enterprise(s, uscc=code, name="杭州甲有限公司"))
    assert page.model.rowCount() == 1  # refreshed through changes_applied → on_changes


def test_welcome_on_an_empty_database_loads_the_demo(
    qtbot: QtBot,
    ctx: AppContext,
    isolated_settings: Settings,
    no_blocking_error_boxes: list[str],
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    welcome: WelcomePanel | None = window.welcome
    assert welcome is not None and window.stack.currentWidget() is welcome
    assert describe_database(ctx.db) in welcome.findChildren(type(window.db_label))[1].text()
    applied: list[object] = []
    ctx.changes_applied.connect(applied.append)
    welcome.demo_button.click()
    qtbot.waitUntil(lambda: bool(applied or no_blocking_error_boxes), timeout=120_000)
    assert no_blocking_error_boxes == []
    assert window.welcome is None
    with ctx.db.read() as s:
        assert len(queries.list_enterprises(s)) >= 50
    assert ctx.db.url in isolated_settings.get(WELCOME_DONE)
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.welcome is None  # not empty any more (and answered)


def test_start_empty_is_remembered(qtbot, ctx, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.welcome.empty_button.click()
    assert window.welcome is None and window.stack.currentWidget() is window.pages[0]
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.welcome is None


def test_area_unit_switch_reloads_pages(qtbot, ctx, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    seen: list[bool] = []
    ctx.display_changed.connect(lambda: seen.append(True))
    from models.units import AreaUnit

    window.set_area_unit(AreaUnit.HA)
    assert isolated_settings.get(AREA_UNIT) == "ha" and seen
    assert window.unit_actions[AreaUnit.HA].isChecked()


def test_one_failing_page_does_not_stop_the_others(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.select_page("enterprises")
    pages = list(window.pages.values())
    calls: list[str] = []
    monkeypatch.setattr(pages[0], "on_changes", lambda c: (_ for _ in ()).throw(RuntimeError("boom")))
    monkeypatch.setattr(pages[1], "on_changes", lambda c: calls.append("ok"))
    ctx.changes_applied.emit(Changes.of("enterprises"))
    assert calls == ["ok"]


def test_geometry_is_remembered(qtbot, ctx, isolated_settings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.resize(701, 502)
    window.show()
    window.close()
    again = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(again)
    assert again.size().width() == 701
    assert page_key(type(window.pages[0])) in ("overview", "enterprises")


def test_viewer_gets_no_welcome_and_no_import(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from desktop.context import AppContext, CurrentUser

    viewer = AppContext(ctx.db, CurrentUser(None, "leader", "viewer"))
    window = MainWindow(viewer)
    qtbot.addWidget(window)
    assert window.welcome is None and not window.action_import.isEnabled()
    assert "只读" in window.user_label.text()


def test_backup_runs_in_a_task(qtbot, ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    dest = tmp_path / "备份.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.backup_dialog()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert dest.exists() and "备份已完成" in said[0]


def test_one_table_of_role_labels_for_the_status_bar_and_the_users_page(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from desktop.admin.users_page import UsersPage
    from desktop.role_labels import ROLES, role_label

    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    page = UsersPage(ctx)
    qtbot.addWidget(page)
    assert [page.role_box.itemText(i) for i in range(page.role_box.count())] == [role_label(r) for r in ROLES]
    assert role_label(ctx.user.role) in window.user_label.text()
    assert role_label("clerk") == "业务人员" and role_label("viewer") == "只读用户"


def test_welcome_offers_to_create_the_first_administrator(qtbot, ctx, isolated_settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.admin.users_page import UserDialog
    from models.accounts.queries import list_users

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    button = window.welcome.admin_button
    assert button is not None and button.isEnabled()
    seen = []

    def fill(self: UserDialog) -> int:
        seen.append(self.role.isEnabled())
        self.username.setText("admin")
        self.display_name.setText("管理员")
        self.password.setText("password 12")
        self.confirm.setText("password 12")
        self._check()
        return self.result()

    monkeypatch.setattr(UserDialog, "exec", fill)
    button.click()
    assert seen == [False]  # the role is fixed: administrator
    with ctx.db.read() as s:
        assert [(u.username, u.role) for u in list_users(s)] == [("admin", "admin")]
    assert not button.isEnabled()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.welcome is None or again.welcome.admin_button is None  # users exist now


def test_a_new_page_is_built_in_one_turn_and_shown_in_the_next(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.show()
    first = window.stack.currentWidget()
    assert window.select_page("enterprises")
    page = window.page_by_key("enterprises")
    assert page is not None and window.stack.currentWidget() is first  # built, not shown yet
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert window.select_page("audit") and window.select_page("enterprises")  # changed its mind
    qtbot.wait(20)
    assert window.stack.currentWidget() is page  # the page asked for last, not the audit log
    ctx.tasks.wait(10_000)


def test_a_page_is_built_inside_the_stack_and_hidden_pages_only_go_stale(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.enterprises.page import EnterprisePage
    from models.enterprises import services
    from models.uscc import check_char
    from tests.desktop.loads import settle

    parents: list[object] = []
    original = EnterprisePage.__init__

    def recording(self, ctx_, parent=None):  # type: ignore[no-untyped-def]
        parents.append(parent)
        original(self, ctx_, parent)

    monkeypatch.setattr(EnterprisePage, "__init__", recording)
    window = MainWindow(ctx, show_welcome=False)
    qtbot.addWidget(window)
    window.show()
    assert window.select_page("enterprises")
    page: Any = window.page_by_key("enterprises")
    # made in its final parent: never moved into the stack (a move re-styles every widget)
    assert parents == [window.stack] and page.parentWidget() is window.stack
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    settle(ctx)
    window.select_page("overview")
    qtbot.waitUntil(lambda: page.isHidden())
    reads: list[int] = []
    monkeypatch.setattr(page, "reload", lambda: reads.append(1))
    code = "91330112MA2000002" + check_char("91330112MA2000002")
    ctx.write(lambda s: services.create_enterprise(s, uscc=code, name="杭州乙有限公司"))
    settle(ctx)
    assert page.stale and reads == []  # hidden: marked only
    window.select_page("enterprises")
    qtbot.waitUntil(lambda: reads == [1])  # read again when shown
    assert not page.stale
