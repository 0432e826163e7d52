"""At start-up the window shows the overview as last read, before the database layer is loaded,
when the file is provably in the state it was read from (``models.overview_snapshot``); once
the database is open the page is adopted and read live."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, CurrentUser
from desktop.main_window import MainWindow
from desktop.overview.page import OverviewPage
from desktop.settings import LAST_PAGE, Settings
from models.accounts.services import create_user
from models.database import Database
from models.enterprises.services import create_enterprise
from tests.child import python_output


def _read_live(qtbot: QtBot, ctx: AppContext) -> OverviewPage:
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    return page


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_the_overview_as_last_read_shows_before_the_database_opens_then_reads_live(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    live = _read_live(qtbot, ctx)
    window = _window(qtbot)
    early = window.show_snapshot(str(db.path))
    assert early is not None
    with pytest.raises(RuntimeError, match="not open yet"):
        early.db.read()
    shown = window.stack.currentWidget()
    assert isinstance(shown, OverviewPage) and shown is window.preview
    assert shown.figures == live.figures and shown.figures
    assert shown.platform_model.rowCount() == live.platform_model.rowCount()
    assert shown.as_of.text() == live.as_of.text()
    # the chart is drawn from the snapshot too (painted, no plotting library to import)
    assert shown.chart.chart_spec() == live.chart.chart_spec() and shown.chart.kind

    early.opened(db, CurrentUser(None, "tester", "admin"))
    with qtbot.waitSignal(shown.loaded, timeout=20_000):
        window.attach(early, show_welcome=False)
    assert window.page_by_key("overview") is shown and window.preview is None
    assert window.stack.currentWidget() is shown
    assert shown.figures == live.figures
    early.tasks.wait(10_000)


def test_nothing_is_shown_early_after_a_change_with_several_users_or_another_first_page(
    qtbot: QtBot, ctx: AppContext, db: Database, isolated_settings: Settings
) -> None:
    _read_live(qtbot, ctx)
    target = str(db.path)
    isolated_settings.set(LAST_PAGE, "land")
    assert _window(qtbot).show_snapshot(target) is None
    isolated_settings.set(LAST_PAGE, "overview")
    assert _window(qtbot).show_snapshot(target) is not None
    with db.write() as s:
        create_enterprise(s, uscc="91330185MA20000010", name="杭州甲有限公司")
    assert _window(qtbot).show_snapshot(target) is None  # another state: read live

    with db.write() as s:  # a login is asked from now on: no figures before it
        create_user(s, username="chief", password="Landspace-2026", role="admin")
        create_user(s, username="clerk2", password="Landspace-2026", role="clerk")
    _read_live(qtbot, ctx)
    assert _window(qtbot).show_snapshot(target) is None


def test_a_preview_for_another_context_is_dropped_when_the_window_attaches(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    _read_live(qtbot, ctx)
    window = _window(qtbot)
    assert window.show_snapshot(str(db.path)) is not None
    preview = window.preview
    window.attach(ctx, show_welcome=False)  # e.g. a login was asked after all
    assert window.preview is None
    page = window.page_by_key("overview")
    assert page is not None and page is not preview and page.ctx is ctx


def test_showing_the_snapshot_imports_no_database_layer(
    qtbot: QtBot, ctx: AppContext, db: Database, isolated_settings: Settings
) -> None:
    _read_live(qtbot, ctx)
    code = (
        "import sys\n"
        "from desktop.main_window import make_application, MainWindow\n"
        "app = make_application()\n"
        "w = MainWindow()\n"
        "w.show()\n"
        f"early = w.show_snapshot({str(db.path)!r})\n"
        "app.processEvents()\n"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'shapely', 'numpy', 'openpyxl')"
        " if m in sys.modules]\n"
        "print(early is not None, type(w.stack.currentWidget()).__name__, heavy)\n"
    )
    out = python_output(code, LANDSPACE_SETTINGS=isolated_settings.file_name)
    assert out.split("\n")[-2] == "True OverviewPage []"


def test_after_a_login_the_figures_its_user_read_last_are_shown_to_that_user_only(
    qtbot: QtBot, db: Database
) -> None:
    from desktop.tasks import TaskRunner
    from models.accounts.services import login

    with db.write() as s:
        create_user(s, username="chief", password="Landspace-2026", role="admin")
        create_user(s, username="clerk", password="Landspace-2026", role="clerk")
    with db.write() as s:
        chief = login(s, username="chief", password="Landspace-2026")
    db.user_id = chief.id
    user = CurrentUser(chief.id, "chief", "admin")
    ctx = AppContext(db, user)
    ctx.tasks = TaskRunner(ctx.show_error)
    _read_live(qtbot, ctx)
    ctx.tasks.wait(10_000)
    window = _window(qtbot)
    assert window.show_snapshot(str(db.path)) is None  # a login is asked: nothing before it
    with db.write() as s:  # the next start: chief logs in again (a login changes no data)
        login(s, username="chief", password="Landspace-2026")
    assert window.show_snapshot(str(db.path), user=CurrentUser(chief.id + 1, "clerk", "clerk")) is None
    early = window.show_snapshot(str(db.path), user=user)
    assert early is not None and isinstance(window.preview, OverviewPage) and window.preview.figures
