"""The main window: navigation on the left over ``desktop.pages.page_classes()`` (every
page, in order), a stacked page area, menus, a status bar naming the database and
the user, and the welcome panel on first start with an empty database.

Pages are built the first time they are shown (start-up stays fast). After every
write, ``ctx.changes_applied`` reaches each built page's ``on_changes``; a page not
yet built reads fresh data when it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop.context import AppContext, CurrentUser
from desktop.i18n import tr
from desktop.page import Page
from desktop.pages import page_classes
from desktop.resources import resource_path
from desktop.role_labels import role_label
from desktop.settings import (
    AREA_UNIT,
    LAST_PAGE,
    WELCOME_DONE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    settings,
)
from desktop.tasks import TaskRunner
from desktop.widgets.file_dialogs import save_file_name
from models.changes import Changes
from models.progress import Progress
from models.units import AreaUnit

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)


def icon(name: str) -> QIcon:
    try:
        return QIcon(str(resource_path(f"icons/{name}.svg")))
    except FileNotFoundError:
        return QIcon(str(resource_path("icons/page.svg")))


def page_key(cls: type[Page]) -> str:
    """The page's key (its icon, its settings, ``--page``): every page declares one."""
    if not cls.key:
        raise ValueError(f"{cls.__module__}.{cls.__name__} declares no key")
    return cls.key


def describe_database(db: Database) -> str:
    """The database in use as the status bar shows it: the file path, or the URL without password."""
    if db.path is not None:
        return str(db.path)
    return db.engine.url.render_as_string(hide_password=True)


class MainWindow(QMainWindow):
    """``MainWindow(ctx)`` is ready at once. ``MainWindow()`` is the bare frame shown at
    start-up while the database opens (nothing heavy imported yet); ``attach(ctx)``
    then fills in the navigation, pages, menus and status bar."""

    def __init__(
        self,
        ctx: AppContext | None = None,
        parent: QWidget | None = None,
        *,
        show_welcome: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("LandSpace 用地与空间管理"))
        self.setWindowIcon(icon("landspace"))
        self.classes: list[type[Page]] = []
        self.pages: dict[int, Page] = {}
        self.placeholders: dict[int, QWidget] = {}
        self._raising = -1  # the page last asked for (a new one is shown in the next turn)
        self.welcome: Any = None  # WelcomePanel while shown
        self.preview: Page | None = None  # the overview shown from its snapshot before attach
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(170)
        self.nav.setUniformItemSizes(True)
        self.stack = QStackedWidget()
        self.loading = QLabel(tr("正在打开数据库…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setObjectName("hint")
        self.stack.addWidget(self.loading)
        central = QWidget()
        body = QHBoxLayout(central)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.resize(1280, 800)
        self._restore()
        if ctx is not None:
            self.attach(ctx, show_welcome=show_welcome)

    def attach(self, ctx: AppContext, *, show_welcome: bool | None = None) -> None:
        """Give the window its database and user: build navigation, menus and status bar."""
        self.ctx = ctx
        if self.preview is not None and self.preview.ctx is not ctx:
            self._drop_preview()  # shown for another user (a login was asked after all)
        if ctx.tasks is None:
            ctx.tasks = TaskRunner(ctx.show_error, self)
        from desktop.permissions_ui import readable_pages  # imports the models: not at start-up

        self.classes = readable_pages(ctx, page_classes())  # a role sees only what it may read
        for cls in self.classes:
            item = QListWidgetItem(icon(page_key(cls)), cls.title(), self.nav)
            item.setSizeHint(QSize(150, 38))
            item.setToolTip(cls.title())
        # wide enough for the longest label in the UI language ("Vacate and repl…" was cut off)
        longest = max((self.nav.fontMetrics().horizontalAdvance(c.title()) for c in self.classes), default=0)
        self.nav.setFixedWidth(max(170, longest + 20 + 48))
        for row in range(len(self.classes)):
            holder = QWidget()
            self.placeholders[row] = holder
            self.stack.addWidget(holder)
        self.stack.removeWidget(self.loading)
        self.loading.deleteLater()
        self.nav.currentRowChanged.connect(self.show_page)
        self._build_menus()
        self._build_status()
        ctx.changes_applied.connect(self.on_changes)
        if show_welcome is None:
            show_welcome = self._should_welcome()
        if show_welcome:
            self._drop_preview()
            self.show_welcome()
        else:
            self._open_first_page()

    # --- the overview before the database is open -----------------------------------------
    def show_snapshot(
        self, target: str | None, *, user: CurrentUser | None = None, today: dt.date | None = None
    ) -> AppContext | None:
        """The 总览 as last read, if the file is provably in the same state
        (``models.overview_snapshot``) and the overview is the first page: while the database
        opens (before SQLAlchemy is imported) when no login is asked, or right after the login
        of ``user`` when it was that user who read it. Returns the context to complete with
        ``AppContext.opened`` and give to ``attach`` (which adopts the page and reads it live),
        or None when nothing was shown."""
        from desktop.overview.page import OverviewPage
        from models import overview_snapshot as snapshots
        from models.db.location import target_file

        self._drop_preview()  # (one shown before a login that was asked after all)
        if settings().get(LAST_PAGE) not in ("", OverviewPage.key):
            return None
        on = today or dt.date.today()
        snapshot = snapshots.current(settings().cache_folder, target_file(target), on)
        if snapshot is None or snapshot.single_user != (user is None):
            return None
        if user is not None and snapshot.reader != user.id:
            return None  # figures are read with the reader's rights: never shown to another
        ctx = AppContext.before_open()
        page = OverviewPage(ctx, self.stack, today=today, snapshot=snapshot)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.preview = page
        self.statusBar().showMessage(tr("正在打开数据库…"))  # the navigation follows once it is open
        return ctx

    def _drop_preview(self) -> None:
        if self.preview is not None:
            self.stack.removeWidget(self.preview)
            self.preview.deleteLater()
            self.preview = None

    # --- pages -----------------------------------------------------------------------
    def _open_first_page(self) -> None:
        last = settings().get(LAST_PAGE)
        keys = [page_key(c) for c in self.classes]
        row = keys.index(last) if last in keys else 0
        if self.classes:
            self.nav.setCurrentRow(row)
            self.show_page(row)

    def page(self, row: int, *, read: bool = True) -> Page:
        """The page at ``row``, built on first use and read at once, or with ``read`` False
        marked stale: read when it is shown (``show_page``: after its first paint)."""
        page = self.pages.get(row)
        if page is None and self.preview is not None and type(self.preview) is self.classes[row]:
            page = self.pages[row] = self.preview  # shown from its snapshot: now read live
            self.preview = None
            self._drop_placeholder(row)
            page.reload()
        if page is None:
            cls = self.classes[row]
            # Made inside the stack: built into its final parent, the page is not moved there after
            # (a move re-applies the style sheet to every widget of the page: half its build time).
            page = cls(self.ctx, self.stack)
            self.pages[row] = page
            self.stack.insertWidget(self.stack.indexOf(self.placeholders[row]), page)
            self._drop_placeholder(row)
            if not page.loading:  # a page that loads from its own __init__ is not read twice
                page.stale = not read
                if read:
                    page.reload()
        return page

    def _drop_placeholder(self, row: int) -> None:
        holder = self.placeholders.pop(row)
        self.stack.removeWidget(holder)
        holder.deleteLater()

    def page_by_key(self, key: str) -> Page | None:
        for row, cls in enumerate(self.classes):
            if page_key(cls) == key:
                return self.page(row)
        return None

    def show_page(self, row: int) -> None:
        if not 0 <= row < len(self.classes):
            return
        later = row not in self.pages and self.isVisible()
        page = self.page(row, read=not later)
        self._raising = row
        if not later:
            self.stack.setCurrentWidget(page)
        else:  # built in this turn of the event loop, shown (polished, laid out, painted) in the next,
            # and read in the one after: a worker reading meanwhile held up the first show (GIL)
            arrived = self.ctx.tasks.expect()  # (attach gave the context its TaskRunner)
            QTimer.singleShot(1, self, lambda: self._raise(row, arrived))
        settings().set(LAST_PAGE, page_key(self.classes[row]))
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)  # not back into show_page: the page is on its way already
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def _raise(self, row: int, arrived: Callable[[], None]) -> None:
        """Show the page built in the last turn; read it in the next (``arrived``: the read that
        ``show_page`` announced to the task runner is on its way, or dropped)."""
        if self._raising != row or row not in self.pages:  # another page was asked for meanwhile:
            arrived()  # this one stays stale and is read when it is shown
            return
        page = self.pages[row]
        unread, page.stale = page.stale, False
        self.stack.setCurrentWidget(page)
        if not unread:
            arrived()
            return

        def read() -> None:
            try:
                page.reload()
            finally:
                arrived()

        QTimer.singleShot(1, self, read)

    def select_page(self, key: str) -> bool:
        for row, cls in enumerate(self.classes):
            if page_key(cls) == key:
                self.show_page(row)
                return True
        return False

    def on_changes(self, changes: Changes) -> None:
        for page in list(self.pages.values()):
            try:
                page.on_changes(changes)
            except Exception:  # one page failing to refresh must not stop the others
                log.exception("page %s failed to refresh", type(page).__name__)
        if (
            self.welcome is not None
            and self.stack.currentWidget() is self.welcome
            and (changes.created or changes.updated)
        ):
            self.close_welcome()

    def reload_all(self) -> None:
        """视图 → 刷新: the page on show reloads, the others when next shown."""
        for page in self.pages.values():
            page.refresh()

    # --- welcome ---------------------------------------------------------------------
    def _should_welcome(self) -> bool:
        from desktop.widgets.welcome import welcome_reason

        if self.ctx.db.url in settings().get(WELCOME_DONE) or not self.ctx.user.can_write:
            return False
        with self.ctx.db.read() as session:
            return welcome_reason(session) is not None

    def show_welcome(self) -> None:
        from desktop.admin.first_admin import offer_first_admin
        from desktop.widgets.welcome import WelcomePanel, welcome_reason

        if self.welcome is None:
            with self.ctx.db.read() as session:
                empty = welcome_reason(session) != "no_users"
            panel = WelcomePanel(describe_database(self.ctx.db), empty=empty)
            panel.import_requested.connect(self.import_dialog)
            panel.demo_requested.connect(self.load_demo)
            panel.empty_chosen.connect(self.close_welcome)
            offer_first_admin(self.ctx, panel, self)
            self.welcome = panel
            self.stack.addWidget(panel)
        self.stack.setCurrentWidget(self.welcome)
        self.nav.clearSelection()
        # Keep the navigation list from taking the first focus (it would select a page).
        (
            self.welcome.demo_button
            if self.welcome.empty
            else self.welcome.admin_button or self.welcome.empty_button
        ).setFocus()

    def close_welcome(self) -> None:
        done = settings().get(WELCOME_DONE)
        if self.ctx.db.url not in done:
            settings().set(WELCOME_DONE, [*done, self.ctx.db.url])
        if self.welcome is not None:
            self.stack.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
        self._open_first_page()

    def load_demo(self) -> None:
        db = self.ctx.db

        def work(progress: Progress) -> Changes:
            from models.demo import seed_demo

            progress.set(0, 1, stage=tr("正在生成演示数据…"))
            with db.write() as session:
                seed_demo(session)
            return Changes.of(
                "platforms",
                "enterprises",
                "quotas",
                "land",
                "efficiency",
                "renewal",
                "buildings",
                "incubation",
                "accounts",
                created=1,
            )

        def done(changes: Changes) -> None:
            self.close_welcome()
            self.ctx.changes_applied.emit(changes)
            self.statusBar().showMessage(tr("演示数据已载入"), 5000)

        self.ctx.submit(work, done, title=tr("正在载入演示数据…"), parent=self)

    # --- menus -----------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("文件(&F)"))
        self.action_import = file_menu.addAction(tr("导入…"), QKeySequence("Ctrl+I"), self.import_dialog)
        self.action_export = file_menu.addAction(tr("导出…"), QKeySequence("Ctrl+E"), self.export_dialog)
        file_menu.addAction(tr("下载模板…"), self.template_dialog)
        file_menu.addSeparator()
        file_menu.addAction(tr("年度报告…"), self.report_dialog)
        self.action_backup = file_menu.addAction(tr("备份…"), self.backup_dialog)
        file_menu.addSeparator()
        file_menu.addAction(tr("设置…"), QKeySequence("Ctrl+,"), self.settings_dialog)
        self.action_password = file_menu.addAction(tr("修改密码…"), self.change_password_dialog)
        self.action_password.setVisible(self.ctx.user.id is not None)  # single-user mode has no account
        file_menu.addSeparator()
        quit_action = file_menu.addAction(tr("退出"), QKeySequence("Ctrl+Q"), self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_import.setEnabled(self.ctx.user.can_write)

        view_menu = bar.addMenu(tr("视图(&V)"))
        for row, cls in enumerate(self.classes):
            action = view_menu.addAction(icon(page_key(cls)), cls.title())
            action.triggered.connect(lambda _c=False, r=row: self.show_page(r))
            if row < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
        view_menu.addSeparator()
        view_menu.addAction(tr("刷新"), QKeySequence(QKeySequence.StandardKey.Refresh), self.reload_all)
        unit_menu = view_menu.addMenu(tr("面积单位"))
        group = QActionGroup(self)
        current = settings().area_unit()
        self.unit_actions: dict[AreaUnit, QAction] = {}
        for unit, label in ((AreaUnit.M2, "平方米（㎡）"), (AreaUnit.MU, "亩"), (AreaUnit.HA, "公顷")):
            action = unit_menu.addAction(tr(label))
            action.setCheckable(True)
            action.setChecked(unit is current)
            action.triggered.connect(lambda _c=False, u=unit: self.set_area_unit(u))
            group.addAction(action)
            self.unit_actions[unit] = action

        help_menu = bar.addMenu(tr("帮助(&H)"))
        about = help_menu.addAction(tr("关于 LandSpace"), self.about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _current_kinds(self) -> list[str] | None:
        page = self.stack.currentWidget()
        kinds = getattr(page, "kinds", None)
        return list(kinds) if kinds else None

    def import_dialog(self, kind_name: str | None = None) -> None:
        from desktop.widgets.exchange_dialogs import pick_kind
        from desktop.widgets.import_wizard import ImportWizard

        if not isinstance(kind_name, str):
            kind_name = pick_kind(self, tr("导入"), first=self._current_kinds())
        if kind_name is None:
            return
        ImportWizard(self.ctx, kind_name, self).exec()

    def export_dialog(self) -> None:
        from desktop.widgets.exchange_dialogs import export_kind_dialog

        export_kind_dialog(self.ctx, None, self, first=self._current_kinds())

    def template_dialog(self) -> None:
        from desktop.widgets.exchange_dialogs import save_template

        save_template(self.ctx, None, self, first=self._current_kinds())

    def report_dialog(self) -> None:
        year, ok = QInputDialog.getInt(self, tr("年度报告"), tr("年度"), dt.date.today().year - 1, 2000, 2100)
        if not ok:
            return
        path, _ = save_file_name(
            self, tr("保存年度报告"), f"LandSpace_{year}年度报告.xlsx", "Excel (*.xlsx);;PDF (*.pdf)"
        )
        if not path:
            return
        db = self.ctx.db
        as_pdf = Path(path).suffix.lower() == ".pdf"

        def work(progress: Progress) -> tuple[Path, list[Any]]:
            from desktop.messages import render
            from desktop.report_text import report_label
            from models import reporting

            progress.set(0, 1, stage=tr("正在汇总…"))
            if as_pdf:  # the sheets gathered here, laid out on the UI thread (Qt paints there)
                with db.read() as session:
                    return Path(path), reporting.collect_sheets(session, year)
            reporting.write_annual_report(db, year, Path(path), text=render, label=report_label)
            return Path(path), []

        def done(result: tuple[Path, list[Any]]) -> None:
            saved, sheets = result
            if as_pdf:
                from desktop.printing.render import write_pdf
                from desktop.printing.report import report_document

                write_pdf(report_document(sheets, year, author=self.ctx.user.username), saved)
            QMessageBox.information(self, tr("年度报告"), tr("已保存：{path}", path=str(saved)))

        self.ctx.submit(work, done, title=tr("正在生成年度报告…"), parent=self)

    def change_password_dialog(self) -> None:
        from desktop.admin.users_page import OwnPasswordDialog

        if self.ctx.user.id is not None and OwnPasswordDialog(self.ctx, self.ctx.user.id, self).exec():
            QMessageBox.information(self, tr("修改密码"), tr("密码已修改。"))

    def backup_dialog(self) -> None:
        if self.ctx.db.path is None:
            QMessageBox.information(self, tr("备份"), tr("PostgreSQL 数据库请由服务器管理员备份。"))
            return
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        suggested = self.ctx.db.path.with_name(f"{self.ctx.db.path.stem}_备份_{stamp}.sqlite3")
        path, _ = save_file_name(self, tr("备份数据库"), str(suggested), tr("LandSpace 数据库 (*.sqlite3)"))
        if not path:
            return
        db = self.ctx.db

        def work(progress: Progress) -> Path:
            from models.database import backup_database

            backup_database(db, Path(path), progress)
            return Path(path)

        def done(dest: Path) -> None:
            QMessageBox.information(self, tr("备份"), tr("备份已完成并校验：{path}", path=str(dest)))

        self.ctx.submit(work, done, title=tr("正在备份…"), parent=self)

    def settings_dialog(self) -> None:
        from desktop.settings import DATABASE_URL, LANGUAGE
        from desktop.widgets.settings_dialog import SettingsDialog

        dialog = SettingsDialog(describe_database(self.ctx.db), self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        if AREA_UNIT.key in dialog.changed_keys:
            self.apply_area_unit()
        if {DATABASE_URL.key, LANGUAGE.key} & dialog.changed_keys:
            QMessageBox.information(
                self, tr("设置"), tr("更换数据库或界面语言将在重新启动 LandSpace 后生效。")
            )

    def set_area_unit(self, unit: AreaUnit) -> None:
        settings().set(AREA_UNIT, unit.value)
        self.apply_area_unit()

    def apply_area_unit(self) -> None:
        unit = settings().area_unit()
        for u, action in self.unit_actions.items():
            action.setChecked(u is unit)
        self.ctx.display_changed.emit()
        self.reload_all()

    def about(self) -> None:
        from desktop.logs import log_path
        from desktop.version import app_version

        QMessageBox.about(
            self,
            tr("关于 LandSpace"),
            tr(
                "LandSpace 用地与空间管理 {version}\n\n用地指标台账、地块与界址、腾笼换鸟、亩均效益、"
                "工业楼宇分割转让、孵化载体。\n\n数据库：{database}\n日志：{log}",
                version=app_version(),
                database=describe_database(self.ctx.db),
                log=log_path() or tr("（没有日志文件）"),
            ),
        )

    # --- status bar ------------------------------------------------------------------
    def _build_status(self) -> None:
        status = self.statusBar()
        status.clearMessage()
        self.db_label = QLabel(tr("数据库：{db}", db=describe_database(self.ctx.db)))
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        role = role_label(self.ctx.user.role)
        self.user_label = QLabel(tr("用户：{user}（{role}）", user=self.ctx.user.username, role=role))
        self.task_label = QLabel()
        status.addWidget(self.db_label, 1)
        status.addPermanentWidget(self.task_label)
        status.addPermanentWidget(self.user_label)
        tasks = self.ctx.tasks
        if isinstance(tasks, TaskRunner):
            tasks.started.connect(lambda title: self.task_label.setText(title))
            tasks.idle.connect(lambda: self.task_label.setText(""))

    # --- geometry --------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = settings().get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        state = settings().get(WINDOW_STATE)
        if state:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        ctx = getattr(self, "ctx", None)  # None: closed before the database was attached
        tasks = ctx.tasks if ctx is not None else None
        if isinstance(tasks, TaskRunner) and tasks.busy_visibly():  # quick reads are simply cancelled
            answer = QMessageBox.question(self, tr("退出"), tr("还有操作在进行，取消并退出？"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if isinstance(tasks, TaskRunner):
            tasks.cancel_all()
            tasks.wait(30_000)
        settings().set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        settings().set(WINDOW_STATE, bytes(self.saveState().data()))
        settings().sync()
        super().closeEvent(event)


# --- start-up ------------------------------------------------------------------------
def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="landspace", add_help=True)
    parser.add_argument("--db", help="SQLite path or database URL")
    parser.add_argument("--lang", choices=("zh", "en"), help="interface language")
    parser.add_argument("--page", help="open this page first (key)")
    known, _rest = parser.parse_known_args(args)
    return known


UI_SWITCH_INTERVAL = 0.001  # seconds: see make_application

CJK_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, a Chinese-capable font fallback, icon and style."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv or ["landspace"])
    from desktop import gc_guard

    gc_guard.install(app)
    # The UI thread gives up the GIL at every Qt call and waits for it to come back: with a
    # worker reading a page's rows, each wait lasted up to the switch interval (5 ms by default),
    # and a page's first show (hundreds of Qt calls) froze the window for 100–140 ms at 10×
    # where its own work took 70. One millisecond keeps the window's turns short.
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
    app.setApplicationName("LandSpace")
    app.setApplicationDisplayName("LandSpace")
    app.setOrganizationName("LandSpace")
    app.setWindowIcon(icon("landspace"))
    from PySide6.QtGui import QFont, QFontDatabase

    available = set(QFontDatabase.families())
    font = QFont(app.font())
    families = [f for f in CJK_FONTS if f in available]
    if families:
        font.setFamilies([*families, *font.families()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    try:
        app.setStyleSheet(resource_path("styles/app.qss").read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("style sheet missing")
    return app


def _open(target: str | None) -> Database:
    """Open the database; a PostgreSQL server that refuses the login without a password
    asks for it once (the person connects as their own database role)."""
    from sqlalchemy.engine import make_url

    from models.database import open_database
    from models.errors import DomainError

    try:
        return open_database(target)
    except DomainError as exc:
        if exc.code != "database.login_failed" or not target:
            raise
        password, ok = QInputDialog.getText(
            None,
            tr("登录数据库服务器"),
            tr("{user} 的密码：", user=exc.fields.get("user", "")),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            raise
        return open_database(make_url(target).set(password=password).render_as_string(hide_password=False))


def _error_box(title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.exec()


def _login(db: Database) -> CurrentUser | None:
    """The user: ``desktop.admin.login_dialog.run_login`` asks when the database has several
    users (None: cancelled) and records the OS account otherwise."""
    from desktop.admin.login_dialog import run_login

    return run_login(db)


def run_window(args: list[str]) -> int:
    """``landspace`` without a subcommand: open the window on the configured database."""
    from desktop.i18n import set_language
    from desktop.messages import render
    from desktop.qt_setup import prepare_application
    from desktop.settings import DATABASE_URL, LANGUAGE
    from models.errors import DomainError

    options = parse_args(args)
    app = make_application()
    set_language(options.lang or settings().get(LANGUAGE))
    prepare_application(app)  # Qt's own translations, the locale, accessible names
    target = options.db or settings().get(DATABASE_URL) or None
    # The frame first (cold start stays fast), then the database, the login and the pages.
    window = MainWindow()
    window.show()
    app.processEvents()
    early = window.show_snapshot(target)  # the overview as last read, if provably current
    app.processEvents()
    try:
        from desktop.startup import import_pages, run_live

        def open_database() -> Database:
            from desktop.backup_schedule import run_scheduled_backup

            opened = _open(target)
            run_scheduled_backup(opened, at_exit=False)  # a daily/weekly copy that is due, off the UI thread
            import_pages()  # off the UI thread too
            return opened

        db = run_live(open_database)  # the window stays live while the file is opened
    except DomainError as exc:
        window.close()
        _error_box(
            tr("无法打开数据库"),
            "\n".join(render(p) for p in exc.problems)
            + "\n\n"
            + tr("可用“--db 路径”指定另一个数据库，或在设置中更改。"),
        )
        return 2
    except Exception as exc:  # a locked, unreadable or unreachable database: say so, no traceback
        window.close()
        log.exception("cannot open database %s", target)
        _error_box(
            tr("无法打开数据库"),
            tr("无法打开数据库 {target}：{reason}", target=target or tr("默认数据库"), reason=str(exc)),
        )
        return 2
    user = _login(db)
    if user is None:
        window.close()
        db.dispose()
        return 0
    if user.id is not None:  # a login was asked: the figures its user read last, if current
        early = window.show_snapshot(target, user=user)
        app.processEvents()
    ctx = early.opened(db, user) if early is not None else AppContext(db, user)
    window.attach(ctx)  # (drops a snapshot shown for no login if a login was asked after all)
    for warning in db.warnings:  # e.g. the file lies in a sync folder (OneDrive, 坚果云 …)
        QMessageBox.warning(window, tr("数据库位置"), render(warning))
    if options.page:
        window.select_page(options.page)
    code = app.exec()
    from desktop.backup_schedule import run_scheduled_backup

    run_scheduled_backup(db, at_exit=True)  # the user's backup schedule (desktop/backup_schedule.py)
    db.dispose()
    return int(code)


def application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
